"""Table-driven tests of the pure report rules (contracts.md "Annual report", rules.md §5)."""

from datetime import date

import pytest

from gongkai.reports import rules
from gongkai.reports.rules import DocumentRecord, RequestRecord

D = date


@pytest.mark.parametrize(
    ("received", "replied", "year", "expected"),
    [
        # (new, carried_over, processed, carried_forward)
        (D(2024, 3, 1), D(2024, 3, 20), 2024, (1, 0, 1, 0)),
        (D(2023, 12, 20), D(2024, 1, 10), 2023, (1, 0, 0, 1)),  # year boundary: forward in 2023
        (D(2023, 12, 20), D(2024, 1, 10), 2024, (0, 1, 1, 0)),  # … carried over and processed in 2024
        (D(2023, 12, 31), None, 2024, (0, 1, 0, 1)),  # still open: over and forward again
        (D(2024, 12, 31), D(2025, 1, 2), 2024, (1, 0, 0, 1)),
        (D(2024, 1, 1), D(2024, 1, 1), 2024, (1, 0, 1, 0)),  # answered on the spot on New Year's day
        (D(2022, 5, 1), D(2023, 1, 3), 2024, (0, 0, 0, 0)),  # closed before the year
        (D(2025, 1, 1), None, 2024, (0, 0, 0, 0)),  # not yet received
    ],
)
def test_classify_request(received, replied, year, expected):
    c = rules.classify_request(RequestRecord("natural_person", received, replied, "granted" if replied else ""), year)
    assert (c.new, c.carried_over, c.processed, c.carried_forward) == expected


def _table(records, year):
    return rules.request_table(rules.counts_from_records(records, year))


def test_table_columns_rows_and_totals():
    records = [
        RequestRecord("natural_person", D(2024, 2, 1), D(2024, 2, 20), "granted"),
        RequestRecord("commercial_enterprise", D(2024, 2, 1), D(2024, 2, 25), "withheld_third_party"),
        RequestRecord("legal_service_org", D(2024, 11, 1), None, ""),
    ]
    rows = _table(records, 2024).rows
    assert list(rows) == ["new", "carried_over", *rules.OUTCOME_CODES, "total_processed", "carried_forward"]
    assert rows["new"] == [1, 1, 0, 0, 1, 0, 3]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["withheld_third_party"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["total_processed"] == [1, 1, 0, 0, 0, 0, 2]
    assert rows["carried_forward"] == [0, 0, 0, 0, 1, 0, 1]


def test_replied_without_outcome_is_flagged():
    table = _table([RequestRecord("natural_person", D(2024, 2, 1), D(2024, 2, 5), "")], 2024)
    data = rules.annual_json(org="x", year=2024, proactive=rules.proactive_section([]), requests=table.rows,
                             reviews=rules.review_section([]))
    checks = {c.code: c for c in rules.check_report(data, missing_outcome=table.missing_outcome[-1])}
    assert not checks["outcomes"].ok
    assert not checks["balance"].ok  # the reply is neither processed under an outcome nor carried forward


def test_checks_catch_inconsistent_table():
    table = _table([RequestRecord("natural_person", D(2024, 2, 1), D(2024, 2, 5), "granted")], 2024)
    data = rules.annual_json(org="x", year=2024, proactive=rules.proactive_section([]), requests=table.rows,
                             reviews=rules.review_section([("reconsideration", "upheld", 2)]))
    assert not rules.failing(rules.check_report(data))
    data["requests"]["rows"]["granted"][0] = 2  # a hand edit: outcome no longer matches the totals
    data["requests"]["rows"]["carried_over"][6] = 5
    data["reviews"]["reconsideration"][4] = 9
    failed = {c.code for c in rules.failing(rules.check_report(data))}
    assert failed == {"balance", "column_totals", "processed_total", "review_totals"}


def test_reversed_dates_break_the_balance():
    # replied before received: a data error the balance check must reveal
    table = _table([RequestRecord("natural_person", D(2024, 1, 5), D(2023, 12, 30), "granted")], 2024)
    data = rules.annual_json(org="x", year=2024, proactive=rules.proactive_section([]), requests=table.rows,
                             reviews=rules.review_section([]))
    assert "balance" in {c.code for c in rules.failing(rules.check_report(data))}


def test_unknown_applicant_type_counted_not_dropped():
    table = _table([RequestRecord("martian", D(2024, 1, 5), None, "")], 2024)
    assert table.unknown_applicant_type == 2  # new and carried forward
    assert table.rows["new"][-1] == 0


@pytest.mark.parametrize(
    ("record", "year", "expected"),
    [
        (DocumentRecord("规章", D(2024, 3, 1)), 2024, (1, 0, 1)),
        (DocumentRecord("规章", D(2024, 3, 1)), 2023, (0, 0, 0)),
        (DocumentRecord("规章", D(2020, 3, 1), "repealed", ((D(2024, 6, 1), "repealed"),)), 2024, (0, 1, 0)),
        (DocumentRecord("规章", D(2020, 3, 1), "repealed", ((D(2024, 6, 1), "repealed"),)), 2023, (0, 0, 1)),
        (DocumentRecord("规章", D(2020, 3, 1), "expired", ((D(2024, 6, 1), "expired"),)), 2024, (0, 1, 0)),
        (DocumentRecord("规章", D(2020, 3, 1), "amended", ((D(2024, 6, 1), "amended"),)), 2024, (0, 0, 1)),
        (DocumentRecord("规章", D(2020, 3, 1), "repealed"), 2024, (0, 0, 0)),  # imported repealed, no date
        (DocumentRecord("规章", D(2020, 3, 1), "in_force",
                        ((D(2022, 1, 1), "repealed"), (D(2023, 1, 1), "in_force"))), 2023, (0, 0, 1)),
    ],
)
def test_document_counts(record, year, expected):
    counts = {c.genre: (c.issued, c.repealed, c.in_force) for c in rules.document_counts([record], year)}
    assert counts["规章"] == expected
    assert counts["行政规范性文件"] == (0, 0, 0)


@pytest.mark.parametrize(("value", "text"), [(0, "0.00"), ("1.005", "1.01"), ("12.3", "12.30"), (None, "0.00")])
def test_wan_yuan(value, text):
    assert rules.wan_yuan(value) == text


def test_wan_yuan_rejects_garbage():
    with pytest.raises(ValueError, match="不是有效的数字"):
        rules.wan_yuan("abc")


def test_review_section():
    out = rules.review_section([("reconsideration", "upheld", 2), ("reconsideration", "pending", 1),
                                ("litigation_direct", "corrected", 1)])
    assert out == {"reconsideration": [2, 0, 0, 1, 3], "litigation_direct": [0, 1, 0, 0, 1],
                   "litigation_after_reconsideration": [0, 0, 0, 0, 0]}


@pytest.mark.parametrize(
    ("kind", "published", "today", "state"),
    [
        ("department", None, D(2025, 1, 31), "pending"),
        ("department", None, D(2025, 2, 1), "late"),
        ("department", D(2025, 1, 20), D(2025, 6, 1), "published"),
        ("department", D(2025, 2, 3), D(2025, 6, 1), "published_late"),
        ("county_government", None, D(2025, 3, 31), "pending"),
        ("county_government", None, D(2025, 4, 1), "late"),
        ("township", None, D(2025, 2, 15), "pending"),  # townships follow the county: 31 March
        ("street_office", D(2025, 3, 30), D(2025, 4, 2), "published"),
    ],
)
def test_report_state(kind, published, today, state):
    assert rules.report_state(org_kind=kind, year=2024, published_on=published, today=today) == state
