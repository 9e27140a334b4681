"""The pre-publication check of a document: personal information, secrecy markings, sensitive words.

Reads only; the review workflow decides what a finding blocks (Document.pii_override records that a
reviewer confirmed the result).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongkai.core.extract import html_to_text

from .masking import mask_value
from .models import SensitiveWord
from .rules import BANK_CARD, EMAIL, ID_CARD, LANDLINE, MOBILE, Finding, scan_text
from .secrecy import SECRET_MARKING, SENSITIVE_WORD, scan_markings

KIND_LABELS = {
    ID_CARD: _("身份证号"),
    MOBILE: _("手机号"),
    LANDLINE: _("固定电话"),
    BANK_CARD: _("银行卡号"),
    EMAIL: _("电子邮箱"),
    SECRET_MARKING: _("密级标志"),
    SENSITIVE_WORD: _("敏感词"),
}

CONTEXT_CHARS = 15


def active_sensitive_words() -> list[str]:
    return list(SensitiveWord.objects.filter(active=True).values_list("word", flat=True))


def find_all(text: str, words: Iterable[str] = ()) -> list[Finding]:
    """Personal information, markings and sensitive words in ``text``, sorted by start offset."""
    findings = scan_text(text) + scan_markings(text, words)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _context(text: str, start: int, end: int) -> str:
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    snippet = text[left:right].replace("\r", " ").replace("\n", " ")
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def scan_source(source: str, text: str, words: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Findings in one piece of text, as the dicts scan_document() returns."""
    return [
        {
            "source": source,
            "kind": f.kind,
            "label": str(KIND_LABELS[f.kind]),
            "text": f.text,
            "masked": mask_value(f.kind, f.text),
            "start": f.start,
            "end": f.end,
            "context": _context(text, f.start, f.end),
        }
        for f in find_all(text, words)
    ]


def scan_document(document, *, words: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Check a document's title, body (offsets into its plain text) and each attachment's text.

    ``source`` is "title", "body" or the attachment's file name. ``words`` defaults to the active
    sensitive words.
    """
    words = tuple(active_sensitive_words() if words is None else words)
    results = scan_source("title", document.title or "", words)
    results += scan_source("body", html_to_text(document.body or ""), words)
    if document.pk is not None:
        for attachment in document.attachments.all():
            results += scan_source(attachment.original_name, attachment.text or "", words)
    return results
