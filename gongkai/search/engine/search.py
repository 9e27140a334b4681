"""Running a search on the embedded engine: BM25 over every match, exact counts, facets over every match.

A query is a list of *units*, all required; a unit is one query word (or quoted phrase) with its
synonyms as alternatives. An alternative matches through

- the word fields: BM25 on ``title`` (x TITLE), ``meta`` (x META: 发文机关, numbers, 主题分类, summary)
  and ``body``; a several-word alternative (a phrase or a synonym like 高龄津贴) as a phrase of words;
- recall (``recall``): records containing its characters in sequence that segmentation cut otherwise,
  at a constant, lower score; one-character words match the ``uni`` field. Words of Latin letters and
  digits only (2023, hpv) match whole runs through the word fields, as the segmenter keeps them whole.

On top: the whole query's characters in sequence in the title (exact-phrase bonus, PHRASE_TITLE) and
its words close together in the title (PROXIMITY); the score is multiplied by the validity/recency
multiplier of the record (``index.boost_multiplier``, at most about x1.6 between a 1950 and a 2025
record of equal validity). When the required units find nothing, the records matching the most units
are offered instead (``partial``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tantivy

from .index import SCHEMA, reader
from .recall import MUST, MUST_NOT, SHOULD, Q, bigram_phrase, recall_cache

TITLE = 4.0
META = 2.0
BODY = 1.0
UNI = 0.5
RECALL_TITLE = 2.0
RECALL_TEXT = 0.5
PHRASE_TITLE = 3.0
PROXIMITY = 1.5
FACET_SIZE = 1000


@dataclass
class Alternative:
    text: str  # lower-cased characters, no spaces (for recall)
    tokens: list[str]  # query words of the text (for the word fields)


@dataclass
class Unit:
    alternatives: list[Alternative]


@dataclass
class EngineQuery:
    units: list[Unit]
    phrase_text: str = ""  # the whole query's characters, for the exact-phrase bonus
    must: list[tantivy.Query] = field(default_factory=list)  # filters
    exclude_keys: list[str] = field(default_factory=list)  # tombstones, pinned records
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    facets: tuple[str, ...] = ("org", "year", "genre", "kind", "subject", "validity")


@dataclass
class EngineHit:
    kind: str
    ref: int
    score: float
    title: str
    body: str


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]
    facets: dict[str, dict] = field(default_factory=dict)
    partial: bool = False  # no record matched every unit: these match most of them


def _words(field_name: str, tokens: list[str]) -> tantivy.Query:
    if len(tokens) == 1:
        return Q.term_query(SCHEMA, field_name, tokens[0])
    return Q.phrase_query(SCHEMA, field_name, tokens)


class _Builder:
    def __init__(self, searcher: tantivy.Searcher, index_name: str, max_seq: int):
        self.searcher, self.index_name, self.max_seq = searcher, index_name, max_seq

    def alternative(self, alt: Alternative) -> tantivy.Query:
        if len(alt.text) == 1 and not alt.text.isascii():
            # One character (年, 号): every record containing it; it barely ranks, so one cheap look-up.
            return Q.boost_query(Q.term_query(SCHEMA, "uni", alt.text, index_option="basic"), UNI)
        parts = []
        if alt.tokens:
            title = _words("title", alt.tokens)
            body, meta = _words("body", alt.tokens), _words("meta", alt.tokens)
            parts += [
                (SHOULD, Q.boost_query(title, TITLE)),
                (SHOULD, Q.boost_query(meta, META)),
                (SHOULD, Q.boost_query(body, BODY) if BODY != 1.0 else body),
            ]
        if alt.text.isascii():
            pass  # Latin letters and digits match whole runs (12 must not find 2012): the word fields do
        elif len(alt.text) > 1:
            if alt.tokens:
                title_words = title
                text_words = Q.boolean_query([(SHOULD, body), (SHOULD, meta)])
            else:
                title_words = text_words = Q.empty_query()
            extra = recall_cache.clause(
                self.searcher, self.index_name, self.max_seq, alt.text, title_words, text_words,
                title_score=RECALL_TITLE, text_score=RECALL_TEXT,
            )
            if extra is not None:
                parts.append((SHOULD, extra))
        return Q.boolean_query(parts) if len(parts) > 1 else parts[0][1] if parts else Q.empty_query()

    def unit(self, unit: Unit) -> tantivy.Query:
        alts = [self.alternative(a) for a in unit.alternatives]
        return alts[0] if len(alts) == 1 else Q.boolean_query([(SHOULD, a) for a in alts])

    def bonus(self, q: EngineQuery) -> list:
        out = []
        if len(q.units) > 1 and len(q.phrase_text) > 1:
            out.append((SHOULD, Q.boost_query(bigram_phrase("title_bg", q.phrase_text), PHRASE_TITLE)))
            tokens = [u.alternatives[0].tokens[0] for u in q.units if len(u.alternatives[0].tokens) == 1]
            if len(tokens) > 1:
                out.append((SHOULD, Q.boost_query(Q.phrase_query(SCHEMA, "title", tokens, slop=3), PROXIMITY)))
        return out


def _filtered(core: tantivy.Query | None, q: EngineQuery) -> tantivy.Query:
    clauses = [(MUST, core)] if core is not None else [(MUST, Q.all_query())]
    clauses += [(MUST, f) for f in q.must]
    if q.exclude_keys:
        clauses.append((MUST_NOT, Q.term_set_query(SCHEMA, "key", list(q.exclude_keys))))
    return clauses[0][1] if len(clauses) == 1 else Q.boolean_query(clauses)


def _facets(searcher: tantivy.Searcher, query: tantivy.Query, names: tuple[str, ...]) -> dict[str, dict]:
    if not names:
        return {}
    spec = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in names}
    result = searcher.aggregate(query, spec)
    out: dict[str, dict] = {}
    for name in names:
        buckets = result.get(name, {}).get("buckets", [])
        out[name] = {(int(b["key"]) if isinstance(b["key"], float) else b["key"]): b["doc_count"] for b in buckets}
    return out


def run(q: EngineQuery) -> EngineResult:
    r = reader()
    searcher = r.searcher()
    index_name = r.path.name if r.path else ""
    max_seq = r.max_seq(searcher)
    b = _Builder(searcher, index_name, max_seq)
    units = [b.unit(u) for u in q.units]
    partial = False
    if units:
        core = units[0] if len(units) == 1 else Q.boolean_query([(MUST, u) for u in units])
        query = _filtered(core, q)
        bonus = b.bonus(q)
        scoring = Q.boolean_query([(MUST, query), *bonus]) if bonus else query
        result = _execute(searcher, scoring, q, None)
        if result.total == 0 and len(units) > 1:
            for need in range(len(units) - 1, 0, -1):
                core = Q.boolean_query([(SHOULD, u) for u in units], minimum_number_should_match=need)
                query = _filtered(core, q)
                result = _execute(searcher, query, q, None)
                if result.total:
                    partial = True
                    break
    else:
        query = _filtered(None, q)
        result = _execute(searcher, query, q, None, by_date=True)
    result.facets = _facets(searcher, query, q.facets) if result.total else {name: {} for name in q.facets}
    result.partial = partial
    return result


def _execute(searcher: tantivy.Searcher, query: tantivy.Query, q: EngineQuery, total: int | None,
             *, by_date: bool = False) -> EngineResult:
    limit = max(1, q.limit)  # tantivy needs a limit; a zero-size page only counts
    if by_date or q.sort == "date":
        found = searcher.search(query, limit=limit, offset=q.offset, count=True, order_by_field="datekey")
    else:
        found = searcher.search(query, limit=limit, offset=q.offset, count=True, weight_by_field="boost")
    hits = []
    for score, address in found.hits[: max(0, q.limit)]:
        doc = searcher.doc(address)
        hits.append(EngineHit(
            kind=doc.get_first("key").split(":", 1)[0], ref=int(doc.get_first("ref")),
            score=float(score), title=doc.get_first("title_text") or "", body=doc.get_first("body_text") or "",
        ))
    return EngineResult(total=found.count if total is None else total, hits=hits)
