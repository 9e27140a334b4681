"""The text index: an FTS5 table on SQLite, a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    # Pre-segmented text (words separated by U+200B, see gongkai.search.segment); unicode61 splits
    # on those separators and folds case.
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, meta, tokenize = 'unicode61 remove_diacritics 2')",
    # Deleting an entry (also by cascade from its document) removes its text.
    "CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.document_id; END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS search_entry_delete", "DROP TABLE IF EXISTS search_fts"]
POSTGRES_UP = [
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (vector)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_entry_vector", "ALTER TABLE search_searchentry DROP COLUMN vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
