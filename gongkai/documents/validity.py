"""Validity history (效力状态): every change of a document's validity is a dated ValidityEvent.

Two ways in. Staff register a change with the day it took legal effect (``record_validity_change``,
e.g. the day a 废止 decision took effect); any other saved change of ``Document.validity`` (a service,
the admin) is dated the day it is saved (``Document.save`` writes that event itself). A document
created already repealed has no known repeal date and gets no event (the annual report then uses its
current validity). Both announce ``events.validity_changed`` after commit: the public page shows the
validity and search favours documents in force.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.orgs.permissions import Capability, require

from . import events
from .actions import DocumentAction
from .models import Document, Validity, ValidityEvent

# Checks a higher app registers for documents whose validity it owns (the normative register keeps
# 修改/废止/失效 of a 行政规范性文件 with their basis): each gets the document and the new status and returns
# a Chinese message to refuse the change here, or "". The register's own service calls
# date_validity_change directly.
_guards: list[Callable[[Document, str], str]] = []


def register_validity_guard(guard: Callable[[Document, str], str]) -> Callable[[Document, str], str]:
    """Add ``guard`` (from an AppConfig.ready(); registered once however often ready() runs)."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


@transaction.atomic
def record_validity_change(*, actor, document: Document, status: str, effective_on: date,
                           note: str = "") -> ValidityEvent:
    """Record that ``document``'s 效力状态 changed on ``effective_on``; its validity follows the latest event."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    require(actor, document.org, Capability.CHANGE_VALIDITY, "只有本机构的信息员或政务公开办管理员可以变更效力状态。")
    if effective_on > timezone.localdate():
        raise RuleViolation("生效日期不能晚于今天。", field="effective_on")
    for guard in _guards:
        message = guard(document, status)
        if message:
            raise RuleViolation(message, field="status")
    return date_validity_change(actor=actor, document=document, status=status, effective_on=effective_on, note=note)


def date_validity_change(*, actor, document: Document, status: str, effective_on: date,
                         note: str = "") -> ValidityEvent:
    """The dated change itself, for a caller that has locked the document and checked its own rule.

    A register that owns the reasons for a change (normative.services: 修改, 废止, 失效, a clean-up) decides
    who may make it; the validity history, its register entry and the event stay here in one place.
    Runs inside the caller's transaction.
    """
    if status not in Validity.values or not status:
        raise RuleViolation("请选择有效的效力状态。", field="status")
    event = ValidityEvent.objects.create(document=document, status=status, effective_on=effective_on,
                                         note=note.strip()[:200])
    latest = document.validity_events.order_by("-effective_on", "-id").first()
    before = document.validity
    if latest is not None and latest.status != document.validity:
        # A queryset update: this event already dates the change, so Document.save must not add another.
        document.validity = latest.status
        Document.objects.filter(pk=document.pk).update(validity=latest.status, updated_at=timezone.now())
    record(actor=actor, action=DocumentAction.VALIDITY_CHANGE, obj=document, org=document.org, from_state=before,
           to_state=document.validity, comment=note, data={"status": status, "effective_on": effective_on.isoformat()})
    events.announce(events.validity_changed, document_id=document.pk, before=before, after=document.validity,
                    effective_on=effective_on)
    return event
