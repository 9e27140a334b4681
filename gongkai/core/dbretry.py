"""Retry a whole transaction through transient database errors, for public submissions.

When PostgreSQL restarts (connection refused, "the database system is starting up", sessions
terminated), when a serializable transaction loses a race, or when SQLite's one writer holds the lock,
the citizen's submission is not wrong: it only came at a bad moment. ``run_in_transaction`` runs the
given function in ``transaction.atomic()`` and, on such an error, drops the broken connection, waits
with exponential backoff and jitter, and runs it again, until the configured window
(``GONGKAI_DB_RETRY_WINDOW``, default 15 s, counted from the first failure) is used up. Only then does it raise ``DatabaseUnavailable``,
which the view answers with 503 — and which must not count against the client's rate limit.

The function must do database work only (no mail, no files): it may run several times. Work that
follows the commit goes through tasks (``transaction.on_commit``), which run once, after the commit.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections, transaction

logger = logging.getLogger(__name__)
T = TypeVar("T")

# SQLSTATEs worth another try: serialization failure, deadlock, lock timeout, and the server going
# away or coming back (admin/crash shutdown, cannot connect now, connection failures).
TRANSIENT_SQLSTATES = frozenset({
    "40001", "40P01", "55P03", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
})
SQLITE_TRANSIENT = ("database is locked", "database table is locked", "database is busy")


class DatabaseUnavailable(Exception):  # noqa: N818 - the condition, not a fault of the caller
    """The database stayed unavailable for the whole retry window."""

    def __init__(self, attempts: int, waited: float, last: BaseException) -> None:
        super().__init__(f"database unavailable after {attempts} attempts in {waited:.1f} s: {last}")
        self.attempts, self.waited, self.last = attempts, waited, last


def is_transient(exc: BaseException, vendor: str) -> bool:
    """True for errors that a later identical attempt may not meet."""
    if not isinstance(exc, (OperationalError, InterfaceError)):
        return False
    if vendor == "sqlite":
        return any(text in str(exc).lower() for text in SQLITE_TRANSIENT)
    cause = exc.__cause__
    state = getattr(cause, "sqlstate", None)
    if state is None:
        # No SQLSTATE: the connection itself failed (refused, reset, closed by a restarting server).
        return True
    return state in TRANSIENT_SQLSTATES


def run_in_transaction(fn: Callable[[], T], *, window: float | None = None, using: str = "default") -> T:
    """Run ``fn()`` in one transaction, retried through transient errors for ``window`` seconds."""
    if window is None:
        window = float(getattr(settings, "GONGKAI_DB_RETRY_WINDOW", 15.0))
    connection = connections[using]
    if connection.in_atomic_block:
        # Inside an outer transaction a retry would repeat only part of the work: let the caller decide.
        with transaction.atomic(using=using):
            return fn()
    first_failure = None
    delay, attempts = 0.05, 0
    while True:
        attempts += 1
        try:
            with transaction.atomic(using=using):
                return fn()
        except (OperationalError, InterfaceError) as exc:
            if not is_transient(exc, connection.vendor):
                raise
            # The window opens at the first failure: on SQLite that failure already took the busy
            # timeout (20 s), and the retries come on top of it.
            first_failure = first_failure or time.monotonic()
            waited = time.monotonic() - first_failure
            if waited >= window:
                logger.warning("giving up after %d attempts in %.1f s: %s", attempts, waited, exc)
                raise DatabaseUnavailable(attempts, waited, exc) from exc
            if _connection_lost(exc, connection.vendor):
                _drop(connection)
            pause = min(delay * random.uniform(0.5, 1.5), max(0.0, window - waited))  # noqa: S311
            logger.info("transient database error (attempt %d), retrying in %.2f s: %s", attempts, pause, exc)
            time.sleep(pause)
            delay = min(delay * 2, 1.0)


def _connection_lost(exc: BaseException, vendor: str) -> bool:
    """A lost or terminated session (reconnect) rather than a lock or a lost race (same session)."""
    if vendor == "sqlite":
        return False
    state = getattr(exc.__cause__, "sqlstate", None)
    return state is None or state.startswith(("08", "57"))


def _drop(connection) -> None:
    """Forget a connection that may be broken; the next query opens a new one."""
    try:
        connection.close()
    except DatabaseError:
        connection.connection = None
