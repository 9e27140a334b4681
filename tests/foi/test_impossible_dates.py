"""Dates that cannot be true are refused: in the ledger import (by line) and on the staff screens."""

import datetime as dt
import io
import json

import pytest

from gongkai.foi import services, services_clock
from gongkai.foi.choices import Channel
from gongkai.foi.deadlines import impossible_date
from gongkai.foi.importer import import_requests
from gongkai.foi.models import DisclosureRequest
from gongkai.foi.rules import RuleError
from gongkai.orgs.models import Role

D = dt.date
TODAY = D(2026, 12, 1)


@pytest.mark.parametrize(
    "event, on, received_on, message",
    [
        ("receipt", D(2026, 12, 2), None, "收到申请日期不能晚于今天（填写的是2026-12-02）。"),
        ("receipt", D(2026, 12, 1), None, None),
        ("reply", D(2026, 12, 2), D(2026, 11, 2), "答复日期不能晚于今天（填写的是2026-12-02）。"),
        ("reply", D(2026, 11, 1), D(2026, 11, 2), "答复日期不能早于收到申请日期（2026-11-02）。"),
        ("reply", D(2026, 11, 2), D(2026, 11, 2), None),  # answered the day it came in
        ("extension", D(2027, 1, 4), D(2026, 11, 2), "延期决定日期不能晚于今天（填写的是2027-01-04）。"),
        ("extension", D(2026, 10, 30), D(2026, 11, 2), "延期决定日期不能早于收到申请日期（2026-11-02）。"),
        ("correction", D(2026, 12, 3), D(2026, 11, 2), "告知补正日期不能晚于今天（填写的是2026-12-03）。"),
        ("correction_received", D(2026, 12, 3), D(2026, 11, 2), "收到补正日期不能晚于今天（填写的是2026-12-03）。"),
        ("consultation", D(2026, 11, 1), D(2026, 11, 2), "征求意见日期不能早于收到申请日期（2026-11-02）。"),
    ],
)
def test_impossible_date(event, on, received_on, message):
    assert impossible_date(event, on, today=TODAY, received_on=received_on) == message


def ledger(tmp_path, *rows):
    path = tmp_path / "ledger.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_ledger_import_refuses_dates_that_cannot_be_true_by_line(tmp_path, township):
    today = services.today()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    base = {"applicant_type": "natural_person", "channel": "in_person"}
    path = ledger(
        tmp_path,
        {**base, "number": "L-1", "received_on": "2024-03-04", "outcome": "granted", "replied_on": "2024-03-20"},
        {**base, "number": "L-2", "received_on": tomorrow},
        {**base, "number": "L-3", "received_on": "2024-03-04", "outcome": "granted", "replied_on": tomorrow},
        {**base, "number": "L-4", "received_on": "2024-03-04", "outcome": "granted", "replied_on": "2024-03-01"},
        {**base, "number": "L-5", "received_on": today.isoformat()},
    )
    out, err = io.StringIO(), io.StringIO()
    summary = import_requests(path, township.code, out, err)
    assert (summary.created, [n for n, _ in summary.errors]) == (2, [2, 3, 4])
    lines = err.getvalue().splitlines()
    assert lines == [
        f"第2行：received_on：收到申请日期不能晚于今天（填写的是{tomorrow}）。",
        f"第3行：replied_on：答复日期不能晚于今天（填写的是{tomorrow}）。",
        "第4行：replied_on：答复日期不能早于收到申请日期（2024-03-04）。",
    ]
    assert set(DisclosureRequest.objects.values_list("number", flat=True)) == {"L-1", "L-5"}


FIELDS = {"applicant_type": "natural_person", "name": "赵敏", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234", "description": "申请公开2025年低保名单的公示情况",
          "delivery": "paper"}


@pytest.fixture
def open_request(make_user, township):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    req, _code = services.register_request(actor=handler, org=township, channel=Channel.IN_PERSON, fields=FIELDS,
                                           submitted_on=services.today())
    return req


@pytest.mark.django_db
def test_an_extension_dated_in_the_future_is_refused(make_user, township, open_request):
    head = make_user("head", township, Role.OFFICE_ADMIN)
    tomorrow = services.today() + dt.timedelta(days=1)
    with pytest.raises(RuleError, match="延期决定日期不能晚于今天"):
        services_clock.extend(open_request, actor=head, on=tomorrow, days=10, reason="需要向多个村居核实")
    open_request.refresh_from_db()
    assert open_request.extension_days == 0


@pytest.mark.django_db
def test_the_staff_screen_shows_the_refusal(client, make_user, township, open_request):
    head = make_user("head", township, Role.OFFICE_ADMIN)
    client.force_login(head)
    tomorrow = (services.today() + dt.timedelta(days=1)).isoformat()
    page = client.post(f"/staff/requests/{open_request.number}/act/",
                       {"action": "extend", "on": tomorrow, "days": "10", "comment": "需要向多个村居核实"}, follow=True)
    assert "延期决定日期不能晚于今天" in page.content.decode()
    open_request.refresh_from_db()
    assert open_request.extension_days == 0
