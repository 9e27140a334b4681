"""WSGI front that answers repeated anonymous GETs of cached portal pages from process memory.

Published pages change rarely and are read by thousands: after Django has rendered (or served from
the page cache) a cacheable portal page once, this worker keeps the complete response — status,
headers and body — and answers the next identical request before Django's middleware, URL
resolution and signals run. Each request still reads the shared cache generation, so a publication
(``bump_generation()``) invalidates every worker's copy at once. Anything else — staff with a session,
POSTs, other query parameters, responses without ``X-Portal-Cache`` — goes to Django unchanged.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock

from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.http import parse_etags

from gongkai.core.display import PREF_COOKIES
from gongkai.core.pagecache import CACHEABLE_PARAMS, current_generation

MAX_ENTRIES = 1024  # ~10 KB a page: about 10 MB per worker at most
PREFIXES = ("/gk/", "/sitemap.xml")


class CachedPages:
    """The WSGI application wrapper; install in gongkai/wsgi.py around Django's application."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.entries: OrderedDict[tuple, tuple[str, list[tuple[str, str]], bytes, str]] = OrderedDict()
        self.lock = Lock()

    def _key(self, environ: dict) -> tuple | None:
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if method not in ("GET", "HEAD") or not (path == "/" or path.startswith(PREFIXES)):
            return None
        cookies = parse_cookie(environ.get("HTTP_COOKIE", "")) if environ.get("HTTP_COOKIE") else {}
        if settings.SESSION_COOKIE_NAME in cookies:
            return None  # possibly signed-in staff: always let Django decide
        query = environ.get("QUERY_STRING", "")
        if query:
            names = {part.split("=", 1)[0] for part in query.split("&") if part}
            if not names <= CACHEABLE_PARAMS or len(query) > 40:
                return None
        prefs = tuple(cookies.get(name, "") for name in PREF_COOKIES)
        return (environ.get("HTTP_HOST", ""), environ.get("wsgi.url_scheme"), path, query, prefs)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        try:
            generation = current_generation()
        except Exception:  # the shared cache is unreachable: Django answers (and reports) as usual
            return self.app(environ, start_response)
        with self.lock:
            entry = self.entries.get((generation, key))
            if entry is not None:
                self.entries.move_to_end((generation, key))
        if entry is not None:
            status, headers, body, etag = entry
            if_none_match = environ.get("HTTP_IF_NONE_MATCH")
            if if_none_match and etag in parse_etags(if_none_match):
                start_response("304 Not Modified", [h for h in headers if h[0] != "Content-Length"])
                return [b""]
            start_response(status, headers)
            return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]
        return self._fill(environ, start_response, (generation, key))

    def _fill(self, environ: dict, start_response: Callable, key: tuple) -> Iterable[bytes]:
        captured: dict = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        result = self.app(environ, capture)
        if environ["REQUEST_METHOD"] != "GET" or not captured.get("status", "").startswith("200"):
            return result
        names = {name.lower(): value for name, value in captured["headers"]}
        if "x-portal-cache" not in names or "set-cookie" in names or "etag" not in names:
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(n, v) for n, v in captured["headers"] if n.lower() != "x-portal-cache"] + [("X-Portal-Cache", "memory")]
        with self.lock:
            self.entries[key] = (captured["status"], headers, body, names["etag"])
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
        return [body]
