"""Domain events of service guides, sent after the transaction commits (``guide`` and ``org`` ids)."""

from __future__ import annotations

from django.dispatch import Signal

from gongkai.core import events as core_events
from gongkai.core import pagecache

guide_published = Signal()
guide_changed = Signal()
guide_withdrawn = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (through gongkai.core.events).

    Each of these changes what this app's public pages show, so the page cache's generation moves too.
    """
    core_events.announce(signal, "guides", **kwargs)
    pagecache.bump_after_commit()
