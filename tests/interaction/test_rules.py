"""Pure rules: deadlines, queue states, page routing, numbering, hotline rates and periods."""

import datetime as dt

import pytest

from gongkai.interaction import rules
from gongkai.interaction.rules import QueueState
from gongkai.workdays.rules import Calendar

D = dt.date


@pytest.mark.parametrize(("received", "n", "due"), [
    (D(2026, 11, 26), 5, D(2026, 12, 3)),   # Thursday: weekend skipped
    (D(2026, 2, 12), 5, D(2026, 2, 26)),    # Spring Festival 2026-02-15..23 off, Saturday 02-14 worked
    (D(2026, 11, 27), 0, D(2026, 11, 27)),
])
def test_answer_due_counts_working_days(received, n, due):
    assert rules.answer_due(received, n, Calendar()) == (due, False)


TODAY = D(2026, 11, 26)


@pytest.mark.parametrize(("kwargs", "state", "late"), [
    ({"answered": True, "invalid": False, "received_on": D(2026, 1, 1), "due_on": D(2026, 1, 8)}, QueueState.DONE, 0),
    ({"answered": False, "invalid": True, "received_on": D(2026, 1, 1), "due_on": D(2026, 1, 8)}, QueueState.INVALID, 0),
    ({"answered": False, "invalid": False, "received_on": TODAY, "due_on": D(2026, 12, 3)}, QueueState.OPEN, 0),
    ({"answered": False, "invalid": False, "received_on": D(2026, 11, 19), "due_on": TODAY}, QueueState.DUE_TODAY, 0),
    ({"answered": False, "invalid": False, "received_on": D(2026, 11, 16), "due_on": D(2026, 11, 23)},
     QueueState.OVERDUE, 3),
    ({"answered": False, "invalid": False, "received_on": D(2026, 10, 27), "due_on": D(2026, 11, 3)},
     QueueState.CRITICAL, 23),
])
def test_queue_state(kwargs, state, late):
    queue = rules.queue_state(today=TODAY, **kwargs)
    assert (queue.state, queue.days_late) == (state, late)
    assert queue.late == (state in (QueueState.OVERDUE, QueueState.CRITICAL))
    assert queue.label


def test_critical_warning_comes_well_before_the_three_month_failure():
    assert rules.CRITICAL_AFTER_DAYS * 2 < rules.FAILURE_AFTER_DAYS


@pytest.mark.parametrize(("url", "code"), [
    ("/gk/shagou/doc/12/", "shagou"),
    ("/gk/shagou/", "shagou"),
    ("/gk/shagou", "shagou"),
    ("https://gk.yishui.gov.cn/gk/yishui/col/news/?page=2", "yishui"),
    ("/search/?q=公开", None),
    ("/", None),
    ("/gk/", None),
    ("/gk/x/doc/1/", None),  # codes have at least two characters
    ("", None),
])
def test_org_code_from_url(url, code):
    assert rules.org_code_from_url(url) == code


@pytest.mark.parametrize(("url", "ok"), [
    ("/gk/a1/doc/3/", True),
    ("https://example.gov.cn/page", True),
    ("http://example.gov.cn", True),
    ("//evil.example/x", False),
    ("javascript:alert(1)", False),
    ("ftp://example.gov.cn/", False),
    ("", False),
    ("/" + "a" * 500, False),
])
def test_page_url_error(url, ok):
    assert (rules.page_url_error(url) is None) == ok


def test_submission_numbers():
    assert rules.submission_number("message", D(2026, 11, 26), 7) == "ZX202611260007"
    assert rules.submission_number("error", D(2026, 1, 2), 12345) == "JC2026010212345"


DAY = D(2026, 3, 1)


@pytest.mark.parametrize(("orders", "as_of", "rates"), [
    ([], None, (None, None, None)),
    ([(DAY, DAY, "satisfied")] * 4, None, (100.0, 100.0, 100.0)),
    ([(DAY, DAY, "satisfied"), (DAY, None, "dissatisfied"), (None, None, ""), (DAY, DAY, "basically")], None,
     (75.0, 50.0, 66.67)),
    ([(DAY, DAY, ""), (DAY, DAY, "")], None, (100.0, 100.0, None)),  # nobody rated: no 满意率, not 0 %
    ([(DAY, D(2026, 4, 2), "satisfied"), (D(2026, 4, 1), None, "")], D(2026, 3, 31), (50.0, 0.0, 100.0)),
])
def test_hotline_rates(orders, as_of, rates):
    result = rules.hotline_rates(orders, as_of=as_of)
    assert (result.reply_rate, result.closure_rate, result.satisfaction_rate) == rates
    assert result.total == len(orders)


@pytest.mark.parametrize(("day", "period", "key"), [
    (D(2026, 3, 31), "month", "2026-03"),
    (D(2026, 3, 31), "quarter", "2026-Q1"),
    (D(2026, 4, 1), "quarter", "2026-Q2"),
    (D(2026, 12, 31), "quarter", "2026-Q4"),
    (D(2026, 12, 31), "year", "2026"),
])
def test_period_key(day, period, key):
    assert rules.period_key(day, period) == key


def test_unknown_period_is_a_chinese_error():
    with pytest.raises(ValueError, match="未知的统计周期"):
        rules.period_key(D(2026, 1, 1), "week")


@pytest.mark.parametrize(("value", "text"), [(None, "—"), (66.666, "66.67%"), (100.0, "100.00%")])
def test_format_rate(value, text):
    assert rules.format_rate(value) == text
