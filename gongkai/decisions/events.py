"""Domain events of the decision catalog, sent after the transaction commits (``catalog`` and ``org`` ids)."""

from __future__ import annotations

from django.dispatch import Signal

from gongkai.core import events as core_events
from gongkai.core import pagecache

# The year's catalog was published, or a published catalog changed (an item, a stage, a decision).
catalog_published = Signal()
catalog_changed = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits; the public catalog page changes with it."""
    core_events.announce(signal, "decisions", **kwargs)
    pagecache.bump_after_commit()
