"""Per-client rate limit for public submissions, counted atomically in the database (core.counters)."""

from __future__ import annotations

from django.conf import settings

from gongkai.core import counters
from gongkai.core.clientip import client_ip

DEFAULT_LIMIT = 10
DEFAULT_WINDOW = 3600
__all__ = ["allow_submission", "client_ip", "record_failed_tracking", "tracking_blocked"]

MESSAGE = "提交过于频繁，请一小时后再试。如需帮助请致电受理机关。"


def allow_submission(ip: str, *, scope: str = "foi") -> bool:
    """Count one submission from ``ip`` in the current window of ``scope`` (a form family); False once over the limit."""
    limit = getattr(settings, "GONGKAI_FOI_RATE_LIMIT", DEFAULT_LIMIT)
    window = getattr(settings, "GONGKAI_FOI_RATE_WINDOW", DEFAULT_WINDOW)
    return counters.hit(f"{scope}:submit:{ip}", window) <= limit


# --- wrong query codes on the tracking page and API ---------------------------------------------------

TRACK_FAILURES = 10
TRACK_WINDOW = 30 * 60
TRACK_MESSAGE = "申请编号或查询码输错次数过多，为保护申请人信息，请30分钟后再试。如遗失查询码，请联系受理机关。"


def _track_key(ip: str) -> str:
    return f"foi:track-fail:{ip}"


def tracking_blocked(ip: str) -> bool:
    """True while ``ip`` has given GONGKAI_FOI_TRACK_FAILURES wrong number/code pairs within the window."""
    limit = getattr(settings, "GONGKAI_FOI_TRACK_FAILURES", TRACK_FAILURES)
    window = getattr(settings, "GONGKAI_FOI_TRACK_WINDOW", TRACK_WINDOW)
    return counters.current(_track_key(ip), window) >= limit


def record_failed_tracking(ip: str) -> None:
    """Count one wrong number/code pair; the window starts at the first failure and is not extended."""
    window = getattr(settings, "GONGKAI_FOI_TRACK_WINDOW", TRACK_WINDOW)
    counters.hit(_track_key(ip), window)
