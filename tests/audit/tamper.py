"""What an attacker with the table owner's rights can do behind the register's triggers (tests only)."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection


@contextmanager
def triggers_lifted():
    """Lift the append-only triggers inside the current transaction (the test's), as the probe did."""
    import importlib

    sqlite = importlib.import_module("gongkai.audit.migrations.0005_chain_constraints").SQLITE
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Pending deferred foreign-key checks of this transaction would forbid the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            for sql in sqlite[:2]:
                cursor.execute(sql)
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for sql in sqlite[2:]:
                cursor.execute(sql)
