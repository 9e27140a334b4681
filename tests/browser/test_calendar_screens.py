"""The calendar staff screens in a real browser: paste a notice, preview, confirm; axe, vnu and 360 px."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai.orgs.models import Role
from gongkai.workdays import services
from gongkai.workdays.models import HolidayNotice
from tests.conftest import PASSWORD

from .support import PHONE, blocking, run_axe, validate_html

pytestmark = pytest.mark.django_db(transaction=True)
# vnu's outdated advice on <input type=date>, which every browser the back office supports implements.
IGNORED_WARNING = "The “date” input type is not supported in all browsers"

EXAMPLE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
"""


@pytest.fixture
def office(make_user, county, township):
    services.set_day(actor=None, day=dt.date(2026, 3, 10), is_workday=False, name="县庆日", org=county,
                     include_units=True)
    return make_user("yishui_office", county, Role.OFFICE_ADMIN)


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/staff/$"))


def _check(page, name: str, pages: dict[str, str]) -> None:
    violations = blocking(run_axe(page))
    assert not violations, (name, violations)
    pages[name] = page.content()
    page.set_viewport_size(PHONE)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (name, width)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_pasting_previewing_and_confirming_a_notice(page, live_server, office, tmp_path):
    pages: dict[str, str] = {}
    _login(page, live_server.url, office.username)
    page.get_by_role("link", name="工作日历").click()
    assert "县庆日" in page.content()
    _check(page, "index", pages)

    page.get_by_role("link", name="录入节假日安排通知").click()
    page.get_by_label("年份").fill("2027")
    page.get_by_label("通知全文或日期").fill(EXAMPLE_2027)
    _check(page, "notice_form", pages)
    page.get_by_role("button", name="预览").click()
    assert page.get_by_role("heading", name="预览：2027年").is_visible()
    assert "与现行日历相比调整的日期：5天" in page.content()
    assert page.locator("table.month").count() == 12
    _check(page, "notice_preview", pages)

    page.get_by_role("button", name="确认录入").click()
    assert page.get_by_role("heading", name="已录入2027年节假日安排").is_visible()
    assert HolidayNotice.objects.filter(year=2027).exists()
    _check(page, "notice_done", pages)

    page.goto(live_server.url + "/staff/calendar/local/")
    page.get_by_label("说明").fill("少数民族节日")
    page.get_by_role("button", name="保存").click()  # no start date: the form says so
    assert "开始日期" in page.get_by_role("alert").first.inner_text()
    _check(page, "local_day_errors", pages)

    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    problems = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
                for m in validate_html(files) if not m["message"].startswith(IGNORED_WARNING)]
    assert not problems, "\n".join(problems)
