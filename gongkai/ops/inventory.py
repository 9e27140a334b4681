"""What a backup promises and a restore is checked against: row counts, file hashes, the register."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

REGISTER_TABLE = "audit_auditentry"
# Tables whose rows mean "somebody uses this installation": a restore refuses to overwrite them.
CONTENT_TABLES = ("auth_user", "orgs_organization", REGISTER_TABLE)
CHUNK = 1024 * 1024


def table_names(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for name in table_names(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 - names from the catalog
        counts[name] = int(cursor.fetchone()[0])
    return counts


def register_digest(cursor, vendor: str) -> dict[str, object]:
    """Count, last id and SHA-256 over every register row in id order (every column, as stored)."""
    if REGISTER_TABLE not in table_names(cursor, vendor):
        return {"count": 0, "last_id": None, "sha256": hashlib.sha256().hexdigest()}
    cursor.execute(f"SELECT * FROM {REGISTER_TABLE} ORDER BY id")  # noqa: S608
    columns = [c[0] for c in cursor.description]
    digest, count, last = hashlib.sha256(), 0, None
    while rows := cursor.fetchmany(2000):
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            digest.update(json.dumps(record, sort_keys=True, default=_plain, ensure_ascii=False).encode())
            digest.update(b"\n")
            count, last = count + 1, record["id"]
    return {"count": count, "last_id": last, "sha256": digest.hexdigest()}


def _plain(value: object) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, dict[str, object]]:
    """Every file under the media root (relative POSIX path → size and SHA-256)."""
    found = {}
    if not root.is_dir():
        return found
    for directory, _dirs, files in os.walk(root):
        for name in sorted(files):
            path = Path(directory, name)
            if path.is_symlink() or not path.is_file():
                continue
            found[path.relative_to(root).as_posix()] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
    return dict(sorted(found.items()))


def differences(expected: dict, actual: dict) -> list[str]:
    """Chinese lines naming every difference between a manifest and an installation's inventory."""
    lines = []
    for table, count in expected["tables"].items():
        have = actual["tables"].get(table)
        if have is None:
            lines.append(f"数据表 {table} 缺失（备份中 {count} 行）")
        elif have != count:
            lines.append(f"数据表 {table}：备份中 {count} 行，恢复后 {have} 行")
    for path, meta in expected["media"].items():
        have = actual["media"].get(path)
        if have is None:
            lines.append(f"附件 {path} 缺失")
        elif have["sha256"] != meta["sha256"]:
            lines.append(f"附件 {path} 内容不一致（SHA-256 不同）")
    for path in sorted(set(actual["media"]) - set(expected["media"])):
        lines.append(f"附件 {path} 不在备份中")
    if expected["register"] != actual["register"]:
        lines.append(f"登记簿不一致：备份中 {expected['register']['count']} 条，恢复后 {actual['register']['count']} 条"
                     + ("，内容摘要不同" if expected["register"]["count"] == actual["register"]["count"] else ""))
    return lines
