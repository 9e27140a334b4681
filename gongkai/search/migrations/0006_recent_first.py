"""Newest matches first.

SQLite: the FTS rowid becomes ``published_on.toordinal() * 10**9 + document_id`` (see
``backends.sqlite.fts_rowid``), so FTS5 walks matches newest first with ``ORDER BY rowid DESC``. The
indexed texts are copied over with their new rowids; no reindex is needed.

PostgreSQL: the publication index ``search_entry_published`` is rebuilt as (published_on DESC NULLS
LAST, document_id DESC), exactly the order the search reads its candidate window in, so the planner
can walk it when a word is common. (SQLite has no NULLS LAST in indexes and sorts NULL lowest anyway;
the model state keeps the portable definition.)
"""

from django.db import migrations

# Kept literal (not imported from the backend) so this migration keeps meaning what it meant.
KEY = "COALESCE(CAST(julianday({row}.published_on) - 1721424.5 AS INTEGER), 0) * 1000000000 + {row}.document_id"
FTS = "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, meta, tokenize = 'unicode61 remove_diacritics 2')"


def _rebuild(key_sql: str, trigger_key: str) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS search_entry_delete",
        "CREATE TEMP TABLE search_fts_copy AS SELECT"
        f" {key_sql} AS k, f.title AS title, f.body AS body, f.meta AS meta"
        " FROM search_searchentry e JOIN search_fts f ON f.rowid = {old_key}",
        "DROP TABLE search_fts",
        FTS,
        # In rowid order: FTS5 flushes its pending terms whenever a rowid goes down.
        "INSERT INTO search_fts (rowid, title, body, meta) SELECT k, title, body, meta FROM search_fts_copy ORDER BY k",
        "DROP TABLE search_fts_copy",
        "CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry "
        f"BEGIN DELETE FROM search_fts WHERE rowid = {trigger_key}; END",
    ]


SQLITE_UP = [
    s.replace("{old_key}", "e.document_id")
    for s in _rebuild(KEY.format(row="e"), KEY.format(row="old"))
]
POSTGRES_UP = [
    "DROP INDEX IF EXISTS search_entry_published",
    "CREATE INDEX search_entry_published ON search_searchentry (published_on DESC NULLS LAST, document_id DESC)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_published",
    "CREATE INDEX search_entry_published ON search_searchentry (published_on DESC, document_id DESC)",
]
SQLITE_DOWN = [
    s.replace("{old_key}", KEY.format(row="e"))
    for s in _rebuild("e.document_id", "old.document_id")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_published_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
