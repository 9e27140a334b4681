"""Reading the State Council's yearly holiday notice into days (rules.md §1), as pure functions.

The office pastes the notice as published (「一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。」
…) or types date ranges, one per line (``放假 2027-02-05..2027-02-12 春节`` / ``上班 2027-02-20 春节``).
:func:`parse_notice` turns either into days off and make-up working days, and lists *warnings* where
the result disagrees with the statutory holidays of 全国年节及纪念日放假办法 or with the weekdays the
notice itself states; it refuses text it cannot read with a Chinese message naming the line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .rules import LUNAR_HOLIDAYS, CalendarRangeError, statutory_holidays, weekday_name

ONE_DAY = dt.timedelta(days=1)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NUMERALS = "一二三四五六七八九十"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

TITLE = re.compile(r"国务院办公厅关于(?P<year>\d{4})年部分节假日安排的通知")
REFERENCE = re.compile(r"^[\u4e00-\u9fa5]{2,12}〔(?P<year>\d{4})〕\d{1,4}号$")
SIGNED_ON = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
INTRO_YEAR = re.compile(r"现将(?P<year>\d{4})年")
ITEM = re.compile(rf"^(?P<num>[{_NUMERALS}]+)[、.]\s*(?P<names>[^:]{{1,20}}):(?P<body>.+)$")
RANGE_LINE = re.compile(
    r"^(?P<kind>放假|休|上班|班)\s+(?P<first>\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:\.\.|至|~)\s*(?P<last>\d{4}-\d{2}-\d{2}))?(?:\s+(?P<name>[^\s.至~].{0,29}))?$"
)
# One date as notices write it: [YYYY年][M月]D日[（annotation）]; the month may be left out after the first.
DATE = re.compile(r"(?:(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月)?(?P<d>\d{1,2})日(?:\((?P<note>[^)]*)\))?")
COUNT = re.compile(r"(?:共|放假)(?P<n>\d{1,2})天")

HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


class NoticeError(ValueError):
    """Text that cannot be read as a holiday notice; the message is Chinese and names the lines."""


@dataclass(frozen=True)
class NoticeItem:
    """One numbered item of the notice (or one line of ranges): its holiday, days off and days worked."""

    line: int
    names: tuple[str, ...]
    days_off: tuple[dt.date, ...]
    workdays: tuple[dt.date, ...]
    stated_days: int | None = None


@dataclass
class ParsedNotice:
    year: int
    title: str = ""
    reference: str = ""
    published_on: dt.date | None = None
    items: list[NoticeItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def days_off(self) -> list[dt.date]:
        return sorted({d for item in self.items for d in item.days_off if d.year == self.year})

    @property
    def workdays(self) -> list[dt.date]:
        return sorted({d for item in self.items for d in item.workdays if d.year == self.year})

    def days(self) -> list[tuple[dt.date, bool, str]]:
        """(date, is_workday, name) for every day of the year the notice names, as enter_notice() takes them."""
        statutory = _statutory(self.year)
        named: dict[dt.date, tuple[bool, str]] = {}
        for item in self.items:
            for day in item.days_off:
                if day.year == self.year and day not in named:
                    own = statutory.get(day)
                    named[day] = (False, own if own in item.names else item.names[0])
            for day in item.workdays:
                if day.year == self.year:
                    named[day] = (True, "、".join(item.names))
        return [(day, flag, name) for day, (flag, name) in sorted(named.items())]


def _fmt(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _statutory(year: int) -> dict[dt.date, str]:
    try:
        return statutory_holidays(year)
    except CalendarRangeError:
        return {}


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]


# --- dates and their annotations -----------------------------------------------------------------------

class _LineError(Exception):
    pass


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _LineError(f"{year}年{month}月{day}日不是有效的日期") from None


def _check_note(day: dt.date, note: str | None, warnings: list[str], lineno: int) -> None:
    """Compare the notice's own annotation (周四, 星期日, 农历除夕, 正月初七) with the real calendar."""
    if not note:
        return
    for part in re.split(r"[、,]", note):
        m = re.fullmatch(r"(?:周|星期)([一二三四五六日天])", part.strip())
        if m and _WEEKDAYS[m.group(1)] != day.weekday():
            warnings.append(f"第{lineno}行：{_fmt(day)}标注为“{part.strip()}”，但{day.year}年{_fmt(day)}是{weekday_name(day)}。")
        lunar = LUNAR_HOLIDAYS.get(day.year)
        if lunar is None:
            continue
        eve = lunar[0]
        expected = None
        if "除夕" in part:
            expected = eve
        elif (m := re.search(r"正月初([一二三四五六七八九十])", part)) is not None:
            expected = eve + dt.timedelta(days=_CN_DIGITS[m.group(1)])
        if expected is not None and expected != day:
            warnings.append(f"第{lineno}行：{_fmt(day)}标注为“{part.strip()}”，但{day.year}年的该日是{_fmt(expected)}。")


def _dates(text: str, year: int, warnings: list[str], lineno: int) -> tuple[list[tuple[dt.date, str]], str]:
    """Every date in ``text`` (in order) with the text that preceded it, and the text after the last one."""
    found, pos, month, cur_year = [], 0, None, year
    for m in DATE.finditer(text):
        if m.group("y"):
            cur_year = int(m.group("y"))
        if m.group("m"):
            month = int(m.group("m"))
        if month is None:
            raise _LineError(f"“{m.group(0)}”缺少月份")
        day = _make_date(cur_year, month, int(m.group("d")))
        _check_note(day, m.group("note"), warnings, lineno)
        found.append((day, text[pos : m.start()]))
        pos = m.end()
    return found, text[pos:]


# --- one numbered item ---------------------------------------------------------------------------------

def _off_sentence(sentence: str, year: int, warnings: list[str], lineno: int) -> tuple[list[dt.date], int | None]:
    head, _, _tail = sentence.partition("放假")
    dates, leftover = _dates(head, year, warnings, lineno)
    if not dates:
        raise _LineError(f"“{sentence}”中没有放假日期")
    days: list[dt.date] = []
    i = 0
    while i < len(dates):
        first, sep = dates[i]
        if sep.strip() not in ("", "、", ","):
            raise _LineError(f"无法理解“{sep.strip()}”")
        last = first
        if i + 1 < len(dates) and dates[i + 1][1].strip() in ("至", "-", "~", "—"):
            last = dates[i + 1][0]
            i += 1
        if last < first:
            raise _LineError(f"{_fmt(first)}至{_fmt(last)}：结束日期早于开始日期")
        if (last - first).days > 30:
            raise _LineError(f"{_fmt(first)}至{_fmt(last)}：一段假期不会超过一个月，请核对")
        day = first
        while day <= last:
            days.append(day)
            day += ONE_DAY
        i += 1
    if leftover.strip():
        raise _LineError(f"无法理解“{leftover.strip()}”")
    # 「与周末连休」 adds no day: the weekend next to the holiday is off anyway, and is not named as
    # part of it (chinese-calendar does not name it either).
    m = COUNT.search(sentence)
    return days, (int(m.group("n")) if m else None)


def _work_sentence(sentence: str, year: int, warnings: list[str], lineno: int) -> list[dt.date]:
    if not sentence.endswith("上班"):
        raise _LineError(f"“{sentence}”应以“上班”结尾")
    dates, leftover = _dates(sentence[: -len("上班")], year, warnings, lineno)
    if leftover.strip() or (dates and dates[0][1].strip()):
        raise _LineError(f"无法理解“{sentence}”")
    if not dates:
        raise _LineError(f"“{sentence}”中没有上班日期")
    for _day, sep in dates[1:]:
        if sep.strip() not in ("、", ",", "和", "及"):
            raise _LineError(f"上班日期之间应以顿号分隔：“{sentence}”")
    return [day for day, _sep in dates]


def _parse_item(lineno: int, names: str, body: str, year: int, warnings: list[str]) -> NoticeItem:
    holiday_names = tuple(n.strip() for n in re.split(r"[、,和]", names) if n.strip())
    unknown = [n for n in holiday_names if n not in HOLIDAY_NAMES]
    if unknown:
        raise _LineError(f"“{'、'.join(unknown)}”不是法定节日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）")
    days_off: list[dt.date] = []
    workdays: list[dt.date] = []
    stated: int | None = None
    for sentence in (s.strip(" ,") for s in re.split(r"[。;]", body)):
        if not sentence or sentence.startswith("鼓励"):
            continue  # advice (e.g. 鼓励……安排职工在除夕休息) is not a day off
        if "放假" in sentence:
            days, count = _off_sentence(sentence, year, warnings, lineno)
            days_off += days
            stated = count if count is not None else stated
        elif "上班" in sentence:
            workdays += _work_sentence(sentence, year, warnings, lineno)
        elif DATE.search(sentence):
            warnings.append(f"第{lineno}行：未识别“{sentence}”，其中的日期未计入。")
    if not days_off:
        raise _LineError("没有放假日期")
    return NoticeItem(lineno, holiday_names, tuple(days_off), tuple(workdays), stated)


def _parse_range_line(lineno: int, m: re.Match) -> tuple[bool, list[dt.date], str]:
    try:
        first = dt.date.fromisoformat(m.group("first"))
        last = dt.date.fromisoformat(m.group("last") or m.group("first"))
    except ValueError:
        raise _LineError("日期无效，格式应为YYYY-MM-DD") from None
    if last < first:
        raise _LineError("结束日期早于开始日期")
    if (last - first).days > 30:
        raise _LineError("一段日期不能超过31天")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return m.group("kind") in ("上班", "班"), days, (m.group("name") or "").strip()


# --- the whole text ------------------------------------------------------------------------------------

def _header(lines: list[str], notice: ParsedNotice) -> None:
    for line in lines:
        if not notice.title and (m := TITLE.search(line)):
            notice.title = m.group(0)
        elif not notice.reference and REFERENCE.match(line.replace(" ", "")):
            notice.reference = line.replace(" ", "")
        elif (m := SIGNED_ON.match(line.replace(" ", ""))) is not None:
            try:
                notice.published_on = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                pass


def _year_of(lines: list[str], year: int | None) -> int:
    stated = {int(m.group("year")) for line in lines for m in (TITLE.search(line), INTRO_YEAR.search(line)) if m}
    if year is None and not stated:  # lines of ranges: the year of their dates
        stated = {int(m.group("first")[:4]) for line in lines if (m := RANGE_LINE.match(line))}
    if year is None:
        if len(stated) != 1:
            raise NoticeError("无法从文本确定通知所属的年份，请指定年份。")
        return stated.pop()
    if stated and stated != {year}:
        raise NoticeError(f"通知正文写的是{'、'.join(str(y) for y in sorted(stated))}年，与指定的{year}年不一致。")
    return year


def parse_notice(text: str, year: int | None = None) -> ParsedNotice:
    """Parse a pasted notice or lines of date ranges for ``year`` (read from the title when not given).

    Raises NoticeError (Chinese, with line numbers) for text that cannot be read; disagreements with the
    statutory holidays or with weekdays are returned as ``warnings`` for the office to confirm.
    """
    lines = _clean_lines(text)
    if not any(lines):
        raise NoticeError("请粘贴通知全文，或按“放假 2027-02-05..2027-02-12 春节”的格式逐行填写日期。")
    year = _year_of(lines, year)
    notice = ParsedNotice(year=year)
    _header(lines, notice)
    errors: list[str] = []
    ranges: dict[str, list] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line:
            continue
        try:
            if (m := ITEM.match(line)) is not None:
                notice.items.append(_parse_item(lineno, m.group("names"), m.group("body"), year, notice.warnings))
            elif (m := RANGE_LINE.match(line)) is not None:
                is_workday, days, name = _parse_range_line(lineno, m)
                ranges.setdefault(name or ("调休上班" if is_workday else "放假"), []).append((lineno, is_workday, days))
            elif re.match(rf"^[{_NUMERALS}]+、", line) or re.match(r"^(放假|上班|休|班)\s", line):
                raise _LineError("无法识别这一行")
        except _LineError as exc:
            errors.append(f"第{lineno}行：{exc}（{line[:40]}）")
    if errors:
        raise NoticeError("；".join(errors))
    notice.items += _range_items(ranges)
    if not notice.items:
        raise NoticeError("没有找到放假安排：应有“一、元旦：1月1日放假……”这样的条目，"
                          "或“放假 2027-01-01 元旦”这样的日期行。")
    _check_conflicts(notice)
    notice.warnings += check_against_statute(notice)
    return notice


def _range_items(ranges: dict[str, list]) -> list[NoticeItem]:
    items = []
    for name, entries in ranges.items():
        off = tuple(d for _n, flag, days in entries if not flag for d in days)
        work = tuple(d for _n, flag, days in entries if flag for d in days)
        names = tuple(n for n in re.split(r"[、,]", name) if n) if off else (name,)
        items.append(NoticeItem(min(n for n, _f, _d in entries), names, off, work))
    return items


def _check_conflicts(notice: ParsedNotice) -> None:
    off = {d for item in notice.items for d in item.days_off}
    both = sorted(off & {d for item in notice.items for d in item.workdays})
    if both:
        raise NoticeError("以下日期既列为放假又列为上班：" + "、".join(d.isoformat() for d in both))
    seen: dict[dt.date, int] = {}
    for item in notice.items:
        for day in item.days_off:
            if day in seen and seen[day] != item.line:
                notice.warnings.append(f"{_fmt(day)}在第{seen[day]}行和第{item.line}行都列为放假。")
            seen.setdefault(day, item.line)
        # A day of another year matters only if it changes that day (a weekday off, a weekend worked).
        other = sorted({d.year for d in item.days_off if d.year != notice.year and d.weekday() < 5}
                       | {d.year for d in item.workdays if d.year != notice.year and d.weekday() >= 5})
        if other:
            notice.warnings.append(f"第{item.line}行列出了{'、'.join(map(str, other))}年的日期，"
                                   f"不属于{notice.year}年的日历，未计入。")


def check_against_statute(notice: ParsedNotice) -> list[str]:
    """Warnings where the parsed days disagree with the statutory holidays or with weekends."""
    warnings: list[str] = []
    statutory = _statutory(notice.year)
    off = set(notice.days_off)
    for item in notice.items:
        label = "、".join(item.names)
        for day in item.workdays:
            if day.year == notice.year and day.weekday() < 5:
                warnings.append(f"“{label}”：{_fmt(day)}是{weekday_name(day)}，本来就是工作日，列为调休上班没有作用。")
            if day in statutory:
                warnings.append(f"“{label}”：{_fmt(day)}是法定节假日（{statutory[day]}），不应安排上班。")
        if item.stated_days is not None and item.stated_days != len(set(item.days_off)):
            warnings.append(f"“{label}”：通知写“共{item.stated_days}天”，列出的放假日期共{len(set(item.days_off))}天。")
        if not statutory:
            continue
        own = {d for d, name in statutory.items() if name in item.names}
        if own and not own & set(item.days_off):
            warnings.append(f"“{label}”的放假日期中没有该节日的法定假日（{'、'.join(_fmt(d) for d in sorted(own))}）。")
        warnings += _balance(item, label, statutory)
    if statutory:
        named = {n for item in notice.items for n in item.names}
        for day, name in sorted(statutory.items()):
            if day not in off and (name in named or not named & set(HOLIDAY_NAMES)):
                warnings.append(f"法定节假日{_fmt(day)}（{name}）没有列为放假日。")
        missing = [n for n in dict.fromkeys(statutory.values()) if n not in named]
        if missing and named & set(HOLIDAY_NAMES):
            warnings.append(f"通知没有“{'、'.join(missing)}”的安排，这些节日按法定假日计算。")
    return warnings


def _balance(item: NoticeItem, label: str, statutory: dict[dt.date, str]) -> list[str]:
    """Each weekday given off beyond the statute is paid for by a make-up day or a weekend statutory day."""
    days = set(item.days_off)
    extra = sum(1 for d in days if d.weekday() < 5 and d not in statutory)
    on_weekend = sum(1 for d, name in statutory.items() if name in item.names and d.weekday() >= 5 and d in days)
    made_up = len(set(item.workdays))
    if extra == made_up + on_weekend:
        return []
    return [f"“{label}”：多放{extra}个工作日，但调休上班{made_up}天、周末法定假日补假{on_weekend}天，"
            "两者不相抵，请核对。"]


def describe(notice: ParsedNotice) -> list[str]:
    """Human-readable lines (Chinese) summing up a parsed notice, for the command line and the screen."""
    lines = [f"{notice.year}年：放假{len(notice.days_off)}天，调休上班{len(notice.workdays)}天。"]
    for item in notice.items:
        off = _spans(sorted(d for d in set(item.days_off) if d.year == notice.year))
        work = "、".join(f"{_fmt(d)}（{weekday_name(d)}）" for d in sorted(set(item.workdays)))
        lines.append(f"{'、'.join(item.names)}：{off}放假" + (f"；{work}上班" if work else ""))
    return lines


def _spans(days: Iterable[dt.date]) -> str:
    spans: list[list[dt.date]] = []
    for day in days:
        if spans and spans[-1][-1] + ONE_DAY == day:
            spans[-1].append(day)
        else:
            spans.append([day])
    return "、".join(_fmt(s[0]) + (f"至{_fmt(s[-1])}" if len(s) > 1 else "") for s in spans)
