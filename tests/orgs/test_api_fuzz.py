"""Schema-based fuzzing of the whole OpenAPI document (schemathesis), and the bodies that used to give 500.

Generic over the document: every operation it lists is exercised with a bounded number of examples
(GONGKAI_FUZZ_EXAMPLES, default 25), positive and negative; no answer may be a server error, and a
request the schema calls valid must not be refused as invalid.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from gongkai.catalog.models import Column
from gongkai.pii.rules import id_check_char
from gongkai.wsgi import application

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "25"))
FUZZ_ORG, FUZZ_COLUMN = "fuzzorg", 990001
_PROVINCES = ["11", "31", "37", "44", "65"]
_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _resident_id(parts) -> str:
    province, area, born, serial = parts
    first17 = f"{province}{area:04d}{born:%Y%m%d}{serial:03d}"
    return first17 + id_check_char(first17)


def _credit_code(parts) -> str:
    head, division, body = parts
    first17 = head + f"{division:06d}" + body
    total = sum(_USCC.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return first17 + _USCC[(31 - total % 31) % 31]


# The formats the OpenAPI document names beyond JSON Schema's own (see foi/api_schema.py, search/api.py).
schemathesis.openapi.format("gb11643", st.tuples(
    st.sampled_from(_PROVINCES), st.integers(101, 9999), st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)),
    st.integers(0, 999)).map(_resident_id))
schemathesis.openapi.format("gb32100", st.tuples(
    st.text(_USCC, min_size=2, max_size=2), st.integers(110000, 659999), st.text(_USCC, min_size=9, max_size=9),
).map(_credit_code))
# Names of rows: the fuzz_site fixture creates exactly these.
schemathesis.openapi.format("org-code", st.just(FUZZ_ORG))
schemathesis.openapi.format("foi-org-code", st.just(FUZZ_ORG))
schemathesis.openapi.format("column-id", st.just(str(FUZZ_COLUMN)))

STATS: Counter = Counter()  # (operation, status) -> requests, for the summary line (conftest.py)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def fuzz_site(make_org, settings, request):
    settings.GONGKAI_FOI_RATE_LIMIT = 10**6
    settings.GONGKAI_FOI_TRACK_FAILURES = 10**6
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    # Calls go through the real WSGI application, whose request signals would close the test's
    # database connection (and with it its transaction); Django's test client lifts them the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    request.addfinalizer(lambda: [s.connect(close_old_connections) for s in (request_started, request_finished)])
    org = make_org(FUZZ_ORG, "模糊测试机构")
    Column.objects.create(pk=FUZZ_COLUMN, org=org, name="模糊测试栏目", slug="fuzz")
    return org


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_without_server_errors(case, fuzz_site):
    response = case.call()
    STATS[(f"{case.method} {case.path}", response.status_code)] += 1
    assert response.status_code < 500, (case.method, case.path, case.body, response.text[:300])
    case.validate_response(response)


def post(client, body: bytes):
    return client.post("/api/v1/requests", data=body, content_type="application/json")


@pytest.mark.django_db
def test_deeply_nested_json_is_a_chinese_400(client):
    response = post(client, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400
    assert "嵌套过深" in response.json()["errors"]["__all__"]
    shallow = post(client, json.dumps({"name": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}).encode())
    assert shallow.status_code == 400 and "嵌套过深" in shallow.json()["errors"]["__all__"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b'{"name": "\\ud800"}', b'{"\\udfff": "x"}', b'["\\ud83d"]'])
def test_lone_surrogates_are_a_chinese_400(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert "Unicode" in response.json()["errors"]["__all__"]


@pytest.mark.django_db
def test_a_real_surrogate_pair_is_fine(client, payload_like):
    body = json.dumps({**payload_like, "description": "请公开有关😀表情包的文件，2025年老旧小区改造预算"}).encode()
    assert post(client, body).status_code == 201


@pytest.fixture
def payload_like(township):
    return {"org": township.code, "applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id",
            "id_number": "11010519491231002X", "phone": "13905391234", "description": "请公开老旧小区改造预算",
            "delivery": "electronic", "email": "wang@example.com"}
