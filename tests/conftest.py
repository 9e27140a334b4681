"""Shared fixtures: real organizations, users and roles built with the models (no mocks)."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth import get_user_model

from gongkai.catalog.services import apply_template
from gongkai.orgs.models import Membership, Organization, OrgKind, Role

PASSWORD = "test-pass-2024"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """PBKDF2 at production strength costs ~0.3 s per user; tests only need hashing to work."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def private_anchor_file(tmp_path_factory):
    """Anchors written by tests (the demo, audit tests) never land in the installation's var/."""
    from django.conf import settings

    settings.GONGKAI_AUDIT_ANCHOR_FILE = tmp_path_factory.mktemp("anchors") / "audit-anchors.jsonl"


@pytest.fixture(autouse=True, scope="session")
def tasks_run_at_once():
    """Tasks run where they are enqueued (the immediate engine), as work did before the task queue;
    tests of the real engines (tests/jobs, tests/scale) choose theirs explicitly."""
    from django.conf import settings
    from django.core.signals import setting_changed

    from gongkai.jobs.config import tasks_settings

    settings.TASKS = tasks_settings({"GONGKAI_TASKS_ENGINE": "immediate"})
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


@pytest.fixture(autouse=True, scope="session")
def close_stray_database_sessions(django_db_setup, django_db_blocker):
    """End sessions that worker threads left open, so the per-run PostgreSQL test database can be dropped."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def make_org(db):
    def make(code: str, name: str | None = None, *, parent: Organization | None = None, kind=OrgKind.TOWNSHIP):
        org, _ = Organization.objects.get_or_create(
            code=code, defaults={"name": name or code, "parent": parent, "kind": kind}
        )
        apply_template(org)
        return org

    return make


@pytest.fixture
def make_user(db):
    def make(username: str, org: Organization | None = None, *roles: str, **extra):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        for role in roles:
            Membership.objects.create(user=user, org=org, role=role)
        return user

    return make


@pytest.fixture
def county(make_org):
    return make_org("yishui", "沂水县人民政府", kind=OrgKind.COUNTY_GOVERNMENT)


@pytest.fixture
def township(make_org, county):
    return make_org("longjiaquan", "沂水县龙家圈街道办事处", parent=county, kind=OrgKind.STREET_OFFICE)


@pytest.fixture
def other_township(make_org, county):
    return make_org("shagou", "沂水县沙沟镇人民政府", parent=county)


@pytest.fixture
def officer(make_user, township):
    return make_user("officer", township, Role.OFFICER)


@pytest.fixture(autouse=True, scope="session")
def flush_lifts_register_triggers():
    """Let a transaction=True test's flush empty the register despite its append-only triggers.

    Tests only: Django's flush (DELETE on SQLite, TRUNCATE on PostgreSQL) is wrapped so that the
    register's triggers are lifted for that one flush transaction and put back before it commits.
    """
    from django.db.backends.postgresql import base as postgres_base
    from django.db.backends.sqlite3 import base as sqlite_base

    PostgresOperations, SqliteOperations = postgres_base.DatabaseOperations, sqlite_base.DatabaseOperations  # noqa: N806

    sqlite_triggers = importlib.import_module("gongkai.audit.migrations.0005_chain_constraints").SQLITE
    originals = {PostgresOperations: PostgresOperations.sql_flush, SqliteOperations: SqliteOperations.sql_flush}

    def wrap(cls):
        original = originals[cls]

        def sql_flush(self, style, tables, **kwargs):
            statements = original(self, style, tables, **kwargs)
            if "audit_auditentry" not in tables or not statements:
                return statements
            if cls is PostgresOperations:
                return [
                    "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_no_truncate", *statements,
                    "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_no_truncate",
                ]
            return [*sqlite_triggers[:2], *statements, *sqlite_triggers[2:]]

        return sql_flush

    for cls in originals:
        cls.sql_flush = wrap(cls)
    yield
    for cls, original in originals.items():
        cls.sql_flush = original


@pytest.fixture
def clear_register_after(transactional_db):
    """Kept for the tests that ask for it: flush_lifts_register_triggers now empties the register."""
    yield


__all__ = ["PASSWORD", "Role"]
