"""The daily register check: a periodic task whose result the system administrator's screen shows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.audit.services import record
from gongkai.audit.verify import read_anchors
from gongkai.jobs.scheduler import _registry
from gongkai.ops.tasks import verify_register

from ..audit.tamper import triggers_lifted

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.ops.urls")]


@pytest.fixture
def anchors(settings, tmp_path):
    settings.GONGKAI_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    return settings.GONGKAI_AUDIT_ANCHOR_FILE


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("sysadmin", "admin@example.cn", "long-enough-1"))
    return client


def test_it_runs_daily_and_anchors_an_intact_chain(county, anchors, admin_client):
    entry = next(p for p in _registry.values() if p.task is verify_register)
    assert entry.daily_at is not None
    for i in range(3):
        record(actor="办理人", action="publish", obj=county, comment=str(i))
    assert verify_register.call(period="2026-12-01") == {"intact": True, "entries": 3, "problems": 0}
    assert read_anchors(anchors)[-1].seq == 3
    html = admin_client.get("/staff/jobs/admin/").content.decode()
    assert "登记簿校验" in html and "校验通过：3 条记录" in html


def test_a_broken_chain_shows_on_the_screen_and_is_not_anchored(county, anchors, admin_client):
    for i in range(3):
        record(actor="办理人", action="publish", obj=county, comment=str(i))
    with triggers_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq = 2")
    assert verify_register.call(period="2026-12-02")["intact"] is False
    assert not anchors.exists()
    html = admin_client.get("/staff/jobs/admin/").content.decode()
    assert "校验发现登记簿被改动" in html and "第2条缺失" in html


def test_without_any_check_the_screen_says_so(admin_client):
    assert "登记簿尚未校验过" in admin_client.get("/staff/jobs/admin/").content.decode()
