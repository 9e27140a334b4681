"""Reading the State Council's holiday notice (rules.md §1): the real 2024–2026 texts, ranges, bad input."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from chinese_calendar.constants import holidays as LIBRARY_HOLIDAYS

from gongkai.workdays.notice import NoticeError, describe, parse_notice

DATA = Path(__file__).parent / "data"


def real(year: int) -> str:
    return (DATA / f"notice_{year}.txt").read_text(encoding="utf-8")


def days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    "year, title, reference, published_on, off, worked",
    [
        (2024, "国务院办公厅关于2024年部分节假日安排的通知", "国办发明电〔2023〕7号", date(2023, 10, 25), 28, 8),
        (2025, "国务院办公厅关于2025年部分节假日安排的通知", "国办发明电〔2024〕12号", date(2024, 11, 12), 28, 5),
        # The 2026 notice as Xinhua carried it has no 文号 line; rules.md cites it by its date.
        (2026, "国务院办公厅关于2026年部分节假日安排的通知", "", date(2025, 11, 4), 33, 6),
    ],
)
def test_real_notices_parse_to_the_calendar_in_force(year, title, reference, published_on, off, worked):
    parsed = parse_notice(real(year), year)
    assert (parsed.title, parsed.reference, parsed.published_on) == (title, reference, published_on)
    assert parsed.warnings == []  # every real notice agrees with the statute and with its own weekdays
    assert (len(parsed.days_off), len(parsed.workdays)) == (off, worked)
    days_off, worked_days = set(parsed.days_off), set(parsed.workdays)
    for day in days_of(year):
        parsed_workday = day in worked_days or (day.weekday() < 5 and day not in days_off)
        assert parsed_workday == chinese_calendar.is_workday(day), day
    # The same named days off as the library carries (weekends inside a holiday period included).
    assert days_off == {d for d in LIBRARY_HOLIDAYS if d.year == year}
    # And what enter_notice() receives: one row per named day, make-up days marked as working days.
    rows = parsed.days()
    assert len(rows) == off + worked and {d for d, flag, _n in rows if flag} == worked_days


def test_the_year_comes_from_the_title_when_not_given():
    assert parse_notice(real(2025)).year == 2025


def test_names_of_the_days_follow_the_statute():
    names = {d: n for d, _flag, n in parse_notice(real(2025)).days()}
    assert names[date(2025, 10, 6)] == "中秋节"  # the statutory 中秋 inside the merged 国庆节、中秋节 period
    assert names[date(2025, 10, 8)] == "国庆节"
    assert names[date(2025, 9, 28)] == "国庆节、中秋节"  # the make-up Sunday of the merged item
    assert names[date(2025, 1, 26)] == "春节"


def test_describe_lists_each_holiday():
    lines = describe(parse_notice(real(2026)))
    assert lines[0] == "2026年：放假33天，调休上班6天。"
    assert "春节：2月15日至2月23日放假；2月14日（星期六）、2月28日（星期六）上班" in lines


RANGES_2026 = """
放假 2026-01-01..2026-01-03 元旦
上班 2026-01-04 元旦
放假 2026-02-15..2026-02-23 春节
上班 2026-02-14 春节
上班 2026-02-28 春节
放假 2026-04-04..2026-04-06 清明节
放假 2026-05-01..2026-05-05 劳动节
上班 2026-05-09 劳动节
放假 2026-06-19..2026-06-21 端午节
放假 2026-09-25..2026-09-27 中秋节
放假 2026-10-01..2026-10-07 国庆节
上班 2026-09-20 国庆节
上班 2026-10-10 国庆节
"""


def test_date_ranges_give_the_same_days_as_the_text():
    ranges, text = parse_notice(RANGES_2026), parse_notice(real(2026))
    assert ranges.year == 2026 and ranges.warnings == []
    assert (ranges.days_off, ranges.workdays) == (text.days_off, text.workdays)


# The example in the shape of the notices, as an office might mistype it: 1 January 2026 is a Thursday.
MISTYPED = "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。"


@pytest.mark.parametrize(
    "text, year, expected",
    [
        (MISTYPED, 2026, ["1月1日标注为“周五”，但2026年1月1日是星期四", "1月3日标注为“周日”，但2026年1月3日是星期六"]),
        # In 2027 the weekdays are right but 4 January is a Monday: no make-up day is needed.
        (MISTYPED, 2027, ["1月4日标注为“周日”，但2027年1月4日是星期一", "1月4日是星期一，本来就是工作日",
                          "多放0个工作日，但调休上班1天"]),
        ("二、春节：2月6日（农历除夕、周六）至12日（周五）放假调休，共7天。", 2027,
         ["2月6日标注为“农历除夕”，但2027年的该日是2月5日", "法定节假日2月5日（春节）没有列为放假日"]),
        ("四、劳动节：5月3日至5日放假，共4天。5月1日（周六）上班。", 2027,
         ["5月1日是法定节假日（劳动节），不应安排上班", "通知写“共4天”，列出的放假日期共3天",
          "法定节假日5月2日（劳动节）没有列为放假日"]),
        ("五、端午节：6月10日（周四）放假。", 2027, ["“端午节”的放假日期中没有该节日的法定假日（6月9日）"]),
        ("一、元旦：1月1日（周五）至3日（周日）放假，共3天。", 2027, ["通知没有“春节、清明节、劳动节、端午节、中秋节、国庆节”的安排"]),
        ("一、元旦：1月1日（周五）放假。安排职工在12月31日休息。", 2027, ["未识别“安排职工在12月31日休息”，其中的日期未计入"]),
        ("一、元旦：2026年12月31日至2027年1月3日放假。", 2027, ["列出了2026年的日期，不属于2027年的日历，未计入"]),
        ("一、元旦：1月1日放假。2026年12月26日（周六）上班。", 2027, ["列出了2026年的日期"]),
    ],
)
def test_disagreements_are_warned(text, year, expected):
    warnings = "\n".join(parse_notice(text, year).warnings)
    for fragment in expected:
        assert fragment in warnings


@pytest.mark.parametrize(
    "text, year, message",
    [
        ("", 2027, "请粘贴通知全文"),
        ("   \n\u3000\n", 2027, "请粘贴通知全文"),
        ("一、元旦1月1日放假", 2027, "第1行：无法识别这一行"),
        ("国务院办公厅关于2027年部分节假日安排的通知\n\n二、春节：2月30日放假。", 2027, "第3行：2027年2月30日不是有效的日期"),
        ("二、春节：2月12日至5日放假调休。", 2027, "结束日期早于开始日期"),
        ("二、春节：1月5日至3月12日放假。", 2027, "一段假期不会超过一个月"),
        ("五、端阳节：6月9日放假。", 2027, "“端阳节”不是法定节日"),
        ("二、春节：2月5日至12日休息。", 2027, "没有放假日期"),
        ("二、春节：从2月5日至12日放假。", 2027, "无法理解“从”"),
        ("二、春节：2月5日至12日放假。2月20日（周六）和上班。", 2027, "无法理解"),
        ("二、春节：2月5日至12日放假。2月6日（周六）上班。", 2027, "既列为放假又列为上班：2027-02-06"),
        ("二、春节：5日放假。", 2027, "缺少月份"),
        (real(2026), 2027, "通知正文写的是2026年，与指定的2027年不一致"),
        ("一、元旦：1月1日放假。", None, "无法从文本确定通知所属的年份"),
        ("各省、自治区、直辖市人民政府：\n节假日期间，要妥善安排好值班。", 2027, "没有找到放假安排"),
        ("放假 2027-02-30 春节", 2027, "第1行：日期无效"),
        ("放假 2027-02-12..2027-02-05 春节", 2027, "结束日期早于开始日期"),
        ("放假 2027-02-05 至明天", 2027, "第1行：无法识别这一行"),
        ("一、元旦：1月1日放假\n一、元旦1月2日放假\n五、端阳节：6月9日放假", 2027, "第2行：无法识别这一行（一、元旦1月2日放假）；第3行"),
    ],
)
def test_malformed_text_is_refused_with_a_clear_message(text, year, message):
    with pytest.raises(NoticeError) as exc:
        parse_notice(text, year)
    assert message in str(exc.value)


def test_a_weekend_of_the_year_before_is_no_warning():
    # 2023's notice: 元旦 from Saturday 31 December 2022; that day was off anyway.
    parsed = parse_notice("一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。", 2023)
    assert parsed.days_off == [date(2023, 1, 1), date(2023, 1, 2)] and parsed.warnings == []


def test_full_width_and_pasted_noise_are_read():
    pasted = "\ufeff一、元旦：１月１日（周五）至３日（周日）放假，共３天。\u200b"
    parsed = parse_notice(pasted, 2027)
    assert parsed.days_off == [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)]
