"""Wrong number/code pairs are limited per address, on the tracking page and the API, with a Chinese message."""

import pytest

from gongkai.foi import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def tracked(payload):
    fields = {k: v for k, v in payload.items() if k != "org"}
    from gongkai.orgs.models import Organization

    return services.submit_online_request(org=Organization.objects.get(code=payload["org"]), fields=fields)


def test_tracking_page_blocks_an_address_after_ten_wrong_codes(client, tracked, settings):
    settings.GONGKAI_FOI_TRACK_FAILURES = 10
    req, code = tracked
    for _ in range(10):
        wrong = client.post("/foi/track/", {"number": req.number, "code": "WRONG234"}, REMOTE_ADDR="10.9.0.1")
        assert wrong.status_code == 404 and "不正确" in wrong.content.decode()
    blocked = client.post("/foi/track/", {"number": req.number, "code": code}, REMOTE_ADDR="10.9.0.1")
    assert blocked.status_code == 429 and "输错次数过多" in blocked.content.decode()
    # Another address is not affected, and the right code still works there.
    fine = client.post("/foi/track/", {"number": req.number, "code": code}, REMOTE_ADDR="10.9.0.2")
    assert fine.status_code == 302


def test_right_codes_do_not_count(client, tracked, settings):
    settings.GONGKAI_FOI_TRACK_FAILURES = 2
    req, code = tracked
    for _ in range(5):
        assert client.post("/foi/track/", {"number": req.number, "code": code},
                           REMOTE_ADDR="10.9.0.3").status_code == 302


def test_api_tracking_is_limited_too(client, tracked, settings):
    settings.GONGKAI_FOI_TRACK_FAILURES = 3
    req, code = tracked
    for _ in range(3):
        assert client.get(f"/api/v1/requests/{req.number}?code=NOPE2345", REMOTE_ADDR="10.9.0.4").status_code == 404
    blocked = client.get(f"/api/v1/requests/{req.number}?code={code}", REMOTE_ADDR="10.9.0.4")
    assert blocked.status_code == 429 and "输错次数过多" in blocked.json()["detail"]
    assert client.get(f"/api/v1/requests/{req.number}?code={code}", REMOTE_ADDR="10.9.0.5").status_code == 200
