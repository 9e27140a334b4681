"""The working-day calendar (rules.md §1): notices 2024–2026, provisional years, overrides."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.workdays.rules import (
    LUNAR_HOLIDAYS,
    Calendar,
    CalendarRangeError,
    DayKind,
    LocalDay,
    local_days_for,
    parse_date,
    statutory_holidays,
)

CAL = Calendar()


@pytest.mark.parametrize(
    "day, workday, provisional",
    [
        # 2024 — 国办发明电〔2023〕7号: 春节 2/10–2/17 off, Sundays 2/4 and 2/18 worked.
        ("2024-02-04", True, False),
        ("2024-02-09", True, False),
        ("2024-02-12", False, False),
        ("2024-02-18", True, False),
        # 2025 — 国办发明电〔2024〕12号: 春节 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked;
        # 国庆·中秋 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) worked.
        ("2025-01-26", True, False),
        ("2025-01-28", False, False),
        ("2025-02-04", False, False),
        ("2025-02-08", True, False),
        ("2025-09-28", True, False),
        ("2025-10-08", False, False),
        ("2025-10-11", True, False),
        # 2026 — notice of 2025-11-04: 元旦 1/1–1/3, 1/4 worked; 春节 2/15–2/23, 2/14 and 2/28 worked.
        ("2026-01-02", False, False),
        ("2026-01-04", True, False),
        ("2026-02-14", True, False),
        ("2026-02-15", False, False),
        ("2026-02-20", False, False),
        ("2026-02-23", False, False),
        ("2026-02-24", True, False),
        ("2026-02-28", True, False),
        ("2026-03-01", False, False),
        ("2026-10-07", False, False),
        ("2026-10-10", True, False),
        # 2027 — no notice: weekends plus the statutory holidays only, all provisional.
        ("2027-01-01", False, True),
        ("2027-02-04", True, True),
        ("2027-02-05", False, True),  # 除夕
        ("2027-02-08", False, True),  # 初三, the 4th statutory day
        ("2027-02-09", True, True),
        ("2027-04-05", False, True),  # 清明
        ("2027-05-03", True, True),  # 劳动节 is May 1–2 (a weekend); the 调休 is not known yet
        ("2027-06-09", False, True),  # 端午
        ("2027-09-15", False, True),  # 中秋
        ("2027-10-01", False, True),
        ("2027-10-04", True, True),
        ("2027-03-06", False, True),  # an ordinary Saturday
        ("2027-03-08", True, True),
    ],
)
def test_is_workday(day, workday, provisional):
    assert CAL.is_workday(date.fromisoformat(day)) == (workday, provisional)


def test_lunar_table_holds_the_known_2027_dates():
    # 2027: 除夕 5 Feb (春节 6 Feb), 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep.
    assert LUNAR_HOLIDAYS[2027] == (date(2027, 2, 5), date(2027, 4, 5), date(2027, 6, 9), date(2027, 9, 15))
    assert LUNAR_HOLIDAYS[2028][0] == date(2028, 1, 25)  # 春节 26 Jan 2028
    assert LUNAR_HOLIDAYS[2031][3] == date(2031, 10, 1)  # 中秋 on National Day


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_statutory_days_are_holidays_in_the_official_notices(year):
    # The revised 放假办法 applies from 2025 (2024: the 2013 text): every statutory day must be off in
    # that year's notice, which checks the lunar table against independent data.
    for day in statutory_holidays(year):
        assert not chinese_calendar.is_workday(day), day


def test_2024_follows_the_statute_then_in_force():
    days = statutory_holidays(2024)
    assert len(days) == 11  # 1 + 3 + 1 + 1 + 1 + 1 + 3
    assert [d for d, name in days.items() if name == "春节"] == [date(2024, 2, d) for d in (10, 11, 12)]
    assert date(2024, 2, 9) not in days and date(2024, 5, 2) not in days


ORG, COUNTY, CITY = 3, 2, 1  # a township under a county under a city


@pytest.mark.parametrize(
    "chain, days, expected",
    [
        # the organization's own day applies; a parent's only when entered for its units
        ((ORG, COUNTY), [LocalDay(date(2027, 3, 5), False, ORG, "乡")], {date(2027, 3, 5): (False, "乡地方性安排")}),
        ((ORG, COUNTY), [LocalDay(date(2027, 3, 5), False, COUNTY, "县", name="县庆日")], {}),
        ((ORG, COUNTY), [LocalDay(date(2027, 3, 5), False, COUNTY, "县", True, "县庆日")],
         {date(2027, 3, 5): (False, "县庆日（县地方性安排）")}),
        ((ORG, COUNTY, CITY), [LocalDay(date(2027, 3, 5), False, CITY, "市", True)],
         {date(2027, 3, 5): (False, "市地方性安排")}),
        # another organization's day never applies
        ((ORG, COUNTY), [LocalDay(date(2027, 3, 5), False, 99, "邻县", True)], {}),
        # the nearest organization wins: the township works on the county's day off
        ((ORG, COUNTY), [LocalDay(date(2027, 3, 5), False, COUNTY, "县", True, "县庆日"),
                         LocalDay(date(2027, 3, 5), True, ORG, "乡", name="值守")],
         {date(2027, 3, 5): (True, "值守（乡地方性安排）")}),
        ((COUNTY,), [LocalDay(date(2027, 3, 5), False, COUNTY, "县", True, "县庆日"),
                     LocalDay(date(2027, 3, 5), True, ORG, "乡", name="值守")],
         {date(2027, 3, 5): (False, "县庆日（县地方性安排）")}),
    ],
)
def test_local_days_for(chain, days, expected):
    assert local_days_for(chain, days) == expected


def test_statutory_holidays_count_and_names():
    days = statutory_holidays(2027)
    assert len(days) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3
    assert [d for d, name in days.items() if name == "春节"] == [date(2027, 2, d) for d in (5, 6, 7, 8)]
    assert days[date(2027, 5, 2)] == "劳动节"
    overlapping = statutory_holidays(2031)  # 中秋 falls on 1 October: 12 distinct days
    assert len(overlapping) == 12 and overlapping[date(2031, 10, 1)] == "国庆节"


@pytest.mark.parametrize(
    "start, n, expected, provisional",
    [
        ("2026-02-10", 20, "2026-03-16", False),  # through 春节 2026 with both make-up Saturdays
        ("2026-02-13", 1, "2026-02-14", False),  # a make-up Saturday is the next working day
        ("2024-02-05", 5, "2024-02-18", False),  # a make-up Sunday after 春节 2024
        ("2025-09-26", 3, "2025-09-30", False),
        ("2025-09-30", 2, "2025-10-10", False),
        ("2025-09-30", 3, "2025-10-11", False),
        ("2026-12-25", 3, "2026-12-30", False),
        ("2026-12-31", 1, "2027-01-04", True),  # into 2027: 元旦 statutory, provisional
        ("2026-12-31", 0, "2026-12-31", False),
        ("2027-01-29", 5, "2027-02-09", True),  # Fri; 1–4 Feb, then 春节 5–8 Feb (provisional)
    ],
)
def test_add_workdays(start, n, expected, provisional):
    assert CAL.add_workdays(date.fromisoformat(start), n) == (date.fromisoformat(expected), provisional)


def test_add_workdays_rejects_negative():
    with pytest.raises(ValueError, match="负数"):
        CAL.add_workdays(date(2026, 1, 5), -1)


def test_overrides_win_and_an_entered_notice_ends_provisional():
    cal = Calendar(
        overrides={date(2027, 2, 6): True, date(2027, 2, 9): False, date(2026, 3, 10): False},
        official_years={2027},
        names={date(2027, 2, 6): "春节", date(2026, 3, 10): "地方节日"},
    )
    assert cal.is_workday(date(2027, 2, 6)) == (True, False)
    assert cal.is_workday(date(2027, 2, 9)) == (False, False)
    assert cal.is_workday(date(2027, 2, 5)) == (False, False)  # statutory days stay off
    assert cal.is_workday(date(2026, 3, 10)) == (False, False)  # a local holiday on a library year
    assert cal.day_info(date(2027, 2, 6)).kind == DayKind.MAKEUP
    assert cal.day_info(date(2026, 3, 10)).name == "地方节日"
    assert cal.day_info(date(2027, 2, 9)).kind == DayKind.HOLIDAY


def test_day_info_kinds():
    assert CAL.day_info(date(2026, 2, 14)).kind == DayKind.MAKEUP
    assert CAL.day_info(date(2026, 2, 15)).name == "春节"
    assert CAL.day_info(date(2026, 9, 25)).name == "中秋节"
    assert CAL.day_info(date(2026, 3, 7)).kind == DayKind.WEEKEND
    assert CAL.day_info(date(2026, 3, 9)).kind == DayKind.WORKDAY


def test_years_outside_the_data_are_refused_with_a_chinese_message():
    for day in (date(2003, 12, 31), date(2041, 1, 2)):
        with pytest.raises(CalendarRangeError, match="范围"):
            CAL.is_workday(day)


def test_workdays_between():
    assert CAL.workdays_between(date(2026, 2, 10), date(2026, 3, 16)) == 20
    assert CAL.workdays_between(date(2026, 3, 16), date(2026, 3, 16)) == 0
    assert CAL.workdays_between(date(2026, 3, 16), date(2026, 3, 10)) == 0


def test_every_library_day_matches_chinese_calendar():
    day = date(2024, 1, 1)
    while day.year <= 2026:
        assert CAL.is_workday(day)[0] == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize("text", ["2026-2-1", "20260201", "2026-02-30", "", "明天"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(text)


def test_year_grid_marks_days_a_notice_changes():
    from gongkai.workdays.grid import year_grid

    before = Calendar()
    after = Calendar(overrides={date(2027, 2, 9): False, date(2027, 2, 20): True},
                     official_years=[2027], names={date(2027, 2, 9): "春节", date(2027, 2, 20): "春节"})
    months = year_grid(after, 2027, before)
    assert [m.name for m in months][:2] == ["1月", "2月"]
    february = [cell for week in months[1].weeks for cell in week if cell]
    assert len(february) == 28 and months[1].weeks[0][0].day == date(2027, 2, 1)  # 1 Feb 2027 is a Monday
    cells = {cell.day: cell for cell in february}
    assert (cells[date(2027, 2, 9)].label, cells[date(2027, 2, 9)].changed) == ("休", True)
    assert (cells[date(2027, 2, 20)].label, cells[date(2027, 2, 20)].changed) == ("班", True)
    assert (cells[date(2027, 2, 5)].label, cells[date(2027, 2, 5)].changed) == ("休", False)  # statutory 除夕
    assert months[0].weeks[0][:4] == [None, None, None, None]  # 1 Jan 2027 is a Friday
