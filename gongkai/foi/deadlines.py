"""The clock of a disclosure request (rules.md §3): one pure computation of the due date, with its reasons.

Everything that shows or stores a request's due date — the workflow, queues, reminders, the public
status page and `gongkai requests due-date` — calls :func:`compute_due_date`, so they cannot disagree.
The explanation is written for the applicant: which day the period starts from, which holidays and
make-up working days (调休) it passes, which days were not counted, and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.workdays.rules import Calendar, DayKind, weekday_name

REPLY_WORKDAYS = 20  # 条例第三十三条: answer within 20 working days of receipt
MAX_EXTENSION_WORKDAYS = 20  # 条例第三十三条: an extension of at most 20 working days
CORRECTION_WORKDAYS = 7  # 条例第三十条: the correction notice (补正, correction) within 7 working days
CONSULTATION_WORKDAYS = 15  # 条例第三十二条: a consulted third party answers within 15 working days

ONE_DAY = dt.timedelta(days=1)


class DeadlineError(ValueError):
    """Input that cannot describe a request's clock; the message is Chinese and shown as is."""


@dataclass(frozen=True)
class ExplainStep:
    """One line of the explanation: the day it concerns (None for a general remark) and the text."""

    day: dt.date | None
    text: str

    def __str__(self) -> str:
        return f"{self.day.isoformat()}  {self.text}" if self.day else self.text


@dataclass(frozen=True)
class DueDate:
    due: dt.date
    provisional: bool
    steps: list[ExplainStep] = field(default_factory=list, compare=False)

    def as_json(self) -> dict:
        return {"due": self.due.isoformat(), "provisional": self.provisional}

    def explanation(self) -> str:
        return "\n".join(str(step) for step in self.steps)


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{weekday_name(day)}）"


def _merge(periods: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    merged: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(periods):
        if start > end:
            raise DeadlineError(f"征求意见期间的结束日期早于开始日期：{start.isoformat()}..{end.isoformat()}")
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _check(received: dt.date, correction_received: dt.date | None, extension: int) -> None:
    if correction_received is not None and correction_received < received:
        raise DeadlineError("补正后申请的收到日期不能早于原申请的收到日期")
    if not isinstance(extension, int) or isinstance(extension, bool):
        raise DeadlineError("延长期限应为整数个工作日")
    if extension != 0 and not 1 <= extension <= MAX_EXTENSION_WORKDAYS:
        raise DeadlineError(f"延长期限应为1至{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条），收到：{extension}")


class _Walk:
    """Walks the calendar day by day from the start day, collecting what the explanation needs."""

    def __init__(self, calendar: Calendar, start: dt.date, paused: list[tuple[dt.date, dt.date]]):
        self.calendar, self.day, self.paused = calendar, start, paused
        self.count = 0
        self.provisional_years: set[int] = set()
        self.events: list[tuple[dt.date, int, str]] = []  # (day, order, text), sorted at the end
        self.paused_workdays = [0] * len(paused)
        self._holiday: tuple[dt.date, dt.date, str, bool] | None = None

    def _paused_index(self, day: dt.date) -> int | None:
        for i, (start, end) in enumerate(self.paused):
            if start <= day <= end:
                return i
        return None

    def _close_holiday(self) -> None:
        if self._holiday is None:
            return
        first, last, name, provisional = self._holiday
        span = f"至{_fmt(last)}" if last != first else ""
        note = "（按法定节假日暂定）" if provisional else ""
        self.events.append((first, 1, f"{_fmt(first)}{span}{name}放假，不计为工作日{note}。"))
        self._holiday = None

    def to(self, target: int) -> dt.date:
        """Advance until ``target`` working days have been counted; returns that day."""
        calendar = self.calendar
        while self.count < target:
            self.day += ONE_DAY
            is_workday, provisional = calendar.is_workday(self.day)
            if provisional:
                self.provisional_years.add(self.day.year)
            # Only holidays, 调休 and overrides need the full DayInfo (measured: 2× faster walks).
            info = calendar.day_info(self.day) if calendar.is_special(self.day) else None
            if info is not None and info.kind == DayKind.HOLIDAY:
                if self._holiday and self._holiday[2] == info.name and self._holiday[1] + ONE_DAY == self.day:
                    self._holiday = (self._holiday[0], self.day, info.name, info.provisional)
                else:
                    self._close_holiday()
                    self._holiday = (self.day, self.day, info.name, info.provisional)
            elif is_workday:
                self._close_holiday()
            if not is_workday:
                continue
            if self.paused and self._paused_index(self.day) is not None:
                self.paused_workdays[self._paused_index(self.day)] += 1
                continue
            self.count += 1
            if info is not None and info.kind == DayKind.MAKEUP:
                label = f"{info.name}调休上班" if info.name else "调休上班"
                self.events.append((self.day, 1, f"{_fmt(self.day)}{label}，计为第{self.count}个工作日。"))
        self._close_holiday()
        return self.day


def compute_due_date(
    *,
    received: dt.date,
    correction_received: dt.date | None = None,
    consultations: Sequence[tuple[dt.date, dt.date]] = (),
    extension: int = 0,
    calendar: Calendar,
) -> DueDate:
    """The reply deadline of a request, whether it is provisional, and the steps that explain it.

    The period is 20 working days after the receipt day, or after the day the corrected request was
    received (条例第三十条); the start day itself is not counted. Working days inside a consultation
    period FROM..TO (both included) are not counted (条例第三十三条). An approved extension of 1–20
    working days is counted on from the deadline otherwise due.
    """
    _check(received, correction_received, extension)
    paused = _merge(consultations)
    start = correction_received or received
    walk = _Walk(calendar, start, paused)
    original = walk.to(REPLY_WORKDAYS)
    due = walk.to(REPLY_WORKDAYS + extension)

    steps = [ExplainStep(received, f"{_fmt(received)}收到申请。")]
    if correction_received is not None:
        steps.append(ExplainStep(correction_received, f"{_fmt(correction_received)}收到补正后的申请，"
                                 "答复期限自该日重新计算（条例第三十条）。"))
    steps.append(ExplainStep(start, f"收到当日不计入，自次日起计算{REPLY_WORKDAYS}个工作日（条例第三十三条）。"))
    events = list(walk.events)
    for (first, last), n in zip(paused, walk.paused_workdays, strict=True):
        counted = f"其间{n}个工作日不计入答复期限" if n else "其间没有需要扣除的工作日"
        events.append((first, 0, f"{_fmt(first)}至{_fmt(last)}征求第三方或有关机关意见，{counted}（条例第三十三条）。"))
    events.append((original, 2, f"{_fmt(original)}为第{REPLY_WORKDAYS}个工作日，"
                   + ("即原答复期限。" if extension else "即答复期限。")))
    if extension:
        events.append((due, 3, f"经批准延长{extension}个工作日（条例第三十三条），自原期限次日起算，"
                       f"延长后的期限为{_fmt(due)}。"))
    events.sort(key=lambda e: (e[0], e[1]))
    steps.extend(ExplainStep(day, text) for day, _order, text in events)
    steps.append(ExplainStep(None, f"答复期限：{_fmt(due)}。"))
    if walk.provisional_years:
        years = "、".join(str(y) for y in sorted(walk.provisional_years))
        steps.append(ExplainStep(None, f"{years}年的节假日安排尚未公布，以上期限按周末和法定节假日暂定；"
                                 "录入国务院办公厅节假日安排通知后将重新计算。"))
    return DueDate(due=due, provisional=bool(walk.provisional_years), steps=steps)


def _simple(start: dt.date, n: int, calendar: Calendar, what: str, article: str) -> DueDate:
    due, provisional = calendar.add_workdays(start, n)
    steps = [ExplainStep(start, f"{_fmt(start)}起算，当日不计入。"),
             ExplainStep(due, f"第{n}个工作日为{_fmt(due)}，即{what}（{article}）。")]
    if provisional:
        steps.append(ExplainStep(None, "所跨年份的节假日安排尚未公布，此期限为暂定。"))
    return DueDate(due=due, provisional=provisional, steps=steps)


def correction_deadline(received: dt.date, calendar: Calendar) -> DueDate:
    """Last day to send the one-time correction notice (补正告知): 7 working days after receipt."""
    return _simple(received, CORRECTION_WORKDAYS, calendar, "一次性告知补正的期限", "条例第三十条")


def consultation_deadline(start: dt.date, calendar: Calendar) -> DueDate:
    """Last day for a consulted third party or agency to answer: 15 working days after the request is sent."""
    return _simple(start, CONSULTATION_WORKDAYS, calendar, "被征求意见方答复的期限", "条例第三十二条")


def working_days_left(due: dt.date, today: dt.date, calendar: Calendar) -> int:
    """Working days from ``today`` (excluded) to ``due`` (included); 0 on the due day.

    Negative when overdue: minus the working days since the due date, and at least -1 on any day after it
    (a weekend right after a Friday deadline is already overdue).
    """
    if today <= due:
        return calendar.workdays_between(today, due)
    return -max(1, calendar.workdays_between(due, today))


# Dates of a request's clock that cannot be true: nothing happens after today, and nothing of the
# request happens before it was received (reply, extension, correction, consultation).
CLOCK_EVENTS = {
    "receipt": "收到申请日期",
    "reply": "答复日期",
    "extension": "延期决定日期",
    "correction": "告知补正日期",
    "correction_received": "收到补正日期",
    "consultation": "征求意见日期",
}


def impossible_date(event: str, on: dt.date, *, today: dt.date, received_on: dt.date | None = None) -> str | None:
    """A Chinese message when ``on`` cannot be the date of ``event`` (a key of CLOCK_EVENTS), else None."""
    name = CLOCK_EVENTS[event]
    if on > today:
        return f"{name}不能晚于今天（填写的是{on.isoformat()}）。"
    if event != "receipt" and received_on is not None and on < received_on:
        return f"{name}不能早于收到申请日期（{received_on.isoformat()}）。"
    return None
