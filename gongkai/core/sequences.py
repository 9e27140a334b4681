"""The one sequence-number service: 索引号, request numbers, message and error-report numbers.

Locking strategy (the same on PostgreSQL and SQLite): the counter row of a key is created race-free
(insert-or-ignore), then locked with SELECT … FOR UPDATE and advanced inside the caller's
transaction, so concurrent writers queue on that one row and a rolled-back transaction gives its
numbers back (gap-free). On SQLite every transaction is BEGIN IMMEDIATE (settings), which serializes
writers the same way. Numbers already taken by imported rows can be skipped with ``taken``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from .models import Sequence


def reserve(key: str, count: int = 1, *, taken: Callable[[int], bool] | None = None) -> int:
    """Reserve ``count`` consecutive numbers under ``key``; returns the first.

    Call inside the transaction that stores the numbered rows: the row lock is held until it ends.
    ``taken(n)`` (only with ``count == 1``) says whether ``n`` is already used elsewhere, e.g. by an
    imported ledger, and is then skipped.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    if taken is not None and count != 1:
        raise ValueError("taken works with count == 1 only")
    with transaction.atomic():
        Sequence.objects.bulk_create([Sequence(key=key, last=0)], ignore_conflicts=True)
        row = Sequence.objects.select_for_update().get(key=key)
        first = row.last + 1
        while taken is not None and taken(first):
            first += 1
        row.last = first + count - 1
        row.save(update_fields=["last"])
        return first


def advance_to(key: str, last: int) -> None:
    """Make sure the next number under ``key`` is above ``last`` (seeded or imported numbers)."""
    with transaction.atomic():
        Sequence.objects.bulk_create([Sequence(key=key, last=0)], ignore_conflicts=True)
        row = Sequence.objects.select_for_update().get(key=key)
        if row.last < last:
            row.last = last
            row.save(update_fields=["last"])


def last(key: str) -> int:
    """The last number issued under ``key`` (0 if none)."""
    return Sequence.objects.filter(key=key).values_list("last", flat=True).first() or 0
