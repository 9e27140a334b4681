"""The API contract of contracts.md: POST /api/v1/requests and GET /api/v1/requests/{number}?code=."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.foi.models import DisclosureRequest

URL = "/api/v1/requests"


def post(client, body, ip="10.0.0.1"):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_submission_returns_201_with_number_code_and_due_date(client, payload):
    response = post(client, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"number", "query_code", "received_on", "due_on", "status"}
    today = timezone.localdate()
    assert body["number"].startswith(f"{today.year}-") and len(body["number"]) == 11
    assert len(body["query_code"]) == 8
    assert body["received_on"] == today.isoformat()
    assert dt.date.fromisoformat(body["due_on"]) > today
    assert body["status"] == "registered"
    req = DisclosureRequest.objects.get(number=body["number"])
    assert body["query_code"] not in req.query_code_hash
    assert req.channel == "online" and req.id_number == payload["id_number"]
    assert AuditEntry.objects.filter(action="foi.submitted", object_id=str(req.pk)).count() == 1
    assert len(mail.outbox) == 1 and body["query_code"] in mail.outbox[0].body


@pytest.mark.django_db
def test_numbers_are_sequential(client, payload):
    first = post(client, payload).json()["number"]
    second = post(client, payload).json()["number"]
    assert int(second[5:]) == int(first[5:]) + 1


@pytest.mark.django_db
def test_organization_applicant_without_optional_fields(client, payload):
    body = {k: v for k, v in payload.items() if k not in {"email", "address", "purpose"}}
    body.update(applicant_type="commercial_enterprise", id_type="credit_code", id_number="91350100M000100Y43",
                contact_name="李强", delivery="paper")
    assert post(client, body).status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验位"),
        ({"id_number": "1101051949"}, "id_number", "18位"),
        ({"phone": "12345"}, "phone", "手机号码"),
        ({"name": ""}, "name", "请填写"),
        ({"description": "   "}, "description", "请填写"),
        ({"org": "nowhere"}, "org", "受理机关不存在"),
        ({"applicant_type": "alien"}, "applicant_type", "不是可选的值"),
        ({"id_type": "badge"}, "id_type", "不是可选的值"),
        ({"delivery": "pigeon"}, "delivery", "不是可选的值"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"phone": 13905391234}, "phone", "应为文本"),
        ({"id_type": "credit_code", "id_number": "91350100M000100Y43"}, "id_type", "自然人"),
    ],
)
def test_bad_field_answers_400_in_chinese(client, payload, change, field, words):
    response = post(client, {**payload, **change})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors and words in errors[field], errors
    assert DisclosureRequest.objects.count() == 0


@pytest.mark.django_db
def test_missing_fields_each_reported(client):
    response = post(client, {})
    assert response.status_code == 400
    errors = response.json()["errors"]
    for field in ("org", "applicant_type", "name", "id_type", "id_number", "phone", "description", "delivery"):
        assert errors[field].startswith("请"), errors


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["{not json", "[1, 2]", b"\xff\xfe"])
def test_malformed_body_is_400_not_422(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert "JSON" in response.json()["errors"]["__all__"]


@pytest.mark.django_db
def test_rate_limit_per_client_ip(client, payload, settings):
    settings.GONGKAI_FOI_RATE_LIMIT = 3
    for _ in range(3):
        assert post(client, payload, ip="10.9.9.9").status_code == 201
    limited = post(client, payload, ip="10.9.9.9")
    assert limited.status_code == 429
    assert "频繁" in limited.json()["errors"]["__all__"]
    assert post(client, payload, ip="10.9.9.10").status_code == 201
    assert DisclosureRequest.objects.count() == 4


@pytest.mark.django_db
def test_tracking_with_code_shows_status_without_personal_data(client, payload):
    created = post(client, payload).json()
    response = client.get(f"{URL}/{created['number']}", {"code": created["query_code"].lower()})
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == created["number"]
    assert body["status_label"] == "登记"
    assert body["due_on"] == created["due_on"]
    assert any("条例第三十三条" in line for line in body["due_explanation"])
    text = response.content.decode()
    for secret in (payload["name"], payload["id_number"], payload["phone"], payload["email"], payload["address"]):
        assert secret not in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["WRONGCOD", "", "x" * 40])
def test_tracking_with_wrong_code_is_404(client, payload, code):
    created = post(client, payload).json()
    response = client.get(f"{URL}/{created['number']}", {"code": code})
    assert response.status_code == 404
    assert client.get(f"{URL}/2020-999999", {"code": created["query_code"]}).status_code == 404


@pytest.mark.django_db
def test_openapi_describes_the_request_body(client):
    schema = client.get("/api/v1/openapi.json").json()
    post_op = schema["paths"]["/api/v1/requests"]["post"]
    props = post_op["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert {"org", "applicant_type", "id_type", "delivery"} <= set(props)
