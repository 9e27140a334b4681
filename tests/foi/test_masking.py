"""Roles outside the request workflow see applicants' ID numbers and phones masked on the staff page."""

from __future__ import annotations

import pytest

from gongkai.foi import services
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

ID, PHONE = "11010519491231002X", "13905391234"


@pytest.fixture
def request_(township):
    req, _code = services.submit_online_request(org=township, fields={
        "applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id", "id_number": ID,
        "phone": PHONE, "email": "wang@example.com", "description": "老旧小区改造预算", "delivery": "electronic"})
    return req


def page(client, make_user, township, role, req) -> tuple[int, str]:
    make_user("viewer", township, role)
    client.login(username="viewer", password=PASSWORD)
    response = client.get(f"/staff/requests/{req.number}/")
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER])
def test_roles_outside_the_workflow_see_masked_identity(client, make_user, township, request_, role):
    status, html = page(client, make_user, township, role, request_)
    assert status == 200
    assert ID not in html and PHONE not in html and "wang@example.com" not in html
    assert "1101**********002X" in html and "139****1234" in html and "已部分隐藏" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REQUEST_HANDLER, Role.OFFICE_ADMIN, Role.OFFICE_REVIEWER, Role.LEGAL_ADVISER])
def test_the_workflow_roles_see_the_full_identity(client, make_user, township, request_, role):
    status, html = page(client, make_user, township, role, request_)
    assert status == 200
    assert ID in html and PHONE in html and "已部分隐藏" not in html
