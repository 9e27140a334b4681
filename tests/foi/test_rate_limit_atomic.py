"""The submission limit holds under concurrency: 30 simultaneous submissions, limit 10, exactly 10 admitted."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from gongkai.core import ratelimit


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_admit_exactly_the_limit(settings):
    settings.GONGKAI_FOI_RATE_LIMIT = 10
    threads_n, per_thread = (10, 3) if connection.vendor == "postgresql" else (6, 5)
    admitted: list[bool] = []
    errors: list[BaseException] = []
    start = threading.Barrier(threads_n)

    def one() -> bool:
        for _ in range(200):
            try:
                return ratelimit.allow_submission("198.51.100.23")
            except OperationalError as exc:  # SQLite's shared-cache test database fails a locked table at once
                if connection.vendor != "sqlite" or "locked" not in str(exc):
                    raise
                time.sleep(0.002)
        raise AssertionError("the counter kept failing")

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                admitted.append(one())
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
    assert len(admitted) == 30 and admitted.count(True) == 10


@pytest.mark.django_db
def test_wrong_query_codes_block_after_the_limit(settings):
    settings.GONGKAI_FOI_TRACK_FAILURES = 3
    for _ in range(3):
        assert not ratelimit.tracking_blocked("203.0.113.4")
        ratelimit.record_failed_tracking("203.0.113.4")
    assert ratelimit.tracking_blocked("203.0.113.4")
    assert not ratelimit.tracking_blocked("203.0.113.5")
