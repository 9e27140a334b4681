"""The calendar staff screens: the disclosure office pastes a notice, checks it, confirms; local days per unit."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.orgs.models import Role
from gongkai.workdays import services
from gongkai.workdays.models import DayOverride, HolidayNotice

DATA = Path(__file__).parent / "data"
EXAMPLE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
"""


@pytest.fixture
def county_office(make_user, county):
    return make_user("county_office", county, Role.OFFICE_ADMIN)


@pytest.fixture
def township_office(make_user, township):
    return make_user("township_office", township, Role.OFFICE_ADMIN)


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_overview_lists_notices_and_local_days(client, county_office, county, township):
    services.set_day(actor=county_office, day=date(2026, 3, 10), is_workday=False, name="县庆日", org=county,
                     include_units=True)
    page = login(client, county_office).get("/staff/calendar/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "录入节假日安排通知" in html and "县庆日" in html and "本机构及下属单位" in html
    assert "2027年的节假日安排尚未录入" in html


@pytest.mark.django_db
def test_pasting_the_real_2026_notice_previews_no_change_and_no_warning(client, county_office):
    text = (DATA / "notice_2026.txt").read_text(encoding="utf-8")
    page = login(client, county_office).post("/staff/calendar/notice/", {"year": "2026", "text": text, "preview": ""})
    html = page.content.decode()
    assert page.status_code == 200
    assert "与法定节假日和星期核对一致" in html and "与现行日历相比调整的日期：0天" in html
    assert "春节：2月15日至2月23日放假；2月14日（星期六）、2月28日（星期六）上班" in html
    assert html.count('<table class="month">') == 12 and 'name="confirm"' in html
    assert not HolidayNotice.objects.exists()


@pytest.mark.django_db
def test_preview_then_confirm_records_the_notice_and_lists_moved_deadlines(client, county_office):
    login(client, county_office)
    form = {"year": "2027", "text": EXAMPLE_2027, "reference": "国办发明电〔2026〕1号", "published_on": "2026-11-20"}
    page = client.post("/staff/calendar/notice/", {**form, "preview": ""})
    html = page.content.decode()
    assert "请核对以下" in html and "通知没有“清明节、劳动节、端午节、中秋节、国庆节”的安排" in html
    assert "与现行日历相比调整的日期：5天" in html
    checked = page.context["form"]["checked"].value()
    # A confirmation of a text that changed after the preview is not taken: it is previewed again.
    page = client.post("/staff/calendar/notice/", {**form, "text": EXAMPLE_2027 + "\n", "checked": checked,
                                                   "confirm": ""})
    assert page.status_code == 200 and "预览后有改动" in page.content.decode()
    assert not HolidayNotice.objects.exists()
    page = client.post("/staff/calendar/notice/", {**form, "checked": checked, "confirm": ""})
    html = page.content.decode()
    assert page.status_code == 200 and "已录入2027年节假日安排" in html and "国办发明电〔2026〕1号" in html
    notice = HolidayNotice.objects.get()
    assert (notice.year, notice.reference, notice.published_on, notice.entered_by) == (
        2027, "国办发明电〔2026〕1号", date(2026, 11, 20), county_office)
    assert AuditEntry.objects.get(action="workdays.notice_entered").actor == county_office
    assert services.get_calendar().is_workday(date(2027, 2, 20)) == (True, False)


@pytest.mark.parametrize(
    "form, message",
    [
        ({"year": "2027", "text": "二、春节：2月30日放假。"}, "2027年2月30日不是有效的日期"),
        ({"year": "2027", "text": "   "}, "请粘贴通知全文"),
        ({"year": "2027", "text": ""}, "这个字段是必填项"),
        ({"year": "2027", "text": EXAMPLE_2027, "published_on": "2099-01-01"}, "发布日期不能晚于今天"),
        ({"year": "1999", "text": EXAMPLE_2027}, "2004"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_a_chinese_form_error(client, county_office, form, message):
    page = login(client, county_office).post("/staff/calendar/notice/", {**form, "preview": ""})
    assert page.status_code == 400 and message in page.content.decode()
    assert not HolidayNotice.objects.exists()


@pytest.mark.django_db
def test_only_the_top_level_disclosure_office_enters_the_notice(client, make_user, township, township_office):
    officer = make_user("officer", township, Role.OFFICER)
    for user in (officer, township_office):
        assert login(client, user).get("/staff/calendar/notice/").status_code == 403
        assert client.post("/staff/calendar/notice/", {"year": "2027", "text": EXAMPLE_2027,
                                                       "confirm": ""}).status_code == 403
    assert not HolidayNotice.objects.exists()
    assert "录入节假日安排通知" not in client.get("/staff/calendar/").content.decode()


@pytest.mark.django_db
def test_a_county_office_enters_a_local_day_for_its_units(client, county_office, county, township, other_township):
    page = login(client, county_office).post("/staff/calendar/local/", {
        "org": county.pk, "first": "2026-03-10", "last": "2026-03-11", "kind": "off", "name": "县庆日",
        "include_units": "on"})
    assert page.status_code == 302
    rows = DayOverride.objects.filter(org=county).order_by("date")
    assert [(r.date, r.is_workday, r.include_units) for r in rows] == [
        (date(2026, 3, 10), False, True), (date(2026, 3, 11), False, True)]
    assert services.get_calendar(other_township).is_workday(date(2026, 3, 11))[0] is False
    assert "已录入沂水县人民政府的地方性安排" in client.get("/staff/calendar/").content.decode()


@pytest.mark.django_db
def test_a_township_office_cannot_enter_days_for_its_county(client, township_office, county, township):
    login(client, township_office)
    page = client.post("/staff/calendar/local/", {"org": county.pk, "first": "2026-03-10", "kind": "off",
                                                  "name": "县庆日"})
    assert page.status_code == 400 and not DayOverride.objects.exists()
    page = client.post("/staff/calendar/local/", {"org": township.pk, "first": "2026-03-10", "kind": "work",
                                                  "name": "窗口值守"})
    assert page.status_code == 302 and DayOverride.objects.get().org == township


@pytest.mark.parametrize(
    "form, message",
    [
        ({"first": "2026-03-12", "last": "2026-03-10"}, "结束日期不能早于开始日期"),
        ({"first": "2026-03-01", "last": "2026-04-30"}, "一次最多录入31天"),
        ({"first": "2026-02-30"}, "有效的日期"),
    ],
)
@pytest.mark.django_db
def test_bad_local_days_are_form_errors(client, county_office, county, form, message):
    page = login(client, county_office).post("/staff/calendar/local/", {
        "org": county.pk, "kind": "off", "name": "县庆日", **form})
    assert page.status_code == 400 and message in page.content.decode()
    assert not DayOverride.objects.exists()


@pytest.mark.django_db
def test_removing_is_scoped(client, county_office, township_office, county, township):
    county_day = services.set_day(actor=county_office, day=date(2026, 3, 10), is_workday=False, name="县庆日",
                                  org=county, include_units=True)
    assert login(client, township_office).post(f"/staff/calendar/local/{county_day.pk}/remove/").status_code == 404
    assert login(client, county_office).post(f"/staff/calendar/local/{county_day.pk}/remove/").status_code == 302
    assert not DayOverride.objects.exists()
    assert AuditEntry.objects.filter(action="workdays.day_removed", org=county).exists()


@pytest.mark.django_db
def test_staff_without_a_calendar_role_see_but_cannot_add(client, make_user, township):
    officer = make_user("officer", township, Role.OFFICER)
    assert login(client, officer).get("/staff/calendar/").status_code == 200
    assert client.get("/staff/calendar/local/").status_code == 404
