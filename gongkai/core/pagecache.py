"""Full-page cache for public pages (the portal's and every app's public screens).

Published pages change rarely and are read very often, so the complete rendered HTML of
anonymous GET requests is kept in Django's cache. Every publish/withdraw calls
``bump_generation()``; the generation number is part of every key, so one increment
invalidates all cached pages at once without scanning the cache.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from .display import display_prefs

GENERATION_KEY = "portal:generation"


def current_generation() -> int:
    """Return the current cache generation, initialising it when absent."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(time.time() * 1000)
        # add() keeps the value another process may have set in between.
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def bump_generation() -> int:
    """Invalidate every cached portal page. Call after any publish/withdraw/change of public data."""
    try:
        return int(cache.incr(GENERATION_KEY))
    except ValueError:
        # Key missing (first run or evicted): start from a fresh, strictly newer value.
        value = int(time.time() * 1000)
        cache.set(GENERATION_KEY, value, timeout=None)
        return value


def bump_after_commit() -> None:
    """Invalidate the cached pages once the current transaction commits (at once without one)."""
    transaction.on_commit(bump_generation, robust=True)


def page_key(path_and_query: str, variant: str) -> str:
    """Cache key for one rendered page variant at the current generation."""
    digest = hashlib.sha256(f"{path_and_query}|{variant}".encode()).hexdigest()
    return f"portal:page:{current_generation()}:{digest}"


# --- Full-page cache of anonymous GET requests -------------------------------------------------

# Only these query parameters change what a portal page shows. A request carrying anything else is
# rendered but not stored, so random query strings cannot flood the cache.
CACHEABLE_PARAMS = frozenset({"page", "print", "p", "year"})  # "p": sitemap page; "year": column filter
PAGE_TIMEOUT = 24 * 60 * 60


def _variant(request: HttpRequest) -> str:
    # The host is part of the variant: feeds and sitemaps carry absolute URLs built from it
    # (ALLOWED_HOSTS bounds how many variants there can be).
    prefs = display_prefs(request)
    return f"host={request.get_host()};elder={int(bool(prefs['elder']))};font={prefs['font']};contrast={int(bool(prefs['contrast']))}"


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return set(request.GET.keys()) <= CACHEABLE_PARAMS and all(len(v) <= 10 for v in request.GET.values())


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not response.has_header("Set-Cookie")
        and "private" not in response.get("Cache-Control", "")
    )


def _finish(
    request: HttpRequest, response: HttpResponse, etag: str, last_modified: float, state: str
) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers and proxies may keep a copy but must revalidate; pages vary by display cookies.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    response["X-Portal-Cache"] = state
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified), response=response
    )
    if conditional is not response:
        conditional["X-Portal-Cache"] = state
    return conditional


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs of a public page from the page cache; answer conditional GETs with 304."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request.get_full_path(), _variant(request))
        entry = cache.get(key)
        if entry is not None:
            response = HttpResponse(entry["content"], content_type=entry["content_type"])
            return _finish(request, response, entry["etag"], entry["last_modified"], "hit")
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()  # TemplateResponse (e.g. the sitemap view)
        if request.method != "GET" or not _cacheable_response(request, response):
            return response
        content = response.content
        etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
        last_modified = time.time()
        cache.set(
            key,
            {
                "content": content,
                "content_type": response["Content-Type"],
                "etag": etag,
                "last_modified": last_modified,
            },
            PAGE_TIMEOUT,
        )
        return _finish(request, response, etag, last_modified, "miss")

    return wrapped
