"""Entering holiday notices and local days: audited, cached calendar rebuilt, change hooks run."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.foi.deadlines import compute_due_date
from gongkai.workdays import services
from gongkai.workdays.models import DayOverride, HolidayNotice

# A 2027 notice in the shape the State Council publishes (the dates are an example of such a notice).
NOTICE_2027 = [
    *[(date(2027, 2, d), False, "春节") for d in range(5, 13)],
    (date(2027, 2, 20), True, "春节"),  # a make-up Saturday
    (date(2027, 5, 3), False, "劳动节"),
]


@pytest.fixture
def hook_calls():
    calls = []
    services.register_calendar_hook(calls.append)
    yield calls
    services.on_calendar_change.remove(calls.append)


@pytest.fixture
def operator(db):
    return get_user_model().objects.create_user(username="calendar-admin", password="pw-12345678")


def enter_2027(operator, days=NOTICE_2027):
    return services.enter_notice(actor=operator, year=2027, title="国务院办公厅关于2027年部分节假日安排的通知",
                                 reference="国办发明电〔2026〕1号", days=days)


def test_entering_a_notice_ends_provisional_and_runs_hooks_after_commit(
    operator, hook_calls, django_capture_on_commit_callbacks
):
    before = services.get_calendar()
    assert before.is_workday(date(2027, 2, 20)) == (False, True)
    with django_capture_on_commit_callbacks(execute=True):
        notice = enter_2027(operator)
        assert hook_calls == []  # not before the commit
    assert hook_calls == [{2027}]
    cal = services.get_calendar()
    assert cal is not before
    assert cal.is_workday(date(2027, 2, 20)) == (True, False)
    assert cal.is_workday(date(2027, 2, 10)) == (False, False)
    assert cal.is_workday(date(2027, 6, 9)) == (False, False)  # statutory 端午 still off without a row
    entry = AuditEntry.objects.get(action="workdays.notice_entered")
    assert entry.object_id == str(notice.pk) and entry.actor == operator and entry.data["year"] == 2027
    result = compute_due_date(received=date(2027, 1, 25), calendar=cal)
    # 26–29 Jan, 1–4 Feb, 5–12 Feb off, 15–19 Feb, 20 Feb worked, 22–26 Feb, 1 Mar: the 20th.
    assert result.provisional is False and result.due == date(2027, 3, 1)


def test_reentering_replaces_the_days(operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enter_2027(operator)
        enter_2027(operator, days=[(date(2027, 2, 13), True, "春节")])
    assert HolidayNotice.objects.count() == 1
    assert list(DayOverride.objects.values_list("date", flat=True)) == [date(2027, 2, 13)]
    assert AuditEntry.objects.filter(action="workdays.notice_replaced").count() == 1
    assert services.get_calendar().is_workday(date(2027, 2, 20)) == (False, False)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"days": [(date(2026, 12, 31), False, "元旦")]}, "不属于2027年"),
        ({"days": [(date(2027, 2, 5), False, "春节"), (date(2027, 2, 5), False, "春节")]}, "重复"),
        ({"title": "  "}, "通知名称"),
        ({"year": 1999}, "年份"),
    ],
)
def test_bad_notices_are_refused(operator, kwargs, message):
    args = {"actor": operator, "year": 2027, "title": "通知", "days": NOTICE_2027, **kwargs}
    with pytest.raises(ValidationError, match=message):
        services.enter_notice(**args)
    assert not HolidayNotice.objects.exists()


def test_local_days_are_kept_apart_from_notices(operator, hook_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_day(actor=operator, day=date(2027, 2, 5), is_workday=False, name="地方节日")
    assert hook_calls == [{2027}]
    with pytest.raises(ValidationError, match="地方性安排"):
        enter_2027(operator)
    assert services.get_calendar().day_info(date(2027, 2, 5)).name == "地方节日"
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_day(actor=operator, day=date(2027, 2, 5))
    assert not DayOverride.objects.exists()
    assert AuditEntry.objects.filter(action__in=["workdays.day_set", "workdays.day_removed"]).count() == 2
    with pytest.raises(ValidationError, match="没有录入"):
        services.remove_day(actor=operator, day=date(2027, 2, 5))


def test_a_local_holiday_moves_a_deadline(operator, django_capture_on_commit_callbacks):
    before = compute_due_date(received=date(2026, 3, 2), calendar=services.get_calendar()).due
    with django_capture_on_commit_callbacks(execute=True):
        services.set_day(actor=operator, day=date(2026, 3, 10), is_workday=False, name="地方节日")
    after = compute_due_date(received=date(2026, 3, 2), calendar=services.get_calendar())
    assert (before, after.due) == (date(2026, 3, 30), date(2026, 3, 31))
    assert "地方节日放假" in after.explanation()


def test_calendar_is_cached_until_a_row_changes(operator):
    first = services.get_calendar()
    assert services.get_calendar() is first
    DayOverride.objects.create(date=date(2026, 5, 6), is_workday=False, name="地方节日", local=True)
    assert services.get_calendar() is not first


def test_a_failing_hook_does_not_stop_the_others(operator, hook_calls, django_capture_on_commit_callbacks):
    def broken(years):
        raise RuntimeError("boom")

    services.on_calendar_change.insert(0, broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            enter_2027(operator)
    finally:
        services.on_calendar_change.remove(broken)
    assert hook_calls == [{2027}]


def test_admin_pages(admin_client, operator, django_capture_on_commit_callbacks):
    enter_2027(operator)
    notice = HolidayNotice.objects.get()
    for url in ("/admin/workdays/holidaynotice/", f"/admin/workdays/holidaynotice/{notice.pk}/change/",
                "/admin/workdays/holidaynotice/add/", "/admin/workdays/dayoverride/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    page = admin_client.get(f"/admin/workdays/holidaynotice/{notice.pk}/change/").content.decode()
    assert "通知中的日期" in page and "是否工作日" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/workdays/dayoverride/add/", {
            "date": "2026-05-06", "is_workday": "", "name": "地方节日", "local": "on"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="workdays.day_set").exists()
    assert services.get_calendar().is_workday(date(2026, 5, 6)) == (False, False)
