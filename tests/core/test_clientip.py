"""The client address behind proxies: the rightmost address no trusted proxy wrote (core/clientip.py)."""

from __future__ import annotations

import json
import uuid

import pytest

from gongkai.core.clientip import parse_networks, resolve
from gongkai.foi.models import DisclosureRequest

PROXIES = parse_networks("127.0.0.1, 10.0.0.0/8, ::1")

CASES = [
    # (REMOTE_ADDR, X-Forwarded-For, trusted, hops, expected)
    ("203.0.113.5", "", (), 0, "203.0.113.5"),
    ("203.0.113.5", "1.2.3.4", (), 0, "203.0.113.5"),  # nothing configured: the header is ignored
    ("127.0.0.1", "198.51.100.7", PROXIES, 0, "198.51.100.7"),
    ("127.0.0.1", "6.6.6.6, 198.51.100.7", PROXIES, 0, "198.51.100.7"),  # forged left part ignored
    ("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", PROXIES, 0, "198.51.100.7"),  # two proxies
    ("198.51.100.7", "1.2.3.4", PROXIES, 0, "198.51.100.7"),  # direct client: its header is its own
    ("127.0.0.1", "10.0.0.9", PROXIES, 0, "10.0.0.9"),  # every hop trusted: the leftmost
    ("127.0.0.1", "not-an-ip", PROXIES, 0, "127.0.0.1"),
    ("127.0.0.1", "198.51.100.7:51234", PROXIES, 0, "198.51.100.7"),
    ("::1", "[2001:db8::1]:443", PROXIES, 0, "2001:db8::1"),
    ("::ffff:127.0.0.1", "198.51.100.7", PROXIES, 0, "198.51.100.7"),  # IPv4-mapped proxy address
    ("127.0.0.1", "6.6.6.6, 198.51.100.7", (), 1, "198.51.100.7"),
    ("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", (), 2, "198.51.100.7"),
    ("127.0.0.1", "198.51.100.7", (), 2, "127.0.0.1"),  # fewer hops than configured
    ("", "", (), 0, "unknown"),
]


@pytest.mark.parametrize(("remote", "forwarded", "trusted", "hops", "expected"), CASES)
def test_resolve(remote, forwarded, trusted, hops, expected):
    assert resolve(remote, forwarded, trusted=trusted, hops=hops) == expected


def test_a_bad_trusted_proxy_list_is_reported_by_the_system_check(settings):
    from gongkai.core.apps import check_trusted_proxies

    settings.GONGKAI_TRUSTED_PROXIES = "127.0.0.1, 10.0.0.0/33"
    errors = check_trusted_proxies()
    assert [e.id for e in errors] == ["gongkai.E001"] and "10.0.0.0/33" in errors[0].msg


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [{"GONGKAI_TRUSTED_PROXIES": "127.0.0.1"}, {"GONGKAI_PROXY_HOPS": 1}])
def test_a_forged_forwarded_for_never_changes_the_budget(client, settings, township, mode):
    for name, value in mode.items():
        setattr(settings, name, value)
    settings.GONGKAI_FOI_RATE_LIMIT = 3
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"clientip-{uuid.uuid4()}"}}
    body = {
        "org": township.code, "applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id",
        "id_number": "110101199003074514", "phone": "13905391234", "description": "请公开2025年老旧小区改造预算",
        "delivery": "electronic", "email": "wang@example.com",
    }
    statuses = [
        client.post("/api/v1/requests", data=json.dumps(body), content_type="application/json",
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.66.{i}.{i}, 198.51.100.7").status_code
        for i in range(15)
    ]
    assert statuses == [201] * 3 + [429] * 12
    assert DisclosureRequest.objects.count() == 3
    other = client.post("/api/v1/requests", data=json.dumps(body), content_type="application/json",
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 201  # another client behind the same proxy has its own budget
