"""The register's hash chain: `gongkai audit verify` finds every kind of tampering, on both engines."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from gongkai.audit.chain import GENESIS, entry_hash, values_of
from gongkai.audit.models import AppendOnlyError, AuditEntry, ChainCheck
from gongkai.audit.services import record
from gongkai.audit.verify import write_anchor

from .tamper import triggers_lifted


@pytest.fixture
def anchors(settings, tmp_path):
    settings.GONGKAI_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    return settings.GONGKAI_AUDIT_ANCHOR_FILE


@pytest.fixture
def register(county, anchors):
    """Six entries about the county, chained by the ordinary record()."""
    return [record(actor=f"办理人{i}", action="publish", obj=county, org=county, comment=f"第{i}次")
            for i in range(1, 7)]


def run_verify(*args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
        code = 0
    except CommandError as exc:
        code = exc.returncode
    return code, out.getvalue().strip().splitlines()


def test_entries_form_one_chain_from_genesis(register):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
        assert after.at >= before.at
    assert all(entry_hash(values_of(e), e.prev_hash) == e.hash for e in entries)


def test_intact_register_verifies_with_exit_zero_and_is_logged(register):
    code, lines = run_verify()
    assert code == 0
    assert lines == ["登记簿完好：6条，链头第6条 " + AuditEntry.objects.get(seq=6).hash[:16] + "。"]
    check = ChainCheck.objects.get()
    assert check.intact and check.entries == 6 and check.head_hash == AuditEntry.objects.get(seq=6).hash


def test_edited_entry_is_found(register):
    with triggers_lifted() as cursor:
        cursor.execute("UPDATE audit_auditentry SET comment = %s WHERE seq = 3", ["改过的意见"])
    code, lines = run_verify()
    assert code == 1
    assert len(lines) == 2 and "第3条" in lines[0] and "被修改" in lines[0]
    assert lines[-1].startswith("登记簿已被篡改：发现1处问题")
    assert not ChainCheck.objects.get().intact


def test_edit_with_recomputed_hash_breaks_the_next_link(register):
    entry = AuditEntry.objects.get(seq=3)
    entry.actor_name = "别人"
    forged = entry_hash(values_of(entry), entry.prev_hash)
    with triggers_lifted() as cursor:
        cursor.execute("UPDATE audit_auditentry SET actor_name = %s, hash = %s WHERE seq = 3", ["别人", forged])
    code, lines = run_verify()
    assert code == 1
    assert "第4条" in lines[0] and "链接断开" in lines[0]


def test_deleted_entries_are_found(register):
    with triggers_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq IN (2, 3)")
    code, lines = run_verify()
    assert code == 1
    assert lines[0] == "第2–3条缺失：条目被删除。"


def test_forged_insert_is_found(register, county):
    head = AuditEntry.objects.get(seq=6)
    with connection.cursor() as cursor:  # no trigger stops an INSERT: the chain must
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_name, action, object_type, object_id, from_state, to_state,"
            " comment, data, seq, prev_hash, hash) VALUES (%s, '局长', 'foi.register', 'foi.disclosurerequest',"
            " '99', '', 'registered', '', '{}', 7, %s, %s)",
            [head.at - dt.timedelta(days=330), head.hash, "f" * 64],
        )
    code, lines = run_verify()
    assert code == 1
    assert any("第7条" in line and "被修改" in line for line in lines)
    assert any("第7条" in line and "倒签" in line for line in lines)


def test_back_dated_insert_with_a_correct_hash_is_found(register):
    head = AuditEntry.objects.get(seq=6)
    forged = AuditEntry(at=head.at - dt.timedelta(days=330), actor_name="局长", action="foi.register",
                        object_type="foi.disclosurerequest", object_id="99", seq=7, prev_hash=head.hash)
    forged.data = {}
    forged.hash = entry_hash(values_of(forged), head.hash)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_name, action, object_type, object_id, from_state, to_state,"
            " comment, data, seq, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, '', '', '', '{}', %s, %s, %s)",
            [forged.at, forged.actor_name, forged.action, forged.object_type, forged.object_id, 7, head.hash,
             forged.hash],
        )
    code, lines = run_verify()
    assert code == 1
    assert lines[0].startswith("第7条") and "倒签" in lines[0]


def test_truncated_tail_is_found_against_the_anchor(register, county):
    write_anchor()
    with triggers_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq >= 5")
    code, lines = run_verify()
    assert code == 1
    assert "之后的条目被截断" in lines[0] and "现只有4条" in lines[0]


def test_truncated_register_is_found_against_an_offline_anchor_copy(register, tmp_path, settings):
    offline = tmp_path / "offline.jsonl"
    write_anchor(offline)
    settings.GONGKAI_AUDIT_ANCHOR_FILE = tmp_path / "gone.jsonl"  # the server's own copy was removed too
    with triggers_lifted() as cursor:
        cursor.execute("TRUNCATE audit_auditentry" if connection.vendor == "postgresql" else "DELETE FROM audit_auditentry")
    assert run_verify()[0] == 0  # an empty register alone looks intact ...
    code, lines = run_verify("--anchors", str(offline))  # ... the operator's copy says otherwise
    assert code == 1
    assert "现只有0条" in lines[0]


def test_rewritten_chain_is_found_against_the_anchor(register):
    write_anchor()
    prev = GENESIS
    with triggers_lifted() as cursor:
        for entry in AuditEntry.objects.order_by("seq"):
            entry.comment = "重写"
            entry.prev_hash = prev
            entry.hash = entry_hash(values_of(entry), prev)
            cursor.execute("UPDATE audit_auditentry SET comment = %s, prev_hash = %s, hash = %s WHERE id = %s",
                           ["重写", entry.prev_hash, entry.hash, entry.pk])
            prev = entry.hash
    code, lines = run_verify()
    assert code == 1
    assert lines == [lines[0], lines[-1]] and "整体改写" in lines[0]


def test_write_anchor_appends_the_head_and_verify_accepts_it(register, anchors):
    code, lines = run_verify("--write-anchor")
    assert code == 0 and lines[-1].startswith("已写入锚点：第6条")
    record(actor="办理人", action="publish", obj=AuditEntry.objects.first(), comment="之后")
    code, lines = run_verify()
    assert code == 0 and "核对锚点1个" in lines[-1]
    saved = [json.loads(line) for line in anchors.read_text().splitlines()]
    assert saved[0]["seq"] == 6 and saved[0]["hash"] == AuditEntry.objects.get(seq=6).hash


def test_a_bad_anchor_file_is_a_usage_error(register, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", "--anchors", str(bad), stdout=io.StringIO())
    assert excinfo.value.returncode == 2 and "第1行" in str(excinfo.value)


def test_database_refuses_update_delete_and_truncate(register):
    statements = ["UPDATE audit_auditentry SET comment = 'x'", "DELETE FROM audit_auditentry"]
    if connection.vendor == "postgresql":
        statements.append("TRUNCATE audit_auditentry")
        with connection.cursor() as cursor:  # run this transaction's deferred checks, or TRUNCATE refuses first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for sql in statements:
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 6


def test_saving_an_existing_entry_is_refused(register):
    with pytest.raises(AppendOnlyError):
        register[0].save()


def test_duplicate_place_in_the_chain_is_refused(register):
    head = AuditEntry.objects.get(seq=6)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_name, action, object_type, object_id, from_state, to_state,"
            " comment, data, seq, prev_hash, hash) VALUES (%s, '', 'x', 'x', '1', '', '', '', '{}', 6, %s, %s)",
            [head.at, head.prev_hash, head.hash],
        )


def test_bulk_created_entries_are_chained_in_order(register, county):
    now = AuditEntry.objects.get(seq=6).at - dt.timedelta(hours=1)  # given times never run backwards
    AuditEntry.objects.bulk_create(
        [AuditEntry(actor_name="导入程序", org=county, action="document.import", object_type="documents.document",
                    object_id=str(i), at=now, data={"line": i}) for i in range(3)]
    )
    assert list(AuditEntry.objects.order_by("seq").values_list("object_id", flat=True))[-3:] == ["0", "1", "2"]
    assert run_verify()[0] == 0
