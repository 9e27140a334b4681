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


@pytest.fixture
def clear_register_after(transactional_db):
    """Let a transaction=True test's flush run on SQLite despite the register's append-only triggers.

    PostgreSQL flushes with TRUNCATE, which row triggers do not see; on SQLite the register rows are
    removed here with the triggers lifted for that one statement, then the triggers are put back.
    """
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("gongkai.audit.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_update")
        cursor.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        cursor.execute("DELETE FROM audit_auditentry")
        for sql in triggers.SQLITE:
            cursor.execute(sql)


__all__ = ["PASSWORD", "Role"]
