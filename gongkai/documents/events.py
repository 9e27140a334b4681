"""Domain events of the documents app: what happened to a government information item.

Lower apps announce, higher apps listen. ``documents`` does not know who keeps copies of its public
items (the search index, the portal's page cache, statistics); those apps connect receivers to these
signals in their ``AppConfig.ready()``. A service announces inside its transaction and the signal is
sent once the transaction commits, so a rolled-back change never reaches a copy.

Receivers get ``sender=Document`` and keyword arguments:

- ``document_published``: ``document_id``: the item is now public (publication, or republication).
- ``document_withdrawn``: ``document_id``: the item left the portal (撤回); its 索引号 stays.
- ``document_changed``: ``document_id``: the public record changed without a change of status.
- ``validity_changed``: ``document_id``, ``before``, ``after``, ``effective_on``: its 效力状态 changed.
- ``documents_imported``: ``documents``: the list of Document rows a bulk import just wrote and
  committed (sent right after each batch's transaction, so they are searchable when the import returns).

A failing receiver is logged and does not stop the others (the committed change stands; ``gongkai
search reindex`` repairs the index).
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

document_published = Signal()
document_withdrawn = Signal()
document_changed = Signal()
validity_changed = Signal()
documents_imported = Signal()


def send_now(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` to every receiver; a receiver's exception is logged, not raised."""
    for receiver, result in signal.send_robust(sender=apps.get_model("documents", "Document"), **kwargs):
        if isinstance(result, Exception):
            logger.error("documents event receiver %r failed", receiver, exc_info=result)


def announce(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once when there is none)."""
    transaction.on_commit(lambda: send_now(signal, **kwargs))
