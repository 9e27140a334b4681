"""Reads of disclosure requests: the applicant's view and the staff queues."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from gongkai.core import querycodes

from . import rules
from .choices import Outcome, Status
from .models import QUERY_PURPOSE, DisclosureRequest, LetterKind


def find_for_applicant(number: str, code: str) -> DisclosureRequest | None:
    """The request with ``number`` if ``code`` is its query code (compared in constant time), else None."""
    number, code = (number or "").strip(), (code or "").strip()
    if not number or not code or len(number) > 32 or len(code) > querycodes.MAX_INPUT:
        return None
    req = DisclosureRequest.objects.select_related("org").filter(number=number).first()
    if req is None:
        querycodes.spend_time(code, purpose=QUERY_PURPOSE)  # timing must not reveal which numbers exist
        return None
    return req if querycodes.verify(req, "query_code_hash", code, purpose=QUERY_PURPOSE) else None


def due_explanation(req: DisclosureRequest) -> list[str]:
    """The due date's computation in words (receipt rule, counted days, holidays, pauses, extension)."""
    from .services import due_date_for

    lines = [rules.receipt_explanation(req.channel) + f"：{req.received_on.isoformat()}。"]
    if req.replied_on is None:
        due = due_date_for(req)
        if due is None:
            lines.append("已告知补正，答复期限自收到补正之日起重新计算。")
        else:
            lines.extend(str(step) for step in due.steps)
            if req.fee_method and req.events.filter(kind="fee_notice").exists():
                lines.append("发出收费通知至缴纳费用期间不计入答复期限（国办函〔2020〕109号）。")
    return lines


def working_days_left(req: DisclosureRequest, *, today: dt.date, calendar) -> int | None:
    """Working days from ``today`` to the due date; negative when overdue; None without a due date."""
    from .deadlines import working_days_left as left

    if req.due_on is None or req.replied_on is not None:
        return None
    return left(req.due_on, today, calendar)


def applicant_view(req: DisclosureRequest) -> dict[str, Any]:
    """What the applicant may see: dates, status and outcome; never personal data."""
    correction = None
    if req.correction_requested_on:
        correction = {
            "requested_on": req.correction_requested_on,
            "due_on": req.correction_due_on,
            "note": req.correction_note,
            "received_on": req.correction_received_on,
        }
    return {
        "number": req.number,
        "org": req.org.code,
        "org_name": req.org.name,
        "status": req.status,
        "status_label": str(Status(req.status).label),
        "received_on": req.received_on,
        "due_on": req.due_on,
        "due_provisional": req.due_provisional,
        "due_explanation": due_explanation(req),
        "paused": req.status in rules.PAUSED,
        "extension_days": req.extension_days,
        "correction": correction,
        "outcome": req.outcome or None,
        "outcome_label": str(Outcome(req.outcome).label) if req.outcome else None,
        "replied_on": req.replied_on,
        "letters": [{"kind": letter.kind, "title": str(LetterKind(letter.kind).label), "issued_on": letter.issued_on}
                    for letter in req.letters.filter(issued_on__isnull=False).order_by("issued_at", "id")],
    }


# --- staff queues -----------------------------------------------------------------------------------------

def requests_in(org_ids) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(org_id__in=org_ids).select_related("org")


def queues(org_ids, *, today: dt.date, calendar) -> dict[str, QuerySet[DisclosureRequest]]:
    """Open requests by urgency: due today, due within 5 working days, overdue, waiting for the applicant."""
    open_ = requests_in(org_ids).filter(replied_on__isnull=True)
    horizon, _prov = calendar.add_workdays(today, 5)
    counting = open_.exclude(status__in=[Status.WAITING_CORRECTION, Status.WAITING_FEE]).order_by("due_on", "id")
    return {
        "overdue": counting.filter(due_on__lt=today),
        "due_today": counting.filter(due_on=today),
        "due_soon": counting.filter(due_on__gt=today, due_on__lte=horizon),
        "waiting": open_.filter(status__in=[Status.WAITING_CORRECTION, Status.WAITING_FEE]).order_by("received_on"),
    }


QUEUE_LABELS = {
    "overdue": "已逾期",
    "due_today": "今日到期",
    "due_soon": "5个工作日内到期",
    "waiting": "等待申请人（补正、缴费）",
}


def requests_in_all() -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.select_related("org")


def applicant_contact(req: DisclosureRequest, *, full: bool) -> dict[str, str]:
    """The applicant's ID number, phone and e-mail as a staff page shows them: in full for the request
    workflow's roles, masked (1101**********002X, 139****1234) for everyone else who may see the request."""
    from gongkai.pii.masking import mask_value
    from gongkai.pii.rules import EMAIL, ID_CARD, LANDLINE, MOBILE

    if full:
        return {"id_number": req.id_number, "phone": req.phone, "email": req.email, "masked": ""}
    phone_kind = MOBILE if rules.normalize_phone(req.phone or "").startswith("1") else LANDLINE
    return {
        "id_number": mask_value(ID_CARD, req.id_number) if req.id_number else "",
        "phone": mask_value(phone_kind, req.phone) if req.phone else "",
        "email": mask_value(EMAIL, req.email) if req.email else "",
        "masked": "1",
    }


# --- the signed-in person's to-do list (issue 13) --------------------------------------------------------

def todo_for(user, *, today: dt.date, calendar, limit: int = 50) -> list[tuple[DisclosureRequest, int | None]]:
    """Open requests waiting for ``user``'s decision (their roles act at the request's step), most urgent first.

    Each comes with its working days left (negative: overdue; None while no due date runs).
    """
    from django.db.models import F, Q

    from gongkai.orgs.permissions import org_ids_for, roles_in

    open_ = DisclosureRequest.objects.filter(org_id__in=org_ids_for(user), replied_on__isnull=True)
    conditions = Q(pk__in=[])
    for org_id in open_.values_list("org_id", flat=True).distinct():
        roles = roles_in(user, org_id)
        statuses = [s for s in rules.OPEN if rules.may_act(rules.Action.ADVANCE if s in rules.WORKING_STEPS
                                                           else rules.Action.EXTEND, status=s, roles=roles)
                    or (s in rules.PAUSED and rules.may_act(rules.Action.FEE_PAID, status=s, roles=roles))]
        if statuses:
            conditions |= Q(org_id=org_id, status__in=statuses)
    found = open_.filter(conditions).select_related("org").order_by(F("due_on").asc(nulls_last=True), "id")[:limit]
    return [(req, working_days_left(req, today=today, calendar=calendar)) for req in found]
