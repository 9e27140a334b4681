"""Domain events of suggestion and proposal replies, sent after commit (``proposal`` and ``org`` ids)."""

from __future__ import annotations

from django.dispatch import Signal

from gongkai.core import events as core_events
from gongkai.core import pagecache

proposal_published = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits; the public list changes with it."""
    core_events.announce(signal, "proposals", **kwargs)
    pagecache.bump_after_commit()
