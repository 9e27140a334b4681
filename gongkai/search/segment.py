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
# Distinct words whose stored form is remembered (a few hundred bytes each).
MEMO_LIMIT = 300_000

_WORD = re.compile(r"\w", re.UNICODE)
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
        self._norms: dict[str, str] = {}
        self._memo: dict[str, tuple[str, tuple[str, ...]]] = {}

    def analyze(self, text: str) -> list[tuple[str, list[str]]]:
        """Precise words of a cleaned text, each with the shorter words search mode finds inside it.

        One search-mode pass: jieba yields a long word's sub-words right before the word itself, so
        scanning backwards, a token is a precise word when it ends before every later token starts.
        Dictionary terms also carry how the plain dictionary splits them (禁烧 finds 秸秆禁烧).
        """
        groups: list[tuple[str, list[str]]] = []
        limit = 1 << 62
        for word, start, end in reversed(self.jieba.tokenize(text, mode="search")):
            if end <= limit:
                groups.append((word, []))
            else:
                groups[-1][1].append(word)
            if start < limit:
                limit = start
        groups.reverse()
        terms, parts = self.terms, self.parts
        for word, subs in groups:
            if subs:
                subs.reverse()
            if word in terms:
                subs += [p for p in parts[word] if p not in subs]
        return groups

    def _norm(self, token: str) -> str:
        """Lower-cased token, or "" for punctuation and spaces (memoized: the vocabulary is small)."""
        norm = self._norms.get(token)
        if norm is None:
            norm = token.lower() if _WORD.search(token) else ""
            if len(self._norms) < 500_000:
                self._norms[token] = norm
        return norm

    def tokens_of(self, groups: list[tuple[str, list[str]]]) -> list[str]:
        """Index tokens of analyzed text: sub-words, then the word (search-mode order), lower-cased."""
        norm = self._norm
        out: list[str] = []
        for word, subs in groups:
            for sub in subs:
                t = norm(sub)
                if t:
                    out.append(t)
            t = norm(word)
            if t:
                out.append(t)
        return out

    def _words(self, text: str) -> tuple[list[str], list[tuple[str, list[str]]] | None]:
        """Precise words of a cleaned text; the full analysis too when a word was not seen before.

        A word's sub-words depend on the word alone, so each distinct word is analyzed once and its
        stored piece and tokens are remembered; later texts need only a precise-mode cut.
        """
        words = self.jieba.cut(text)
        memo = self._memo
        if memo.keys() >= set(words):
            return words, None
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        groups = self.analyze(text)
        norm = self._norm
        for word, subs in groups:
            piece = word + GROUP_START + SEPARATOR.join(subs) + GROUP_END if subs else word
            memo[word] = (piece, tuple(t for t in map(norm, [*subs, word]) if t))
        return words, groups

    def index_tokens(self, text: str, *, cleaned: bool = False) -> list[str]:
        """Tokens of a document text in search mode, lower-cased, punctuation dropped.

        ``cleaned=True`` skips ``clean_text`` for text that went through it already.
        """
        words, groups = self._words(text if cleaned else clean_text(text))
        if groups is not None:
            return self.tokens_of(groups)
        memo = self._memo
        return [t for w in words for t in memo[w][1]]

    def query_tokens(self, text: str) -> list[str]:
        """Precise-mode words of a query, lower-cased, punctuation dropped."""
        return [t.lower() for t in self.jieba.cut(clean_text(text)) if _WORD.search(t)]

    @staticmethod
    def form_of(groups: list[tuple[str, list[str]]]) -> str:
        """The stored FTS5 form of analyzed text (see ``index_form``)."""
        return SEPARATOR.join(
            word + GROUP_START + SEPARATOR.join(subs) + GROUP_END if subs else word for word, subs in groups
        )

    def index_form(self, text: str, *, cleaned: bool = False) -> str:
        """The stored form of ``text`` for the FTS5 index.

        Precise words are joined by SEPARATOR; the shorter words search mode finds inside a long word
        follow it in a hidden group (GROUP_START … GROUP_END), so 公开 matches 政务公开 while
        ``visible_text`` still gives the original text back.
        """
        words, groups = self._words(text if cleaned else clean_text(text))
        if groups is not None:
            return self.form_of(groups)
        memo = self._memo
        return SEPARATOR.join([memo[w][0] for w in words])


def clean_text(text: str) -> str:
    """NFC-normalize and drop the characters reserved for the index."""
    return unicodedata.normalize("NFC", text or "").translate(_RESERVED)


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
