"""Chinese word segmentation for the index and for queries, with a user dictionary of government terms.

The dictionary is the shipped ``terms.txt`` plus the active ``SearchTerm`` rows, minus shipped words an
operator switched off. Documents are segmented in search mode (a long word also yields its shorter
words, so 公开 finds 政务公开); queries in precise mode.
"""

from __future__ import annotations

import html
import re
import threading
import time
import unicodedata
from pathlib import Path

import rjieba

TERMS_FILE = Path(__file__).with_name("terms.txt")
# Dictionary frequency high enough that jieba keeps a listed term whole.
TERM_FREQ = 200_000
# Re-read the SearchTerm table at most this often (seconds) in long-running processes.
RELOAD_INTERVAL = 60.0

_WORD = re.compile(r"\w", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"<\s*/?\s*(p|div|br|li|tr|td|th|h[1-6]|table|ul|ol|section|article)\b[^>]*>", re.I)
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
# Characters we use as markers inside the index; never allowed in indexed or query text.
SEPARATOR = "\u200b"
GROUP_START = "\u2063"
GROUP_END = "\u2064"
MARK_START = "\ue000"
MARK_END = "\ue001"
_RESERVED = dict.fromkeys(map(ord, SEPARATOR + GROUP_START + GROUP_END + MARK_START + MARK_END + "\u200c\u200d\u2060\ufeff"), None)


def shipped_terms() -> list[str]:
    words = []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


def _database_terms() -> tuple[set[str], set[str]]:
    """(active, inactive) words from the SearchTerm table; empty when the table is not there yet."""
    from django.db import DatabaseError

    from .models import SearchTerm

    try:
        rows = list(SearchTerm.objects.values_list("word", "active"))
    except DatabaseError:
        return set(), set()
    return {w for w, a in rows if a}, {w for w, a in rows if not a}


class Segmenter:
    """A jieba instance loaded with the government dictionary."""

    def __init__(self, words: list[str]):
        self.jieba = rjieba.Jieba()
        self.words = sorted(set(words))
        self.terms = set(self.words)
        for word in self.words:
            self.jieba.add_word(word, TERM_FREQ, "n")
        # How the plain dictionary splits each term: indexed too, so 禁烧 still finds 秸秆禁烧.
        base = rjieba.Jieba()
        self.parts = {w: [p for p in base.cut(w) if p != w and _WORD.search(p)] for w in self.words}

    def index_tokens(self, text: str) -> list[str]:
        """Tokens of a document text in search mode, lower-cased, punctuation dropped."""
        tokens = []
        for t in self.jieba.cut_for_search(clean_text(text)):
            if _WORD.search(t):
                tokens.append(t.lower())
                if t in self.terms:
                    tokens += [p.lower() for p in self.parts[t]]
        return tokens

    def query_tokens(self, text: str) -> list[str]:
        """Precise-mode words of a query, lower-cased, punctuation dropped."""
        return [t.lower() for t in self.jieba.cut(clean_text(text)) if _WORD.search(t)]

    def index_form(self, text: str) -> str:
        """The stored form of ``text`` for the FTS5 index.

        Precise words are joined by SEPARATOR; the shorter words search mode finds inside a long word
        follow it in a hidden group (GROUP_START … GROUP_END), so 公开 matches 政务公开 while
        ``visible_text`` still gives the original text back.
        """
        text = clean_text(text)
        precise = self.jieba.tokenize(text)
        search = self.jieba.tokenize(text, mode="search")
        subs: dict[int, list[str]] = {}
        i = 0
        for word, start, end in search:
            while i < len(precise) and precise[i][2] <= start:
                i += 1
            if i < len(precise) and (precise[i][1], precise[i][2]) != (start, end):
                subs.setdefault(i, []).append(word)
        for n, (word, _start, _end) in enumerate(precise):
            if word in self.terms and self.parts[word]:
                have = subs.setdefault(n, [])
                have += [p for p in self.parts[word] if p not in have]
        parts = []
        for n, (word, _start, _end) in enumerate(precise):
            if n in subs:
                parts.append(word + GROUP_START + SEPARATOR.join(subs[n]) + GROUP_END)
            else:
                parts.append(word)
        return SEPARATOR.join(parts)


def clean_text(text: str) -> str:
    """NFC-normalize and drop the characters reserved for the index."""
    return unicodedata.normalize("NFC", text or "").translate(_RESERVED)


def html_to_text(markup: str) -> str:
    """Plain text of a (sanitized) HTML body: block tags become line breaks, entities decoded."""
    text = _SCRIPT.sub(" ", markup or "")
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\r\f\v\u3000\xa0]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n", text)
    return clean_text(text.strip())


_lock = threading.Lock()
_current: Segmenter | None = None
_loaded_at = 0.0
_dirty = False


def dictionary_words() -> list[str]:
    active, inactive = _database_terms()
    return sorted((set(shipped_terms()) | active) - inactive)


def get_segmenter() -> Segmenter:
    """The process-wide segmenter, rebuilt when the dictionary changed."""
    global _current, _loaded_at, _dirty
    now = time.monotonic()
    if _current is not None and not _dirty and now - _loaded_at < RELOAD_INTERVAL:
        return _current
    with _lock:
        if _current is None or _dirty or now - _loaded_at >= RELOAD_INTERVAL:
            words = dictionary_words()
            if _current is None or _dirty or words != _current.words:
                _current = Segmenter(words)
            _loaded_at = now
            _dirty = False
    return _current


def invalidate() -> None:
    """Mark the dictionary as changed (called when a SearchTerm is saved or deleted)."""
    global _dirty
    _dirty = True


_HIDDEN = re.compile(GROUP_START + "[^" + GROUP_END + "]*" + GROUP_END)


def visible_text(stored: str) -> str:
    """The original text of a stored form (hidden groups and separators removed)."""
    return _HIDDEN.sub("", stored).replace(SEPARATOR, "")


def visible_html(stored: str) -> str:
    """Turn an FTS5 snippet of the stored form into safe HTML: escape everything, then add <mark>.

    A match on a hidden shorter word highlights the long word it belongs to. Partial groups cut by
    the snippet window at either end are dropped.
    """
    text = stored
    first_end, first_start = text.find(GROUP_END), text.find(GROUP_START)
    if first_end != -1 and (first_start == -1 or first_end < first_start):
        text = text[first_end + 1 :]
    last_start, last_end = text.rfind(GROUP_START), text.rfind(GROUP_END)
    if last_start > last_end:
        text = text[:last_start]

    def fold(match: re.Match) -> str:
        return MARK_START if MARK_START in match.group(0) else ""

    # A hidden group with a match becomes a marker in front of the word before it.
    out: list[str] = []
    pos = 0
    for m in _HIDDEN.finditer(text):
        before = text[pos : m.start()]
        if fold(m):
            cut = before.rfind(SEPARATOR) + 1
            word = before[cut:]
            if MARK_START not in word:
                word = MARK_START + word.replace(MARK_END, "") + MARK_END
            before = before[:cut] + word
        out.append(before)
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out).replace(SEPARATOR, "")
    # Stray markers that lost their partner in a hidden group are closed or removed.
    escaped = html.escape(text, quote=True)
    result, open_ = [], False
    for ch in escaped:
        if ch == MARK_START:
            if not open_:
                result.append("<mark>")
                open_ = True
        elif ch == MARK_END:
            if open_:
                result.append("</mark>")
                open_ = False
        else:
            result.append(ch)
    if open_:
        result.append("</mark>")
    return "".join(result).replace("</mark><mark>", "")
