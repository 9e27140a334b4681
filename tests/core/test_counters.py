"""Atomic rate counters in the database (core/counters.py)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from gongkai.core import counters

pytestmark = pytest.mark.django_db


def test_a_window_opens_at_the_first_hit_and_closes_after_its_length():
    assert [counters.hit("k", 60, now=1000 + i) for i in range(3)] == [1, 2, 3]
    assert counters.current("k", 60, now=1059) == 3
    assert counters.current("k", 60, now=1060) == 0  # closed
    assert counters.hit("k", 60, now=1061) == 1  # a new window
    assert counters.current("k", 60, now=1062) == 1


def test_keys_count_separately_and_reset():
    counters.hit("a", 60, now=1)
    counters.hit("a", 60, now=2)
    assert counters.hit("b", 60, now=3) == 1
    counters.reset("a")
    assert counters.current("a", 60, now=4) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_never_lost():
    threads_n, per_thread = (10, 3) if connection.vendor == "postgresql" else (6, 5)
    counts: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads_n)

    def one() -> int:
        for _ in range(200):
            try:
                return counters.hit("burst", 3600)
            except OperationalError as exc:  # SQLite's shared-cache test database fails a locked table at once
                if connection.vendor != "sqlite" or "locked" not in str(exc):
                    raise
                time.sleep(0.002)
        raise AssertionError("hit kept failing")

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                counts.append(one())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    total = threads_n * per_thread
    assert sorted(counts) == list(range(1, total + 1))  # every hit got its own number: none lost, none doubled
    assert sum(1 for c in counts if c <= 10) == 10  # so a limit of 10 admits exactly 10 of 30
