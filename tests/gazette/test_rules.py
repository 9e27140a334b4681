"""Gazette rules, table by table, and the 20-working-day due date on the real calendar."""

import datetime as dt

import pytest

from gongkai.gazette import rules
from gongkai.gazette.models import Category, IssueStatus
from gongkai.workdays.rules import Calendar

D = dt.date
T = rules.Timeliness


@pytest.mark.parametrize("kind, genre, number, expected", [
    ("county_government", "通知", "沂政发〔2025〕3号", True),
    ("government_office", "意见", "沂政办发〔2025〕9号", True),
    ("county_government", "通知", "", False),  # not a formal document
    ("county_government", "工作动态", "沂政发〔2025〕3号", False),
    ("department", "通知", "沂民发〔2025〕2号", False),
    ("department", "行政规范性文件", "沂民发〔2025〕2号", True),  # departments' normative documents too
    ("township", "行政规范性文件", "", True),
    ("township", "通知", "沙政发〔2025〕1号", False),
])
def test_which_documents_reach_the_gazette(kind, genre, number, expected):
    assert rules.should_reach_gazette(kind, genre, number) is expected


@pytest.mark.parametrize("kind, category", [
    ("county_government", Category.GOVERNMENT), ("government_office", Category.OFFICE),
    ("department", Category.DEPARTMENT), ("township", Category.OTHER),
])
def test_default_category(kind, category):
    assert rules.default_category(kind) == category


@pytest.mark.parametrize("written, due", [
    # The 2025 National Day holiday (Oct 1–8 off, Sep 28 and Oct 11 worked) is not counted.
    (D(2025, 9, 26), D(2025, 10, 30)),
    (D(2025, 6, 3), D(2025, 7, 1)),
])
def test_due_date_counts_twenty_working_days(written, due):
    assert rules.due_date(written, Calendar()) == (due, False)


@pytest.mark.parametrize("due, printed, today, state", [
    (D(2025, 10, 30), D(2025, 10, 30), D(2025, 12, 1), T.ON_TIME),
    (D(2025, 10, 30), D(2025, 10, 31), D(2025, 12, 1), T.LATE),
    (D(2025, 10, 30), None, D(2025, 10, 31), T.OVERDUE),
    (D(2025, 10, 30), None, D(2025, 10, 30), T.DUE_SOON),
    (D(2025, 10, 30), None, D(2025, 10, 25), T.DUE_SOON),
    (D(2025, 10, 30), None, D(2025, 10, 24), T.PENDING),
])
def test_timeliness(due, printed, today, state):
    assert rules.timeliness(due, printed, today) == state


@pytest.mark.parametrize("status, count, day, errors", [
    (IssueStatus.DRAFT, 3, D(2025, 11, 1), []),
    (IssueStatus.DRAFT, 0, D(2025, 11, 1), ["本期公报还没有收录文件。"]),
    (IssueStatus.DRAFT, 3, D(2025, 11, 3), ["出版日期不能晚于今天。"]),
    (IssueStatus.PUBLISHED, 3, D(2025, 11, 1), ["本期公报已经出版，不能再次出版。"]),
])
def test_publish_errors(status, count, day, errors):
    assert rules.publish_errors(status, count, day, D(2025, 11, 2)) == errors


def test_table_of_contents_follows_the_category_order_then_position():
    placed = [rules.Placed(Category.OTHER, 1, 1), rules.Placed(Category.GOVERNMENT, 2, 2),
              rules.Placed(Category.GOVERNMENT, 1, 3), rules.Placed(Category.DEPARTMENT, 0, 4)]
    assert [p.key for p in rules.toc_order(placed)] == [3, 2, 4, 1]
