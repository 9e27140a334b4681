"""PostgreSQL backend: a tsvector column built from segmented tokens (weights A title, B body, C meta),
a GIN index and ts_rank_cd. Vectors and queries are written as literals, so the server's text-search
parser and locale never touch the Chinese text."""

from __future__ import annotations

from django.db import connection

from ..highlight import highlight
from ..models import SearchEntry
from ..segment import get_segmenter, visible_text
from .base import (
    TITLE_BOOST,
    Hit,
    IndexRow,
    SearchBackend,
    SearchParams,
    SearchResult,
    boost_sql,
    collect_facets,
    filter_sql,
    join_sql,
)

MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank_cd weights in the order {D, C, B, A}.
WEIGHTS = "{0.1, 0.3, 0.4, 1.0}"


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields: list[tuple[list[str], str]]) -> str:
    """A tsvector literal from (tokens, weight) pairs, positions running on across fields."""
    positions: dict[str, list[str]] = {}
    pos = 0
    for tokens, weight in fields:
        for token in tokens:
            pos = min(pos + 1, MAX_POSITION)
            slots = positions.setdefault(token[:500], [])
            if len(slots) < MAX_POSITIONS_PER_LEXEME:
                slots.append(f"{pos}{weight}")
    return " ".join(f"{_quote(lex)}:{','.join(p)}" for lex, p in positions.items())


def tsquery_literal(terms: list[str], weight: str = "") -> str:
    return " & ".join(f"{_quote(t)}{':' + weight if weight else ''}" for t in terms)


class PostgresBackend(SearchBackend):
    name = "postgres"

    def index(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        seg = get_segmenter()
        ids = [r.entry.document_id for r in rows]
        SearchEntry.objects.filter(document_id__in=ids).delete()
        for r in rows:
            r.entry.text = visible_text(r.body)
        SearchEntry.objects.bulk_create([r.entry for r in rows])
        vectors = []
        for r in rows:
            fields = [
                (seg.index_tokens(visible_text(r.title)), "A"),
                (seg.index_tokens(r.entry.text), "B"),
                (seg.index_tokens(visible_text(r.meta)), "C"),
            ]
            vectors.append((tsvector_literal(fields), r.entry.document_id))
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE search_searchentry SET vector = %s::tsvector WHERE document_id = %s", vectors)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentry")

    def search(self, params: SearchParams) -> SearchResult:
        query = tsquery_literal(params.terms)
        base = f"FROM search_searchentry e{join_sql(params)}"
        where, args = filter_sql(params, with_exclude=False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.org_id, e.year, e.genre, COUNT(*) {base} WHERE e.vector @@ %s::tsquery{where}"
                " GROUP BY e.org_id, e.year, e.genre",
                [query, *args],
            )
            total, facets = collect_facets(cursor.fetchall())
            where, args = filter_sql(params)
            if params.sort == "date":
                score, score_args = "0", []
                order = "e.published_on DESC NULLS LAST, e.document_id DESC"
            else:
                score = (
                    f"ts_rank_cd('{WEIGHTS}', e.vector, %s::tsquery, 1)"
                    f" * (CASE WHEN e.vector @@ %s::tsquery THEN {TITLE_BOOST} ELSE 1.0 END) * {boost_sql('GREATEST')}"
                )
                score_args = [query, tsquery_literal(params.terms, "A")]
                order = "score DESC, e.published_on DESC NULLS LAST, e.document_id DESC"
            cursor.execute(
                f"SELECT e.document_id, {score} AS score {base} WHERE e.vector @@ %s::tsquery{where}"
                f" ORDER BY {order} LIMIT %s OFFSET %s",
                [*score_args, query, *args, params.limit, params.offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
        return SearchResult(total=total, hits=self._snippets(ids, params.terms), facets=facets)

    def _snippets(self, ids: list[int], terms: list[str]) -> list[Hit]:
        if not ids:
            return []
        rows = dict(
            SearchEntry.objects.filter(document_id__in=ids).values_list("document_id", "text")
        )
        titles = dict(SearchEntry.objects.filter(document_id__in=ids).values_list("document_id", "document__title"))
        return [Hit(i, highlight(titles.get(i, ""), terms, width=0), highlight(rows.get(i, ""), terms)) for i in ids]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            return int(cursor.fetchone()[0] or 0)
