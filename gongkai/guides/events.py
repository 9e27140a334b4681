"""Domain events of service guides, sent after the transaction commits (``guide`` and ``org`` ids)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

guide_published = Signal()
guide_changed = Signal()
guide_withdrawn = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    def send() -> None:
        for receiver, result in signal.send_robust(sender="guides", **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of a guide event failed", receiver, exc_info=result)

    transaction.on_commit(send)
