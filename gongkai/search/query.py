"""Pure query parsing: words, "quoted phrases", and 发文字号/索引号 look-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.documents.rules import match_doc_number, normalize_doc_number

MAX_QUERY_LENGTH = 100
# Straight and typographic double quotes, and corner brackets.
_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」')
_INDEX_NUMBER = re.compile(r"^[A-Za-z0-9_.\-]*[A-Za-z0-9]/\d{4}-\d{1,10}$")


class QueryError(ValueError):
    """A query we refuse, with a message for the user."""


@dataclass
class ParsedQuery:
    text: str
    terms: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    doc_number: str = ""
    index_number: str = ""


def parse_query(raw: str | None, tokenize) -> ParsedQuery:
    """Split ``raw`` into search terms (via ``tokenize``, a str → list[str] function) and phrases.

    Raises QueryError for an empty or over-long query. Terms may come out empty (e.g. only
    punctuation); callers then show no results.
    """
    text = (raw or "").strip()
    if not text:
        raise QueryError(_("请输入检索词。"))
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(_("检索词不能超过 %(n)d 个字，请精简后再试。") % {"n": MAX_QUERY_LENGTH})
    parsed = ParsedQuery(text=text)
    number = normalize_doc_number(text)
    if match_doc_number(number):  # every published form: 〔〕, 令第N号, 公告YYYY年第N号
        parsed.doc_number = number
    elif _INDEX_NUMBER.match(text):
        parsed.index_number = text.lower()
    terms: list[str] = []
    rest = []
    pos = 0
    for m in _PHRASE.finditer(text):
        rest.append(text[pos : m.start()])
        pos = m.end()
        phrase = next(g for g in m.groups() if g is not None).strip()
        words = tokenize(phrase)
        if words:
            terms += words
            if len(words) > 1:
                parsed.phrases.append(phrase)
    rest.append(text[pos:])
    terms += tokenize(" ".join(rest))
    parsed.terms = list(dict.fromkeys(terms))
    return parsed
