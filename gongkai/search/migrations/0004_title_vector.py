"""PostgreSQL: a small title-only tsvector for the title boost, and a narrow heap.

With ``toast_tuple_target`` low, the body text and the full vector of a long document live in the
TOAST table, so counting and filtering matches reads about a hundred bytes per row.
"""

from django.db import migrations

POSTGRES_UP = [
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 256)",
]
POSTGRES_DOWN = [
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE search_searchentry DROP COLUMN title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_shipped_terms")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
