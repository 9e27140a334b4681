"""SQLite FTS5 backend: pre-segmented text in the ``search_fts`` table, bm25 with column weights."""

from __future__ import annotations

from django.db import connection

from ..models import SearchEntry
from ..segment import MARK_END, MARK_START, visible_html
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

# bm25 column weights: title, body, meta (agency, numbers, subject).
WEIGHTS = "10.0, 1.0, 3.0"
SNIPPET_TOKENS = 40


def fts_query(terms: list[str], column: str = "") -> str:
    """An FTS5 query that ANDs the terms, each a quoted string (so no input is FTS5 syntax)."""
    quoted = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return f"{column} : ({quoted})" if column else quoted


class SqliteBackend(SearchBackend):
    name = "sqlite"

    def index(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        ids = [r.entry.document_id for r in rows]
        SearchEntry.objects.filter(document_id__in=ids).delete()  # the trigger clears search_fts
        SearchEntry.objects.bulk_create([r.entry for r in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, meta) VALUES (%s, %s, %s, %s)",
                [(r.entry.document_id, r.title, r.body, r.meta) for r in rows],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentry")
            cursor.execute("DELETE FROM search_fts")

    def search(self, params: SearchParams) -> SearchResult:
        match = fts_query(params.terms)
        where, args = filter_sql(params, with_exclude=False)
        base = f"FROM search_fts f JOIN search_searchentry e ON e.document_id = f.rowid{join_sql(params)}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.org_id, e.year, e.genre, COUNT(*) {base} WHERE search_fts MATCH %s{where}"
                " GROUP BY e.org_id, e.year, e.genre",
                [match, *args],
            )
            total, facets = collect_facets(cursor.fetchall())
            where, args = filter_sql(params)
            if params.sort == "date":
                order = "e.published_on DESC, e.document_id DESC"
                score = "0"
                score_args: list = []
            else:
                score = (
                    f"(-bm25(search_fts, {WEIGHTS}))"
                    f" * (CASE WHEN f.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
                    f" THEN {TITLE_BOOST} ELSE 1.0 END) * {boost_sql()}"
                )
                score_args = [fts_query(params.terms, "title")]
                order = "score DESC, e.published_on DESC, e.document_id DESC"
            cursor.execute(
                f"SELECT f.rowid, {score} AS score {base} WHERE search_fts MATCH %s{where}"
                f" ORDER BY {order} LIMIT %s OFFSET %s",
                [*score_args, match, *args, params.limit, params.offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            hits = self._snippets(cursor, match, ids)
        return SearchResult(total=total, hits=hits, facets=facets)

    def _snippets(self, cursor, match: str, ids: list[int]) -> list[Hit]:
        if not ids:
            return []
        marks = [MARK_START, MARK_END]
        cursor.execute(
            "SELECT rowid, highlight(search_fts, 0, %s, %s),"
            f" snippet(search_fts, 1, %s, %s, '…', {SNIPPET_TOKENS})"
            f" FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
            [*marks, *marks, match, *ids],
        )
        found = {row[0]: Hit(row[0], visible_html(row[1]), visible_html(row[2])) for row in cursor.fetchall()}
        return [found[i] for i in ids if i in found]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%%' OR name LIKE 'search_searchentry%%'"
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is an optional SQLite module
                return 0
