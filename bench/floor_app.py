"""A trivial WSGI application that answers every request with one file's bytes.

Run under gunicorn with the site's worker settings, it shows the ceiling of the application server
itself: the gap between it and Gongkai is the cost of Django and the page cache, the gap between it
and nginx is the cost of gunicorn and Python.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

BODY = Path(os.environ.get("BENCH_FLOOR_FILE", __file__)).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
