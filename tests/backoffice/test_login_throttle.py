"""Sign-in throttling per account and per address (django-axes), admin unlock, idle staff sessions."""

from __future__ import annotations

import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings

from gongkai.core.auth import IDLE_KEY
from tests.conftest import PASSWORD

LOGIN = "/staff/login/"
pytestmark = pytest.mark.django_db


def login(client, username, password, ip="192.0.2.10", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def test_wrong_passwords_lock_the_account_even_for_the_right_one(client, officer):
    for _ in range(4):
        assert login(client, "officer", "wrong-password").status_code == 200
    assert login(client, "officer", "wrong-password").status_code == 429  # the 5th failure locks
    locked = login(client, "officer", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录已暂停" in page and "15分钟" in page and "之后再试" in page
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_an_account_stays_locked_from_another_address(client, officer):
    for i in range(5):
        login(client, "officer", "wrong-password", ip=f"198.51.100.{i}")
    assert login(client, "officer", PASSWORD, ip="203.0.113.99").status_code == 429


def test_an_address_is_locked_for_every_account(client, officer, make_user, township):
    make_user("colleague", township)
    for i in range(5):
        login(client, f"guess{i}", "wrong-password", ip="192.0.2.66")
    assert login(client, "colleague", PASSWORD, ip="192.0.2.66").status_code == 429
    assert login(client, "colleague", PASSWORD, ip="192.0.2.67").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_address_lock(client, officer, settings):
    settings.GONGKAI_TRUSTED_PROXIES = "127.0.0.1"
    for i in range(5):
        login(client, f"guess{i}", "x", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 192.0.2.80")
    forged = login(client, "officer", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.80")
    assert forged.status_code == 429


def test_the_admin_sign_in_is_throttled_too(client, make_user):
    make_user("root", None, is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "nope"}, REMOTE_ADDR="192.0.2.20")
    assert client.post("/admin/login/", {"username": "root", "password": PASSWORD},
                       REMOTE_ADDR="192.0.2.20").status_code == 429


def test_an_administrator_unlocks_in_the_admin(client, officer, make_user):
    for _ in range(5):
        login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 429
    root = make_user("root", None, is_staff=True, is_superuser=True)
    admin = type(client)()
    admin.force_login(root)
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    assert ids
    response = admin.post("/admin/axes/accessattempt/",
                          {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    assert login(client, "officer", PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, officer):
    for _ in range(4):
        login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302


def test_staff_session_cookie_ends_with_the_browser(client, officer):
    response = login(client, "officer", PASSWORD)
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert response.status_code == 302
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_staff_session_ends_after_the_idle_time(client, officer, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600  # the default
    assert login(client, "officer", PASSWORD).status_code == 302
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 8 * 3600 - 5
    session.save()
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "已自动退出" in response.content.decode()


def test_activity_within_the_idle_time_keeps_the_session(client, officer):
    assert login(client, "officer", PASSWORD).status_code == 302
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 7 * 3600
    session.save()
    assert client.get("/staff/").status_code == 200
    assert client.session[IDLE_KEY] >= int(time.time()) - 5  # the activity was recorded
