"""Writes on the normative register: registration, filing and period, lifecycle changes, lapse.

Each function validates, writes and appends to the register (登记簿) in one transaction, then announces a
domain event after the commit (events.py). The document itself (body, review, publication) stays with
gongkai.documents; this app only adds to it and keeps its 效力状态 in step with the lifecycle.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.documents import events as document_events
from gongkai.documents.models import Document, Genre, Status
from gongkai.documents.validity import date_validity_change
from gongkai.orgs.permissions import Capability, org_ids_with, require

from . import events, rules
from .models import CleanupCampaign, Lifecycle, LifecycleEvent, NormativeDocument, RegisterAction

DEAD_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN})
# Registration fields a service may set (the rest change only through the lifecycle).
FIELDS = ("registration_number", "effective_from", "valid_until", "filed_with", "filing_number", "filed_on",
          "responsible")
ACTION_CODES = {
    rules.LifecycleAction.AMEND: RegisterAction.AMEND,
    rules.LifecycleAction.REPEAL: RegisterAction.REPEAL,
    rules.LifecycleAction.EXPIRE: RegisterAction.EXPIRE,
}


def require_editor(actor, org) -> None:
    require(actor, org, Capability.EDIT_NORMATIVE, "您不是该机构的信息员或政务公开办管理员，不能管理其规范性文件。")


def _clean(document: Document, values: dict, *, exclude_pk: int | None = None) -> dict:
    """Normalize registration values; raises RuleViolation with every error keyed by field."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise RuleViolation(f"不能直接修改这些字段：{'、'.join(sorted(unknown))}")
    cleaned = dict(values)
    errors: dict[str, str] = {}
    for name in ("registration_number", "filed_with", "filing_number"):
        if name in cleaned:
            cleaned[name] = " ".join((cleaned[name] or "").split())
    number = cleaned.get("registration_number")
    if number:
        clash = NormativeDocument.objects.filter(document__unified_number=number)
        if exclude_pk:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["registration_number"] = f"统一登记号“{number}”已登记在另一件规范性文件上。"
    effective_from, valid_until = cleaned.get("effective_from"), cleaned.get("valid_until")
    if effective_from and document.written_on and effective_from < document.written_on:
        errors["effective_from"] = "施行日期不能早于成文日期。"
    errors.update(rules.period_errors(effective_from, valid_until, title=document.title))
    filed_on = cleaned.get("filed_on")
    if filed_on and document.written_on and filed_on < document.written_on:
        errors["filed_on"] = "备案日期不能早于成文日期。"
    responsible = cleaned.get("responsible")
    if responsible is not None and document.org_id not in org_ids_with(responsible):
        errors["responsible"] = "责任人须是该文件制定机构的工作人员。"
    if errors:
        raise RuleViolation.from_dict(errors)
    return cleaned


def _refresh(document: Document) -> None:
    """The public page shows the register's data: tell search and the page cache after the commit."""
    if document.status == Status.PUBLISHED:
        document_events.announce(document_events.document_changed, document_id=document.pk)


@transaction.atomic
def register(*, actor, document: Document, effective_from: dt.date | None = None,
             valid_until: dt.date | None = None, **fields) -> NormativeDocument:
    """Register ``document`` as a normative document (行政规范性文件) in force.

    The 施行日期 defaults to the 成文日期 and the 有效期至 to five years later (two for 暂行/试行).
    """
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    require_editor(actor, document.org)
    if document.status in DEAD_STATUSES:
        raise RuleViolation(f"文件已{document.get_status_display()}，不能登记为规范性文件。")
    if NormativeDocument.objects.filter(document=document).exists():
        raise RuleViolation("该文件已经登记为规范性文件。")
    effective_from = effective_from or document.written_on or document.published_on
    if effective_from and valid_until is None:
        valid_until = rules.default_valid_until(effective_from, title=document.title)
    cleaned = _clean(document, {"effective_from": effective_from, "valid_until": valid_until, **fields})
    number = cleaned.pop("registration_number", None)
    changed_document = []
    if number is not None and number != document.unified_number:
        document.unified_number = number
        changed_document.append("unified_number")
    if document.genre != Genre.NORMATIVE:
        document.genre = Genre.NORMATIVE
        changed_document.append("genre")
    if changed_document:
        document.save(update_fields=[*changed_document, "updated_at"])
    item = NormativeDocument.objects.create(document=document, lifecycle=Lifecycle.IN_FORCE, **cleaned)
    record(actor=actor, action=RegisterAction.REGISTER, obj=item, org=document.org, to_state=item.lifecycle,
           data={"document": document.pk, "registration_number": document.unified_number,
                 "effective_from": _iso(item.effective_from), "valid_until": _iso(item.valid_until)})
    _refresh(document)
    events.announce(events.normative_registered, normative=item.pk, org=document.org_id)
    return item


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def update(*, actor, normative: NormativeDocument, **fields) -> NormativeDocument:
    """Change the registration details; the register keeps the fields that changed, old and new."""
    item = NormativeDocument.objects.select_for_update().select_related("document__org").get(pk=normative.pk)
    document = item.document
    require_editor(actor, document.org)
    current = {name: getattr(item, name) for name in FIELDS if name != "registration_number"}
    current["registration_number"] = document.unified_number
    cleaned = _clean(document, {**current, **fields}, exclude_pk=item.pk)
    changes = {name: [_plain(current[name]), _plain(value)] for name, value in cleaned.items()
               if current[name] != value}
    if not changes:
        return item
    number = cleaned.pop("registration_number", document.unified_number)
    if number != document.unified_number:
        document.unified_number = number
        document.save(update_fields=["unified_number", "updated_at"])
    for name, value in cleaned.items():
        setattr(item, name, value)
    item.save()
    record(actor=actor, action=RegisterAction.UPDATE, obj=item, org=document.org, from_state=item.lifecycle,
           to_state=item.lifecycle, data={"changes": changes})
    _refresh(document)
    events.announce(events.normative_changed, normative=item.pk, org=document.org_id)
    return item


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "get_username"):
        return value.get_username()
    return value


def apply_lifecycle(*, actor, item: NormativeDocument, action: str, effective_on: dt.date,
                    by_document: Document | None = None, reason: str = "",
                    campaign: CleanupCampaign | None = None) -> LifecycleEvent:
    """Change the lifecycle of a locked ``item`` (no permission check: callers check); one register entry."""
    error = rules.lifecycle_error(action, item.lifecycle, has_basis=by_document is not None or campaign is not None)
    if error:
        raise RuleViolation(error)
    document = item.document
    issued = document.written_on or document.published_on
    if issued and effective_on < issued:
        raise RuleViolation("生效日期不能早于文件的成文日期。", field="effective_on")
    rule = rules.LIFECYCLE[action]
    before = item.lifecycle
    event = LifecycleEvent.objects.create(
        normative=item, from_state=before, to_state=rule.to_state, effective_on=effective_on,
        by_document=by_document, reason=reason.strip()[:300], campaign=campaign,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    item.lifecycle, item.lifecycle_on = rule.to_state, effective_on
    if by_document is not None:
        item.replaced_by = by_document
    if action == rules.LifecycleAction.AMEND:
        item.to_amend = False
    item.save()
    record(actor=actor, action=ACTION_CODES[action], obj=item, org=document.org, from_state=before,
           to_state=rule.to_state, comment=reason,
           data={"effective_on": effective_on.isoformat(), "by_document": by_document.pk if by_document else None,
                 "campaign": campaign.pk if campaign else None})
    # The catalog's 效力状态 is the lifecycle (the same codes): its dated history, register entry and
    # validity_changed event (page cache, search) come from documents' one validity service.
    locked = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    date_validity_change(actor=actor, document=locked, status=rule.to_state, effective_on=effective_on,
                         note=f"{rules.LIFECYCLE[action].label}：{reason}" if reason else rules.LIFECYCLE[action].label)
    events.announce(events.lifecycle_changed, normative=item.pk, org=document.org_id, to_state=rule.to_state,
                    effective_on=effective_on.isoformat())
    return event


@transaction.atomic
def change_lifecycle(*, actor, normative: NormativeDocument, action: str, effective_on: dt.date,
                     by_document: Document | None = None, reason: str = "") -> LifecycleEvent:
    """Mark a normative document 已修改 / 已废止 / 已失效 from ``effective_on``, by ``by_document``."""
    item = NormativeDocument.objects.select_for_update().select_related("document__org").get(pk=normative.pk)
    require_editor(actor, item.document.org)
    if effective_on > timezone.localdate():
        raise RuleViolation("生效日期不能晚于今天；请在决定生效后再标注。", field="effective_on")
    if by_document is not None:
        if by_document.pk == item.document_id:
            raise RuleViolation("修改或废止文件不能是该文件本身。", field="by_document")
        if by_document.org_id not in org_ids_with(actor) or by_document.status != Status.PUBLISHED:
            raise RuleViolation("请选择您可以查看的、已发布的修改或废止文件。", field="by_document")
    if action == rules.LifecycleAction.EXPIRE and not reason.strip():
        raise RuleViolation("请填写失效的理由，例如“有效期届满”。", field="reason")
    return apply_lifecycle(actor=actor, item=item, action=action, effective_on=effective_on,
                           by_document=by_document, reason=reason)


def expire_lapsed(*, today: dt.date | None = None, actor="有效期届满自动标注") -> list[int]:
    """Mark 已失效 every normative document whose period ended before ``today``; returns their ids.

    Each document is its own transaction, so one bad row does not hold back the rest.
    """
    today = today or timezone.localdate()
    ids = list(NormativeDocument.objects.filter(lifecycle__in=list(rules.IN_FORCE_STATES), valid_until__lt=today)
               .values_list("pk", flat=True))
    done = []
    for pk in ids:
        with transaction.atomic():
            item = NormativeDocument.objects.select_for_update().select_related("document__org").get(pk=pk)
            if item.lifecycle not in rules.IN_FORCE_STATES or not item.valid_until or item.valid_until >= today:
                continue
            apply_lifecycle(actor=actor, item=item, action=rules.LifecycleAction.EXPIRE,
                            effective_on=rules.lapse_date(item.valid_until), reason="有效期届满")
            done.append(pk)
    return done
