"""Request tables of published annual reports, rebuilt from request records.

The headline figures come from real 2023 reports found online: 龙游县人民政府办公室 (14 received — 10 by
letter, 4 online — 12 closed, 2 carried into 2024), 攸县人民政府办公室 (62 handled, 3 of them carried
over from 2022) and 勉县人民政府 (10 received, 9 online and 1 in writing, all closed in time). Their
websites print the totals; the split by applicant type and outcome below is constructed to be
realistic and consistent with those totals. Each table is computed both by the pure rules and by
the SQL selector, which must agree.
"""

from datetime import date

import pytest

from gongkai.reports import rules, selectors
from gongkai.reports.rules import RequestRecord

from .factories import add_requests

D = date
NP, CE, LS, OO, RI, PI = ("natural_person", "commercial_enterprise", "legal_service_org", "other_org",
                          "research_institution", "public_interest_org")

LONGYOU_2023 = [
    (3, NP, "mail_registered", D(2023, 3, 6), D(2023, 3, 24), "granted"),
    (2, NP, "mail_registered", D(2023, 5, 8), D(2023, 6, 2), "partially_granted"),
    (3, NP, "mail_registered", D(2023, 7, 3), D(2023, 7, 21), "unavailable_not_held"),
    (1, CE, "online", D(2023, 8, 14), D(2023, 8, 30), "granted"),
    (1, CE, "mail_registered", D(2023, 9, 4), D(2023, 9, 22), "rejected_petition"),
    (1, NP, "online", D(2023, 10, 9), D(2023, 10, 27), "granted"),
    (1, LS, "online", D(2023, 11, 6), D(2023, 11, 24), "other"),
    # the two carried into 2024: received late December, answered in January
    (1, NP, "online", D(2023, 12, 20), D(2024, 1, 10), "granted"),
    (1, NP, "mail_registered", D(2023, 12, 27), D(2024, 1, 19), "unavailable_not_held"),
]

YOUXIAN_2023 = [
    # 3 carried over from 2022
    (2, NP, "in_person", D(2022, 12, 15), D(2023, 1, 9), "granted"),
    (1, CE, "mail_registered", D(2022, 12, 26), D(2023, 1, 17), "withheld_third_party"),
    (30, NP, "online", D(2023, 4, 3), D(2023, 4, 21), "granted"),
    (8, NP, "in_person", D(2023, 6, 5), D(2023, 6, 26), "partially_granted"),
    (6, NP, "mail_registered", D(2023, 7, 10), D(2023, 8, 4), "unavailable_not_held"),
    (3, NP, "online", D(2023, 8, 7), D(2023, 8, 25), "rejected_repeated"),
    (5, CE, "online", D(2023, 9, 4), D(2023, 9, 22), "granted"),
    (3, LS, "mail_registered", D(2023, 10, 9), D(2023, 10, 27), "withheld_process_info"),
    (2, OO, "online", D(2023, 11, 6), D(2023, 11, 24), "unavailable_needs_creation"),
    (1, NP, "online", D(2023, 11, 13), D(2023, 12, 15), "other_no_correction"),
    (1, NP, "online", D(2023, 12, 4), D(2023, 12, 22), "rejected_confirmation"),
]

MIANXIAN_2023 = [
    (6, NP, "online", D(2023, 2, 13), D(2023, 3, 3), "granted"),
    (2, NP, "online", D(2023, 5, 15), D(2023, 6, 2), "unavailable_not_held"),
    (1, CE, "online", D(2023, 8, 21), D(2023, 9, 8), "partially_granted"),
    (1, NP, "mail_ordinary", D(2023, 10, 16), D(2023, 11, 3), "withheld_internal_affairs"),
]

CASES = {
    "longyou": (LONGYOU_2023, {
        "new": [11, 2, 0, 0, 1, 0, 14], "carried_over": [0] * 7,
        "granted": [4, 1, 0, 0, 0, 0, 5], "partially_granted": [2, 0, 0, 0, 0, 0, 2],
        "unavailable_not_held": [3, 0, 0, 0, 0, 0, 3], "rejected_petition": [0, 1, 0, 0, 0, 0, 1],
        "other": [0, 0, 0, 0, 1, 0, 1], "total_processed": [9, 2, 0, 0, 1, 0, 12],
        "carried_forward": [2, 0, 0, 0, 0, 0, 2],
    }),
    "youxian": (YOUXIAN_2023, {
        "new": [49, 5, 0, 0, 3, 2, 59], "carried_over": [2, 1, 0, 0, 0, 0, 3],
        "granted": [32, 5, 0, 0, 0, 0, 37], "partially_granted": [8, 0, 0, 0, 0, 0, 8],
        "withheld_third_party": [0, 1, 0, 0, 0, 0, 1], "withheld_process_info": [0, 0, 0, 0, 3, 0, 3],
        "unavailable_not_held": [6, 0, 0, 0, 0, 0, 6], "unavailable_needs_creation": [0, 0, 0, 0, 0, 2, 2],
        "rejected_repeated": [3, 0, 0, 0, 0, 0, 3], "rejected_confirmation": [1, 0, 0, 0, 0, 0, 1],
        "other_no_correction": [1, 0, 0, 0, 0, 0, 1], "total_processed": [51, 6, 0, 0, 3, 2, 62],
        "carried_forward": [0] * 7,
    }),
    "mianxian": (MIANXIAN_2023, {
        "new": [9, 1, 0, 0, 0, 0, 10], "carried_over": [0] * 7,
        "granted": [6, 0, 0, 0, 0, 0, 6], "partially_granted": [0, 1, 0, 0, 0, 0, 1],
        "unavailable_not_held": [2, 0, 0, 0, 0, 0, 2], "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
        "total_processed": [9, 1, 0, 0, 0, 0, 10], "carried_forward": [0] * 7,
    }),
}


def _expected(partial: dict) -> dict:
    return {name: partial.get(name, [0] * 7) for name in rules.REQUEST_ROWS}


def _records(spec):
    return [RequestRecord(a, rec, rep, out) for n, a, _ch, rec, rep, out in spec for _ in range(n)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_pure_rules_reproduce_published_table(name):
    spec, partial = CASES[name]
    table = rules.request_table(rules.counts_from_records(_records(spec), 2023))
    assert table.rows == _expected(partial)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sql_selector_reproduces_published_table(name, make_org):
    spec, partial = CASES[name]
    org = make_org(name)
    add_requests(org, spec)
    annual = selectors.annual_data(org, 2023)
    assert annual.data["requests"]["rows"] == _expected(partial)
    assert not annual.failing, [c.message for c in annual.failing]


def test_year_boundary_follows_into_next_year(make_org):
    org = make_org("longyou")
    add_requests(org, LONGYOU_2023)
    rows = selectors.annual_data(org, 2024).data["requests"]["rows"]
    assert rows["new"][-1] == 0
    assert rows["carried_over"] == [2, 0, 0, 0, 0, 0, 2]
    assert rows["granted"][-1] == 1 and rows["unavailable_not_held"][-1] == 1
    assert rows["carried_forward"][-1] == 0


def test_other_orgs_requests_do_not_count(make_org):
    a, b = make_org("longyou"), make_org("mianxian")
    add_requests(a, LONGYOU_2023)
    add_requests(b, MIANXIAN_2023)
    assert selectors.annual_data(b, 2023).data["requests"]["rows"]["new"][-1] == 10
    both = selectors.annual_data(a, 2023, org_ids=[a.pk, b.pk]).data["requests"]["rows"]
    assert both["new"][-1] == 24 and both["carried_forward"][-1] == 2
