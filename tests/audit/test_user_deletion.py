"""Deleting a staff user named in the register deactivates the account (it used to answer HTTP 500)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record

User = get_user_model()


@pytest.fixture
def admin_client(client, make_user):
    root = make_user("root", None, is_staff=True, is_superuser=True)
    client.force_login(root)
    return client


def test_deleting_a_user_with_register_entries_deactivates_them(admin_client, officer, township):
    record(actor=officer, action="publish", obj=township)
    page = admin_client.get(f"/admin/auth/user/{officer.pk}/delete/")
    assert page.status_code == 200 and "在登记簿中有记录" in page.content.decode()
    response = admin_client.post(f"/admin/auth/user/{officer.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "已停用账号而未删除" in response.content.decode()
    officer.refresh_from_db()
    assert officer.is_active is False
    assert AuditEntry.objects.get().actor_id == officer.pk


def test_deleting_a_user_without_entries_still_deletes(admin_client, make_user):
    idle = make_user("idle")
    response = admin_client.post(f"/admin/auth/user/{idle.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=idle.pk).exists()


def test_bulk_delete_keeps_users_named_in_the_register(admin_client, officer, township, make_user):
    idle = make_user("idle")
    record(actor=officer, action="publish", obj=township)
    response = admin_client.post(
        "/admin/auth/user/", {"action": "delete_selected", "_selected_action": [officer.pk, idle.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert "已停用而未删除" in response.content.decode()
    assert User.objects.filter(pk=officer.pk, is_active=False).exists()
    assert not User.objects.filter(pk=idle.pk).exists()
