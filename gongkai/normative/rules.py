"""Pure rules of normative documents: the lifecycle and clean-up state machines as tables, validity periods.

Nothing here touches the database; services.py enforces these tables and tests/normative/test_rules.py
checks them row by row.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .models import CampaignStatus, Decision, ItemStatus, Lifecycle

# Most provinces' rules for normative documents: a validity period of at most five years; documents
# labelled 暂行 or 试行 at most two (e.g. 山东省行政规范性文件制定和备案规定).
DEFAULT_VALIDITY_YEARS = 5
MAX_VALIDITY_YEARS = 5
PROVISIONAL_MAX_YEARS = 2
PROVISIONAL_MARKERS = ("暂行", "试行")
# Documents whose period ends within this many months appear in the responsible person's to-do list.
EXPIRY_WARNING_MONTHS = 6

IN_FORCE_STATES = frozenset({Lifecycle.IN_FORCE, Lifecycle.AMENDED})
ENDED_STATES = frozenset({Lifecycle.REPEALED, Lifecycle.EXPIRED})


class LifecycleAction:
    AMEND = "amend"
    REPEAL = "repeal"
    EXPIRE = "expire"


@dataclass(frozen=True)
class LifecycleRule:
    from_states: frozenset[str]
    to_state: str
    label: str
    # A modification or a repeal is made by another document (or a published clean-up result).
    needs_basis: bool


LIFECYCLE: dict[str, LifecycleRule] = {
    LifecycleAction.AMEND: LifecycleRule(IN_FORCE_STATES, Lifecycle.AMENDED, "已修改", True),
    LifecycleAction.REPEAL: LifecycleRule(IN_FORCE_STATES, Lifecycle.REPEALED, "已废止", True),
    LifecycleAction.EXPIRE: LifecycleRule(IN_FORCE_STATES, Lifecycle.EXPIRED, "已失效", False),
}


def lifecycle_error(action: str, state: str, *, has_basis: bool) -> str:
    """Why ``action`` may not be taken on a document in ``state`` ('' when it may)."""
    rule = LIFECYCLE.get(action)
    if rule is None:
        return "未知的效力状态操作。"
    if state not in rule.from_states:
        label = dict(Lifecycle.choices).get(state, state)
        return f"文件当前为“{label}”，不能再标注为“{rule.label}”。"
    if rule.needs_basis and not has_basis:
        return f"标注“{rule.label}”须选择作出修改或废止决定的文件。"
    return ""


def actions_for(state: str) -> list[str]:
    """The lifecycle actions open to a document in ``state``, in table order (what the screen offers)."""
    return [action for action, rule in LIFECYCLE.items() if state in rule.from_states]


# ---------------------------------------------------------------------------------------------
# Validity period
# ---------------------------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    year = day.year + years
    last = _calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def default_valid_until(effective_from: dt.date, *, title: str = "") -> dt.date:
    """有效期至 when the document sets none: five years (two for 暂行/试行) from the day it takes effect."""
    years = PROVISIONAL_MAX_YEARS if is_provisional(title) else DEFAULT_VALIDITY_YEARS
    return add_years(effective_from, years) - dt.timedelta(days=1)


def is_provisional(title: str) -> bool:
    return any(marker in (title or "") for marker in PROVISIONAL_MARKERS)


def period_errors(effective_from: dt.date | None, valid_until: dt.date | None, *, title: str = "") -> dict[str, str]:
    """Errors of a validity period, keyed by field."""
    errors: dict[str, str] = {}
    if valid_until and not effective_from:
        errors["effective_from"] = "填写有效期至时，请同时填写施行日期。"
        return errors
    if effective_from and valid_until:
        if valid_until < effective_from:
            errors["valid_until"] = "有效期至不能早于施行日期。"
        else:
            years = PROVISIONAL_MAX_YEARS if is_provisional(title) else MAX_VALIDITY_YEARS
            if valid_until > add_years(effective_from, years) - dt.timedelta(days=1):
                kind = "标注“暂行”“试行”的文件" if years == PROVISIONAL_MAX_YEARS else "规范性文件"
                errors["valid_until"] = f"{kind}的有效期不得超过{years}年。"
    return errors


class ExpiryState:
    NONE = "none"  # no period set, or no longer in force
    OK = "ok"
    EXPIRING = "expiring"  # ends within the warning window
    LAPSED = "lapsed"  # the period has ended but the document is still marked in force


EXPIRY_LABELS = {
    ExpiryState.NONE: "",
    ExpiryState.OK: "有效期内",
    ExpiryState.EXPIRING: "即将到期",
    ExpiryState.LAPSED: "已过有效期",
}


def expiry_state(lifecycle: str, valid_until: dt.date | None, today: dt.date,
                 months: int = EXPIRY_WARNING_MONTHS) -> str:
    if lifecycle not in IN_FORCE_STATES or valid_until is None:
        return ExpiryState.NONE
    if valid_until < today:
        return ExpiryState.LAPSED
    if valid_until <= add_months(today, months):
        return ExpiryState.EXPIRING
    return ExpiryState.OK


def lapse_date(valid_until: dt.date) -> dt.date:
    """A document valid until D stops being in force on the day after D."""
    return valid_until + dt.timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Clean-up (清理)
# ---------------------------------------------------------------------------------------------


class CampaignAction:
    OPEN = "open"
    APPROVE = "approve"
    PUBLISH = "publish"


CAMPAIGN: dict[str, tuple[frozenset[str], str]] = {
    CampaignAction.OPEN: (frozenset({CampaignStatus.DRAFT}), CampaignStatus.OPEN),
    CampaignAction.APPROVE: (frozenset({CampaignStatus.OPEN}), CampaignStatus.APPROVED),
    CampaignAction.PUBLISH: (frozenset({CampaignStatus.APPROVED}), CampaignStatus.PUBLISHED),
}


class ItemAction:
    MARK = "mark"
    APPROVE = "approve"
    RETURN = "return"


ITEM: dict[str, tuple[frozenset[str], str]] = {
    # A unit may revise what it reported until the office has approved it.
    ItemAction.MARK: (frozenset({ItemStatus.PENDING, ItemStatus.RETURNED, ItemStatus.MARKED}), ItemStatus.MARKED),
    ItemAction.APPROVE: (frozenset({ItemStatus.MARKED}), ItemStatus.APPROVED),
    ItemAction.RETURN: (frozenset({ItemStatus.MARKED, ItemStatus.APPROVED}), ItemStatus.RETURNED),
}

# What an approved decision does to the document when the result list is published.
DECISION_EFFECT: dict[str, str | None] = {
    Decision.CONTINUE: None,
    Decision.AMEND: None,  # stays in force, flagged 待修改 until the amending document is recorded
    Decision.REPEAL: Lifecycle.REPEALED,
    Decision.DECLARE_EXPIRED: Lifecycle.EXPIRED,
}


def campaign_error(action: str, status: str, item_statuses: Iterable[str] = ()) -> str:
    rule = CAMPAIGN.get(action)
    if rule is None:
        return "未知的清理操作。"
    if status not in rule[0]:
        label = dict(CampaignStatus.choices).get(status, status)
        return f"清理工作当前为“{label}”，不能执行此操作。"
    if action == CampaignAction.APPROVE:
        statuses = list(item_statuses)
        if not statuses:
            return "清理范围内没有文件，无需审定。"
        waiting = sum(1 for s in statuses if s != ItemStatus.APPROVED)
        if waiting:
            return f"还有 {waiting} 件文件的清理意见未审定，不能审定清理结果。"
    return ""


def item_error(action: str, status: str, campaign_status: str) -> str:
    rule = ITEM.get(action)
    if rule is None:
        return "未知的操作。"
    if campaign_status != CampaignStatus.OPEN:
        return "清理工作不在进行中，不能报送或审定清理意见。"
    if status not in rule[0]:
        label = dict(ItemStatus.choices).get(status, status)
        return f"该文件的清理意见当前为“{label}”，不能执行此操作。"
    return ""


def decision_errors(decision: str, reason: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if decision not in Decision.values:
        errors["decision"] = "请选择清理意见：继续有效、修改、废止或宣布失效。"
    if not (reason or "").strip():
        errors["reason"] = "请填写清理理由。"
    return errors


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    marked: int
    returned: int
    approved: int

    @property
    def reported(self) -> int:
        return self.marked + self.approved


def progress(statuses: Iterable[str]) -> Progress:
    statuses = list(statuses)
    return Progress(
        total=len(statuses),
        pending=statuses.count(ItemStatus.PENDING),
        marked=statuses.count(ItemStatus.MARKED),
        returned=statuses.count(ItemStatus.RETURNED),
        approved=statuses.count(ItemStatus.APPROVED),
    )


# ---------------------------------------------------------------------------------------------
# Annual report, section 二 第二十条第（一）项
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """A normative document as the annual report sees it: when issued, and its dated lifecycle changes."""

    issued_on: dt.date | None
    events: tuple[tuple[dt.date, str], ...] = ()
    lifecycle: str = Lifecycle.IN_FORCE


def state_on(record: Record, day: dt.date) -> str:
    """The lifecycle at the end of ``day``: the latest change on or before it, else in force.

    A document registered already ended without a dated change keeps its current state.
    """
    past = [event for event in record.events if event[0] <= day]
    if past:
        return max(past)[1]
    if record.events:
        return Lifecycle.IN_FORCE
    return record.lifecycle


def annual_counts(records: Iterable[Record], year: int) -> tuple[int, int, int]:
    """(本年制发件数, 本年废止件数, 现行有效件数); 废止 counts repeals and expiries taking effect in the year."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    issued = ended = in_force = 0
    for record in records:
        if record.issued_on is None or record.issued_on > end:
            continue
        issued += start <= record.issued_on
        ended += any(start <= day <= end and state in ENDED_STATES for day, state in record.events)
        in_force += state_on(record, end) in IN_FORCE_STATES
    return issued, ended, in_force
