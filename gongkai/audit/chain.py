"""The register's hash chain: canonical content, entry hashes, and the lock on the chain head.

One global chain (decision 14 in docs/decisions.md): entry ``seq`` n+1 stores the hash of entry n as
``prev_hash``, and its own ``hash`` is SHA-256 over ``prev_hash`` and its canonical content. New entries
take the head under a lock held until their transaction ends, so two writers never give two entries the
same predecessor: on PostgreSQL a transaction-level advisory lock, on SQLite the database write lock that
every ``BEGIN IMMEDIATE`` transaction already holds (settings.py). The unique ``seq`` is a second guard.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connections, transaction
from django.utils import timezone

GENESIS = "0" * 64
# pg_advisory_xact_lock key: the bytes of "gongkai" read as an integer.
LOCK_KEY = int.from_bytes(b"gongkai", "big")
CONTENT_FIELDS = (
    "seq", "at", "actor_id", "actor_name", "org_id", "action", "object_type", "object_id",
    "from_state", "to_state", "comment", "data",
)


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalize_data(data: Any) -> Any:
    """The value a JSON column gives back (tuples become lists, keys strings); hashes use this form."""
    return json.loads(json.dumps(data if data is not None else {}, ensure_ascii=False))


def canonical(values: Mapping[str, Any]) -> bytes:
    """One entry's content as bytes that do not depend on the engine or on key order."""
    content = {name: values[name] for name in CONTENT_FIELDS}
    content["at"] = _timestamp(content["at"])
    content["data"] = normalize_data(content["data"])
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def entry_hash(values: Mapping[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(values)).hexdigest()


def values_of(entry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in CONTENT_FIELDS}


def head(using: str = "default") -> tuple[int, str, dt.datetime | None]:
    """(seq, hash, at) of the last entry, (0, GENESIS, None) for an empty register. No lock."""
    # Looked up by name: models.py imports this module, so an import back would be a cycle.
    last = apps.get_model("audit", "AuditEntry").objects.using(using).order_by("-seq").values_list("seq", "hash", "at").first()
    return last if last else (0, GENESIS, None)


def lock_head(using: str = "default") -> tuple[int, str, dt.datetime | None]:
    """Take the chain lock for the current transaction and return the head it protects."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("the register's chain head can only be taken inside a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    # SQLite: the transaction began with BEGIN IMMEDIATE and so already holds the only write lock.
    return head(using)


def link(entries: Iterable, seq: int, prev_hash: str, prev_at: dt.datetime | None) -> tuple[int, str]:
    """Give ``entries`` consecutive places after (seq, prev_hash); times never run backwards."""
    for entry in entries:
        seq += 1
        entry.at = entry.at or timezone.now()
        if prev_at is not None and entry.at < prev_at:
            entry.at = prev_at
        entry.data = normalize_data(entry.data)
        entry.seq, entry.prev_hash = seq, prev_hash
        entry.hash = entry_hash(values_of(entry), prev_hash)
        prev_hash, prev_at = entry.hash, entry.at
    return seq, prev_hash


@contextmanager
def chained(using: str, entries: list) -> Iterator[None]:
    """Inside one transaction: lock the head, link ``entries`` after it, and let the caller insert them."""
    with transaction.atomic(using=using):
        seq, prev_hash, prev_at = lock_head(using)
        link(entries, seq, prev_hash, prev_at)
        yield
