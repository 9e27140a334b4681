"""`gongkai backup` / `gongkai restore [--verify]` exactly as contracts.md states, on the configured engine."""

from __future__ import annotations

import json
import tarfile

import pytest

pytestmark = pytest.mark.django_db  # the suite's own database is unused here, but set up as everywhere

DOCS = [{"title": f"关于开展第{i}批农村人居环境整治的通知", "body": f"<p>各村（社区）：第{i}批工作安排如下。</p>",
         "agency": "龙家圈街道办事处", "doc_number": f"龙街办发〔2026〕{i}号", "published_on": f"2026-03-0{i}"}
        for i in range(1, 6)]


@pytest.fixture
def source(new_installation):
    site = new_installation("source")
    site.gongkai("createorg", "ljq", "龙家圈街道办事处")
    site.gongkai("createuser", "li", "--org", "ljq", "--role", "officer", "--password", "long-enough-1")
    lines = site.root / "docs.jsonl"
    lines.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS) + "\n", encoding="utf-8")
    site.gongkai("import", "documents", str(lines), "--org", "ljq")
    (site.media / "attachments" / "2026").mkdir(parents=True)
    (site.media / "attachments" / "2026" / "通知.pdf").write_bytes(b"%PDF-1.4 test attachment\n" * 100)
    (site.media / "letters").mkdir()
    (site.media / "letters" / "reply.docx").write_bytes(bytes(range(256)) * 40)
    return site


def _count(site, table: str) -> int:
    return site.query(f"SELECT COUNT(*) FROM {table}")[0][0]


def test_backup_then_restore_into_an_empty_installation_verifies(source, new_installation, tmp_path):
    archive = tmp_path / "gongkai.tar"
    done = source.gongkai("backup", str(archive))
    assert "备份完成" in done.stdout
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] in names and "media/attachments/2026/通知.pdf" in names
    assert manifest["tables"]["documents_document"] == 5 and manifest["register"]["count"] > 0

    target = new_installation("target", empty=True)
    restored = target.gongkai("restore", str(archive), "--verify")
    assert "恢复完成" in restored.stdout and "核对通过" in restored.stdout
    for table in ("documents_document", "orgs_organization", "auth_user", "audit_auditentry"):
        assert _count(target, table) == _count(source, table)
    assert (target.media / "attachments" / "2026" / "通知.pdf").read_bytes() == \
        (source.media / "attachments" / "2026" / "通知.pdf").read_bytes()
    # The restored installation works: its documents are searchable and the CLI sees its organizations.
    found = target.shell("from gongkai.search.services import search; print(search('人居环境').total)")
    assert int(found.splitlines()[-1]) == 5


def test_a_freshly_migrated_installation_counts_as_empty(source, new_installation, tmp_path):
    archive = tmp_path / "gongkai.tar.gz"
    source.gongkai("backup", str(archive))
    target = new_installation("migrated")  # tables exist, no content
    assert target.gongkai("restore", str(archive), "--verify").returncode == 0


def test_verify_finds_a_changed_file_a_missing_row_and_an_added_register_entry(source, new_installation, tmp_path):
    archive = tmp_path / "gongkai.tar"
    source.gongkai("backup", str(archive))
    target = new_installation("target", empty=True)
    target.gongkai("restore", str(archive))
    (target.media / "letters" / "reply.docx").write_bytes(b"changed")
    target.query("SELECT 1")
    _execute(target, "DELETE FROM jobs_job")  # nothing references it; stands for a lost row
    _execute(target, "INSERT INTO audit_auditentry (at, actor_name, action, object_type, object_id, from_state,"
                     " to_state, comment, data, seq, prev_hash, hash) SELECT CURRENT_TIMESTAMP, '伪造', 'x', 'x', '1',"
                     " '', '', '', '{}', MAX(seq) + 1, 'forged', 'forged' FROM audit_auditentry")
    checked = target.gongkai("restore", str(archive), "--verify-only", check=False)
    assert checked.returncode == 1
    assert "附件 letters/reply.docx 内容不一致" in checked.stdout
    assert "登记簿不一致" in checked.stdout and "audit_auditentry" in checked.stdout
    assert "登记簿链校验" in checked.stdout  # the hash chain itself shows the forged entry


def _execute(site, sql: str) -> None:
    if site.engine == "sqlite":
        import sqlite3

        with sqlite3.connect(site.env["GONGKAI_SQLITE_PATH"]) as conn:
            conn.execute(sql)
    else:
        import psycopg

        with psycopg.connect(site.env["GONGKAI_DATABASE_URL"]) as conn:
            conn.execute(sql)


def test_restore_refuses_an_installation_in_use_unless_forced(source, new_installation, tmp_path):
    archive = tmp_path / "gongkai.tar"
    source.gongkai("backup", str(archive))
    busy = new_installation("busy")
    busy.gongkai("createorg", "sg", "沙沟镇人民政府")
    refused = busy.gongkai("restore", str(archive), check=False)
    assert refused.returncode == 1 and "不是空的" in refused.stderr
    assert busy.gongkai("restore", str(archive), "--force", "--verify").returncode == 0
    assert busy.query("SELECT code FROM orgs_organization") == [("ljq",)]


def test_bad_arguments_exit_2_with_one_line(source, tmp_path):
    for args in (["restore", str(tmp_path / "missing.tar")], ["backup", str(tmp_path)], ["restore"]):
        result = source.gongkai(*args, check=False)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not an archive")
    result = source.gongkai("restore", str(junk), check=False)
    assert result.returncode == 2 and "无法读取备份文件" in result.stderr
