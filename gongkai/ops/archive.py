"""`gongkai backup` and `gongkai restore`: one archive with the database and the media files.

Archive (a tar file, gzip-compressed when the name ends in .gz/.tgz):

    manifest.json            format, engine, time, row counts, media hashes, register digest
    database/gongkai.sqlite3 SQLite: a consistent copy made with SQLite's online backup API
    database/gongkai.pgdump  PostgreSQL: pg_dump -Fc, taken in the same snapshot as the counts
    media/…                  every file under MEDIA_ROOT

The site keeps running during a backup. A restore goes into an empty installation (the database
named by the environment, the media root); it refuses to overwrite one that has users,
organizations or register entries unless told to (--force).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import inventory

FORMAT = "gongkai-backup/1"
SQLITE_MEMBER = "database/gongkai.sqlite3"
PG_MEMBER = "database/gongkai.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message is one Chinese line for the operator."""


@dataclass
class Target:
    vendor: str
    settings: dict

    @classmethod
    def configured(cls) -> Target:
        conn = connections["default"]
        return cls(conn.vendor, conn.settings_dict)

    @property
    def sqlite_path(self) -> Path:
        return Path(self.settings["NAME"])

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        s = self.settings
        env.update(PGHOST=str(s.get("HOST") or "127.0.0.1"), PGPORT=str(s.get("PORT") or 5432),
                   PGUSER=str(s.get("USER") or "postgres"), PGDATABASE=str(s["NAME"]))
        if s.get("PASSWORD"):
            env["PGPASSWORD"] = str(s["PASSWORD"])
        return env

    @contextlib.contextmanager
    def raw(self):
        """A plain DB-API connection (the same driver for backup and verify, so values compare alike)."""
        if self.vendor == "sqlite":
            conn = sqlite3.connect(self.sqlite_path, timeout=30)
        else:
            import psycopg

            env = self.pg_env()
            conn = psycopg.connect(host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
                                   dbname=env["PGDATABASE"], password=env.get("PGPASSWORD"))
        try:
            yield conn
        finally:
            conn.close()


def take_inventory(conn, vendor: str, media_root: Path) -> dict:
    cursor = conn.cursor()
    return {"tables": inventory.row_counts(cursor, vendor), "register": inventory.register_digest(cursor, vendor),
            "media": inventory.media_files(media_root)}


def _open_for_write(path: Path) -> tarfile.TarFile:
    mode = "w:gz" if path.name.endswith((".gz", ".tgz")) else "w"
    return tarfile.open(path, mode)


def backup(path: Path) -> dict:
    """Write the archive to ``path`` (atomically: a temporary file renamed at the end); return the manifest."""
    target = Target.configured()
    media_root = Path(settings.MEDIA_ROOT)
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gongkai-backup-", dir=path.parent) as work:
        work_dir = Path(work)
        if target.vendor == "sqlite":
            copy = work_dir / "gongkai.sqlite3"
            _sqlite_online_copy(target.sqlite_path, copy)
            with contextlib.closing(sqlite3.connect(copy)) as conn:
                found = take_inventory(conn, "sqlite", media_root)
            member, source = SQLITE_MEMBER, copy
        elif target.vendor == "postgresql":
            source = work_dir / "gongkai.pgdump"
            found = _pg_dump_with_inventory(target, source, media_root)
            member = PG_MEMBER
        else:
            raise BackupError(f"不支持的数据库类型：{target.vendor}")
        manifest = {"format": FORMAT, "engine": target.vendor, "created_at": timezone.now().isoformat(),
                    "database": member, **found}
        partial = work_dir / "archive.part"
        with _open_for_write(partial) as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(time.time())
            tar.addfile(info, io.BytesIO(data))
            tar.add(source, arcname=member)
            for rel in manifest["media"]:
                tar.add(media_root / rel, arcname=f"media/{rel}", recursive=False)
        os.replace(partial, path)
    manifest["seconds"] = round(time.monotonic() - started, 2)
    return manifest


def _sqlite_online_copy(source: Path, dest: Path) -> None:
    if not source.exists():
        raise BackupError(f"数据库文件不存在：{source}")
    with contextlib.closing(sqlite3.connect(source, timeout=30)) as src, \
            contextlib.closing(sqlite3.connect(dest)) as dst:
        src.backup(dst)  # SQLite's online backup API: a consistent copy while the site keeps writing
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive


def _pg_dump_with_inventory(target: Target, dest: Path, media_root: Path) -> dict:
    """pg_dump and the row counts from one exported snapshot, so the manifest matches the dump."""
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        raise BackupError("找不到 pg_dump（请安装 PostgreSQL 客户端，Debian 软件包 postgresql-client）")
    import psycopg

    with target.raw() as conn:
        conn.isolation_level, conn.read_only = psycopg.IsolationLevel.REPEATABLE_READ, True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        dump = subprocess.Popen([pg_dump, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                                 "-f", str(dest)], env=target.pg_env(), stderr=subprocess.PIPE)
        found = take_inventory(conn, "postgresql", media_root)
        _out, err = dump.communicate()
        conn.rollback()
    if dump.returncode != 0:
        raise BackupError(f"pg_dump 失败：{err.decode(errors='replace').strip().splitlines()[-1:]}")
    return found


# --- restore ---------------------------------------------------------------------------------------------

def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.extractfile("manifest.json")
    except KeyError:
        member = None
    if member is None:
        raise BackupError("不是 Gongkai 备份文件（缺少 manifest.json）")
    manifest = json.loads(member.read().decode("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')}")
    return manifest


def open_archive(path: Path) -> tarfile.TarFile:
    if not path.is_file():
        raise BackupError(f"备份文件不存在：{path}")
    try:
        return tarfile.open(path, "r:*")
    except tarfile.TarError as exc:
        raise BackupError(f"无法读取备份文件 {path}：{exc}") from exc


def content_rows(target: Target) -> int:
    """Rows in the tables that show an installation is in use (0 for an empty or missing database)."""
    if target.vendor == "sqlite" and not target.sqlite_path.exists():
        return 0
    with target.raw() as conn:
        cursor = conn.cursor()
        present = set(inventory.table_names(cursor, target.vendor))
        total = 0
        for table in inventory.CONTENT_TABLES:
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {inventory.quote(table)}")  # noqa: S608
                total += int(cursor.fetchone()[0])
        return total


def restore(path: Path, *, force: bool = False) -> dict:
    """Restore the archive into the configured installation; return the manifest (plus timing)."""
    target = Target.configured()
    media_root = Path(settings.MEDIA_ROOT)
    started = time.monotonic()
    with open_archive(path) as tar:
        manifest = read_manifest(tar)
        if manifest["engine"] != target.vendor:
            raise BackupError(f"备份来自 {manifest['engine']} 数据库，当前安装使用 {target.vendor}，无法直接恢复")
        if not force:
            if content_rows(target):
                raise BackupError("目标安装不是空的（已有用户、机构或登记簿记录）；如确需覆盖，请加 --force")
            if inventory.media_files(media_root):
                raise BackupError(f"附件目录 {media_root} 不是空的；如确需覆盖，请加 --force")
        connections.close_all()
        media_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".gongkai-restore-", dir=media_root.parent) as work:
            work_dir = Path(work)
            try:
                tar.extractall(work_dir, filter="data")
            except (tarfile.TarError, OSError) as exc:
                raise BackupError(f"备份文件已损坏：{exc}") from exc
            database = work_dir / manifest["database"]
            if target.vendor == "sqlite":
                _sqlite_restore(database, target.sqlite_path)
            else:
                _pg_restore(database, target)
            _move_media(work_dir / "media", media_root, replace=force)
    manifest["seconds"] = round(time.monotonic() - started, 2)
    return manifest


def _sqlite_restore(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(dest, timeout=30)) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")


def _pg_restore(dump: Path, target: Target) -> None:
    pg_restore = shutil.which("pg_restore")
    if not pg_restore:
        raise BackupError("找不到 pg_restore（请安装 PostgreSQL 客户端，Debian 软件包 postgresql-client）")
    result = subprocess.run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                             "--single-transaction", "--exit-on-error", "-d", target.pg_env()["PGDATABASE"],
                             str(dump)], env=target.pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败：{(result.stderr.strip().splitlines() or ['?'])[-1]}")
    # The dump carries no privileges: give the application role its rights again (docs/deployment.md).
    from gongkai.audit.roles import grant_app_role

    grant_app_role()


def _move_media(source: Path, media_root: Path, *, replace: bool) -> None:
    if replace and media_root.exists() and any(media_root.iterdir()):
        aside = media_root.with_name(f"{media_root.name}.before-restore-{int(time.time())}")
        os.replace(media_root, aside)
        media_root.mkdir()
    if not source.is_dir():
        return
    for directory, _dirs, files in os.walk(source):
        for name in files:
            src = Path(directory, name)
            dest = media_root / src.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)


def verify(manifest: dict) -> list[str]:
    """Compare the installation now with the archive's manifest, and walk the register's hash chain;
    an empty list means identical and intact."""
    from gongkai.audit.verify import verify as verify_chain

    target = Target.configured()
    with target.raw() as conn:
        found = take_inventory(conn, target.vendor, Path(settings.MEDIA_ROOT))
    problems = inventory.differences(manifest, found)
    chain = verify_chain(save=False)
    problems += [f"登记簿链校验：{line}" for line in chain.problems]
    return problems
