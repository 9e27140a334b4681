"""Pure rules for catalog metadata: 发文字号 forms, published form and comparison key; 索引号 formatting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width and other invisible characters that come along when numbers are pasted from web pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LABEL = re.compile(r"^\s*(发文字号|文号|字号)\s*[:：]?\s*")
# Any bracket pair people use instead of 〔〕 around the year.
_YEAR_BRACKETS = re.compile(r"[\[【(（〔［{｛<＜《〈]\s*(\d{4})\s*[\]】)）〕］}｝>＞》〉]")
_HAN = "\u4e00-\u9fa5"
# Whitespace between two Chinese characters (joint numbers: 财政部 税务总局公告2019年第39号) is kept as
# one space in the published form; any other whitespace is dropped.
_INNER_SPACE = re.compile(rf"(?<=[{_HAN}])\s+(?=[{_HAN}])")

# The issuing agency's code or name: Chinese, Latin letters, and the separators of joint numbers.
_PREFIX = rf"[{_HAN}A-Za-z、·]"
_CN_NUMBER = "零〇一二三四五六七八九十百千"
# 机关代字〔年份〕序号号 (龙街办发〔2023〕12号, 沪府发〔1999〕043号; 中国人民银行公告〔2017〕第7号).
DOC_NUMBER = re.compile(rf"^(?P<prefix>{_PREFIX}{{1,40}})〔(?P<year>\d{{4}})〕(?P<di>第)?(?P<seq>\d{{1,6}})号$")
# ……令第N号 (国务院令第732号, 中华人民共和国主席令第三十一号).
RULE_NUMBER = re.compile(rf"^(?P<prefix>{_PREFIX}{{1,40}}令)第(?P<seq>\d{{1,6}}|[{_CN_NUMBER}]{{1,8}})号$")
# 机关[公告|令|通告]YYYY年第N号 (国家税务总局公告2018年第13号, 交通运输部令2016年第62号).
YEAR_NUMBER = re.compile(
    rf"^(?P<prefix>{_PREFIX}{{1,40}}?)(?P<kind>公告|令|通告)?(?P<year>\d{{4}})年第(?P<seq>\d{{1,6}})号$"
)
FORMS = (DOC_NUMBER, RULE_NUMBER, YEAR_NUMBER)


def clean_doc_number(raw: str) -> str:
    """The published form of a pasted or imported 发文字号, cleaned but not reinterpreted.

    Strips a leading label (文号：), invisible characters and stray spaces, turns full-width digits
    and letters into ASCII and any bracket pair around the year into 〔〕; keeps everything the agency
    published, leading zeros included (沪府发〔1999〕043号). The result is not yet validated.
    """
    text = unicodedata.normalize("NFKC", raw or "").translate(_INVISIBLE)
    text = _LABEL.sub("", text).strip()
    text = _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", text)
    text = _INNER_SPACE.sub(" ", text)
    return re.sub(rf"\s+(?![{_HAN}])|(?<![{_HAN}])\s+", "", text)


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral as 令 numbers write it (三十一 → 31, 一百零八 → 108); None if not one."""
    digits = dict(zip("零〇一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
    units = {"十": 10, "百": 100, "千": 1000}
    total, current = 0, 0
    for i, ch in enumerate(text):
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or (1 if i == 0 or ch == "十" else 0)) * units[ch]
            current = 0
        else:
            return None
    return total + current


def doc_number_key(raw: str) -> str:
    """The form search and duplicate detection compare: no spaces or joint separators, no leading
    zeros, 第 dropped inside the 〔〕 form, Chinese numerals of 令 numbers as digits."""
    text = clean_doc_number(raw).replace(" ", "").replace("、", "").replace("·", "")
    text = re.sub(r"〕第(?=\d)", "〕", text)
    text = re.sub(r"(?<=[〕第])0+(?=\d)", "", text)
    m = RULE_NUMBER.match(text)
    if m and not m.group("seq").isdigit() and (value := chinese_number(m.group("seq"))) is not None:
        text = f"{m.group('prefix')}第{value}号"
    return text


def normalize_doc_number(raw: str) -> str:
    """The comparison key of a 发文字号 (see :func:`doc_number_key`); what the search index stores."""
    return doc_number_key(raw)


def match_doc_number(value: str) -> re.Match | None:
    """The first published form (〔〕, 令第N号, YYYY年第N号) that ``value`` (cleaned) has, or None."""
    compact = value.replace(" ", "")
    for form in FORMS:
        if (m := form.match(compact)) is not None:
            return m
    return None


@dataclass(frozen=True)
class DocNumberCheck:
    value: str  # the published form, kept for display
    error: str = ""
    key: str = ""  # the comparison form (search, duplicates)

    @property
    def ok(self) -> bool:
        return not self.error


FORMAT_HELP = "例如：龙街办发〔2023〕12号、国家税务总局公告2018年第13号、交通运输部令2016年第62号、国务院令第732号。"


def check_doc_number(raw: str, *, max_year: int | None = None) -> DocNumberCheck:
    """Clean and validate a 发文字号; an empty value is allowed (many items have none)."""
    value = clean_doc_number(raw)
    if not value:
        return DocNumberCheck("")
    key = doc_number_key(value)
    m = match_doc_number(value)
    if m is None:
        if "〔" in value and "〕" in value and not value.endswith("号"):
            return DocNumberCheck(value, "发文字号应以“号”结尾，" + FORMAT_HELP, key)
        if "〔" in value and "〕" in value:
            return DocNumberCheck(value, "发文字号格式不正确：应为机关代字、〔四位年份〕和序号，" + FORMAT_HELP, key)
        return DocNumberCheck(value, "发文字号应写作“机关代字〔年份〕序号号”或“机关公告某年第N号”“机关令第N号”，"
                              + FORMAT_HELP, key)
    if "year" in m.groupdict():
        year = int(m.group("year"))
        if year < 1949 or (max_year is not None and year > max_year):
            return DocNumberCheck(value, f"发文字号中的年份 {year} 不在有效范围内。", key)
    seq = m.group("seq")
    if (int(seq) if seq.isdigit() else chinese_number(seq)) == 0:
        return DocNumberCheck(value, "发文字号的序号不能为 0。", key)
    return DocNumberCheck(value, "", key)


def format_index_number(fmt: str, *, code: str, year: int, seq: int) -> str:
    """Render an organization's 索引号 format, e.g. '{code}/{year}-{seq:07d}' → 'abc/2023-0000352'."""
    return fmt.format(code=code, year=year, seq=seq)


def validate_index_format(fmt: str) -> str:
    """Return an error message for an unusable 索引号 format, or '' when it is fine."""
    try:
        a = format_index_number(fmt, code="x", year=2024, seq=1)
        b = format_index_number(fmt, code="x", year=2024, seq=2)
        c = format_index_number(fmt, code="x", year=2025, seq=1)
    except (KeyError, ValueError, IndexError):
        return "索引号格式只能使用 {code}、{year}、{seq} 三个占位符，例如 {code}/{year}-{seq:07d}。"
    if len({a, b, c}) < 3:
        return "索引号格式必须同时包含年份 {year} 和序号 {seq}，才能保证唯一。"
    return ""
