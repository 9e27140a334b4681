"""A public submission survives transient database errors: real locks and a real killed session."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from gongkai.core.dbretry import DatabaseUnavailable, is_transient, run_in_transaction
from gongkai.jobs.models import SentMessage

pytestmark = pytest.mark.django_db(transaction=True)


def _insert(key: str):
    def work():
        if connection.vendor == "postgresql":  # a waiting statement fails fast, as on a busy SQLite
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '100ms'")
        return SentMessage.objects.create(key=key, subject="s", message_id=f"<{key}@x>")
    return work


class _Locker(threading.Thread):
    """A second connection that holds the write lock on SentMessage's table for ``seconds``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(daemon=True)
        self.seconds, self.locked = seconds, threading.Event()

    def run(self) -> None:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            name = settings["NAME"]
            conn = sqlite3.connect(name, uri=name.startswith("file:"), isolation_level=None, check_same_thread=False)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE jobs_sentmessage SET attempts = attempts")
            self.locked.set()
            time.sleep(self.seconds)
            conn.execute("ROLLBACK")
        else:
            import psycopg

            conn = psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                                   user=settings["USER"], dbname=settings["NAME"])
            conn.execute("LOCK TABLE jobs_sentmessage IN ACCESS EXCLUSIVE MODE")
            self.locked.set()
            time.sleep(self.seconds)
            conn.rollback()
        conn.close()


def test_a_held_lock_is_waited_out_within_the_window():
    locker = _Locker(1.0)
    locker.start()
    locker.locked.wait(5)
    started = time.monotonic()
    row = run_in_transaction(_insert("a"), window=10)
    assert row.pk and SentMessage.objects.filter(key="a").count() == 1
    assert time.monotonic() - started >= 0.5  # it did wait for the lock
    locker.join()


def test_after_the_window_the_answer_is_database_unavailable_and_nothing_is_stored():
    locker = _Locker(2.5)
    locker.start()
    locker.locked.wait(5)
    with pytest.raises(DatabaseUnavailable) as error:
        run_in_transaction(_insert("b"), window=0.5)
    assert error.value.attempts >= 2
    locker.join()
    assert not SentMessage.objects.filter(key="b").exists()


def _test_a_session_killed_by_the_server_is_reconnected_and_the_work_done_once():
    import psycopg

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                         user=settings["USER"], dbname=settings["NAME"], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))  # what a server restart does to it
    run_in_transaction(_insert("c"), window=5)
    assert SentMessage.objects.filter(key="c").count() == 1
    assert connection.connection.info.backend_pid != pid


if os.environ.get("GONGKAI_DATABASE_URL"):  # a server-side session exists on PostgreSQL only
    test_a_session_killed_by_the_server_is_reconnected_and_the_work_done_once = (
        _test_a_session_killed_by_the_server_is_reconnected_and_the_work_done_once)


def test_errors_that_would_repeat_are_not_retried():
    run_in_transaction(_insert("d"))
    started = time.monotonic()
    with pytest.raises(IntegrityError):
        run_in_transaction(_insert("d"), window=5)
    assert time.monotonic() - started < 1


def test_inside_an_outer_transaction_there_is_no_partial_retry():
    locker = _Locker(1.0)
    locker.start()
    locker.locked.wait(5)
    with pytest.raises(Exception) as error, transaction.atomic():
        run_in_transaction(_insert("e"), window=10)
    assert not isinstance(error.value, DatabaseUnavailable)
    locker.join()


@pytest.mark.parametrize(("vendor", "message", "expected"), [
    ("sqlite", "database is locked", True),
    ("sqlite", "no such table: foi_disclosurerequest", False),
    ("postgresql", "connection refused", True),
])
def test_which_errors_count_as_transient(vendor, message, expected):
    from django.db import OperationalError

    assert is_transient(OperationalError(message), vendor) is expected
    assert is_transient(IntegrityError(message), vendor) is False
