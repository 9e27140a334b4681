"""A year of a calendar as months of weeks, for the confirmation screen of a holiday notice."""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from dataclasses import dataclass

from .rules import Calendar, DayKind

MONTH_NAMES = tuple(f"{m}月" for m in range(1, 13))
WEEKDAY_HEADERS = ("一", "二", "三", "四", "五", "六", "日")
# What a cell says besides its date, for screen readers and without colour (style.md: never colour alone).
KIND_LABELS = {
    DayKind.WORKDAY: "",
    DayKind.WEEKEND: "",
    DayKind.HOLIDAY: "休",
    DayKind.MAKEUP: "班",
    DayKind.EXTRA_WORKDAY: "班",
}


@dataclass(frozen=True)
class Cell:
    day: dt.date
    kind: str
    name: str
    is_workday: bool
    changed: bool  # differs from what the calendar said before (the notice moves this day)

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, "")


@dataclass(frozen=True)
class Month:
    name: str
    weeks: list[list[Cell | None]]  # Monday first; None pads the first and last week


def year_grid(calendar: Calendar, year: int, before: Calendar | None = None) -> list[Month]:
    """Twelve months of ``calendar`` for ``year``; with ``before``, cells whose status it changes are marked."""
    months = []
    for month in range(1, 13):
        weeks: list[list[Cell | None]] = []
        for week in _stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row: list[Cell | None] = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                info = calendar.day_info(day)
                changed = before is not None and before.is_workday(day)[0] != info.is_workday
                row.append(Cell(day, info.kind, info.name, info.is_workday, changed))
            weeks.append(row)
        months.append(Month(MONTH_NAMES[month - 1], weeks))
    return months
