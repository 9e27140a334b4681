"""The working-day calendar as pure functions (rules.md §1).

Days come from three layers, later ones winning:

1. weekends (Saturday, Sunday) are days off, every other day is a working day;
2. the holidays of the year: for 2004–2026 the State Council notices as carried by the
   ``chinese-calendar`` library (holidays *and* the weekend days turned into working days, 调休);
   for later years only the statutory holidays of 全国年节及纪念日放假办法 (revised 2024-11), which
   are known in advance while the 调休 days are not;
3. operator-entered overrides (the days of an entered notice, local holidays); a local day of an
   organization holds only in that organization's calendar (and its units' if so entered), see
   :func:`local_days_for`.

A year after the library's data without an entered notice is *provisional*: an answer that
depends on one of its days is flagged so that the user sees it may still move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import chinese_calendar
from chinese_calendar.constants import holidays as _LIB_HOLIDAYS
from chinese_calendar.constants import workdays as _LIB_WORKDAYS

LIBRARY_FIRST_YEAR = min(_LIB_HOLIDAYS).year
LIBRARY_LAST_YEAR = max(_LIB_HOLIDAYS).year

# Lunar-calendar holidays and 清明 for the years after the library's data:
# year → (除夕 New Year's Eve, 清明 Qingming, 端午 Dragon Boat, 中秋 Mid-Autumn).
# Computed once with two independent converters (the table-based `lunardate` 0.3 and the
# astronomical `lunar-python` 1.4.8, which agreed on every date) and kept here as data so the
# product needs neither at run time. 2024–2026 are included so tests can check the table
# against the library's notices (and so a pasted notice of those years can be checked against
# the statute in force then).
LUNAR_HOLIDAYS: dict[int, tuple[dt.date, dt.date, dt.date, dt.date]] = {
    year: (dt.date(year, *eve), dt.date(year, 4, qingming), dt.date(year, *dragon), dt.date(year, *autumn))
    for year, eve, qingming, dragon, autumn in (
        (2024, (2, 9), 4, (6, 10), (9, 17)),
        (2025, (1, 28), 4, (5, 31), (10, 6)),
        (2026, (2, 16), 5, (6, 19), (9, 25)),
        (2027, (2, 5), 5, (6, 9), (9, 15)),
        (2028, (1, 25), 4, (5, 28), (10, 3)),
        (2029, (2, 12), 4, (6, 16), (9, 22)),
        (2030, (2, 2), 5, (6, 5), (9, 12)),
        (2031, (1, 22), 5, (6, 24), (10, 1)),
        (2032, (2, 10), 4, (6, 12), (9, 19)),
        (2033, (1, 30), 4, (6, 1), (9, 8)),
        (2034, (2, 18), 5, (6, 20), (9, 27)),
        (2035, (2, 7), 5, (6, 10), (9, 16)),
        (2036, (1, 27), 4, (5, 30), (10, 4)),
        (2037, (2, 14), 4, (6, 18), (9, 24)),
        (2038, (2, 3), 5, (6, 7), (9, 13)),
        (2039, (1, 23), 5, (5, 27), (10, 2)),
        (2040, (2, 11), 4, (6, 14), (9, 20)),
    )
}
LAST_YEAR = max(LUNAR_HOLIDAYS)

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


class CalendarRangeError(ValueError):
    """A date outside the years the calendar can answer for."""


class DayKind:
    WORKDAY = "workday"  # an ordinary working day
    WEEKEND = "weekend"  # an ordinary Saturday or Sunday
    HOLIDAY = "holiday"  # a named day off (a holiday, or a weekend day inside a holiday period)
    MAKEUP = "makeup"  # a weekend day turned into a working day (调休上班)
    EXTRA_WORKDAY = "extra_workday"  # a weekday made a working day by an override (e.g. a local arrangement)


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    is_workday: bool
    provisional: bool
    kind: str
    name: str = ""


STATUTE_2024_FIRST_YEAR = 2025  # the revision of 2024-11 applies from 1 January 2025


def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The days off fixed by 全国年节及纪念日放假办法 for ``year``, with their names.

    From 2025 (revised 2024-11): 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2 (May 1–2), 端午 1,
    中秋 1, 国庆 3 (Oct 1–3). For 2024 the 2013 text: 春节 3 days from 初一 and 劳动节 1 day.
    Raises CalendarRangeError for a year whose lunar dates are not in LUNAR_HOLIDAYS.
    """
    if year not in LUNAR_HOLIDAYS:
        raise CalendarRangeError(f"{year}年的农历节日日期未知，工作日日历只支持{LIBRARY_FIRST_YEAR}—{LAST_YEAR}年")
    eve, qingming, dragon, autumn = LUNAR_HOLIDAYS[year]
    revised = year >= STATUTE_2024_FIRST_YEAR
    days: dict[dt.date, str] = {dt.date(year, 1, 1): "元旦"}
    for i in range(4) if revised else range(1, 4):
        days[eve + dt.timedelta(days=i)] = "春节"
    days[qingming] = "清明节"
    days[dt.date(year, 5, 1)] = "劳动节"
    if revised:
        days[dt.date(year, 5, 2)] = "劳动节"
    days[dragon] = "端午节"
    # Where 中秋 falls on 1–3 October it is listed under both; the day keeps the 国庆节 name.
    days[autumn] = "中秋节"
    for d in (1, 2, 3):
        days[dt.date(year, 10, d)] = "国庆节"
    return days


# The library's short names, written the way the statutory list and the notices write them.
_FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def _library_name(english: str) -> str:
    try:
        chinese = chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english
    return _FULL_NAMES.get(chinese, chinese)


def _library_year(year: int) -> dict[dt.date, tuple[bool, str]]:
    days: dict[dt.date, tuple[bool, str]] = {}
    for day, name in _LIB_HOLIDAYS.items():
        if day.year == year:
            days[day] = (False, _library_name(name))
    for day, name in _LIB_WORKDAYS.items():
        if day.year == year:
            days[day] = (True, _library_name(name))
    return days


@dataclass(frozen=True)
class _Year:
    days: dict[dt.date, tuple[bool, str]]  # every day whose status or name differs from the weekday rule
    provisional: bool


class Calendar:
    """Working days for one installation: the library's notices, statutory holidays and overrides.

    ``overrides`` maps a date to whether it is a working day (operator-entered notice days and local
    arrangements); ``official_years`` are the years for which an operator entered the State Council
    notice; ``names`` optionally labels override days. Per-year tables are built on first use.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, bool] | None = None,
        official_years: Iterable[int] = (),
        names: Mapping[dt.date, str] | None = None,
    ):
        self.official_years = frozenset(official_years)
        self._overrides: dict[int, dict[dt.date, tuple[bool, str]]] = {}
        names = names or {}
        for day, flag in (overrides or {}).items():
            self._overrides.setdefault(day.year, {})[day] = (bool(flag), names.get(day, ""))
        self._years: dict[int, _Year] = {}

    # -- per-year tables -------------------------------------------------------------------
    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            table = self._years[year] = self._build_year(year)
        return table

    def _build_year(self, year: int) -> _Year:
        official = year in self.official_years
        if LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR:
            days = _library_year(year)
            provisional = False
        elif year > LIBRARY_LAST_YEAR and (year in LUNAR_HOLIDAYS or official):
            known = statutory_holidays(year) if year in LUNAR_HOLIDAYS else {}
            days = {day: (False, name) for day, name in known.items()}
            provisional = not official
        else:
            raise CalendarRangeError(
                f"日期超出工作日日历支持的范围（{LIBRARY_FIRST_YEAR}—{LAST_YEAR}年）：{year}年"
            )
        for day, (flag, name) in self._overrides.get(year, {}).items():
            days[day] = (flag, name or days.get(day, (flag, ""))[1])
        return _Year(days=days, provisional=provisional)

    # -- questions -------------------------------------------------------------------------
    def is_provisional_year(self, year: int) -> bool:
        return self._year(year).provisional

    def is_workday(self, day: dt.date) -> tuple[bool, bool]:
        """(whether ``day`` is a working day, whether that answer is provisional)."""
        table = self._year(day.year)
        entry = table.days.get(day)
        flag = entry[0] if entry is not None else day.weekday() < 5
        return flag, table.provisional

    def is_special(self, day: dt.date) -> bool:
        """Whether ``day`` departs from the plain weekday rule or carries a name (a holiday, 调休, override)."""
        return day in self._year(day.year).days

    def day_info(self, day: dt.date) -> DayInfo:
        """The status of ``day`` with the holiday name and kind, for explanations."""
        table = self._year(day.year)
        weekend = day.weekday() >= 5
        entry = table.days.get(day)
        if entry is None:
            kind = DayKind.WEEKEND if weekend else DayKind.WORKDAY
            return DayInfo(day, not weekend, table.provisional, kind)
        flag, name = entry
        if flag:
            kind = DayKind.MAKEUP if weekend else (DayKind.EXTRA_WORKDAY if name else DayKind.WORKDAY)
        else:
            kind = DayKind.HOLIDAY if (name or not weekend) else DayKind.WEEKEND
        return DayInfo(day, flag, table.provisional, kind, name)

    def add_workdays(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The ``n``-th working day after ``start`` (``start`` itself not counted), and whether provisional.

        ``n == 0`` answers ``start`` itself.
        """
        if n < 0:
            raise ValueError("工作日数不能为负数")
        day, count, provisional = start, 0, False
        one = dt.timedelta(days=1)
        while count < n:
            day += one
            flag, prov = self.is_workday(day)
            provisional = provisional or prov
            if flag:
                count += 1
        return day, provisional

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in the interval (start, end]: ``start`` excluded, ``end`` included; 0 if end <= start."""
        count, day, one = 0, start, dt.timedelta(days=1)
        while day < end:
            day += one
            if self.is_workday(day)[0]:
                count += 1
        return count


@dataclass(frozen=True)
class LocalDay:
    """A local arrangement (地方性安排) of one organization: a day off or a working day of its own."""

    day: dt.date
    is_workday: bool
    org_id: int
    org_name: str
    include_units: bool = False
    name: str = ""

    @property
    def label(self) -> str:
        """The name explanations show, naming whose arrangement it is: 县庆日（沂水县地方性安排）."""
        whose = f"{self.org_name}地方性安排"
        return f"{self.name}（{whose}）" if self.name else whose


def local_days_for(chain: Sequence[int], days: Iterable[LocalDay]) -> dict[dt.date, tuple[bool, str]]:
    """The local days that hold for the first organization of ``chain`` (its id, then its parents' ids).

    An organization's own days always apply; a parent's only when entered for its units too. Where
    several apply to one date, the nearest organization's wins (a unit may work on its county's day off).
    """
    rank = {org_id: i for i, org_id in enumerate(chain)}
    chosen: dict[dt.date, tuple[int, bool, str]] = {}
    for local in days:
        level = rank.get(local.org_id)
        if level is None or (level > 0 and not local.include_units):
            continue
        if local.day not in chosen or level < chosen[local.day][0]:
            chosen[local.day] = (level, local.is_workday, local.label)
    return {day: (flag, label) for day, (_level, flag, label) in chosen.items()}


def weekday_name(day: dt.date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def parse_date(text: str) -> dt.date:
    """An ISO date ``YYYY-MM-DD``; ValueError with a Chinese message otherwise."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"日期格式应为YYYY-MM-DD：{text}") from None
