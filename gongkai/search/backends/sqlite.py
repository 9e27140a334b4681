"""SQLite FTS5 backend: pre-segmented text in the ``search_fts`` table, bm25 with column weights.

The FTS rowid of a document encodes its recency: ``day * ROWID_SPAN + document_id`` (``day`` is
``published_on.toordinal()``, 0 without a date), so newest-first is FTS5's own ``ORDER BY rowid DESC``
walk. Matches are read newest first (no ranking) for the counts; bm25, the title boost and phrase
checks run on the newest RANK_CAP of them only (see base.COUNT_CAP / RANK_CAP).
"""

from __future__ import annotations

import datetime
import json

from django.db import connection

from ..segment import MARK_END, MARK_START, get_segmenter, visible_html
from .base import (
    TITLE_BOOST,
    Hit,
    IndexRow,
    SearchParams,
    SearchResult,
    WindowedSqlBackend,
    boost,
    candidate_limit,
    count_cap,
    facets_of,
    filter_sql,
    like_pattern,
    rank_limit,
)

# bm25 column weights: title, body, meta (agency, numbers, subject).
WEIGHTS = "10.0, 1.0, 3.0"
SNIPPET_TOKENS = 40
ENTRY_COLUMNS = (
    "document_id", "org_id", "column_id", "year", "published_on", "genre", "validity", "subject",
    "doc_number", "index_number", "text",
)


# Document ids stay below ROWID_SPAN; see fts_rowid. ROWID_SQL is the same key in SQL, from a
# search_searchentry row (julianday('0001-01-01') is 1721425.5, and that day's ordinal is 1).
ROWID_SPAN = 1_000_000_000
ROWID_SQL = "COALESCE(CAST(julianday({row}.published_on) - 1721424.5 AS INTEGER), 0) * 1000000000 + {row}.document_id"
# The document id of an FTS row (alias f).
DOC_ID = "(f.rowid %% 1000000000)"  # %% : these statements take parameters


def fts_rowid(published_on: datetime.date | None, document_id: int) -> int:
    """The FTS rowid of a document: its publication day, then its id, so larger is newer."""
    if not 0 < document_id < ROWID_SPAN:
        raise ValueError(f"document id out of range for the search index: {document_id}")
    return (published_on.toordinal() if published_on else 0) * ROWID_SPAN + document_id


def fts_query(terms: list[str], column: str = "") -> str:
    """An FTS5 query that ANDs the terms, each a quoted string (so no input is FTS5 syntax)."""
    quoted = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return f"{column} : ({quoted})" if column else quoted


def _ids(ids: list[int]) -> str:
    return json.dumps(ids)


# Rows of a given id list: a rowid range FTS5 can use, plus a membership test it cannot (the unary +).
# Letting FTS5 take "rowid IN (...)" itself would restart the full-text query once per id.
IN_IDS = " AND rowid BETWEEN %s AND %s AND +rowid IN (SELECT value FROM json_each(%s))"


def _in_ids(ids: list[int]) -> list:
    return [min(ids), max(ids), _ids(ids)]


class SqliteBackend(WindowedSqlBackend):
    name = "sqlite"

    def index(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        seg = get_segmenter()
        ids = [r.entry.document_id for r in rows]
        # FTS5 flushes its pending terms whenever a rowid is lower than the previous one: insert in order.
        keyed = sorted(((fts_rowid(r.entry.published_on, r.entry.document_id), r) for r in rows), key=lambda kr: kr[0])
        with connection.cursor() as cursor:
            # The delete trigger clears search_fts too.
            cursor.execute("DELETE FROM search_searchentry WHERE document_id IN (SELECT value FROM json_each(%s))", [_ids(ids)])
            cursor.executemany(
                f"INSERT INTO search_searchentry ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join(['%s'] * len(ENTRY_COLUMNS))})",
                [
                    (e.document_id, e.org_id, e.column_id, e.year, e.published_on, e.genre, e.validity, e.subject,
                     e.doc_number, e.index_number, "")
                    for e in (r.entry for r in rows)
                ],
            )
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, meta) VALUES (%s, %s, %s, %s)",
                [
                    (key, seg.index_form(r.title, cleaned=True), seg.index_form(r.body, cleaned=True),
                     seg.index_form(r.meta, cleaned=True))
                    for key, r in keyed
                ],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentry")
            cursor.execute("DELETE FROM search_fts")

    def search(self, params: SearchParams) -> SearchResult:
        match = fts_query(params.terms)
        where, args = filter_sql(params, with_exclude=False)
        limit = candidate_limit(params)
        cap = count_cap()
        with connection.cursor() as cursor:
            # CROSS JOIN keeps the full-text scan outside: probing FTS5 once per entry would be slow.
            # Filters become one set of ids (built once) that each match is checked against. The scan
            # walks rowids downwards, i.e. newest first, and stops after ``limit`` matches.
            filtered = f" AND +{DOC_ID} IN (SELECT e.document_id FROM search_searchentry e WHERE 1 = 1{where})" if where else ""
            cursor.execute(
                "SELECT e.document_id, e.org_id, e.year, e.genre, e.validity, f.rowid FROM search_fts f"
                f" CROSS JOIN search_searchentry e ON e.document_id = {DOC_ID}"
                f" WHERE search_fts MATCH %s{filtered} ORDER BY f.rowid DESC LIMIT %s",
                [match, *args, limit + 1],
            )
            rows = cursor.fetchall()
            keys = {r[0]: r[5] for r in rows}
            more = len(rows) > limit
            rows = rows[:limit]
            rows, more = self.phrase_window(cursor, rows, params, more)
            if params.sort == "date":
                ids, dated = self._by_date(cursor, params, match)
                keys.update(dated)
            else:
                ids = self._by_relevance(cursor, params, rows[: rank_limit(params)])
            hits = self._snippets(cursor, match, ids, keys)
        return SearchResult(
            total=min(len(rows), cap),
            hits=hits,
            facets=facets_of([r[:4] for r in rows[:cap]]),
            capped=more or len(rows) > cap,
        )

    @staticmethod
    def _phrase_sql(phrases: list[str]) -> tuple[str, list]:
        sql, args = "", []
        for phrase in phrases:
            sql += " AND (d.title LIKE %s ESCAPE '\\' OR d.body LIKE %s ESCAPE '\\')"
            args += [like_pattern(phrase)] * 2
        return sql, args

    def _phrase_filter(self, cursor, ids: list[int], phrases: list[str]) -> set[int]:
        if not ids:
            return set()
        sql, args = self._phrase_sql(phrases)
        cursor.execute(
            f"SELECT d.id FROM documents_document d WHERE d.id IN (SELECT value FROM json_each(%s)){sql}",
            [_ids(ids), *args],
        )
        return {row[0] for row in cursor.fetchall()}

    def _by_relevance(self, cursor, params: SearchParams, rows) -> list[int]:
        exclude = set(params.exclude_ids)
        rows = [r for r in rows if r[0] not in exclude]
        if not rows:
            return []
        ids = _in_ids([r[5] for r in rows])
        cursor.execute(
            f"SELECT rowid, -bm25(search_fts, {WEIGHTS}) FROM search_fts WHERE search_fts MATCH %s{IN_IDS}",
            [fts_query(params.terms), *ids],
        )
        scores = dict(cursor.fetchall())
        cursor.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s{IN_IDS}", [fts_query(params.terms, "title"), *ids]
        )
        in_title = {row[0] for row in cursor.fetchall()}
        this_year = datetime.date.today().year
        ranked = sorted(  # equal scores: newest first (the larger FTS rowid)
            rows,
            key=lambda r: (
                -scores.get(r[5], 0.0) * (TITLE_BOOST if r[5] in in_title else 1.0) * boost(r[4], r[2], this_year),
                -r[5],
            ),
        )
        return [r[0] for r in ranked[params.offset : params.offset + params.limit]]

    def _by_date(self, cursor, params: SearchParams, match: str) -> tuple[list[int], dict[int, int]]:
        """Every match sorted by date (the FTS rowid order); phrases checked in SQL. Returns the ids
        and their FTS rowids."""
        where, args = filter_sql(params)
        phrase_sql, phrase_args = self._phrase_sql(params.phrases)
        join = " JOIN documents_document d ON d.id = e.document_id" if params.phrases else ""
        cursor.execute(
            f"SELECT e.document_id, f.rowid FROM search_fts f CROSS JOIN search_searchentry e ON e.document_id = {DOC_ID}"
            f"{join} WHERE search_fts MATCH %s{where}{phrase_sql}"
            " ORDER BY f.rowid DESC LIMIT %s OFFSET %s",
            [match, *args, *phrase_args, params.limit, params.offset],
        )
        rows = cursor.fetchall()
        return [row[0] for row in rows], dict(rows)

    def _snippets(self, cursor, match: str, ids: list[int], keys: dict[int, int]) -> list[Hit]:
        if not ids:
            return []
        marks = [MARK_START, MARK_END]
        cursor.execute(
            "SELECT rowid, highlight(search_fts, 0, %s, %s),"
            f" snippet(search_fts, 1, %s, %s, '…', {SNIPPET_TOKENS})"
            f" FROM search_fts WHERE search_fts MATCH %s{IN_IDS}",
            [*marks, *marks, match, *_in_ids([keys[i] for i in ids])],
        )
        found = {}
        for key, title, snippet in cursor.fetchall():
            doc_id = key % ROWID_SPAN
            found[doc_id] = Hit(doc_id, visible_html(title), visible_html(snippet))
        return [found[i] for i in ids if i in found]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            try:
                cursor.execute(
                    "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search_fts%%' OR name LIKE 'search_searchentry%%'"
                    " OR name LIKE 'search_entry%%'"
                )
                return int(cursor.fetchone()[0] or 0)
            except Exception:  # dbstat is an optional SQLite module
                return 0
