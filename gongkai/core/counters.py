"""Atomic hit counters for rate limits, in the database (every engine, every server).

``hit`` is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement (SQLite ≥ 3.35, PostgreSQL), so
concurrent requests from any number of workers and servers never lose or double a count; the file cache
did (15–16 of 30 admitted against a limit of 10). A window opens at a key's first hit and lasts
``window`` seconds; the next hit after it opens a new one.
"""

from __future__ import annotations

import random
import time

from django.db import connection

from .models import RateCounter

_TABLE = RateCounter._meta.db_table
_HIT = f"""
INSERT INTO {_TABLE} (key, window_start, count) VALUES (%s, %s, 1)
ON CONFLICT (key) DO UPDATE SET
  count = CASE WHEN {_TABLE}.window_start + %s > excluded.window_start THEN {_TABLE}.count + 1 ELSE 1 END,
  window_start = CASE WHEN {_TABLE}.window_start + %s > excluded.window_start
                      THEN {_TABLE}.window_start ELSE excluded.window_start END
RETURNING count
"""
PURGE_CHANCE = 0.01  # of hits that also delete windows closed more than a day ago
PURGE_AGE = 24 * 3600


def hit(key: str, window: int, *, now: float | None = None) -> int:
    """Count one hit under ``key`` and return the count in its current window."""
    moment = int(now if now is not None else time.time())
    with connection.cursor() as cursor:
        cursor.execute(_HIT, [key, moment, window, window])
        count = cursor.fetchone()[0]
    if random.random() < PURGE_CHANCE:  # noqa: S311 - housekeeping, not security
        RateCounter.objects.filter(window_start__lt=moment - max(window, PURGE_AGE)).delete()
    return count


def current(key: str, window: int, *, now: float | None = None) -> int:
    """The count in ``key``'s open window (0 when none is open); counts nothing."""
    moment = int(now if now is not None else time.time())
    row = RateCounter.objects.filter(key=key, window_start__gt=moment - window).values_list("count", flat=True).first()
    return row or 0


def reset(key: str) -> None:
    RateCounter.objects.filter(key=key).delete()
