"""Files written during a write transaction are removed again when that transaction rolls back.

Storage is not transactional: a letter's PDF or an uploaded scan saved inside ``transaction.atomic()``
would stay on disk, pointed to by no row, if a later step of the same service failed. Services wrap
their transaction::

    with files.removed_on_rollback(), transaction.atomic():
        ...
        attachment.file.save(name, content)
        files.written(attachment.file)

and every file registered with ``written`` inside is deleted if the block raises. The services are
the outermost transaction in the product (no ATOMIC_REQUESTS), so the block's failure is the
rollback.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterator
from functools import wraps
from typing import ParamSpec, TypeVar

from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

P = ParamSpec("P")
R = TypeVar("R")

logger = logging.getLogger(__name__)
_written: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "gongkai_files_written", default=None)


@contextlib.contextmanager
def removed_on_rollback() -> Iterator[None]:
    """Delete the files registered with ``written`` inside this block if the block raises."""
    outer = _written.get()
    mine: list[tuple[Storage, str]] = []
    token = _written.set(mine)
    try:
        yield
    except BaseException:
        for storage, name in mine:
            try:
                storage.delete(name)
            except OSError:  # the rollback must still surface its own error
                logger.exception("could not remove %s after a rolled-back transaction", name)
        raise
    else:
        if outer is not None:  # nested: the outer block decides
            outer.extend(mine)
    finally:
        _written.reset(token)


def written(*fields: FieldFile) -> None:
    """Register stored files for removal should the enclosing ``removed_on_rollback`` block fail."""
    pending = _written.get()
    if pending is None:
        return
    pending.extend((f.storage, f.name) for f in fields if f and f.name)


def atomic(func: Callable[P, R]) -> Callable[P, R]:
    """``transaction.atomic`` for a service that stores files: they are removed if it rolls back."""

    @wraps(func)
    def inner(*args: P.args, **kwargs: P.kwargs) -> R:
        with removed_on_rollback(), transaction.atomic():
            return func(*args, **kwargs)

    return inner
