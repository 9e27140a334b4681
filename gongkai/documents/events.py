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

from typing import Any

from django.apps import apps
from django.dispatch import Signal

from gongkai.core import events as core_events

document_published = Signal()
document_withdrawn = Signal()
document_changed = Signal()
validity_changed = Signal()
documents_imported = Signal()


def send_now(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` at once (``sender`` is the Document model)."""
    core_events.send_now(signal, apps.get_model("documents", "Document"), **kwargs)


def announce(signal: Signal, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once when there is none)."""
    core_events.announce(signal, apps.get_model("documents", "Document"), **kwargs)
