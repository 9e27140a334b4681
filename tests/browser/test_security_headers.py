"""The back office and the admin work under the Content-Security-Policy (violations: conftest.csp_violations)."""

from __future__ import annotations

import re

import pytest

from gongkai.orgs.models import Role

from ..conftest import PASSWORD

STAFF_PAGES = ["/staff/", "/staff/documents/", "/staff/documents/new/", "/staff/requests/", "/staff/requests/new/",
               "/staff/interaction/messages/", "/staff/reports/"]
ADMIN_PAGES = ["/admin/", "/admin/auth/user/", "/admin/auth/user/add/", "/admin/orgs/organization/",
               "/admin/audit/auditentry/", "/admin/axes/accessattempt/"]


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/staff/$"))


@pytest.fixture
def office_admin(make_user, township):
    return make_user("ljq_admin", township, Role.OFFICE_ADMIN, is_staff=True, is_superuser=True)


def test_staff_pages_load_under_the_policy(page, site, office_admin):
    _login(page, site.url, "ljq_admin")
    for path in STAFF_PAGES:
        response = page.goto(site.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "no-store" in response.headers["cache-control"], path


def test_admin_pages_and_their_scripts_work_under_the_policy(page, site, office_admin):
    _login(page, site.url, "ljq_admin")
    for path in ADMIN_PAGES:
        response = page.goto(site.url + path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers
    # The admin's own scripts run: the user list's select-all box ticks every row.
    page.goto(site.url + "/admin/auth/user/")
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select:checked").count() == page.locator("input.action-select").count()


def test_the_recorder_sees_a_refused_inline_script(page, site, csp_violations):
    """The 0 violations of the suite mean something: an inline script without the nonce is refused and
    reported (this test then clears its own expected report)."""
    page.goto(site.url + "/")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ran") is None
    assert any(v.get("directive", "").startswith("script-src") for v in csp_violations), csp_violations
    csp_violations.clear()


def test_the_api_documentation_works_under_the_policy(page, site):
    page.goto(site.url + "/api/v1/docs")
    page.get_by_text("/api/v1/requests").first.wait_for()  # Swagger UI rendered the operations
