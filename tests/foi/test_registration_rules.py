"""Who may register a request and set its receipt date; how far back without a recorded reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEntry
from gongkai.foi import rules, services
from gongkai.foi.actions import RequestAction
from gongkai.foi.choices import Channel
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.rules import RuleError
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

FIELDS = {"applicant_type": "natural_person", "name": "孙立", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234", "description": "村道硬化工程验收资料",
          "delivery": "paper"}
TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(("received_on", "ago", "reason", "expected"), [
    (TODAY, 0, "", None),
    (TODAY - dt.timedelta(days=7), 5, "", None),  # 5 working days back: still fine
    (TODAY - dt.timedelta(days=8), 6, "", "backdate_reason"),
    (TODAY - dt.timedelta(days=8), 6, "  ", "backdate_reason"),  # blank is no reason
    (TODAY - dt.timedelta(days=330), 230, "邮局延误，原件附后", None),
    (TODAY + dt.timedelta(days=1), 0, "任何原因", ""),  # the future is refused whatever the reason
])
def test_receipt_date_problem(received_on, ago, reason, expected):
    problem = rules.receipt_date_problem(received_on, TODAY, workdays_ago=ago, limit=5, reason=reason)
    assert (problem[0] if problem else None) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.OFFICER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER, Role.OFFICE_REVIEWER,
                                  Role.LEGAL_ADVISER])
def test_roles_outside_the_intake_cannot_register(client, make_user, township, role):
    user = make_user("someone", township, role)
    client.login(username="someone", password=PASSWORD)
    assert client.get("/staff/requests/new/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.register_request(actor=user, org=township, channel=Channel.IN_PERSON, fields=FIELDS,
                                  submitted_on=services.today())
    assert not DisclosureRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REQUEST_HANDLER, Role.OFFICE_ADMIN])
def test_request_handlers_and_the_office_register(client, make_user, township, role):
    make_user("intake", township, role)
    client.login(username="intake", password=PASSWORD)
    assert client.get("/staff/requests/new/").status_code == 200
    data = {"org": township.code, **FIELDS, "channel": "in_person", "submitted_on": services.today().isoformat()}
    assert client.post("/staff/requests/new/", data).status_code == 302


@pytest.mark.django_db
def test_an_old_receipt_date_needs_a_reason_that_is_recorded(client, make_user, township):
    make_user("intake", township, Role.REQUEST_HANDLER)
    client.login(username="intake", password=PASSWORD)
    old = (services.today() - dt.timedelta(days=330)).isoformat()
    data = {"org": township.code, **FIELDS, "channel": "in_person", "submitted_on": old}
    refused = client.post("/staff/requests/new/", data)
    assert refused.status_code == 400 and "请填写补登原因" in refused.content.decode()
    assert not DisclosureRequest.objects.exists()
    accepted = client.post("/staff/requests/new/", {**data, "backdate_reason": "信件误投至其他科室，今日转来"})
    assert accepted.status_code == 302
    entry = AuditEntry.objects.get(action=RequestAction.REGISTERED)
    assert entry.data["backdate_reason"] == "信件误投至其他科室，今日转来"
    assert entry.data["workdays_before_registration"] > 5


@pytest.mark.django_db
def test_a_future_receipt_date_is_refused(make_user, township):
    handler = make_user("intake", township, Role.REQUEST_HANDLER)
    with pytest.raises(RuleError, match="不能晚于今天"):
        services.register_request(actor=handler, org=township, channel=Channel.IN_PERSON, fields=FIELDS,
                                  submitted_on=services.today() + dt.timedelta(days=1), backdate_reason="x")
