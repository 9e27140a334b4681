"""The site under a PostgreSQL role that does not own the register (docs/deployment.md, two roles).

A real owner role (not a superuser) migrates a fresh database; the application role then writes and
verifies the register but cannot change, delete or truncate entries, nor lift the triggers. Runs against
the PostgreSQL server in either suite (SQLite has no roles), with role names of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _server() -> dict:
    url = os.environ.get("GONGKAI_DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return dj_database_url.parse(url)


@pytest.fixture
def two_roles(tmp_path):
    server = _server()
    suffix = uuid.uuid4().hex[:10]
    owner, app, name = f"gk_owner_{suffix}", f"gk_app_{suffix}", f"gk_roles_{suffix}"
    admin = psycopg.connect(host=server["HOST"], port=server["PORT"] or 5432, user=server["USER"],
                            password=server["PASSWORD"] or None, dbname="postgres", autocommit=True)
    admin.execute(f"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pass'")
    admin.execute(f"CREATE ROLE {app} LOGIN PASSWORD 'app-pass'")
    admin.execute(f"CREATE DATABASE {name} OWNER {owner}")
    admin.execute(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
    admin.execute(f"GRANT CONNECT ON DATABASE {name} TO {app}")
    host = f"{server['HOST']}:{server['PORT'] or 5432}"

    def url(role: str, password: str) -> str:
        return f"postgres://{role}:{password}@{host}/{name}"

    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_SECRET_KEY="role-test-key")
    try:
        yield {"owner": url(owner, "owner-pass"), "app": url(app, "app-pass"), "app_role": app, "env": env,
               "server": server, "name": name}
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"DROP ROLE IF EXISTS {app}")
        admin.execute(f"DROP ROLE IF EXISTS {owner}")
        admin.close()


def gongkai(env: dict, *args: str, db_url: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args], cwd=ROOT, env={**env, "GONGKAI_DATABASE_URL": db_url, **extra},
        capture_output=True, text=True, timeout=300,
    )


RECORD = (
    "from gongkai.audit.services import record; from gongkai.orgs.models import Organization;"
    "org = Organization.objects.create(code='roles', name='角色测试机构');"
    "[record(actor='办理人', action='publish', obj=org, org=org) for _ in range(3)]"
)


def test_app_role_writes_and_verifies_but_cannot_tamper(two_roles):
    env = two_roles["env"]
    migrated = gongkai(env, "migrate", "--noinput", "-v", "0", db_url=two_roles["owner"],
                       GONGKAI_DATABASE_APP_ROLE=two_roles["app_role"])
    assert migrated.returncode == 0, migrated.stderr
    wrote = gongkai(env, "shell", "-c", RECORD, db_url=two_roles["app"])
    assert wrote.returncode == 0, wrote.stderr
    verified = gongkai(env, "audit", "verify", db_url=two_roles["app"])
    assert verified.returncode == 0 and "登记簿完好：3条" in verified.stdout, verified.stdout + verified.stderr

    server = two_roles["server"]
    refused = []
    attempts = [
        "UPDATE audit_auditentry SET comment = 'x'",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
        "SET session_replication_role = replica",
        "DROP TRIGGER audit_no_update ON audit_auditentry",
    ]
    for sql in attempts:
        with psycopg.connect(host=server["HOST"], port=server["PORT"] or 5432, user=two_roles["app_role"],
                             password="app-pass", dbname=two_roles["name"]) as conn:
            try:
                conn.execute(sql)
            except psycopg.errors.InsufficientPrivilege:
                refused.append(sql)
    assert refused == attempts
    # The application role still does ordinary work on the other tables.
    with psycopg.connect(host=server["HOST"], port=server["PORT"] or 5432, user=two_roles["app_role"],
                         password="app-pass", dbname=two_roles["name"]) as conn:
        assert conn.execute("UPDATE orgs_organization SET name = '改名' WHERE code = 'roles'").rowcount == 1
    # A later migrate as the owner keeps it that way (the grants run after every migrate).
    again = gongkai(env, "migrate", "--noinput", "-v", "0", db_url=two_roles["owner"],
                    GONGKAI_DATABASE_APP_ROLE=two_roles["app_role"])
    assert again.returncode == 0, again.stderr
    assert gongkai(env, "audit", "verify", db_url=two_roles["app"]).returncode == 0
