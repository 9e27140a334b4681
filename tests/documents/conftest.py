import importlib

import pytest
from django.db import connection

from gongkai.orgs.models import Role

from .factories import ROLE_USERS


@pytest.fixture
def staff(make_user, township, officer):
    """Users for every role of the township (the conftest's ``officer`` is reused)."""
    users = {Role.OFFICER: officer}
    for role, name in ROLE_USERS.items():
        if role != Role.OFFICER:
            users[role] = make_user(name, township, role)
    return users



@pytest.fixture
def clear_register_after(transactional_db):
    """Let a transaction=True test's flush run on SQLite, whose DELETE would fire the append-only trigger.

    PostgreSQL flushes with TRUNCATE, which row triggers do not see. On SQLite the register rows are
    removed here with the triggers lifted for that one statement, and the triggers are put back.
    """
    yield
    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("gongkai.audit.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        cursor.execute("DELETE FROM audit_auditentry")
        for sql in triggers.SQLITE:
            cursor.execute(sql)
