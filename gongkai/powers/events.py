"""Domain events of the power list, sent after the transaction commits (``power_list`` and ``org`` ids)."""

from __future__ import annotations

from django.dispatch import Signal

from gongkai.core import events as core_events
from gongkai.core import pagecache

power_list_published = Signal()


def announce(signal: Signal, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (through gongkai.core.events).

    Each of these changes what this app's public pages show, so the page cache's generation moves too.
    """
    core_events.announce(signal, "powers", **kwargs)
    pagecache.bump_after_commit()
