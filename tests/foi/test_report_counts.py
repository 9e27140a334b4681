"""Annual-report counts from requests: new, carried over, per outcome, carried forward (contracts.md)."""

import io
import json

import pytest

from gongkai.foi.importer import import_requests
from gongkai.foi.selectors import annual_request_table

LEDGER = [
    # carried over from 2024, answered in 2025
    {"number": "L-1", "applicant_type": "natural_person", "channel": "online", "received_on": "2024-12-20",
     "outcome": "granted", "replied_on": "2025-01-10"},
    {"number": "L-2", "applicant_type": "commercial_enterprise", "channel": "in_person", "received_on": "2025-03-03",
     "outcome": "withheld_third_party", "replied_on": "2025-03-20"},
    {"number": "L-3", "applicant_type": "natural_person", "channel": "email", "received_on": "2025-12-22"},
    {"number": "L-4", "applicant_type": "legal_service_org", "channel": "fax", "received_on": "2025-12-29",
     "outcome": "unavailable_not_held", "replied_on": "2026-01-08"},
    {"number": "L-5", "applicant_type": "natural_person", "channel": "online", "received_on": "2024-05-06",
     "outcome": "granted", "replied_on": "2024-05-20"},
]


@pytest.mark.django_db
def test_annual_table_balances(tmp_path, township):
    path = tmp_path / "ledger.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in LEDGER), encoding="utf-8")
    import_requests(path, township.code, io.StringIO())
    rows = annual_request_table({township.pk}, 2025)
    assert rows["new"] == [1, 1, 0, 0, 1, 0, 3]
    assert rows["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["withheld_third_party"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["total_processed"] == [1, 1, 0, 0, 0, 0, 2]
    assert rows["carried_forward"] == [1, 0, 0, 0, 1, 0, 2]
    for column in range(7):  # 一 + 二 = （七）总计 + 四
        assert rows["new"][column] + rows["carried_over"][column] == (
            rows["total_processed"][column] + rows["carried_forward"][column])
