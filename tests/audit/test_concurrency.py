"""Concurrent writers never fork the chain: each takes the head under the chain lock until it commits."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record
from gongkai.audit.verify import verify


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_build_one_unbroken_chain(county, clear_register_after):
    threads_n, per_thread = (8, 25) if connection.vendor == "postgresql" else (4, 10)
    errors: list[BaseException] = []
    start = threading.Barrier(threads_n)

    def write_one(n: int, i: int) -> None:
        for _attempt in range(200):
            try:
                with transaction.atomic():
                    record(actor=f"线程{n}", action="publish", obj=county, comment=str(i))
                    time.sleep(0.002)  # more work in the same transaction, after the head was taken
                return
            except OperationalError as exc:
                # SQLite's shared-cache in-memory test database fails a locked table at once instead of
                # waiting; the transaction rolled back whole, so trying again leaves no gap.
                if connection.vendor != "sqlite" or "locked" not in str(exc):
                    raise
                time.sleep(0.005)
        raise AssertionError("record kept failing")

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                write_one(n, i)
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    total = threads_n * per_thread
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    report = verify(save=False)
    assert report.intact, report.problems
    assert report.entries == total
