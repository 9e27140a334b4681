"""Background work for every domain app: the Django Tasks API on a ledger, carried by a real engine.

Define a task with ``from gongkai.jobs import task`` (the Tasks API's decorator; on Django 6 it is
``django.tasks.task``) and enqueue it with ``my_task.enqueue(...)``. Extra options of the ledger:
``label`` (Chinese name for staff), ``key`` (idempotency key template), ``max_attempts``, ``backoff``,
``lease``. Inside a task, ``progress()`` and ``problem()`` report to the user who started it
(``with started_by(user): …enqueue()``); ``mail.send_once`` sends an e-mail at most once per key.
See docs/architecture.md and docs/deployment.md.
"""

from django_tasks import task

from .backend import UnserializableArguments

__all__ = ["task", "UnserializableArguments", "progress", "problem", "started_by", "Permanent"]


def __getattr__(name: str):
    # The runner imports models: load it only once the app registry is ready.
    if name in {"progress", "problem", "started_by", "Permanent"}:
        from . import runner

        return getattr(runner, name)
    raise AttributeError(name)
