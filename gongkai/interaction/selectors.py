"""Reads of public participation: the offices' queues (scoped by organization) and the public lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.core import querycodes
from gongkai.orgs.selectors import org_ids_for

from . import rules
from .models import ErrorReport, Message, MessageStatus
from .models.messages import QUERY_PURPOSE


def message_for_citizen(number: str, code: str) -> Message | None:
    """The message ``number`` if ``code`` is its query code (compared in constant time), else None."""
    number, code = (number or "").strip().upper(), (code or "").strip()
    if not number or not code or len(number) > 32:
        return None
    message = Message.objects.select_related("org").filter(number=number).first()
    if message is None:
        querycodes.spend_time(code, purpose=QUERY_PURPOSE)  # timing must not reveal which numbers exist
        return None
    return message if querycodes.verify(message, "query_hash", code, purpose=QUERY_PURPOSE) else None


def annotate_queue(items, today: dt.date | None = None) -> list:
    """Attach ``queue`` (rules.Queue) to each message or error report, for the lists and detail pages."""
    today = today or timezone.localdate()
    items = list(items)
    for item in items:
        item.queue = rules.queue_state(
            answered=item.status == MessageStatus.ANSWERED, invalid=item.status == MessageStatus.INVALID,
            received_on=item.received_on, due_on=item.due_on, today=today)
    return items


def queue_for(user, model, *, state: str = "", q: str = "") -> QuerySet:
    """Messages or error reports of the user's organizations; ``state`` open/overdue/answered/invalid."""
    qs = model.objects.filter(org_id__in=org_ids_for(user)).select_related("org", "assignee")
    today = timezone.localdate()
    if state == "open":
        qs = qs.filter(status__in=[MessageStatus.RECEIVED, MessageStatus.ASSIGNED])
    elif state == "overdue":
        qs = qs.filter(status__in=[MessageStatus.RECEIVED, MessageStatus.ASSIGNED], due_on__lt=today)
    elif state in (MessageStatus.ANSWERED, MessageStatus.INVALID):
        qs = qs.filter(status=state)
    if q:
        field = "topic" if model is Message else "description"
        qs = qs.filter(Q(number__icontains=q) | Q(**{f"{field}__icontains": q}))
    # Open items first, the oldest deadline first; then the rest, newest first.
    return qs.order_by("answered_at", "due_on", "-id") if state in ("open", "overdue") else qs.order_by("-id")


def item_for(user, model, pk: int):
    try:
        return model.objects.select_related("org", "assignee", "answered_by").get(
            pk=pk, org_id__in=org_ids_for(user))
    except (model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("事项不存在") from exc


def public_messages(org) -> QuerySet[Message]:
    return Message.objects.filter(org=org, published=True, is_private=False).order_by("-published_at", "-id")


def public_message(org, pk: int) -> Message:
    try:
        return public_messages(org).get(pk=pk)
    except (Message.DoesNotExist, ValueError) as exc:
        raise Http404("留言不存在或未公开") from exc


@dataclass(frozen=True)
class Counts:
    received: int
    answered: int
    answered_late: int
    open: int
    overdue: int
    invalid: int
    published: int = 0


def counts(model, org_ids: set[int], start: dt.date, end: dt.date, *, today: dt.date | None = None) -> Counts:
    """Figures for the statistics of a period (both ends included): what was received, answered, late."""
    today = today or timezone.localdate()
    qs = model.objects.filter(org_id__in=org_ids, received_on__gte=start, received_on__lte=end)
    open_q = Q(status__in=[MessageStatus.RECEIVED, MessageStatus.ASSIGNED])
    agg = qs.aggregate(
        received=Count("id"),
        answered=Count("id", filter=Q(status=MessageStatus.ANSWERED)),
        open=Count("id", filter=open_q),
        overdue=Count("id", filter=open_q & Q(due_on__lt=today)),
        invalid=Count("id", filter=Q(status=MessageStatus.INVALID)),
    )
    late = sum(1 for at, due in qs.filter(status=MessageStatus.ANSWERED).values_list("answered_at", "due_on")
               if at and timezone.localdate(at) > due)
    published = qs.filter(published=True).count() if model is Message else 0
    return Counts(answered_late=late, published=published, **agg)


def counts_for_error_reports(org_ids: set[int], start: dt.date, end: dt.date) -> Counts:
    return counts(ErrorReport, org_ids, start, end)
