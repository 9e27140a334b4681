"""Masking (脱敏) of findings for display and for redacted copies: pure string functions.

Separators and full-width characters of the original are kept; only digits/letters turn into ``*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gongkai.core.extract import html_text_map, rewrite_html

from .rules import BANK_CARD, EMAIL, ID_CARD, LANDLINE, MOBILE, Finding, fold, scan_text

_LANDLINE_PARTS = re.compile(r"^(?P<area>\(?0(?:10|2\d|[3-9]\d{2})\)?[- ]?)(?P<number>\d{7,8})(?P<ext>.*)$")


def _mask_positions(value: str, keep_head: int, keep_tail: int) -> str:
    """Star every alphanumeric character except the first ``keep_head`` and last ``keep_tail`` ones."""
    folded = fold(value)
    positions = [i for i, ch in enumerate(folded) if ch.isascii() and ch.isalnum()]
    hidden = set(positions[keep_head : len(positions) - keep_tail] if len(positions) > keep_head + keep_tail else [])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def mask_value(kind: str, value: str) -> str:
    """The masked form of one finding's text; kinds that are not personal information stay as they are."""
    if kind in (ID_CARD, BANK_CARD):
        return _mask_positions(value, 4, 4)
    if kind == MOBILE:
        digits = sum(ch.isdigit() for ch in fold(value))
        return _mask_positions(value, digits - 8, 4)  # 138****5678, also after +86
    if kind == LANDLINE:
        m = _LANDLINE_PARTS.match(fold(value))
        if not m:
            return _mask_positions(value, 4, 2)
        start, end = m.span("number")
        return value[:start] + _mask_positions(value[start:end], 0, 2) + value[end:]
    if kind == EMAIL:
        at = value.rfind("@")
        if at < 0:
            at = value.rfind("＠")
        if at <= 0:
            return value
        return value[0] + "***" + value[at:]
    return value


def mask(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its masked form; overlapping findings after the first are skipped."""
    parts: list[str] = []
    cursor = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < cursor or finding.end > len(text):
            continue
        parts.append(text[cursor : finding.start])
        parts.append(mask_value(finding.kind, text[finding.start : finding.end]))
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts)


def mask_html(markup: str) -> tuple[str, list[str]]:
    """Mask personal information in an HTML body; returns the new HTML and the kinds masked.

    The text scanned is exactly the text the scanner and the search index read (core.extract), so a
    number split by tags (``<b>1381234</b>5678``) is found and masked too; markup and link targets
    stay as they are.
    """
    source = html_text_map(markup or "")
    findings = scan_text(source.text)
    if not findings:
        return markup or "", []
    replacements = [(f.start, f.end, mask_value(f.kind, f.text)) for f in findings]
    return rewrite_html(source, replacements), [f.kind for f in findings]
