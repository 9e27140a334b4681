"""Sending domain events: each app declares its signals in its own ``events.py`` and sends them here.

``announce`` defers the send until the current transaction commits, so a rolled-back change is never
announced; ``send_now`` sends at once. A failing receiver is logged and does not stop the others.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_now(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send ``signal`` to every receiver; a receiver's exception is logged, not raised."""
    for receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            logger.error("event receiver %r failed", receiver, exc_info=result)


def announce(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once when there is none)."""
    transaction.on_commit(lambda: send_now(signal, sender, **kwargs))
