"""Throw-away installations for tests that run `gongkai` commands in other processes.

The suite's own test database lives inside this process (and, on SQLite, in memory), so a worker
or a backup in a subprocess cannot see it. An installation is a migrated database of its own — a
SQLite file, or a PostgreSQL database on the server GONGKAI_DATABASE_URL names — plus a var/ and
media directory. The schema is migrated once per session into a template and copied per test.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def _pg_admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


@dataclass
class Installation:
    root: Path
    env: dict[str, str]
    engine: str  # "sqlite" or "postgresql"
    db_name: str
    cleanups: list = field(default_factory=list)

    @property
    def media(self) -> Path:
        return Path(self.env["GONGKAI_MEDIA_ROOT"])

    def gongkai(self, *args: str, check: bool = True, timeout: float = 300, **env) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=ROOT, env={**self.env, **env},
                                capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"gongkai {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
        return result

    def shell(self, code: str, **env) -> str:
        return self.gongkai("shell", "-v", "0", "-c", code, **env).stdout.strip()

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.engine == "sqlite":
            with sqlite3.connect(self.env["GONGKAI_SQLITE_PATH"], timeout=20) as conn:
                return conn.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.env["GONGKAI_DATABASE_URL"]) as conn:
            return conn.execute(sql, params).fetchall()


def base_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update(GONGKAI_VAR_DIR=str(root), GONGKAI_MEDIA_ROOT=str(root / "media"),
               GONGKAI_STATIC_ROOT=str(root / "static"), GONGKAI_SECRET_KEY="test-installation-key",
               GONGKAI_TASKS_ENGINE="db", PYTHONPATH=str(ROOT))
    return env


def make_template(root: Path) -> Installation:
    """Migrate one installation to copy from (the database named by GONGKAI_DATABASE_URL's server)."""
    root.mkdir(parents=True, exist_ok=True)
    env = base_env(root)
    server = os.environ.get("GONGKAI_DATABASE_URL")
    if server:
        name = f"i11tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with _pg_admin(server) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["GONGKAI_DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        install = Installation(root, env, "postgresql", name)
        install.cleanups.append(lambda: drop_database(server, name))
    else:
        env["GONGKAI_SQLITE_PATH"] = str(root / "template.sqlite3")
        install = Installation(root, env, "sqlite", env["GONGKAI_SQLITE_PATH"])
    install.gongkai("migrate", "-v", "0")
    return install


def drop_database(server: str, name: str) -> None:
    with _pg_admin(server) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def copy_of(template: Installation, root: Path, *, empty: bool = False) -> Installation:
    """A fresh installation with the template's schema (``empty``: no database at all yet)."""
    root.mkdir(parents=True, exist_ok=True)
    env = base_env(root)
    (root / "media").mkdir(exist_ok=True)
    if template.engine == "postgresql":
        server = os.environ["GONGKAI_DATABASE_URL"]
        name = f"i11_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with _pg_admin(server) as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + ("" if empty else f' TEMPLATE "{template.db_name}"'))
        env["GONGKAI_DATABASE_URL"] = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        install = Installation(root, env, "postgresql", name)
        install.cleanups.append(lambda: drop_database(server, name))
    else:
        path = root / "gongkai.sqlite3"
        if not empty:
            shutil.copyfile(template.env["GONGKAI_SQLITE_PATH"], path)
        env["GONGKAI_SQLITE_PATH"] = str(path)
        install = Installation(root, env, "sqlite", str(path))
    return install


def cleanup(install: Installation) -> None:
    for step in install.cleanups:
        step()
