"""The daily reminder: requests due today, due within 5 working days, overdue, and deadlines lapsing.

The periodic task ``foi.tasks.daily_reminder`` (once a day for the whole installation, at
GONGKAI_FOI_REMIND_AT) and `gongkai requests remind` both call send_reminders(). A run is idempotent per
day: the day's ReminderRun row is locked while it works, a request that already has a reminder event that
day is not mailed again, and each mail leaves through the outbox once, after the run commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.jobs import mail
from gongkai.orgs.models import Membership
from gongkai.orgs.permissions import OVERSIGHT_ROLES, Capability, roles_with

from . import rules
from .actions import RequestAction
from .choices import EventKind, Status
from .deadlines import working_days_left
from .models import DisclosureRequest, ReminderRun, RequestEvent
from .services import _event, today

logger = logging.getLogger(__name__)
ACTOR = "系统（办理提醒）"
SOON_WORKDAYS = 5
RECIPIENT_ROLES = sorted(roles_with(Capability.RECEIVE_REMINDERS))
# Recipients above the request's organization: those whose role oversees the units below them.
OVERSIGHT_RECIPIENT_ROLES = sorted(roles_with(Capability.RECEIVE_REMINDERS) & OVERSIGHT_ROLES)


@dataclass
class Item:
    request: DisclosureRequest
    reasons: list[str] = field(default_factory=list)


@dataclass
class Summary:
    day: dt.date
    items: int = 0
    mails: int = 0
    skipped: int = 0  # already reminded today
    unaddressed: list[str] = field(default_factory=list)  # request numbers nobody could be mailed about

    def line(self) -> str:
        text = f"{self.day.isoformat()} 办理提醒：{self.items}件申请需提醒，发送邮件{self.mails}封"
        if self.skipped:
            text += f"，{self.skipped}件今日已提醒"
        if self.unaddressed:
            text += f"，{len(self.unaddressed)}件没有可接收邮件的工作人员（{'、'.join(self.unaddressed[:10])}）"
        return text + "。"


def _when(deadline: dt.date, day: dt.date, what: str) -> str | None:
    """'…今日届满' / '…已于…届满' for a deadline on or before ``day``; None when it is still ahead."""
    if deadline == day:
        return f"{what}今日（{deadline.isoformat()}）届满"
    if deadline < day:
        return f"{what}已于{deadline.isoformat()}届满，请及时处理"
    return None


def due_items(day: dt.date, calendar) -> list[Item]:
    """Open requests needing attention on ``day``, each with its reasons in Chinese, by due date."""
    horizon, _provisional = calendar.add_workdays(day, SOON_WORKDAYS)
    items: dict[int, Item] = {}

    def add(req: DisclosureRequest, reason: str) -> None:
        items.setdefault(req.pk, Item(req)).reasons.append(reason)

    open_ = DisclosureRequest.objects.filter(replied_on__isnull=True).select_related("org")
    counting = open_.exclude(status__in=[Status.WAITING_CORRECTION, Status.WAITING_FEE])
    for req in counting.filter(due_on__lte=horizon).order_by("due_on", "id"):
        left = working_days_left(req.due_on, day, calendar)
        if req.due_on < day:
            add(req, f"答复期限{req.due_on.isoformat()}已过，逾期{-left}个工作日")
        elif req.due_on == day:
            add(req, f"答复期限今日（{day.isoformat()}）届满")
        else:
            add(req, f"答复期限{req.due_on.isoformat()}，还剩{left}个工作日")
    for req in open_.filter(status=Status.WAITING_CORRECTION, correction_due_on__lte=day):
        add(req, _when(req.correction_due_on, day, "申请人补正期限"))
    for req in open_.filter(status=Status.WAITING_FEE, fee_due_on__lte=day):
        add(req, _when(req.fee_due_on, day, "信息处理费缴费期限"))
    for req in open_.filter(consultations__answered_on__isnull=True,
                            consultations__answer_due_on__lte=day).distinct():
        for c in req.consultations.filter(answered_on__isnull=True, answer_due_on__lte=day):
            add(req, _when(c.answer_due_on, day, f"征求{c.party_name}意见的答复期限"))
    # 条例 Art. 30: a correction must be asked for within 7 working days of receipt.
    early = open_.filter(status__in=[Status.REGISTERED, Status.SCREENING, Status.ASSIGNED],
                         correction_requested_on__isnull=True, received_on__gte=day - dt.timedelta(days=20))
    for req in early:
        limit, _p = calendar.add_workdays(req.received_on, rules.CORRECTION_LIMIT_WORKDAYS)
        if limit == day:
            add(req, f"如需告知补正，今日（{day.isoformat()}）是收到申请后第7个工作日，为最后期限")
    return sorted(items.values(), key=lambda i: (i.request.due_on or day, i.request.pk))


def recipients(org) -> list:
    """Active staff with an e-mail: handlers and office admins of ``org``, office admins of the units above."""
    above = [a.pk for a in org.ancestors()]
    members = Membership.objects.filter(Q(org=org, role__in=RECIPIENT_ROLES)
                                        | Q(org_id__in=above, role__in=OVERSIGHT_RECIPIENT_ROLES))
    return list(get_user_model().objects.filter(pk__in=members.values("user_id"), is_active=True)
                .exclude(email="").order_by("pk"))


def _mail(user, lines: list[str], day: dt.date) -> None:
    site = getattr(settings, "SITE_URL", "")
    body = (f"{user.get_full_name() or user.get_username()}：\n\n"
            f"截至{day.isoformat()}，以下政府信息公开申请需要您关注：\n\n" + "\n".join(lines)
            + f"\n\n请登录后台办理：{site}/staff/requests/\n（本邮件由政务公开平台每日自动发送。）")
    # Keyed by day, person and content: a rerun of the same run mails nothing new, a later run with
    # other items mails them.
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    mail.queue(f"foi.remind:{day.isoformat()}:{user.pk}:{digest}",
               f"政府信息公开申请办理提醒（{day.isoformat()}）", body, [user.email])


def send_reminders(*, day: dt.date | None = None, calendar=None, dry_run: bool = False) -> Summary:
    """Mail each responsible staff member the day's items and record a reminder event per request.

    Mails are queued inside the transaction and leave after it commits, each retried on its own.
    """
    from gongkai.workdays.services import get_calendar

    day = day or today()
    calendar = calendar or get_calendar()
    summary = Summary(day)
    with transaction.atomic():
        ReminderRun.objects.bulk_create([ReminderRun(day=day)], ignore_conflicts=True)
        run = ReminderRun.objects.select_for_update().get(day=day)
        reminded = set(RequestEvent.objects.filter(kind=EventKind.REMINDED, on=day)
                       .values_list("request_id", flat=True))
        items = due_items(day, calendar)
        fresh = [i for i in items if i.request.pk not in reminded]
        summary.skipped = len(items) - len(fresh)
        summary.items = len(fresh)
        per_user: dict[int, tuple[object, list[str]]] = {}
        per_request: dict[int, list[str]] = defaultdict(list)
        cache: dict[int, list] = {}
        for item in fresh:
            req = item.request
            users = cache.setdefault(req.org_id, recipients(req.org))
            if not users:
                summary.unaddressed.append(req.number)
            line = f"· {req.number}（{req.org.name}，{Status(req.status).label}）：{'；'.join(item.reasons)}"
            for user in users:
                per_user.setdefault(user.pk, (user, []))[1].append(line)
                per_request[req.pk].append(user.get_username())
        if dry_run:
            transaction.set_rollback(True)
            summary.mails = len(per_user)
            return summary
        for user, lines in per_user.values():
            _mail(user, lines, day)
            summary.mails += 1
        for item in fresh:
            _event(item.request, EventKind.REMINDED, on=day, actor=ACTOR, comment="；".join(item.reasons),
                   data={"recipients": per_request.get(item.request.pk, [])})
        run.items += summary.items
        run.mails += summary.mails
        run.finished_at = timezone.now()
        run.save()
        record(actor=ACTOR, action=RequestAction.REMINDERS_SENT, obj=run,
               data={"items": summary.items, "mails": summary.mails, "unaddressed": summary.unaddressed})
    return summary


def parse_time(text: str) -> dt.time:
    """The reminder's time of day (settings GONGKAI_FOI_REMIND_AT, "HH:MM")."""
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ValueError(f"提醒时间应写作 HH:MM（如 08:00）：{text}") from None
