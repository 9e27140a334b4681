"""The engine workers that `gongkai worker` starts: the database queue's, or RQ's."""

from __future__ import annotations

import os

from django.conf import settings
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

from .config import QUEUES


def engine_name() -> str:
    backend = type(task_backends["engine"])
    return {"DatabaseBackend": "db", "RQBackend": "rq", "ImmediateBackend": "immediate"}.get(
        backend.__name__, backend.__name__)


def run_engine_worker() -> None:
    """Run one engine worker in this process until SIGTERM (a running task is finished first)."""
    name = engine_name()
    if name == "db":
        from django.utils.crypto import get_random_string
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(queue_names=["*"], interval=float(os.environ.get("GONGKAI_WORKER_POLL", "0.5")),
                        batch=False, backend_name="engine", startup_delay=True, max_tasks=None,
                        worker_id=get_random_string(32), excluded_queue_names=[])
        worker.configure_signals()
        worker.run()
    elif name == "rq":
        import django_rq
        from django_rq.utils import reset_db_connections

        worker = django_rq.get_worker(*QUEUES, job_class="django_tasks_rq.backend.Job")
        reset_db_connections()  # the work horses are forked: they must open their own connections
        worker.work(with_scheduler=True, logging_level=getattr(settings, "GONGKAI_LOG_LEVEL", "WARNING"))
    elif isinstance(task_backends["engine"], ImmediateBackend):
        raise SystemExit("GONGKAI_TASKS_ENGINE=immediate 时任务在调用处立即执行，无需 gongkai worker。")
