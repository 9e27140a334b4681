"""Full-page cache for the public portal.

Published pages change rarely and are read very often, so the complete rendered HTML of
anonymous GET requests is kept in Django's cache. Every publish/withdraw calls
``bump_generation()``; the generation number is part of every key, so one increment
invalidates all cached pages at once without scanning the cache.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

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


def page_key(path_and_query: str, variant: str) -> str:
    """Cache key for one rendered page variant at the current generation."""
    digest = hashlib.sha256(f"{path_and_query}|{variant}".encode()).hexdigest()
    return f"portal:page:{current_generation()}:{digest}"
