"""Privileges for an application role that does not own the tables (docs/deployment.md, PostgreSQL).

Migrations run as the owner role; after every `gongkai migrate`, when GONGKAI_DATABASE_APP_ROLE names
the role the site runs as, that role gets ordinary read/write rights on every table and sequence of the
schema, and on the register only SELECT and INSERT: it can neither change, delete nor truncate entries,
nor lift the triggers (only an owner may ALTER a table).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections

APPEND_ONLY_TABLES = ("audit_auditentry",)


def grant_statements(role: str, quote) -> list[str]:
    who = quote(role)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {who}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {who}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements += [
            f"REVOKE ALL ON {quote(table)} FROM {who}",
            f"REVOKE TRUNCATE, UPDATE, DELETE ON {quote(table)} FROM PUBLIC",
            f"GRANT SELECT, INSERT ON {quote(table)} TO {who}",
        ]
    return statements


def grant_app_role(using: str = "default", **kwargs) -> list[str]:
    """post_migrate receiver: give GONGKAI_DATABASE_APP_ROLE its rights; returns the statements run."""
    role = getattr(settings, "GONGKAI_DATABASE_APP_ROLE", "")
    connection = connections[using]
    if not role or connection.vendor != "postgresql":
        return []
    statements = grant_statements(role, connection.ops.quote_name)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return statements
