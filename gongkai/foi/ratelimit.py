"""Per-client rate limit for public submissions, kept in Django's cache (Redis in production)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 10
DEFAULT_WINDOW = 3600
MESSAGE = "提交过于频繁，请一小时后再试。如需帮助请致电受理机关。"


def client_ip(request) -> str:
    """The client address; X-Forwarded-For is trusted only behind a configured proxy."""
    if getattr(settings, "GONGKAI_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow_submission(ip: str) -> bool:
    """Count one submission from ``ip`` in the current window; False once the limit is exceeded."""
    limit = getattr(settings, "GONGKAI_FOI_RATE_LIMIT", DEFAULT_LIMIT)
    window = getattr(settings, "GONGKAI_FOI_RATE_WINDOW", DEFAULT_WINDOW)
    key = f"foi:submit:{ip}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
