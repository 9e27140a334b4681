"""Pure rules of the gazette: which documents must reach it, by when, and the issue's state machine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .models import Category, IssueStatus

# Seed 002: documents issued in the name of the government or its office appear in the gazette
# 自形成之日起20个工作日内; the departments' normative documents are printed in it too.
GAZETTE_WORKDAYS = 20
GOVERNMENT_KINDS = frozenset({"county_government", "government_office"})
NORMATIVE_GENRE = "行政规范性文件"
# Kinds of item that are not formal documents and never go to the gazette.
NOT_GAZETTE_GENRES = frozenset({"工作动态", "请示", "报告"})


def should_reach_gazette(org_kind: str, genre: str, doc_number: str) -> bool:
    """Whether a published document must appear in its government's gazette."""
    if genre == NORMATIVE_GENRE:
        return True
    return org_kind in GOVERNMENT_KINDS and bool(doc_number) and genre not in NOT_GAZETTE_GENRES


def default_category(org_kind: str) -> str:
    return {"county_government": Category.GOVERNMENT, "government_office": Category.OFFICE,
            "department": Category.DEPARTMENT}.get(org_kind, Category.OTHER)


def due_date(written_on: dt.date, calendar) -> tuple[dt.date, bool]:
    """The last day the document may first appear in the gazette, and whether that date is provisional."""
    return calendar.add_workdays(written_on, GAZETTE_WORKDAYS)


class Timeliness:
    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


TIMELINESS_LABELS = {
    Timeliness.ON_TIME: "按时刊登",
    Timeliness.LATE: "逾期刊登",
    Timeliness.PENDING: "待刊登",
    Timeliness.DUE_SOON: "即将到期",
    Timeliness.OVERDUE: "已逾期未刊登",
}
DUE_SOON_DAYS = 5


def timeliness(due: dt.date, included_on: dt.date | None, today: dt.date) -> str:
    """Where a document stands against the 20-working-day rule."""
    if included_on is not None:
        return Timeliness.ON_TIME if included_on <= due else Timeliness.LATE
    if today > due:
        return Timeliness.OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return Timeliness.DUE_SOON
    return Timeliness.PENDING


def publish_errors(status: str, entry_count: int, issue_date: dt.date, today: dt.date) -> list[str]:
    errors = []
    if status != IssueStatus.DRAFT:
        errors.append("本期公报已经出版，不能再次出版。")
    if entry_count == 0:
        errors.append("本期公报还没有收录文件。")
    if issue_date > today:
        errors.append("出版日期不能晚于今天。")
    return errors


def editable_error(status: str) -> str:
    return "" if status == IssueStatus.DRAFT else "本期公报已经出版，内容不能再修改。"


@dataclass(frozen=True)
class Placed:
    """One entry as the table of contents lists it."""

    category: str
    position: int
    key: int


def toc_order(entries: Iterable[Placed]) -> list[Placed]:
    """Entries grouped by category in the fixed order of Category, then by position."""
    rank = {value: i for i, value in enumerate(Category.values)}
    return sorted(entries, key=lambda e: (rank.get(e.category, len(rank)), e.position, e.key))
