"""A submission while the database cannot write gets a clear 503 and stores nothing; concurrent numbering."""

import json
import sqlite3
import threading
import time

import pytest
from django.db import connection, connections

from gongkai.audit.models import AuditEntry
from gongkai.foi.models import DisclosureRequest

URL = "/api/v1/requests"


def _post(client, payload, ip="10.1.1.1"):
    return client.post(URL, data=json.dumps(payload), content_type="application/json", REMOTE_ADDR=ip)


class _WriteLock:
    """A second connection that holds the write lock of the test database."""

    def __enter__(self):
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            name = settings["NAME"]
            self.conn = sqlite3.connect(name, uri=name.startswith("file:"), timeout=0.1, isolation_level=None)
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("UPDATE core_sequence SET last = last")
        else:
            import psycopg

            self.conn = psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                                        user=settings["USER"], dbname=settings["NAME"])
            self.conn.execute("LOCK TABLE core_sequence, foi_disclosurerequest IN ACCESS EXCLUSIVE MODE")
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '300ms'")
        return self

    def __exit__(self, *exc):
        self.conn.rollback() if connection.vendor != "sqlite" else self.conn.execute("ROLLBACK")
        self.conn.close()
        if connection.vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")


@pytest.mark.django_db(transaction=True)
def test_submission_during_a_held_write_lock_is_503_and_not_half_stored(client, payload, settings,
                                                                        clear_register_after):
    # SQLite's shared-cache test database refuses a locked write at once; PostgreSQL waits lock_timeout.
    settings.GONGKAI_DB_RETRY_WINDOW = 0.3  # the lock outlasts the retry window
    audit_before = AuditEntry.objects.count()
    with _WriteLock():
        response = _post(client, payload)
    assert response.status_code == 503
    assert "未被保存" in response.json()["errors"]["__all__"]
    assert DisclosureRequest.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    # Once the lock is gone the same submission goes through.
    assert _post(client, payload).status_code == 201


@pytest.mark.django_db(transaction=True)
def test_a_lock_released_within_the_retry_window_costs_the_applicant_only_a_wait(client, payload,
                                                                                clear_register_after):
    locked = threading.Event()

    def hold() -> None:  # a writer that keeps the lock for a second (own thread, own connection)
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            name = settings["NAME"]
            conn = sqlite3.connect(name, uri=name.startswith("file:"), isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE core_sequence SET last = last")
            locked.set()
            time.sleep(1.0)
            conn.execute("ROLLBACK")
        else:
            import psycopg

            conn = psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                                   user=settings["USER"], dbname=settings["NAME"])
            conn.execute("LOCK TABLE core_sequence, foi_disclosurerequest IN ACCESS EXCLUSIVE MODE")
            locked.set()
            time.sleep(1.0)
            conn.rollback()
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(5)
    started = time.monotonic()
    response = _post(client, payload)
    assert response.status_code == 201 and time.monotonic() - started >= 0.8
    assert DisclosureRequest.objects.filter(number=response.json()["number"]).count() == 1
    assert AuditEntry.objects.filter(action="foi.submitted").count() == 1
    holder.join()


@pytest.mark.django_db(transaction=True)
def test_a_503_does_not_count_against_the_rate_limit(client, payload, settings, clear_register_after):
    settings.GONGKAI_DB_RETRY_WINDOW, settings.GONGKAI_FOI_RATE_LIMIT = 0.3, 1
    with _WriteLock():
        assert _post(client, payload, ip="10.9.9.9").status_code == 503
    assert _post(client, payload, ip="10.9.9.9").status_code == 201  # its one try was not used up
    assert _post(client, payload, ip="10.9.9.9").status_code == 429


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_numbers(payload, settings, clear_register_after):
    """200 concurrent submissions on PostgreSQL all succeed at once with unique numbers.

    On SQLite (embedded default, one writer at a time) a submission that meets a held lock gets 503 and
    the applicant resubmits; every stored request still has its own number and nothing is half-stored.
    """
    from django.test import Client

    postgres = connection.vendor == "postgresql"
    threads_n, per_thread = (20, 10) if postgres else (4, 10)
    settings.GONGKAI_FOI_RATE_LIMIT = 1000
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads_n)

    def submit_one(client, ip):
        for _attempt in range(200):
            response = _post(client, payload, ip=ip)
            with lock:
                statuses.append(response.status_code)
            if response.status_code != 503 or postgres:
                return
            time.sleep(0.005)

    def worker(i: int) -> None:
        try:
            client = Client()
            start.wait()
            for _ in range(per_thread):
                submit_one(client, f"10.2.{i}.1")
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = threads_n * per_thread
    assert errors == []
    assert statuses.count(201) == total and set(statuses) <= {201, 503}
    if postgres:
        assert set(statuses) == {201}
    numbers = list(DisclosureRequest.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == total
    assert AuditEntry.objects.filter(action="foi.submitted").count() == total
