"""The background-task screens in a real browser: axe, the Nu Html Checker, 360 px, the CSP (conftest)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from gongkai.jobs import started_by
from gongkai.jobs.config import tasks_settings
from gongkai.jobs.models import Job
from gongkai.jobs.runner import execute
from tests.jobs import tasks

from ..conftest import PASSWORD
from .support import PHONE, blocking, run_axe, validate_html

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def screens(live_server, settings, tmp_path, clear_register_after):
    settings.TASKS = tasks_settings({"GONGKAI_TASKS_ENGINE": "db"})
    admin = get_user_model().objects.create_superuser("sysadmin", "admin@example.cn", PASSWORD)
    failed = tasks.flaky.enqueue(str(tmp_path / "n"), 5)
    Job.objects.filter(pk=failed.id).update(max_attempts=1)
    execute(failed.id)
    with started_by(admin):
        running = tasks.import_lines.enqueue(["好", "坏的一行", "好"])
    execute(running.id)
    base = live_server.url
    return {"admin": f"{base}/staff/jobs/admin/", "mine": f"{base}/staff/jobs/",
            "detail": f"{base}/staff/jobs/{running.id}/", "base": base}


def _login(page, base: str) -> None:
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill("sysadmin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/staff/$"))


def test_task_screens_are_accessible_valid_and_fit_a_phone(page, screens, tmp_path):
    _login(page, screens["base"])
    files = []
    for name in ("admin", "mine", "detail"):
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(screens[name])
        assert response.status == 200, name
        assert not blocking(run_axe(page)), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.body())
        files.append(path)
        page.set_viewport_size(PHONE)
        page.goto(screens[name])
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], name
    assert validate_html(files) == []


def test_the_administrator_retries_a_failed_task_from_the_screen(page, screens):
    _login(page, screens["base"])
    page.goto(screens["admin"])
    page.get_by_text("错误详情").first.click()
    assert page.get_by_text("ConnectionError").first.is_visible()
    page.get_by_role("button", name="重试").first.click()
    page.get_by_text("已重新排队").wait_for()
