"""PostgreSQL backend: a tsvector column built from segmented tokens (weights A title, B body, C meta),
a GIN index and ts_rank_cd. Vectors and queries are written as literals, so the server's text-search
parser and locale never touch the Chinese text. Rows are written with COPY, one per document."""

from __future__ import annotations

from django.db import connection

from ..highlight import highlight
from ..models import SearchEntry
from ..segment import get_segmenter
from .base import (
    TITLE_BOOST,
    Hit,
    IndexRow,
    SearchBackend,
    SearchParams,
    SearchResult,
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


# The candidate window's order, and the definition of the index search_entry_published.
NEWEST_FIRST = "ORDER BY e.published_on DESC NULLS LAST, e.document_id DESC"


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


class PostgresBackend(SearchBackend):
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
        with connection.cursor() as cursor:
            cursor.execute(f"SET work_mem = '{WORK_MEM}'")
            # The newest matches (publication date, then id) for counts and candidates. For a common word
            # the planner walks search_entry_published and tests each row; for a rare one it takes the
            # GIN bitmap and sorts the few matches (migration 0006).
            cursor.execute(
                f"SELECT e.document_id, e.org_id, e.year, e.genre FROM search_searchentry e"
                f" WHERE e.vector @@ %s::tsquery{where} {NEWEST_FIRST} LIMIT %s",
                [query, *args, limit + 1],
            )
            rows = cursor.fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            if params.phrases:  # checked on the ranking window only
                window = rows[: rank_limit(params)]
                more = more or len(rows) > len(window)
                ok = self._phrase_filter(cursor, [r[0] for r in window], params.phrases)
                rows = [r for r in window if r[0] in ok]
            if params.sort == "date":
                ids = self._by_date(cursor, params, query)
            else:
                ids = self._by_relevance(cursor, params, query, [r[0] for r in rows[: rank_limit(params)]])
        return SearchResult(
            total=min(len(rows), cap),
            hits=self._snippets(ids, params.terms),
            facets=facets_of(rows[:cap]),
            capped=more or len(rows) > cap,
        )

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
        """Every match sorted by date (index on published_on); phrases checked in SQL."""
        where, args = filter_sql(params)
        phrase_sql, phrase_args = self._phrase_sql(params)
        join = " JOIN documents_document d ON d.id = e.document_id" if params.phrases else ""
        cursor.execute(
            f"SELECT e.document_id FROM search_searchentry e{join} WHERE e.vector @@ %s::tsquery{where}{phrase_sql}"
            f" {NEWEST_FIRST} LIMIT %s OFFSET %s",
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
