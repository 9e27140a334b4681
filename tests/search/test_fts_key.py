"""The SQLite FTS rowid key (publication day, then document id) and migration 0006 that rekeys an
existing index. Run on a private in-memory sqlite3 database, so they hold whichever backend the
suite uses."""

import datetime
import importlib
import sqlite3

import pytest

from gongkai.search.backends.sqlite import ROWID_SPAN, ROWID_SQL, fts_rowid

m0006 = importlib.import_module("gongkai.search.migrations.0006_recent_first")

D = datetime.date


@pytest.mark.parametrize(
    "published_on,document_id,expected",
    [
        (D(1, 1, 1), 1, 1 * ROWID_SPAN + 1),
        (D(2023, 6, 3), 42, D(2023, 6, 3).toordinal() * ROWID_SPAN + 42),
        (None, 7, 7),
        (D(9999, 12, 31), ROWID_SPAN - 1, D(9999, 12, 31).toordinal() * ROWID_SPAN + ROWID_SPAN - 1),
    ],
)
def test_fts_rowid(published_on, document_id, expected):
    key = fts_rowid(published_on, document_id)
    assert key == expected and key % ROWID_SPAN == document_id and key < 2**63


def test_newer_day_beats_any_id_and_same_day_orders_by_id():
    assert fts_rowid(D(2024, 1, 2), 1) > fts_rowid(D(2024, 1, 1), ROWID_SPAN - 1)
    assert fts_rowid(D(2024, 1, 1), 6) > fts_rowid(D(2024, 1, 1), 5) > fts_rowid(None, ROWID_SPAN - 1)


@pytest.mark.parametrize("document_id", [0, -1, ROWID_SPAN])
def test_fts_rowid_refuses_ids_it_cannot_encode(document_id):
    with pytest.raises(ValueError):
        fts_rowid(D(2024, 1, 1), document_id)


@pytest.fixture
def old_index():
    """A pre-0006 index: FTS rowid = document id, with the old delete trigger."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE search_searchentry (document_id integer PRIMARY KEY, published_on date NULL)")
    conn.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, meta, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute(
        "CREATE TRIGGER search_entry_delete AFTER DELETE ON search_searchentry "
        "BEGIN DELETE FROM search_fts WHERE rowid = old.document_id; END"
    )
    rows = [(1, "2014-03-05", "旧 通知"), (2, None, "无 日期"), (3, "2025-12-31", "新 通知"), (4, "2024-02-29", "闰日")]
    for doc_id, day, title in rows:
        conn.execute("INSERT INTO search_searchentry VALUES (?, ?)", (doc_id, day))
        conn.execute("INSERT INTO search_fts (rowid, title, body, meta) VALUES (?, ?, '', '')", (doc_id, title))
    yield conn, rows
    conn.close()


def test_sql_key_matches_python_key(old_index):
    conn, rows = old_index
    got = dict(conn.execute(f"SELECT e.document_id, {ROWID_SQL.format(row='e')} FROM search_searchentry e"))
    assert got == {i: fts_rowid(D.fromisoformat(day) if day else None, i) for i, day, _t in rows}


def test_migration_rekeys_and_keeps_texts_then_reverses(old_index):
    conn, rows = old_index
    for sql in m0006.SQLITE_UP:
        conn.execute(sql)
    found = dict(conn.execute("SELECT rowid, title FROM search_fts"))
    assert found == {fts_rowid(D.fromisoformat(day) if day else None, i): t for i, day, t in rows}
    newest_first = [r[0] % ROWID_SPAN for r in conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH '通知' ORDER BY rowid DESC")]
    assert newest_first == [3, 1]
    conn.execute("DELETE FROM search_searchentry WHERE document_id IN (2, 4)")  # the new trigger finds the new keys
    assert sorted(r[0] % ROWID_SPAN for r in conn.execute("SELECT rowid FROM search_fts")) == [1, 3]
    for sql in m0006.SQLITE_DOWN:
        conn.execute(sql)
    assert dict(conn.execute("SELECT rowid, title FROM search_fts")) == {1: "旧 通知", 3: "新 通知"}
    conn.execute("DELETE FROM search_searchentry WHERE document_id = 1")
    assert [r[0] for r in conn.execute("SELECT rowid FROM search_fts")] == [3]
