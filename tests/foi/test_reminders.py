"""The daily reminder: what is due, who is mailed, one run per day, the command and the scheduler thread."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.audit.models import AuditEntry
from gongkai.foi import reminders, services, services_clock
from gongkai.foi.choices import Channel, EventKind
from gongkai.foi.models import ReminderRun, RequestEvent
from gongkai.orgs.models import Role

D = dt.date
FIELDS = {"applicant_type": "natural_person", "name": "周强", "description": "村集体土地征收补偿标准",
          "delivery": "paper"}


@pytest.fixture
def staff(make_user, county, township, other_township):
    return {
        "handler": make_user("handler", township, Role.REQUEST_HANDLER, email="handler@town.example"),
        "town_admin": make_user("town_admin", township, Role.OFFICE_ADMIN, email="admin@town.example"),
        "county_admin": make_user("county_admin", county, Role.OFFICE_ADMIN, email="office@county.example"),
        "no_mail": make_user("no_mail", township, Role.REQUEST_HANDLER),
        "lawyer": make_user("lawyer", township, Role.LEGAL_ADVISER, email="lawyer@town.example"),
        "elsewhere": make_user("elsewhere", other_township, Role.REQUEST_HANDLER, email="h@shagou.example"),
    }


def register(actor, org, on):
    req, _code = services.register_request(backdate_reason="补录历史纸质申请", actor=actor, org=org, channel=Channel.IN_PERSON, fields=FIELDS,
                                           submitted_on=on)
    return req


@pytest.fixture
def cases(staff, township):
    handler = staff["handler"]
    due_today = register(handler, township, D(2025, 9, 22))  # due 2025-10-24 (National Day crossed)
    day = due_today.due_on
    overdue = register(handler, township, D(2025, 9, 1))
    soon = register(handler, township, D(2025, 9, 24))
    far = register(handler, township, D(2025, 10, 20))
    waiting = register(handler, township, D(2025, 10, 9))
    services_clock.request_correction(waiting, actor=handler, on=D(2025, 10, 10), due_on=D(2025, 10, 23),
                                      note="请写明村名")
    consulted = register(handler, township, D(2025, 10, 15))
    services_clock.start_consultation(consulted, actor=handler, on=D(2025, 10, 16), party_kind="third_party",
                                      party_name="某置业公司")
    return {"day": day, "due_today": due_today, "overdue": overdue, "soon": soon, "far": far, "waiting": waiting,
            "consulted": consulted}


@pytest.mark.django_db
def test_due_items_classify_each_request(cases, staff):
    from gongkai.workdays.services import get_calendar

    day = cases["day"]
    assert day == D(2025, 10, 24)
    items = {i.request.number: "；".join(i.reasons) for i in reminders.due_items(day, get_calendar())}
    assert "今日（2025-10-24）届满" in items[cases["due_today"].number]
    assert "已过，逾期" in items[cases["overdue"].number]
    assert "还剩" in items[cases["soon"].number]
    assert "申请人补正期限已于2025-10-23届满" in items[cases["waiting"].number]
    # Consultation sent 10-16: 15 working days later is 2025-11-06, not yet lapsing on 10-24.
    assert cases["far"].number not in items and cases["consulted"].number not in items


@pytest.mark.django_db
def test_reminders_mail_the_responsible_staff_once_a_day(cases, staff):
    day = cases["day"]
    summary = reminders.send_reminders(day=day)
    assert summary.items == 4 and summary.mails == 3
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["admin@town.example", "handler@town.example", "office@county.example"]
    body = mail.outbox[0].body
    assert cases["due_today"].number in body and cases["far"].number not in body and "/staff/requests/" in body
    events = RequestEvent.objects.filter(kind=EventKind.REMINDED, on=day)
    assert events.count() == 4
    assert sorted(events.get(request=cases["overdue"]).data["recipients"]) == ["county_admin", "handler",
                                                                               "town_admin"]
    assert AuditEntry.objects.filter(action="foi.reminders_sent").count() == 1

    again = reminders.send_reminders(day=day)
    assert (again.items, again.mails, again.skipped) == (0, 0, 4)
    assert len(mail.outbox) == 3 and events.count() == 4
    assert ReminderRun.objects.get(day=day).items == 4

    next_day = reminders.send_reminders(day=D(2025, 10, 27))
    assert next_day.items >= 4 and len(mail.outbox) == 6


@pytest.mark.django_db
def test_consultation_deadline_and_the_seventh_day_for_corrections(cases, staff):
    summary = reminders.send_reminders(day=D(2025, 11, 6), dry_run=True)
    assert summary.items >= 1
    from gongkai.workdays.services import get_calendar

    items = {i.request.number: "；".join(i.reasons) for i in reminders.due_items(D(2025, 11, 6), get_calendar())}
    assert "征求某置业公司意见的答复期限今日（2025-11-06）届满" in items[cases["consulted"].number]
    # Received 2025-10-20: the 7th working day, the last for asking a correction (条例 Art. 30), is 10-29.
    on_29th = {i.request.number: "；".join(i.reasons) for i in reminders.due_items(D(2025, 10, 29), get_calendar())}
    assert "第7个工作日" in on_29th[cases["far"].number]
    assert "第7个工作日" not in items.get(cases["far"].number, "")
    assert not mail.outbox and not RequestEvent.objects.filter(kind=EventKind.REMINDED).exists()


@pytest.mark.django_db
def test_unaddressed_requests_are_reported(make_user, make_org, county):
    lonely = make_org("lonely", "无人值守镇", parent=None)
    clerk = make_user("clerk", lonely, Role.REQUEST_HANDLER)  # no e-mail
    req = register(clerk, lonely, D(2025, 9, 22))
    summary = reminders.send_reminders(day=req.due_on)
    assert summary.unaddressed == [req.number] and summary.mails == 0
    assert "没有可接收邮件的工作人员" in summary.line()


@pytest.mark.django_db
def test_remind_command(cases, staff, capsys):
    call_command("requests", "remind", "--date", "2025-10-24")
    assert "4件申请需提醒，发送邮件3封" in capsys.readouterr().out
    with pytest.raises(CommandError) as err:
        call_command("requests", "remind", "--date", "2025-13-01")
    assert err.value.returncode == 2


@pytest.mark.django_db
def test_the_daily_reminder_is_one_periodic_job_for_all_servers(staff, township, settings):
    from django.utils import timezone

    from gongkai.foi.tasks import daily_reminder
    from gongkai.jobs import scheduler
    from gongkai.jobs.models import Job, Status

    register(staff["handler"], township, D(2025, 9, 22))
    entry = next(e for e in scheduler.registered() if e.task.module_path == daily_reminder.module_path)
    assert entry.daily_at == dt.time(8, 0)
    today = services.today()
    morning = timezone.make_aware(dt.datetime.combine(today, dt.time(7, 59)))
    assert daily_reminder.key.format(period=today.isoformat()) not in scheduler.enqueue_due(morning)
    later = morning + dt.timedelta(minutes=2)
    first, second = scheduler.enqueue_due(later), scheduler.enqueue_due(later)  # two servers' ticks
    key = f"foi.remind:{today.isoformat()}"
    assert key in first and key not in second
    job = Job.objects.get(key=key)
    assert job.status == Status.SUCCESSFUL and "办理提醒" in job.return_value  # ran (immediate engine)
    assert ReminderRun.objects.get().day == today


def test_the_reminder_time_is_checked():
    assert reminders.parse_time("08:30") == dt.time(8, 30)
    with pytest.raises(ValueError, match="HH:MM"):
        reminders.parse_time("8点")
