"""PostgreSQL backend: a tsvector column built from segmented tokens (weights A title, B body, C meta),
a GIN index and ts_rank_cd. Vectors and queries are written as literals, so the server's text-search
parser and locale never touch the Chinese text. Rows are written with COPY, one per document."""

from __future__ import annotations

import json

from django.db import connection, transaction

from ..highlight import highlight
from ..models import SearchEntry
from ..segment import get_segmenter
from .base import (
    TITLE_BOOST,
    Hit,
    IndexRow,
    SearchParams,
    SearchResult,
    WindowedSqlBackend,
    boost_sql,
    candidate_limit,
    count_cap,
    facets_of,
    filter_sql,
    like_pattern,
    rank_limit,
)

MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank_cd weights in the order {D, C, B, A}.
WEIGHTS = "{0.1, 0.3, 0.4, 1.0}"
# Enough memory for an exact (non-lossy) bitmap of a common word's matches.
WORK_MEM = "32MB"
COLUMNS = (
    "document_id", "org_id", "column_id", "year", "published_on", "genre", "validity", "subject",
    "doc_number", "index_number", "text", "vector", "title_vector",
)


# The candidate window's order, and the definition of the index search_entry_published (migration
# 0006): a plan may walk that index newest first and test each row against the query.
NEWEST_FIRST = "ORDER BY e.published_on DESC NULLS LAST, e.document_id DESC"
# The same order with the column hidden from the index (+ 0): the plan must take the GIN bitmap of the
# matches and sort them (a top-N heapsort).
NEWEST_FIRST_SORTED = "ORDER BY (e.published_on + 0) DESC NULLS LAST, e.document_id DESC"
# Testing one row during the walk reads its TOASTed vector: measured at about 30 times the cost of
# one match taken from the GIN bitmap (fetch and sort). The planner prices both at one operator call,
# so for a word in a few percent of the documents it walks ~20x more rows than the bitmap would read.
WALK_ROW_COST = 30


def walk_is_cheaper(estimated_matches: float, table_rows: float, window: int) -> bool:
    """Whether walking the date index (window / share rows tested) beats sorting every match.

    Walk: window × rows/matches rows, each WALK_ROW_COST; bitmap: every match once. Unknown sizes
    (no statistics yet) choose the bitmap, whose cost is bounded by the matches.
    """
    if estimated_matches <= 0 or table_rows <= 0:
        return False
    return WALK_ROW_COST * window * table_rows / estimated_matches < estimated_matches


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_QUOTED: dict[str, str] = {}
# "1A", "2A", … precomputed: building a vector is the hot loop of indexing.
_POSITIONS = {w: [f"{p}{w}" for p in range(MAX_POSITION + 1)] for w in "ABCD"}


def _quoted(lexeme: str) -> str:
    q = _QUOTED.get(lexeme)
    if q is None:
        q = _quote(lexeme[:500])
        if len(_QUOTED) < 500_000:
            _QUOTED[lexeme] = q
    return q


def tsvector_literal(fields: list[tuple[list[str], str]]) -> str:
    """A tsvector literal from (tokens, weight) pairs, positions running on across fields."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for tokens, weight in fields:
        names = _POSITIONS[weight]
        for token in tokens:
            if pos < MAX_POSITION:
                pos += 1
            slots = positions.get(token)
            if slots is None:
                positions[token] = [names[pos]]
            else:
                slots.append(names[pos])
    quoted = _quoted
    return " ".join([
        quoted(lex) + ":" + ",".join(p if len(p) <= MAX_POSITIONS_PER_LEXEME else p[:MAX_POSITIONS_PER_LEXEME])
        for lex, p in positions.items()
    ])


def tsquery_literal(terms: list[str], weight: str = "") -> str:
    return " & ".join(f"{_quote(t)}{':' + weight if weight else ''}" for t in terms)


def _clean(text: str) -> str:
    return text.replace("\x00", "")


class PostgresBackend(WindowedSqlBackend):
    name = "postgres"

    def index(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        seg = get_segmenter()
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_searchentry WHERE document_id = ANY(%s)", [[r.entry.document_id for r in rows]]
            )
            with cursor.cursor.copy(f"COPY search_searchentry ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for r in rows:
                    e = r.entry
                    title = seg.index_tokens(r.title, cleaned=True)
                    body, meta = seg.index_tokens(r.body, cleaned=True), seg.index_tokens(r.meta, cleaned=True)
                    vector = tsvector_literal([(title, "A"), (body, "B"), (meta, "C")])
                    copy.write_row((
                        e.document_id, e.org_id, e.column_id, e.year, e.published_on, e.genre, e.validity,
                        e.subject, e.doc_number, e.index_number, _clean(r.body), _clean(vector),
                        _clean(tsvector_literal([(title, "A")])),
                    ))

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentry")

    def search(self, params: SearchParams) -> SearchResult:
        query = tsquery_literal(params.terms)
        where, args = filter_sql(params, with_exclude=False)
        limit = candidate_limit(params)
        cap = count_cap()
        with transaction.atomic(), connection.cursor() as cursor:
            # Settings for this search only: SET LOCAL ends with the transaction; inside an outer
            # transaction the RESETs below end them. No sequential scan: it would read every row's
            # TOASTed vector, which the planner prices like a narrow row.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
            cursor.execute("SET LOCAL enable_seqscan = off")
            # The newest matches (publication date, then id) for counts and candidates: for a very common
            # word a walk down search_entry_published testing each row, otherwise the GIN bitmap, sorted.
            order = self._newest_first(cursor, query, where, args, limit + 1)
            cursor.execute(
                f"SELECT e.document_id, e.org_id, e.year, e.genre FROM search_searchentry e"
                f" WHERE e.vector @@ %s::tsquery{where} {order} LIMIT %s",
                [query, *args, limit + 1],
            )
            rows = cursor.fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            rows, more = self.phrase_window(cursor, rows, params, more)
            if params.sort == "date":
                ids = self._by_date(cursor, params, query)
            else:
                ids = self._by_relevance(cursor, params, query, [r[0] for r in rows[: rank_limit(params)]])
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET work_mem")
        return SearchResult(
            total=min(len(rows), cap),
            hits=self._snippets(ids, params.terms),
            facets=facets_of(rows[:cap]),
            capped=more or len(rows) > cap,
        )

    @staticmethod
    def _newest_first(cursor, query: str, where: str, args: list, window: int) -> str:
        """The ORDER BY for the newest ``window`` matches: NEWEST_FIRST (index walk) or NEWEST_FIRST_SORTED.

        Chosen here from the planner's own estimate of the matches (tsvector statistics of ANALYZE),
        because the planner itself underprices the walk's per-row test.
        """
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchentry e WHERE e.vector @@ %s::tsquery{where}",
            [query, *args],
        )
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'search_searchentry'::regclass")
        table_rows = cursor.fetchone()[0]
        return NEWEST_FIRST if walk_is_cheaper(plan[0]["Plan"]["Plan Rows"], table_rows, window) else NEWEST_FIRST_SORTED

    @staticmethod
    def _phrase_sql(params: SearchParams) -> tuple[str, list]:
        sql, args = "", []
        for phrase in params.phrases:
            sql += " AND (d.title LIKE %s OR e.text LIKE %s)"
            args += [like_pattern(phrase)] * 2
        return sql, args

    def _phrase_filter(self, cursor, ids: list[int], params_phrases: list[str]) -> set[int]:
        if not ids:
            return set()
        sql, args = self._phrase_sql(SearchParams(terms=[], phrases=params_phrases))
        cursor.execute(
            "SELECT e.document_id FROM search_searchentry e JOIN documents_document d ON d.id = e.document_id"
            f" WHERE e.document_id = ANY(%s){sql}",
            [ids, *args],
        )
        return {row[0] for row in cursor.fetchall()}

    def _by_relevance(self, cursor, params: SearchParams, query: str, candidates: list[int]) -> list[int]:
        exclude = set(params.exclude_ids)
        candidates = [i for i in candidates if i not in exclude]
        if not candidates:
            return []
        cursor.execute(
            f"SELECT e.document_id FROM search_searchentry e WHERE e.document_id = ANY(%s)"
            f" ORDER BY ts_rank_cd('{WEIGHTS}', e.vector, %s::tsquery, 1)"
            f" * (CASE WHEN e.title_vector @@ %s::tsquery THEN {TITLE_BOOST} ELSE 1.0 END) * {boost_sql('GREATEST')} DESC,"
            " e.published_on DESC NULLS LAST, e.document_id DESC LIMIT %s OFFSET %s",
            [candidates, query, query, params.limit, params.offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def _by_date(self, cursor, params: SearchParams, query: str) -> list[int]:
        """Every match sorted by date (walking the date index or sorting the matches); phrases checked in SQL."""
        where, args = filter_sql(params)
        phrase_sql, phrase_args = self._phrase_sql(params)
        join = " JOIN documents_document d ON d.id = e.document_id" if params.phrases else ""
        order = self._newest_first(cursor, query, where, args, params.offset + params.limit)
        cursor.execute(
            f"SELECT e.document_id FROM search_searchentry e{join} WHERE e.vector @@ %s::tsquery{where}{phrase_sql}"
            f" {order} LIMIT %s OFFSET %s",
            [query, *args, *phrase_args, params.limit, params.offset],
        )
        return [row[0] for row in cursor.fetchall()]

    def _snippets(self, ids: list[int], terms: list[str]) -> list[Hit]:
        if not ids:
            return []
        rows = {i: (title, text) for i, title, text in SearchEntry.objects.filter(document_id__in=ids).values_list(
            "document_id", "document__title", "text"
        )}
        return [
            Hit(i, highlight(rows.get(i, ("", ""))[0], terms, width=0), highlight(rows.get(i, ("", ""))[1], terms))
            for i in ids
        ]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            return int(cursor.fetchone()[0] or 0)
