"""Keep the register complete: every published 行政规范性文件 has its register row.

A document drafted or imported with the genre 行政规范性文件 is registered when it is published (the
documents app announces ``document_published`` and ``documents_imported``; apps.py connects them here),
with the defaults a registration by hand would give: 施行日期 its 成文日期, 有效期至 five years later (two
for 暂行/试行), the lifecycle of its current 效力状态, and its dated validity history copied as
lifecycle events so the annual report counts the same years. Staff complete the filing details later.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from gongkai.audit.services import record
from gongkai.documents.models import Document, Genre, ValidityEvent

from . import events, rules
from .models import Lifecycle, LifecycleEvent, NormativeDocument, RegisterAction

ACTOR = "规范性文件自动登记"


def lifecycle_of(validity: str) -> str:
    return validity if validity in Lifecycle.values else Lifecycle.IN_FORCE


def register_published(document_ids: Iterable[int]) -> list[int]:
    """Register the published normative-genre documents among ``document_ids`` that have no row yet."""
    ids = list(document_ids)
    if not ids:
        return []
    done = []
    candidates = (Document.objects.public().filter(pk__in=ids, genre=Genre.NORMATIVE, normative__isnull=True)
                  .select_related("org"))
    for document in candidates:
        with transaction.atomic():
            locked = Document.objects.select_for_update().get(pk=document.pk)
            if NormativeDocument.objects.filter(document=locked).exists():
                continue
            effective = locked.written_on or locked.published_on
            history = list(ValidityEvent.objects.filter(document=locked).order_by("effective_on", "pk"))
            item = NormativeDocument.objects.create(
                document=locked, effective_from=effective, lifecycle=lifecycle_of(locked.validity),
                valid_until=rules.default_valid_until(effective, title=locked.title) if effective else None,
                lifecycle_on=history[-1].effective_on if history else None)
            state = Lifecycle.IN_FORCE
            for event in history:
                to_state = lifecycle_of(event.status)
                LifecycleEvent.objects.create(normative=item, from_state=state, to_state=to_state,
                                              effective_on=event.effective_on, reason=event.note[:300])
                state = to_state
            record(actor=ACTOR, action=RegisterAction.REGISTER, obj=item, org=document.org, to_state=item.lifecycle,
                   data={"document": document.pk, "automatic": True, "valid_until":
                         item.valid_until.isoformat() if item.valid_until else None})
            events.announce(events.normative_registered, normative=item.pk, org=document.org_id)
            done.append(item.pk)
    return done
