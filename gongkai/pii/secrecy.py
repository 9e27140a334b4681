"""Secrecy markings (密级标志) and the operator's sensitive words, found in one Aho-Corasick pass.

What counts as a marking (a public page must never carry one):

* ``绝密★`` / ``机密★`` / ``秘密★`` (also ☆), with an optional period (保密期限) such as ``秘密★1年``,
  ``机密★6个月``, ``机密★长期`` or ``绝密★启用前``. Without the star the word is ordinary language
  (商业秘密, 国家秘密, 机密文件) and is not flagged.
* ``内部资料``, ``内部文件``, ``内部传阅``, ``仅供内部`` wherever they appear: these only occur as
  handling notices.
* ``内部``, ``内部事项``, ``不得公开``, ``注意保密``, ``注意保存`` only in marking form, because they
  also occur in running text (内部管理, 涉及国家秘密的不得公开): alone on a line (surrounding
  punctuation and spaces ignored), inside brackets such as 【内部】 or （不得公开）, or directly after
  此件/本件/此文/本文件.

Sensitive words come from the operator-maintained list (models.SensitiveWord); ASCII letters match
case-insensitively and full-width characters as their ASCII forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick

from .rules import FOLD_TABLE, NEEDS_FOLD, Finding, resolve_overlaps

SECRET_MARKING = "secret_marking"
SENSITIVE_WORD = "sensitive_word"

_STAR_LEVELS = ("绝密", "机密", "秘密")
_ALWAYS = ("内部资料", "内部文件", "内部传阅", "仅供内部")
_MARKING_FORM_ONLY = ("内部", "内部事项", "不得公开", "注意保密", "注意保存")

# After 绝密/机密/秘密: the star, then an optional period.
_STAR_TAIL = re.compile(
    r"[ \t\u3000]*[★☆][ \t\u3000]*(?:(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[ \t\u3000]*(?:年|个月|月)|长期|启用前)?"
)
_OPEN = "【[（(〔「『《<〈"
_CLOSE = "】]）)〕」』》>〉"
_PREFIXES = ("此件", "本件", "此文", "本文件")
# Characters ignored around a marking that stands alone on its line.
_PAD = " \t\u3000:：;；,，.。、★☆*-—_" + _OPEN + _CLOSE

_MATCH_TABLE = {
    **{cp: ch.lower() for cp, ch in FOLD_TABLE.items()},
    **{cp: chr(cp + 32) for cp in range(ord("A"), ord("Z") + 1)},
}


def _match_fold(text: str) -> str:
    """Width folding plus ASCII lower-casing, one character for one."""
    return text.translate(_MATCH_TABLE)


@lru_cache(maxsize=16)
def _automaton(words: tuple[str, ...]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    entries: dict[str, set[str]] = {}
    for key in (*_STAR_LEVELS, *_ALWAYS, *_MARKING_FORM_ONLY):
        entries.setdefault(key, set()).add(SECRET_MARKING)
    for word in words:
        entries.setdefault(word, set()).add(SENSITIVE_WORD)
    for key, kinds in entries.items():
        auto.add_word(key, (key, frozenset(kinds)))
    auto.make_automaton()
    return auto


# Lines made only of markings ("内部资料  注意保存") count as marking lines.
_ANY_MARKING = re.compile(
    "(?:" + "|".join(_STAR_LEVELS) + ")" + _STAR_TAIL.pattern + "|"
    + "|".join(sorted((*_ALWAYS, *_MARKING_FORM_ONLY), key=len, reverse=True))
)


_MAX_MARKING_LINE = 60  # a marking line is short; longer lines are running text


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > _MAX_MARKING_LINE:
        return False
    before = _ANY_MARKING.sub("", text[line_start:start]).strip(_PAD)
    return not before and not _ANY_MARKING.sub("", text[end:line_end]).strip(_PAD)


def _in_marking_form(text: str, start: int, end: int) -> bool:
    if start > 0 and end < len(text) and text[start - 1] in _OPEN and text[end] in _CLOSE:
        return True
    if any(text.startswith(p, start - len(p)) for p in _PREFIXES if start >= len(p)):
        return True
    return _alone_on_line(text, start, end)


def scan_markings(text: str, words: Iterable[str] = ()) -> list[Finding]:
    """Secrecy markings and sensitive words in ``text``, sorted by start offset.

    Overlapping markings collapse to the longest (``内部资料`` rather than ``内部``); a sensitive word
    is reported even where it overlaps a marking, since an operator listed it on purpose.
    """
    if not text:
        return []
    clean = tuple(sorted({_match_fold(w.strip()) for w in words if w and w.strip()}))
    # Folding only changes full-width and ASCII characters: skip it (and its cost, about half the
    # scan) when neither the text nor any word has characters it would change a match for.
    needs_fold = NEEDS_FOLD.search(text) is not None or any(c.isascii() for w in clean for c in w)
    folded = _match_fold(text) if needs_fold else text
    markings: list[tuple[str, int, int]] = []
    sensitive: list[tuple[str, int, int]] = []
    for last, (key, kinds) in _automaton(clean).iter(folded):
        start, end = last - len(key) + 1, last + 1
        if SENSITIVE_WORD in kinds:
            sensitive.append((SENSITIVE_WORD, start, end))
        if SECRET_MARKING not in kinds:
            continue
        if key in _STAR_LEVELS:
            tail = _STAR_TAIL.match(folded, end)
            if tail:
                markings.append((SECRET_MARKING, start, tail.end()))
        elif key in _ALWAYS or _in_marking_form(folded, start, end):
            markings.append((SECRET_MARKING, start, end))
    spans = resolve_overlaps(markings, (SECRET_MARKING,)) + resolve_overlaps(sensitive, (SENSITIVE_WORD,))
    spans.sort(key=lambda s: (s[1], s[2]))
    return [Finding(kind, start, end, text[start:end]) for kind, start, end in spans]
