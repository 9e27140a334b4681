"""Domain events of the gazette, sent after the transaction commits (receivers get ``issue`` and ``org`` ids)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

gazette_issue_published = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    def send() -> None:
        for receiver, result in signal.send_robust(sender="gazette", **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of a gazette event failed", receiver, exc_info=result)

    transaction.on_commit(send)
