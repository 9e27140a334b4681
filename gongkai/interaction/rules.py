"""Pure rules of public participation: answer deadlines, queue states, page routing, hotline rates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_ANSWER_WORKDAYS = 5
# Website checks (国办秘函〔2019〕19号): a valid 政务咨询 message unanswered for more than 3 months fails
# the whole site. We warn from 30 days on, long before that.
CRITICAL_AFTER_DAYS = 30
FAILURE_AFTER_DAYS = 90


def answer_due(received_on: dt.date, workdays: int, calendar) -> tuple[dt.date, bool]:
    """The day by which a message received on ``received_on`` must be answered, and whether provisional."""
    return calendar.add_workdays(received_on, workdays)


class QueueState:
    DONE = "done"
    INVALID = "invalid"
    OPEN = "open"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    CRITICAL = "critical"


QUEUE_LABELS = {
    QueueState.DONE: "已答复",
    QueueState.INVALID: "无效",
    QueueState.OPEN: "办理中",
    QueueState.DUE_TODAY: "今日到期",
    QueueState.OVERDUE: "已逾期",
    QueueState.CRITICAL: "严重逾期（临近三个月未答复的网站检查否决线）",
}


@dataclass(frozen=True)
class Queue:
    state: str
    days_late: int = 0

    @property
    def label(self) -> str:
        return QUEUE_LABELS[self.state]

    @property
    def late(self) -> bool:
        return self.state in (QueueState.OVERDUE, QueueState.CRITICAL)


def queue_state(*, answered: bool, invalid: bool, received_on: dt.date, due_on: dt.date, today: dt.date) -> Queue:
    """Where an answered-or-not submission stands on the office's list."""
    if invalid:
        return Queue(QueueState.INVALID)
    if answered:
        return Queue(QueueState.DONE)
    if today < due_on:
        return Queue(QueueState.OPEN)
    if today == due_on:
        return Queue(QueueState.DUE_TODAY)
    late = (today - due_on).days
    if (today - received_on).days >= CRITICAL_AFTER_DAYS:
        return Queue(QueueState.CRITICAL, late)
    return Queue(QueueState.OVERDUE, late)


_ORG_PATH = re.compile(r"^/gk/(?P<code>[A-Za-z0-9][A-Za-z0-9_-]{1,39})(?:/|$)")


def org_code_from_url(url: str) -> str | None:
    """The organization code of a portal page (/gk/<code>/…), or None for pages of the whole site."""
    match = _ORG_PATH.match(urlsplit(url or "").path or "")
    return match.group("code") if match else None


def page_url_error(url: str) -> str | None:
    """None for a page address we can route and show: a site path or an http(s) address."""
    url = (url or "").strip()
    if not url:
        return "请填写出错页面的网址。"
    if len(url) > 500:
        return "网址过长（不超过500个字符）。"
    if url.startswith("/") and not url.startswith("//"):
        return None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return "请填写以 http:// 或 https:// 开头的网址，或本站页面路径。"


_NUMBER_PREFIX = {"message": "ZX", "error": "JC"}


def submission_number(kind: str, day: dt.date, seq: int) -> str:
    """ZX202611260007: prefix, date, sequence of the day (4 digits, more if needed)."""
    return f"{_NUMBER_PREFIX[kind]}{day:%Y%m%d}{seq:04d}"


# --- 12345 hotline rates -------------------------------------------------------------------------------

SATISFIED_VALUES = frozenset({"satisfied", "basically"})


@dataclass(frozen=True)
class HotlineRates:
    total: int
    replied: int
    closed: int
    rated: int
    satisfied: int

    @staticmethod
    def _pct(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 2) if whole else None

    @property
    def reply_rate(self) -> float | None:
        """回复率: work orders answered to the caller, of all received."""
        return self._pct(self.replied, self.total)

    @property
    def closure_rate(self) -> float | None:
        """办结率: work orders closed, of all received."""
        return self._pct(self.closed, self.total)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: 满意 + 基本满意, of the work orders the caller rated (unrated ones are not counted)."""
        return self._pct(self.satisfied, self.rated)


def hotline_rates(orders: Iterable[tuple[dt.date | None, dt.date | None, str]], *, as_of: dt.date | None = None
                  ) -> HotlineRates:
    """Rates over ``(replied_on, closed_on, satisfaction)`` triples; events after ``as_of`` do not count yet."""
    total = replied = closed = rated = satisfied = 0
    for replied_on, closed_on, satisfaction in orders:
        total += 1
        if replied_on and (as_of is None or replied_on <= as_of):
            replied += 1
        if closed_on and (as_of is None or closed_on <= as_of):
            closed += 1
        if satisfaction:
            rated += 1
            satisfied += satisfaction in SATISFIED_VALUES
    return HotlineRates(total, replied, closed, rated, satisfied)


PERIODS = ("month", "quarter", "year")


def period_key(day: dt.date, period: str) -> str:
    """'2026-03', '2026-Q1' or '2026' for the period containing ``day``."""
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "year":
        return str(day.year)
    raise ValueError(f"未知的统计周期“{period}”，可选：month、quarter、year。")


def format_rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


# --- 意见征集 ------------------------------------------------------------------------------------------


class Phase:
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


PHASE_LABELS = {Phase.UPCOMING: "未开始", Phase.OPEN: "征集中", Phase.CLOSED: "已结束"}


def solicitation_phase(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> str:
    """Comments are taken from the start date to the end date, both included."""
    if today < starts_on:
        return Phase.UPCOMING
    if today > ends_on:
        return Phase.CLOSED
    return Phase.OPEN


def solicitation_dates_error(starts_on: dt.date, ends_on: dt.date) -> str | None:
    if ends_on < starts_on:
        return "截止日期不能早于开始日期。"
    return None


@dataclass(frozen=True)
class AdoptionSummary:
    """The figures of the published 采纳情况."""

    received: int
    published: int
    hidden: int
    adopted: int
    not_adopted: int
    undecided: int
    pending: int

    @property
    def ready(self) -> bool:
        """Feedback can be published once every comment is moderated and every published one decided."""
        return self.pending == 0 and self.undecided == 0


def adoption_summary(comments: Iterable[tuple[str, bool | None]]) -> AdoptionSummary:
    """``(status, adopted)`` pairs of a consultation's comments → the counts of its feedback."""
    received = published = hidden = adopted = not_adopted = undecided = pending = 0
    for status, decision in comments:
        received += 1
        if status == "pending":
            pending += 1
        elif status == "hidden":
            hidden += 1
        else:
            published += 1
            if decision is True:
                adopted += 1
            elif decision is False:
                not_adopted += 1
            else:
                undecided += 1
    return AdoptionSummary(received, published, hidden, adopted, not_adopted, undecided, pending)
