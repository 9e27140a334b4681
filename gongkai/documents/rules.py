"""Pure rules for catalog metadata: 发文字号 normalization and validation, 索引号 formatting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width and other invisible characters that come along when numbers are pasted from web pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LABEL = re.compile(r"^\s*(发文字号|文号|字号)\s*[:：]?\s*")
# Any bracket pair people use instead of 〔〕 around the year.
_YEAR_BRACKETS = re.compile(r"[\[【(（〔［{｛<＜《〈]\s*(\d{4})\s*[\]】)）〕］}｝>＞》〉]")

DOC_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fa5A-Za-z]{1,20})〔(?P<year>\d{4})〕(?P<seq>\d{1,5})号$")
RULE_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fa5]{2,40}令)第(?P<seq>\d{1,5})号$")


def normalize_doc_number(raw: str) -> str:
    """Bring a pasted or imported 发文字号 to its canonical form.

    Strips a leading label, invisible characters and spaces, turns full-width digits into ASCII and
    any bracket pair around the year into 〔〕. The result is not yet validated.
    """
    text = unicodedata.normalize("NFKC", raw or "").translate(_INVISIBLE)
    text = _LABEL.sub("", text)
    text = re.sub(r"\s+", "", text)
    text = _YEAR_BRACKETS.sub(lambda m: f"〔{m.group(1)}〕", text)
    # NFKC folds 〔〕 to themselves but turns （） into ()-, handled above; drop leading zeros of the sequence.
    text = re.sub(r"〕0+(\d)", r"〕\1", text)
    return text


@dataclass(frozen=True)
class DocNumberCheck:
    value: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def check_doc_number(raw: str, *, max_year: int | None = None) -> DocNumberCheck:
    """Normalize and validate a 发文字号; an empty value is allowed (many items have none)."""
    value = normalize_doc_number(raw)
    if not value:
        return DocNumberCheck("")
    if RULE_NUMBER.match(value):
        return DocNumberCheck(value)
    m = DOC_NUMBER.match(value)
    if not m:
        if "〔" not in value or "〕" not in value:
            return DocNumberCheck(value, "发文字号应写作“机关代字〔年份〕序号号”，例如：龙街办发〔2023〕12号。")
        if not value.endswith("号"):
            return DocNumberCheck(value, "发文字号应以“号”结尾，例如：龙街办发〔2023〕12号。")
        return DocNumberCheck(value, "发文字号格式不正确：应为机关代字、〔四位年份〕和序号，例如：龙街办发〔2023〕12号。")
    year = int(m.group("year"))
    if year < 1949 or (max_year is not None and year > max_year):
        return DocNumberCheck(value, f"发文字号中的年份 {year} 不在有效范围内。")
    if int(m.group("seq")) == 0:
        return DocNumberCheck(value, "发文字号的序号不能为 0。")
    return DocNumberCheck(value)


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
