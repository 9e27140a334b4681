"""Writes of disclosure on request: each validates, writes, records an event and an audit entry in one transaction.

The due date is never typed: refresh_due_date() derives it from the stored receipt date and clock events
with deadlines.compute_due_date(), the same computation `gongkai requests due-date` prints.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.orgs.models import Organization, Role
from gongkai.orgs.selectors import roles_in

from . import rules
from .choices import Channel, ConsultationParty, EventKind, FeeMethod, Outcome, Status
from .models import (
    AttachmentKind,
    Consultation,
    DisclosureRequest,
    RequestAttachment,
    RequestCounter,
    RequestEvent,
    WorkflowConfig,
)
from .rules import Action, RuleError

APPLICANT_FIELDS = (
    "applicant_type", "name", "id_type", "id_number", "phone", "email", "address", "contact_name",
    "description", "purpose", "delivery",
)
# The head of the disclosure office approves extensions (条例 Art. 33).
EXTENSION_ROLES = frozenset({Role.OFFICE_ADMIN, Role.SYSTEM_ADMIN})


def today() -> dt.date:
    return timezone.localdate()


def _calendar():
    from gongkai.workdays.services import get_calendar

    return get_calendar()


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


def _audit(req, action, *, actor, from_state="", to_state="", comment="", data=None) -> None:
    record(actor=actor, action=f"foi.{action}", obj=req, org=req.org, from_state=from_state,
           to_state=to_state, comment=comment, data=data or {})


# --- numbering and the clock ---------------------------------------------------------------------------

def next_number(year: int) -> str:
    """Draw the next request number of ``year`` ("2026-000123"); call inside a transaction.

    The counter row is created race-free (insert-or-ignore) and then locked, so concurrent submissions
    on PostgreSQL queue on one row instead of colliding on the unique number.
    """
    RequestCounter.objects.bulk_create([RequestCounter(year=year, last=0)], ignore_conflicts=True)
    counter = RequestCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    # Imported ledgers may already hold numbers in the same form; skip past them.
    while DisclosureRequest.objects.filter(number=rules.format_number(year, counter.last)).exists():
        counter.last += 1
    counter.save(update_fields=["last"])
    return rules.format_number(year, counter.last)


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
        calendar=calendar or _calendar(),
    )


def refresh_due_date(req: DisclosureRequest, calendar=None) -> None:
    """Recompute and store the due date of ``req`` (a replied request keeps the one it had)."""
    if req.replied_on is not None:
        return
    due = due_date_for(req, calendar)
    req.due_on = due.due if due else None
    req.due_provisional = bool(due and due.provisional)
    req.save(update_fields=["due_on", "due_provisional", "updated_at"])


def recompute_open_due_dates(*args, **kwargs) -> int:
    """Recompute the due date of every open request (after a holiday notice is entered); returns the count."""
    calendar = _calendar()
    count = 0
    with transaction.atomic():
        for req in DisclosureRequest.objects.filter(replied_on__isnull=True).select_for_update():
            before = (req.due_on, req.due_provisional)
            refresh_due_date(req, calendar)
            if (req.due_on, req.due_provisional) != before:
                _audit(req, "due_recomputed", actor="系统", data={"before": str(before[0]), "after": str(req.due_on)})
                count += 1
    return count


# --- intake ---------------------------------------------------------------------------------------------

def _create(*, org: Organization, channel: str, received_on: dt.date, fields: dict[str, Any], actor,
            action: str, data: dict | None = None) -> tuple[DisclosureRequest, str]:
    code = rules.new_query_code()
    req = DisclosureRequest.objects.create(
        org=org, number=next_number(received_on.year), query_code_hash=rules.hash_query_code(code),
        channel=channel, received_on=received_on, status=Status.REGISTERED,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: (fields.get(k) or "") for k in APPLICANT_FIELDS},
    )
    _event(req, EventKind.RECEIVED, on=received_on, actor=actor, to_status=Status.REGISTERED,
           comment=rules.receipt_explanation(channel), data=data)
    refresh_due_date(req)
    _audit(req, action, actor=actor, to_state=Status.REGISTERED,
           data={"number": req.number, "channel": channel, "received_on": received_on.isoformat(), **(data or {})})
    return req, code


def submit_online_request(*, org: Organization, fields: dict[str, Any], client_ip: str = "") -> tuple[DisclosureRequest, str]:
    """An applicant's online submission, received the day it is submitted. Returns (request, query code)."""
    with transaction.atomic():
        return _create(org=org, channel=Channel.ONLINE, received_on=today(), fields=fields,
                       actor="申请人（网上提交）", action="submitted", data={"client_ip": client_ip})


def register_request(
    *, actor, org: Organization, channel: str, fields: dict[str, Any], submitted_on: dt.date | None = None,
    signed_on: dt.date | None = None, confirmed_on: dt.date | None = None, scan=None,
) -> tuple[DisclosureRequest, str]:
    """Staff registration of a request from any channel, dated by that channel's receipt rule."""
    received_on = rules.receipt_date(channel, submitted_on=submitted_on, signed_on=signed_on,
                                     confirmed_on=confirmed_on)
    if received_on > today():
        raise RuleError("收到申请日期不能晚于今天。", rules.RECEIPT_RULES[channel][0])
    with transaction.atomic():
        req, code = _create(org=org, channel=channel, received_on=received_on, fields=fields, actor=actor,
                            action="registered")
        if scan is not None:
            RequestAttachment.objects.create(request=req, kind=AttachmentKind.SCAN, file=scan, name=scan.name)
        return req, code


# --- the workflow ---------------------------------------------------------------------------------------

def steps_for(org: Organization) -> tuple[str, ...]:
    config = WorkflowConfig.objects.filter(org=org).first()
    return rules.validate_steps(config.steps) if config and config.steps else rules.WORKING_STEPS


def set_steps(*, actor, org: Organization, steps: list[str]) -> WorkflowConfig:
    steps = list(rules.validate_steps(steps))
    with transaction.atomic():
        config, _ = WorkflowConfig.objects.update_or_create(org=org, defaults={"steps": steps})
        record(actor=actor, action="foi.workflow_configured", obj=config, org=org, data={"steps": steps})
    return config


def _transition(req, action, *, actor, on=None, comment="", kind=EventKind.STEP, data=None, on_the_spot=False):
    """Move ``req`` by ``action`` per rules.TRANSITIONS; records the event and the audit entry."""
    before = req.status
    after = rules.next_state(action, status=before, steps=steps_for(req.org), resume_to=req.resume_status,
                             on_the_spot=on_the_spot)
    if after in rules.PAUSED and before not in rules.PAUSED:
        req.resume_status = before
    elif before in rules.PAUSED and after not in rules.PAUSED:
        req.resume_status = ""
    req.status = after
    req.save()
    _event(req, kind, on=on or today(), actor=actor, from_status=before, to_status=after, comment=comment,
           data={"action": action, **(data or {})})
    _audit(req, action, actor=actor, from_state=before, to_state=after, comment=comment, data=data)
    return req


def _locked(req: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().select_related("org").get(pk=req.pk)


def advance(req: DisclosureRequest, *, actor, comment: str = "", back: bool = False) -> DisclosureRequest:
    """Send the request to the next configured step (or back to the previous one, with a comment)."""
    if back and not comment.strip():
        raise RuleError("退回时须填写意见。", "comment")
    with transaction.atomic():
        return _transition(_locked(req), Action.RETURN if back else Action.ADVANCE, actor=actor, comment=comment)


def request_correction(req, *, actor, on: dt.date, due_on: dt.date, note: str) -> str | None:
    """Tell the applicant once, in full, what to correct (条例 Art. 30). Returns a warning when late."""
    if not note.strip():
        raise RuleError("请写明需要补正的事项。", "note")
    if due_on <= on:
        raise RuleError("补正期限应晚于告知日期。", "due_on")
    if on < req.received_on:
        raise RuleError("告知补正日期不能早于收到申请日期。", "on")
    calendar = _calendar()
    elapsed = calendar.workdays_between(req.received_on, on)
    warning = None
    if elapsed > rules.CORRECTION_LIMIT_WORKDAYS:
        warning = f"告知补正已在收到申请后第{elapsed}个工作日，超过条例第三十条规定的7个工作日。"
    with transaction.atomic():
        req = _locked(req)
        if req.correction_requested_on:
            raise RuleError("补正只能一次性告知，本申请已告知过补正。", "on")
        req.correction_requested_on, req.correction_due_on, req.correction_note = on, due_on, note
        _transition(req, Action.REQUEST_CORRECTION, actor=actor, on=on, comment=note,
                    kind=EventKind.CORRECTION_REQUESTED,
                    data={"due_on": due_on.isoformat(), "workdays_after_receipt": elapsed, "late": bool(warning)})
        refresh_due_date(req, calendar)
    return warning


def receive_correction(req, *, actor, on: dt.date, text: str = "", upload=None) -> DisclosureRequest:
    """The corrected request arrives; the 20 working days start again from ``on`` (条例 Art. 30)."""
    if req.correction_requested_on and on < req.correction_requested_on:
        raise RuleError("收到补正日期不能早于告知补正日期。", "on")
    with transaction.atomic():
        req = _locked(req)
        req.correction_received_on, req.correction_text = on, text
        _transition(req, Action.RECEIVE_CORRECTION, actor=actor, on=on, comment=text,
                    kind=EventKind.CORRECTION_RECEIVED)
        if upload is not None:
            RequestAttachment.objects.create(request=req, kind=AttachmentKind.CORRECTION, file=upload,
                                             name=upload.name)
        refresh_due_date(req)
        return req


def start_consultation(req, *, actor, on: dt.date, party_kind: str, party_name: str) -> Consultation:
    """Consult a third party or another agency in writing; they answer within 15 working days (Art. 32)."""
    if party_kind not in ConsultationParty.values or not party_name.strip():
        raise RuleError("请选择征求对象类型并填写征求对象名称。", "party_name")
    if on < req.received_on:
        raise RuleError("征求意见日期不能早于收到申请日期。", "on")
    answer_due, _prov = _calendar().add_workdays(on, rules.CONSULTATION_ANSWER_WORKDAYS)
    with transaction.atomic():
        req = _locked(req)
        consultation = Consultation.objects.create(request=req, party_kind=party_kind, party_name=party_name,
                                                   started_on=on, answer_due_on=answer_due)
        _transition(req, Action.START_CONSULTATION, actor=actor, on=on, comment=party_name,
                    kind=EventKind.CONSULTATION_STARTED, data={"consultation": consultation.pk})
        refresh_due_date(req)
        return consultation


def answer_consultation(consultation: Consultation, *, actor, on: dt.date, answer: str = "") -> Consultation:
    if on < consultation.started_on:
        raise RuleError("收到答复日期不能早于发出征求意见日期。", "on")
    if consultation.answered_on:
        raise RuleError("该征求意见已记录答复。", "on")
    with transaction.atomic():
        req = _locked(consultation.request)
        consultation.answered_on, consultation.answer = on, answer
        consultation.save()
        if not req.consultations.filter(answered_on__isnull=True).exists():
            _transition(req, Action.FINISH_CONSULTATION, actor=actor, on=on, comment=answer,
                        kind=EventKind.CONSULTATION_ANSWERED, data={"consultation": consultation.pk})
        else:
            _event(req, EventKind.CONSULTATION_ANSWERED, on=on, actor=actor, comment=answer)
            _audit(req, "consultation_answered", actor=actor, comment=answer)
        refresh_due_date(req)
        return consultation


def extend(req, *, actor, on: dt.date, days: int, reason: str) -> DisclosureRequest:
    """Extend by at most 20 working days, approved by the disclosure-office head before the deadline."""
    if not roles_in(actor, req.org) & EXTENSION_ROLES:
        raise RuleError("延长答复期限须经政府信息公开工作机构负责人同意。", "actor")
    if req.extension_days:
        raise RuleError("本申请已延长过答复期限。", "days")
    if not 1 <= days <= rules.EXTENSION_MAX_WORKDAYS:
        raise RuleError("延长的期限为1至20个工作日。", "days")
    if not reason.strip():
        raise RuleError("请填写延期理由。", "reason")
    if req.due_on is None or on > req.due_on:
        raise RuleError("延期须在原答复期限届满前决定。", "on")
    with transaction.atomic():
        req = _locked(req)
        req.extension_days, req.extension_reason = days, reason
        _transition(req, Action.EXTEND, actor=actor, on=on, comment=reason, kind=EventKind.EXTENDED,
                    data={"days": days, "previous_due": req.due_on.isoformat()})
        refresh_due_date(req)
        return req


def earlier_requests_in_month(req: DisclosureRequest) -> int:
    """The same applicant's requests received earlier in the same calendar month (fee by piece)."""
    if not req.id_number:
        return 0
    month = Q(received_on__year=req.received_on.year, received_on__month=req.received_on.month)
    earlier = Q(received_on__lt=req.received_on) | Q(received_on=req.received_on, pk__lt=req.pk)
    return DisclosureRequest.objects.filter(month & earlier, id_number=req.id_number).count()


def issue_fee_notice(req, *, actor, on: dt.date, method: str, pay_by: dt.date, pages: int = 0,
                     waived: Decimal = Decimal(0), waiver_reason: str = "") -> DisclosureRequest:
    """Notice of an information-processing fee (国办函〔2020〕109号), by piece or by volume, never both."""
    if method == FeeMethod.BY_PIECE:
        amount = rules.fee_by_piece(earlier_in_month=earlier_requests_in_month(req))
    elif method == FeeMethod.BY_VOLUME:
        amount = rules.fee_by_volume(pages)
    else:
        raise RuleError("请选择按件或按量计收。", "method")
    if waived < 0 or waived > amount:
        raise RuleError("减免金额应在0与应收金额之间。", "waived")
    if waived and not waiver_reason.strip():
        raise RuleError("减免收费须记录理由。", "waiver_reason")
    if amount - waived <= 0:
        raise RuleError("应缴金额为零，无需发出收费通知。", "method")
    if pay_by <= on:
        raise RuleError("缴费期限应晚于通知日期。", "pay_by")
    with transaction.atomic():
        req = _locked(req)
        req.fee_method, req.fee_amount, req.fee_waived = method, amount, waived
        req.fee_waiver_reason, req.fee_due_on = waiver_reason, pay_by
        _transition(req, Action.ISSUE_FEE_NOTICE, actor=actor, on=on, kind=EventKind.FEE_NOTICE,
                    data={"method": method, "amount": str(amount), "waived": str(waived), "pages": pages})
        refresh_due_date(req)
        return req


def fee_paid(req, *, actor, on: dt.date) -> DisclosureRequest:
    with transaction.atomic():
        req = _locked(req)
        req.fee_paid_on = on
        _transition(req, Action.FEE_PAID, actor=actor, on=on, kind=EventKind.FEE_PAID)
        refresh_due_date(req)
        return req


def lapse(req, *, actor, on: dt.date) -> DisclosureRequest:
    """No correction or no payment in time: treated as withdrawn, closed with the matching outcome."""
    with transaction.atomic():
        req = _locked(req)
        if req.status == Status.WAITING_CORRECTION:
            action, kind, outcome = Action.CORRECTION_LAPSED, EventKind.CORRECTION_LAPSED, Outcome.OTHER_NO_CORRECTION
            deadline = req.correction_due_on
        else:
            action, kind, outcome = Action.FEE_LAPSED, EventKind.FEE_LAPSED, Outcome.OTHER_FEE_UNPAID
            deadline = req.fee_due_on
        if deadline and on <= deadline:
            raise RuleError("期限尚未届满。", "on")
        req.outcome, req.replied_on = outcome, on
        return _transition(req, action, actor=actor, on=on, kind=kind, data={"outcome": outcome})


def reply(req, *, actor, on: dt.date, outcome: str, text: str = "", withheld_notes: str = "",
          transferred_to: str = "", on_the_spot: bool = False) -> DisclosureRequest:
    """Issue the reply with exactly one outcome code (contracts.md)."""
    if outcome not in Outcome.values:
        raise RuleError("请选择一项办理结果。", "outcome")
    if outcome == Outcome.PARTIALLY_GRANTED and not withheld_notes.strip():
        raise RuleError("部分公开须记录不予公开的部分及理由（条例第三十七条）。", "withheld_notes")
    if outcome == Outcome.UNAVAILABLE_NOT_HELD and not transferred_to.strip() and not text.strip():
        raise RuleError("不掌握相关信息时，请写明理由或负责公开的机关。", "transferred_to")
    if on < req.received_on:
        raise RuleError("答复日期不能早于收到申请日期。", "on")
    with transaction.atomic():
        req = _locked(req)
        req.outcome, req.replied_on, req.reply_text = outcome, on, text
        req.withheld_notes, req.transferred_to, req.on_the_spot = withheld_notes, transferred_to, on_the_spot
        return _transition(req, Action.REPLY, actor=actor, on=on, kind=EventKind.REPLIED, comment=text,
                           on_the_spot=on_the_spot, data={"outcome": outcome})


def archive(req, *, actor) -> DisclosureRequest:
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
    """Recompute open due dates whenever an operator changes the calendar (called from FoiConfig.ready)."""
    from gongkai.workdays.services import register_calendar_hook

    register_calendar_hook(recompute_open_due_dates)
