"""Clock events of a request: correction (补正), consultation, extension, fee, lapse (条例 Art. 30–33, 42).

Each service checks the actor's role (rules.roles_for), validates, writes, records the event and the audit
entry, refreshes the derived due date and, where the law asks for a notice to the applicant, issues it as a
letter (letters.issue_notice) in the same transaction. Letters are rendered BEFORE the transaction
(letters.prepare_notice: WeasyPrint must not hold the write lock); invariants that depend on the stored
row are checked again after the row lock; files written by a transaction that rolls back are removed.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from gongkai.core import files

from . import letters, rules
from .actions import RequestAction
from .choices import ConsultationParty, EventKind, FeeMethod, Outcome, Status
from .deadlines import impossible_date
from .letter_texts import DEFAULT_PAYMENT, chinese_date
from .models import AttachmentKind, Consultation, DisclosureRequest, LetterKind, RequestAttachment
from .rules import Action, RuleError
from .services import (
    _audit,
    _calendar,
    _event,
    _locked,
    _transition,
    authorize,
    due_date_for,
    refresh_due_date,
    today,
)

_CORRECTION_ONCE = "补正只能一次性告知，本申请已告知过补正。"


def request_correction(req, *, actor, on: dt.date, due_on: dt.date, note: str) -> str | None:
    """Tell the applicant once, in full, what to correct (条例 Art. 30), with a notice. Returns a warning when late."""
    authorize(req, Action.REQUEST_CORRECTION, actor=actor)
    if not note.strip():
        raise RuleError("请写明需要补正的事项。", "note")
    if due_on <= on:
        raise RuleError("补正期限应晚于告知日期。", "due_on")
    if (problem := impossible_date("correction", on, today=today(), received_on=req.received_on)) is not None:
        raise RuleError(problem, "on")
    calendar = _calendar(req.org)
    elapsed = calendar.workdays_between(req.received_on, on)
    warning = None
    if elapsed > rules.CORRECTION_LIMIT_WORKDAYS:
        warning = f"告知补正已在收到申请后第{elapsed}个工作日，超过条例第三十条规定的7个工作日。"
    if req.correction_requested_on:
        raise RuleError(_CORRECTION_ONCE, "on")
    context = {"note": note.strip(), "due": chinese_date(due_on)}
    rendered = letters.prepare_notice(req, LetterKind.CORRECTION, actor=actor, on=on, context=context)
    with files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        if req.correction_requested_on:
            raise RuleError(_CORRECTION_ONCE, "on")
        req.correction_requested_on, req.correction_due_on, req.correction_note = on, due_on, note
        _transition(req, Action.REQUEST_CORRECTION, actor=actor, on=on, comment=note,
                    kind=EventKind.CORRECTION_REQUESTED,
                    data={"due_on": due_on.isoformat(), "workdays_after_receipt": elapsed, "late": bool(warning)})
        refresh_due_date(req, calendar)
        letters.issue_notice(req, LetterKind.CORRECTION, actor=actor, on=on, context=context, rendered=rendered)
    return warning


def receive_correction(req, *, actor, on: dt.date, text: str = "", upload=None) -> DisclosureRequest:
    """The corrected request arrives; the 20 working days start again from ``on`` (条例 Art. 30)."""
    authorize(req, Action.RECEIVE_CORRECTION, actor=actor)
    if (problem := impossible_date("correction_received", on, today=today(), received_on=req.received_on)) is not None:
        raise RuleError(problem, "on")
    if req.correction_requested_on and on < req.correction_requested_on:
        raise RuleError("收到补正日期不能早于告知补正日期。", "on")
    with files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        req.correction_received_on, req.correction_text = on, text
        _transition(req, Action.RECEIVE_CORRECTION, actor=actor, on=on, comment=text,
                    kind=EventKind.CORRECTION_RECEIVED)
        if upload is not None:
            attachment = RequestAttachment.objects.create(request=req, kind=AttachmentKind.CORRECTION, file=upload,
                                                          name=upload.name)
            files.written(attachment.file)
        refresh_due_date(req)
        return req


def start_consultation(req, *, actor, on: dt.date, party_kind: str, party_name: str) -> Consultation:
    """Consult a third party or another agency in writing; they answer within 15 working days (Art. 32)."""
    authorize(req, Action.START_CONSULTATION, actor=actor)
    if party_kind not in ConsultationParty.values or not party_name.strip():
        raise RuleError("请选择征求对象类型并填写征求对象名称。", "party_name")
    if (problem := impossible_date("consultation", on, today=today(), received_on=req.received_on)) is not None:
        raise RuleError(problem, "on")
    answer_due, _prov = _calendar(req.org).add_workdays(on, rules.CONSULTATION_ANSWER_WORKDAYS)
    with transaction.atomic():
        req = _locked(req)
        consultation = Consultation.objects.create(request=req, party_kind=party_kind, party_name=party_name,
                                                   started_on=on, answer_due_on=answer_due)
        _transition(req, Action.START_CONSULTATION, actor=actor, on=on, comment=party_name,
                    kind=EventKind.CONSULTATION_STARTED, data={"consultation": consultation.pk})
        refresh_due_date(req)
        return consultation


def answer_consultation(consultation: Consultation, *, actor, on: dt.date, answer: str = "") -> Consultation:
    authorize(consultation.request, Action.FINISH_CONSULTATION, actor=actor)
    with transaction.atomic():
        req = _locked(consultation.request)
        # Checked on the locked rows: two staff recording the same answer must not both succeed.
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if on < consultation.started_on:
            raise RuleError("收到答复日期不能早于发出征求意见日期。", "on")
        if consultation.answered_on:
            raise RuleError("该征求意见已记录答复。", "on")
        consultation.answered_on, consultation.answer = on, answer
        consultation.save()
        if not req.consultations.filter(answered_on__isnull=True).exists():
            _transition(req, Action.FINISH_CONSULTATION, actor=actor, on=on, comment=answer,
                        kind=EventKind.CONSULTATION_ANSWERED, data={"consultation": consultation.pk})
        else:
            _event(req, EventKind.CONSULTATION_ANSWERED, on=on, actor=actor, comment=answer)
            _audit(req, RequestAction.CONSULTATION_ANSWERED, actor=actor, comment=answer)
        refresh_due_date(req)
        return consultation


def extend(req, *, actor, on: dt.date, days: int, reason: str) -> DisclosureRequest:
    """Extend by at most 20 working days, approved by the disclosure-office head before the deadline (Art. 33).

    The extension notice to the applicant, with the new due date, is issued in the same transaction.
    """
    authorize(req, Action.EXTEND, actor=actor)
    _check_extension(req, on=on, days=days, reason=reason)  # early, so nothing is rendered for bad input
    expected = copy.copy(req)
    expected.extension_days = days
    due = due_date_for(expected)
    rendered = letters.prepare_notice(req, LetterKind.EXTENSION, actor=actor, on=on, context=_extension_context(
        reason, days, previous_due=req.due_on, new_due=due.due, provisional=due.provisional))
    with files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        _check_extension(req, on=on, days=days, reason=reason)  # again on the locked row
        req.extension_days, req.extension_reason = days, reason
        previous_due = req.due_on
        _transition(req, Action.EXTEND, actor=actor, on=on, comment=reason, kind=EventKind.EXTENDED,
                    data={"days": days, "previous_due": previous_due.isoformat()})
        refresh_due_date(req)
        letters.issue_notice(req, LetterKind.EXTENSION, actor=actor, on=on, rendered=rendered, context=_extension_context(
            reason, days, previous_due=previous_due, new_due=req.due_on, provisional=req.due_provisional))
        return req


def _check_extension(req: DisclosureRequest, *, on: dt.date, days: int, reason: str) -> None:
    if req.extension_days:
        raise RuleError("本申请已延长过答复期限。", "days")
    if not 1 <= days <= rules.EXTENSION_MAX_WORKDAYS:
        raise RuleError("延长的期限为1至20个工作日。", "days")
    if not reason.strip():
        raise RuleError("请填写延期理由。", "reason")
    if (problem := impossible_date("extension", on, today=today(), received_on=req.received_on)) is not None:
        raise RuleError(problem, "on")
    if req.due_on is None or on > req.due_on:
        raise RuleError("延期须在原答复期限届满前决定。", "on")


def _extension_context(reason: str, days: int, *, previous_due: dt.date, new_due: dt.date,
                       provisional: bool) -> dict:
    return {"reason": reason.strip().rstrip("。"), "days": days, "previous_due": chinese_date(previous_due),
            "new_due": chinese_date(new_due), "provisional": provisional}


def earlier_requests_in_month(req: DisclosureRequest) -> int:
    """The same applicant's requests received earlier in the same calendar month (fee by piece)."""
    if not req.id_number:
        return 0
    month = Q(received_on__year=req.received_on.year, received_on__month=req.received_on.month)
    earlier = Q(received_on__lt=req.received_on) | Q(received_on=req.received_on, pk__lt=req.pk)
    return DisclosureRequest.objects.filter(month & earlier, id_number=req.id_number).count()


def issue_fee_notice(req, *, actor, on: dt.date, method: str, pay_by: dt.date, pages: int = 0,
                     waived: Decimal = Decimal(0), waiver_reason: str = "", payment: str = "") -> DisclosureRequest:
    """Notice of an information-processing fee (国办函〔2020〕109号), by piece or by volume, never both.

    The fee notice letter states the amount, the method, how to pay (``payment``) and the deadline.
    """
    authorize(req, Action.ISSUE_FEE_NOTICE, actor=actor)
    earlier = earlier_requests_in_month(req)
    if method == FeeMethod.BY_PIECE:
        amount = rules.fee_by_piece(earlier_in_month=earlier)
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
    context = {
        "by_piece": method == FeeMethod.BY_PIECE, "pieces": earlier + 1, "pages": pages,
        "month": f"{req.received_on.year}年{req.received_on.month}月", "method": str(FeeMethod(method).label),
        "amount": f"{amount:.2f}", "waived": f"{waived:.2f}" if waived else "", "waiver_reason": waiver_reason,
        "payable": f"{amount - waived:.2f}", "payment": payment.strip() or DEFAULT_PAYMENT,
        "pay_by": chinese_date(pay_by)}
    rendered = letters.prepare_notice(req, LetterKind.FEE, actor=actor, on=on, context=context)
    with files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        req.fee_method, req.fee_amount, req.fee_waived = method, amount, waived
        req.fee_waiver_reason, req.fee_due_on = waiver_reason, pay_by
        _transition(req, Action.ISSUE_FEE_NOTICE, actor=actor, on=on, kind=EventKind.FEE_NOTICE,
                    data={"method": method, "amount": str(amount), "waived": str(waived), "pages": pages})
        refresh_due_date(req)
        letters.issue_notice(req, LetterKind.FEE, actor=actor, on=on, context=context, rendered=rendered)
        return req


def fee_paid(req, *, actor, on: dt.date) -> DisclosureRequest:
    authorize(req, Action.FEE_PAID, actor=actor)
    with transaction.atomic():
        req = _locked(req)
        req.fee_paid_on = on
        _transition(req, Action.FEE_PAID, actor=actor, on=on, kind=EventKind.FEE_PAID)
        refresh_due_date(req)
        return req


def lapse(req, *, actor, on: dt.date) -> DisclosureRequest:
    """No correction or no payment in time: treated as withdrawn, closed with the matching outcome and letter."""
    authorize(req, Action.CORRECTION_LAPSED if req.status == Status.WAITING_CORRECTION else Action.FEE_LAPSED,
              actor=actor)
    _action, _kind, outcome, deadline = _lapse_of(req)
    if deadline and on <= deadline:
        raise RuleError("期限尚未届满。", "on")
    rendered = letters.prepare_template_reply(req, on=on, outcome=outcome)
    with files.removed_on_rollback(), transaction.atomic():
        req = _locked(req)
        action, kind, outcome, deadline = _lapse_of(req)
        if deadline and on <= deadline:
            raise RuleError("期限尚未届满。", "on")
        req.outcome, req.replied_on = outcome, on
        _transition(req, action, actor=actor, on=on, kind=kind, data={"outcome": outcome})
        letters.issue_template_reply(req, actor=actor, on=on, outcome=outcome, rendered=rendered)
        return req


def _lapse_of(req: DisclosureRequest) -> tuple[str, str, str, dt.date | None]:
    """(action, event kind, outcome, deadline) of the lapse that fits the request's pause."""
    if req.status == Status.WAITING_CORRECTION:
        return (Action.CORRECTION_LAPSED, EventKind.CORRECTION_LAPSED, Outcome.OTHER_NO_CORRECTION,
                req.correction_due_on)
    return Action.FEE_LAPSED, EventKind.FEE_LAPSED, Outcome.OTHER_FEE_UNPAID, req.fee_due_on
