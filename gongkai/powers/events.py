"""Domain events of the power list, sent after the transaction commits (``power_list`` and ``org`` ids)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

power_list_published = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    def send() -> None:
        for receiver, result in signal.send_robust(sender="powers", **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of a power-list event failed", receiver, exc_info=result)

    transaction.on_commit(send)
