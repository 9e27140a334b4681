"""Segmentation-independent recall at the cost of a word look-up.

A query word is matched through the word fields (the segmenter's tokens) and must also find the
records whose text contains its characters in sequence although segmentation cut them differently
(深化改革开放 is indexed as 深化/改革/深化改革/开放, yet must be found by 改革开放). The bigram fields find
those exactly (a phrase of bigrams at consecutive character offsets), but a bigram phrase over a common
word reads the positions of most of the index. Those extra records — the *gap* of a word — are few and
only change when records are written, so they are computed once per word and remembered:

- ``gap(word)`` = records whose bigram phrase matches and whose word fields do not, as the ``seq``
  numbers of their indexed versions (each write gives a record a new, larger ``seq``), split into a
  title gap and a body/meta gap (a title match weighs more);
- together with ``upto``, the largest ``seq`` of the index when it was computed. Records written later
  (``seq > upto``) are checked with the bigram phrase directly: a range of recent versions is small.
  When that range grows past ``REFRESH`` versions, the gap is extended over it (not recomputed).

Deleted records match nothing, replaced ones have a new ``seq``, so a remembered gap never brings back
a withdrawn record or an old version. A gap over ``LIMIT`` records is not kept: the word is then
matched by the bigram phrase each time (exact, slower); so is a gap of more than TERM_SET_MAX versions,
where the phrase is cheaper than looking them up. Gaps are kept per process and in Django's
cache (shared by the web processes), keyed by the index directory, so a rebuild starts afresh.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import tantivy
from django.core.cache import cache

from .index import SCHEMA

Q = tantivy.Query
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
LIMIT = 20_000
# Above this many remembered versions, looking each up costs more than the bigram phrase itself
# (measured: ~11 µs per looked-up version, a title phrase ~0.5 ms at 200,000 records).
TERM_SET_MAX = 200
REFRESH = 20_000
MEMORY_ENTRIES = 20_000
CACHE_SECONDS = 7 * 24 * 3600


def bigram_phrase(field: str, text: str) -> tantivy.Query:
    """Records whose ``field`` contains ``text`` (two or more characters, lower-cased, no spaces).

    Bigrams start at every character, so a cover of non-overlapping bigrams at their offsets (plus
    the last one for odd lengths) is enough: about half the terms of the full bigram chain.
    """
    if len(text) == 2:
        return Q.term_query(SCHEMA, field, text)
    offsets = list(range(0, len(text) - 1, 2))
    if offsets[-1] != len(text) - 2:
        offsets.append(len(text) - 2)
    return Q.phrase_query(SCHEMA, field, [(o, text[o : o + 2]) for o in offsets])


@dataclass(frozen=True)
class Gap:
    upto: int
    title: tuple[int, ...] | None  # None: over LIMIT, use the phrase
    text: tuple[int, ...] | None


def _seqs(searcher: tantivy.Searcher, query: tantivy.Query) -> tuple[int, ...] | None:
    result = searcher.search(query, limit=LIMIT + 1, count=False, order_by_field="seq")
    if len(result.hits) > LIMIT:
        return None
    return tuple(sorted(int(key) for key, _addr in result.hits))


def _since(upto: int) -> tantivy.Query:
    return Q.range_query(SCHEMA, "seq", tantivy.FieldType.Unsigned, lower_bound=upto + 1, use_inverted_index=True)


class RecallCache:
    def __init__(self) -> None:
        self._memory: OrderedDict[tuple[str, str], Gap] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()

    @staticmethod
    def _cache_key(index_name: str, text: str) -> str:
        return "search:recall:" + hashlib.sha1(f"{index_name}\x00{text}".encode()).hexdigest()

    def _remember(self, key: tuple[str, str], gap: Gap, *, shared: bool) -> None:
        with self._lock:
            self._memory[key] = gap
            self._memory.move_to_end(key)
            while len(self._memory) > MEMORY_ENTRIES:
                self._memory.popitem(last=False)
        if shared:
            cache.set(self._cache_key(*key), gap, CACHE_SECONDS)

    def gap(self, searcher: tantivy.Searcher, index_name: str, max_seq: int, text: str,
            title_words: tantivy.Query, text_words: tantivy.Query) -> Gap:
        key = (index_name, text)
        gap = self._memory.get(key)
        if gap is None:
            gap = cache.get(self._cache_key(*key))
            if gap is not None:
                self._remember(key, gap, shared=False)
        if gap is not None and (max_seq - gap.upto <= REFRESH or gap.title is None and gap.text is None):
            return gap
        title_q = Q.boolean_query([(MUST, bigram_phrase("title_bg", text)), (MUST_NOT, title_words)])
        text_q = Q.boolean_query([(MUST, bigram_phrase("text_bg", text)), (MUST_NOT, text_words)])
        if gap is None:
            new = Gap(max_seq, _seqs(searcher, title_q), _seqs(searcher, text_q))
        else:  # extend over the versions written since
            since = _since(gap.upto)
            more_title = _seqs(searcher, Q.boolean_query([(MUST, since), (MUST, title_q)])) if gap.title is not None else None
            more_text = _seqs(searcher, Q.boolean_query([(MUST, since), (MUST, text_q)])) if gap.text is not None else None
            new = Gap(
                max_seq,
                _merge(gap.title, more_title),
                _merge(gap.text, more_text),
            )
        self._remember(key, new, shared=True)
        return new

    def clause(self, searcher: tantivy.Searcher, index_name: str, max_seq: int, text: str,
               title_words: tantivy.Query, text_words: tantivy.Query, *, title_score: float,
               text_score: float) -> tantivy.Query | None:
        """Constant-score matches of ``text`` the word fields miss (None when there are none)."""
        gap = self.gap(searcher, index_name, max_seq, text, title_words, text_words)
        parts = []
        for seqs, field, score in ((gap.title, "title_bg", title_score), (gap.text, "text_bg", text_score)):
            if seqs is None or len(seqs) > TERM_SET_MAX:
                parts.append((SHOULD, Q.const_score_query(bigram_phrase(field, text), score)))
                continue
            if seqs:
                parts.append((SHOULD, Q.const_score_query(Q.term_set_query(SCHEMA, "seq", list(seqs)), score)))
            if max_seq > gap.upto:
                recent = Q.boolean_query([(MUST, _since(gap.upto)), (MUST, bigram_phrase(field, text))])
                parts.append((SHOULD, Q.const_score_query(recent, score)))
        if not parts:
            return None
        return parts[0][1] if len(parts) == 1 else Q.boolean_query(parts)


def _merge(old: tuple[int, ...] | None, more: tuple[int, ...] | None) -> tuple[int, ...] | None:
    if old is None or more is None:
        return None
    merged = tuple(sorted(set(old) | set(more)))
    return merged if len(merged) <= LIMIT else None


recall_cache = RecallCache()
