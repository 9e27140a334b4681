"""Writes of disclosure on request: each validates, writes, records an event and an audit entry in one transaction.

The due date is never typed: refresh_due_date() derives it from the stored receipt date and clock events
with deadlines.compute_due_date(), the same computation `gongkai requests due-date` prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core import files, querycodes, sequences
from gongkai.orgs import permissions
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability
from gongkai.orgs.selectors import roles_in

from . import events, rules
from .actions import RequestAction
from .choices import Channel, EventKind, Status
from .models import (
    QUERY_PURPOSE,
    AttachmentKind,
    DisclosureRequest,
    RequestAttachment,
    RequestEvent,
    WorkflowConfig,
)
from .rules import Action, RuleError

APPLICANT_FIELDS = (
    "applicant_type", "name", "id_type", "id_number", "phone", "email", "address", "contact_name",
    "description", "purpose", "delivery",
)


def today() -> dt.date:
    return timezone.localdate()


def _calendar(org=None):
    """The working-day calendar of ``org`` (the handling organization: its local days count too)."""
    from gongkai.workdays.services import get_calendar

    return get_calendar(org)


def _actor_name(actor) -> str:
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return actor if isinstance(actor, str) else ""


def _event(req, kind, *, on, actor=None, from_status="", to_status="", comment="", data=None) -> RequestEvent:
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    return RequestEvent.objects.create(
        request=req, kind=kind, on=on, actor=real_actor, actor_name=_actor_name(actor),
        from_status=from_status, to_status=to_status, comment=comment, data=data or {},
    )


def _audit(req, action: RequestAction, *, actor, from_state="", to_state="", comment="", data=None) -> None:
    record(actor=actor, action=action, obj=req, org=req.org, from_state=from_state,
           to_state=to_state, comment=comment, data=data or {})


# --- numbering and the clock ---------------------------------------------------------------------------

def next_number(year: int) -> str:
    """Draw the next request number of ``year`` ("2026-000123"); call inside a transaction (core.sequences).

    Imported ledgers may already hold numbers in the same form; those are skipped.
    """
    seq = sequences.reserve(f"foi.request/{year}", taken=lambda n: DisclosureRequest.objects.filter(
        number=rules.format_number(year, n)).exists())
    return rules.format_number(year, seq)


def paused_periods(req: DisclosureRequest, *, until: dt.date | None = None) -> list[tuple[dt.date, dt.date]]:
    """Periods not counted: consultations (条例 Art. 33) and fee notices until payment (国办函〔2020〕109号)."""
    until = until or today()
    periods = [(c.started_on, c.answered_on or until) for c in req.consultations.all()]
    fee_notice = req.events.filter(kind=EventKind.FEE_NOTICE).order_by("-on").first()
    if fee_notice is not None:
        periods.append((fee_notice.on, req.fee_paid_on or until))
    return periods


def due_date_for(req: DisclosureRequest, calendar=None):
    """The DueDate (due, provisional, steps) of ``req`` from its stored events; None while awaiting correction."""
    from .deadlines import compute_due_date

    if req.correction_requested_on and not req.correction_received_on:
        return None
    return compute_due_date(
        received=req.received_on,
        correction_received=req.correction_received_on,
        consultations=tuple(paused_periods(req)),
        extension=req.extension_days,
        calendar=calendar or _calendar(req.org),
    )


def refresh_due_date(req: DisclosureRequest, calendar=None) -> None:
    """Recompute and store the due date of ``req`` (a replied request keeps the one it had)."""
    if req.replied_on is not None:
        return
    due = due_date_for(req, calendar)
    req.due_on = due.due if due else None
    req.due_provisional = bool(due and due.provisional)
    req.save(update_fields=["due_on", "due_provisional", "updated_at"])


def recompute_deadlines(*, calendar_for, apply: bool = True) -> list:
    """The open requests whose due date ``calendar_for(org)`` moves, as workdays.MovedDeadline rows.

    With ``apply`` the new due dates are stored and each change is registered; without, nothing is written
    (the preview of a holiday notice). Each request is counted on the calendar of its handling organization.
    """
    from gongkai.workdays.services import MovedDeadline

    moved: list[MovedDeadline] = []
    calendars: dict[int, object] = {}
    with transaction.atomic():
        open_requests = DisclosureRequest.objects.filter(replied_on__isnull=True).select_related("org")
        if apply:
            open_requests = open_requests.select_for_update(of=("self",))
        for req in open_requests.order_by("due_on", "number"):
            calendar = calendars.get(req.org_id)
            if calendar is None:
                calendar = calendars[req.org_id] = calendar_for(req.org)
            before = (req.due_on, req.due_provisional)
            due = due_date_for(req, calendar)
            after = (due.due, due.provisional) if due else (None, False)
            if after == before:
                continue
            moved.append(MovedDeadline(label=f"依申请公开 {req.number}", org=req.org.name, before=before[0],
                                       after=after[0], provisional_before=before[1], provisional_after=after[1]))
            if apply:
                refresh_due_date(req, calendar)
                _audit(req, RequestAction.DUE_RECOMPUTED, actor="系统",
                       data={"before": str(before[0]), "after": str(req.due_on)})
    return moved


# --- intake ---------------------------------------------------------------------------------------------

def _create(*, org: Organization, channel: str, received_on: dt.date, fields: dict[str, Any], actor,
            action: RequestAction, data: dict | None = None) -> tuple[DisclosureRequest, str]:
    code = querycodes.new_code()
    req = DisclosureRequest.objects.create(
        org=org, number=next_number(received_on.year), query_code_hash=querycodes.make(code, purpose=QUERY_PURPOSE),
        channel=channel, received_on=received_on, status=Status.REGISTERED,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: (fields.get(k) or "") for k in APPLICANT_FIELDS},
    )
    _event(req, EventKind.RECEIVED, on=received_on, actor=actor, to_status=Status.REGISTERED,
           comment=rules.receipt_explanation(channel), data=data)
    refresh_due_date(req)
    _audit(req, action, actor=actor, to_state=Status.REGISTERED,
           data={"number": req.number, "channel": channel, "received_on": received_on.isoformat(), **(data or {})})
    events.announce(events.request_received, request_id=req.pk, org_id=req.org_id, channel=channel,
                    received_on=received_on)
    return req, code


def submit_online_request(*, org: Organization, fields: dict[str, Any], client_ip: str = "") -> tuple[DisclosureRequest, str]:
    """An applicant's online submission, received the day it is submitted. Returns (request, query code)."""
    with transaction.atomic():
        return _create(org=org, channel=Channel.ONLINE, received_on=today(), fields=fields,
                       actor="申请人（网上提交）", action=RequestAction.SUBMITTED, data={"client_ip": client_ip})


def register_request(
    *, actor, org: Organization, channel: str, fields: dict[str, Any], submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None, confirmed_on: dt.date | None = None, scan=None, backdate_reason: str = "",
) -> tuple[DisclosureRequest, str]:
    """Staff registration of a request from any channel, dated by that channel's receipt rule.

    Only request handlers and the disclosure office register (PermissionDenied otherwise); a receipt date
    more than GONGKAI_FOI_BACKDATE_WORKDAYS working days back needs ``backdate_reason``, which is recorded.
    """
    permissions.require(actor, org, Capability.REGISTER_REQUEST, "只有依申请公开经办人和政务公开办可以登记申请。")
    received_on = rules.receipt_date(channel, submitted_on=submitted_on, signed_on=signed_on,
                                     confirmed_on=confirmed_on)
    now = today()
    limit = getattr(settings, "GONGKAI_FOI_BACKDATE_WORKDAYS", rules.BACKDATE_WORKDAYS)
    ago = _calendar(org).workdays_between(received_on, now) if received_on < now else 0
    problem = rules.receipt_date_problem(received_on, now, workdays_ago=ago, limit=limit, reason=backdate_reason)
    if problem:
        field, message = problem
        raise RuleError(message, field or rules.RECEIPT_RULES[channel][0])
    extra = {"backdate_reason": backdate_reason.strip(), "workdays_before_registration": ago} if ago > limit else None
    with files.removed_on_rollback(), transaction.atomic():
        req, code = _create(org=org, channel=channel, received_on=received_on, fields=fields, actor=actor,
                            action=RequestAction.REGISTERED, data=extra)
        if scan is not None:
            attachment = RequestAttachment.objects.create(request=req, kind=AttachmentKind.SCAN, file=scan,
                                                          name=scan.name)
            files.written(attachment.file)
        return req, code


# --- the workflow ---------------------------------------------------------------------------------------

def steps_for(org: Organization) -> tuple[str, ...]:
    config = WorkflowConfig.objects.filter(org=org).first()
    return rules.validate_steps(config.steps) if config and config.steps else rules.WORKING_STEPS


def set_steps(*, actor, org: Organization, steps: list[str]) -> WorkflowConfig:
    steps = list(rules.validate_steps(steps))
    with transaction.atomic():
        config, _ = WorkflowConfig.objects.update_or_create(org=org, defaults={"steps": steps})
        record(actor=actor, action=RequestAction.WORKFLOW_CONFIGURED, obj=config, org=org, data={"steps": steps})
    return config


def authorize(req: DisclosureRequest, action: str, *, actor, status: str | None = None) -> None:
    """Refuse ``action`` unless ``actor`` holds a role rules.roles_for allows at the request's step.

    Only the applicant's own actions (an online correction) are taken without a staff account.
    """
    status = status or req.status
    if not getattr(actor, "is_authenticated", False):
        if action in rules.APPLICANT_ACTIONS:
            return
        raise RuleError("请以工作人员身份登录后办理。", "actor")
    if not rules.may_act(action, status=status, roles=roles_in(actor, req.org)):
        raise RuleError(rules.role_error(action, status=status), "actor")


def _draft(req: DisclosureRequest):
    return req.letters.filter(kind="reply", issued_on__isnull=True).first()


def is_approved(req: DisclosureRequest, steps: tuple[str, ...] | None = None) -> bool:
    """Whether the last configured step has passed (signed off) for the draft as it stands now.

    The sign-off is the latest step decision, a 通过 at the last step that left the state unchanged, naming
    the draft's current text: a draft edited after the sign-off needs a new one.
    """
    steps = steps or steps_for(req.org)
    if req.status != steps[-1]:
        return False
    last = req.events.filter(kind=EventKind.STEP).order_by("-id").first()
    if (last is None or last.data.get("action") != Action.ADVANCE or last.from_status != req.status
            or last.to_status != req.status):
        return False
    draft = _draft(req)
    return draft is None or draft.body_sha256 == last.data.get("letter_sha256")


def _transition(req, action, *, actor, on=None, comment="", kind=EventKind.STEP, data=None, on_the_spot=False):
    """Move ``req`` by ``action`` per rules.TRANSITIONS (by a permitted role); records event and audit entry."""
    before = req.status
    authorize(req, action, actor=actor, status=before)
    steps = steps_for(req.org)
    after = rules.next_state(action, status=before, steps=steps, resume_to=req.resume_status,
                             on_the_spot=on_the_spot, approved=is_approved(req, steps),
                             has_draft=_draft(req) is not None)
    if after in rules.PAUSED and before not in rules.PAUSED:
        req.resume_status = before
    elif before in rules.PAUSED and after not in rules.PAUSED:
        req.resume_status = ""
    req.status = after
    req.save()
    _event(req, kind, on=on or today(), actor=actor, from_status=before, to_status=after, comment=comment,
           data={"action": action, **(data or {})})
    _audit(req, RequestAction.of(action), actor=actor, from_state=before, to_state=after, comment=comment, data=data)
    return req


def _locked(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().select_related("org").get(pk=req.pk)


def advance(req: DisclosureRequest, *, actor, comment: str = "", back: bool = False) -> DisclosureRequest:
    """Send the request to the next configured step (or back to the previous one, with a comment)."""
    action = Action.RETURN if back else Action.ADVANCE
    authorize(req, action, actor=actor)
    if back and not comment.strip():
        raise RuleError("退回时须填写意见。", "comment")
    with transaction.atomic():
        req = _locked(req)
        # The record names the version of the draft reply each reviewer passed or returned.
        draft = _draft(req)
        data = {"letter": draft.pk, "letter_sha256": draft.body_sha256} if draft else None
        return _transition(req, action, actor=actor, comment=comment, data=data)


def archive(req, *, actor) -> DisclosureRequest:
    authorize(req, Action.ARCHIVE, actor=actor)
    with transaction.atomic():
        return _transition(_locked(req), Action.ARCHIVE, actor=actor, kind=EventKind.ARCHIVED)


def find_repeats(req: DisclosureRequest, *, limit: int = 5) -> list[tuple[DisclosureRequest, float]]:
    """Earlier answered requests of the same applicant with a similar description (offer `rejected_repeated`)."""
    if not req.id_number or not req.description:
        return []
    candidates = (DisclosureRequest.objects.filter(id_number=req.id_number, replied_on__isnull=False)
                  .exclude(pk=req.pk).order_by("-received_on")[:200])
    found = [(c, rules.similarity(req.description, c.description)) for c in candidates]
    found = [(c, s) for c, s in found if s >= rules.REPEAT_THRESHOLD]
    return sorted(found, key=lambda pair: -pair[1])[:limit]


def connect_calendar_hook() -> None:
    """Recompute open due dates whenever an operator changes a calendar (called from FoiConfig.ready).

    Registered as a deadline source: entering a holiday notice lists the requests it moved, and its
    preview lists those it would move.
    """
    from gongkai.workdays.services import register_deadline_source

    register_deadline_source(recompute_deadlines)
