"""Running one ledger job: claim it, run it under a heartbeat, record the outcome, schedule a retry.

``run_job`` is the only task the engines ever carry. A claim is a conditional UPDATE, so a second
doorbell for the same job (a re-ring after a lost one, two workers polling) runs nothing twice; a
worker that dies (``kill -9``) stops its heartbeat, its lease runs out and the sweep hands the job
to another worker. Tasks must therefore be idempotent: ``gongkai.jobs.mail.send_once`` for mail,
and a state check before drawing a number.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import os
import random
import socket
import threading
import time
import traceback
import uuid
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import normalize_json

from .backend import LedgerTask, backoff_seconds, current_owner, result_for, ring, started_by  # noqa: F401
from .models import Job, JobProblem, Status

logger = logging.getLogger(__name__)

_CURRENT: contextvars.ContextVar[_Run | None] = contextvars.ContextVar("gongkai_job", default=None)
DEFAULT_LEASE = 60.0
FLUSH_SECONDS = 0.5


class Permanent(Exception):  # noqa: N818 - reads as "raise Permanent(...)"
    """Raise from a task when retrying cannot help (the object is gone, the input is wrong)."""


@dataclass
class _Run:
    job_id: uuid.UUID
    token: str
    lease: float
    done: int = 0
    total: int | None = None
    note: str = ""
    problems: list[JobProblem] = field(default_factory=list)
    flushed_at: float = 0.0
    dirty: bool = False

    def flush(self) -> None:
        if self.problems:
            JobProblem.objects.bulk_create(self.problems)
            self.problems = []
        if self.dirty:
            Job.objects.filter(pk=self.job_id, claim_token=self.token).update(
                progress_done=self.done, progress_total=self.total, progress_note=self.note[:200],
                lease_until=timezone.now() + dt.timedelta(seconds=self.lease))
            self.dirty = False
        self.flushed_at = time.monotonic()

    def maybe_flush(self) -> None:
        if time.monotonic() - self.flushed_at >= FLUSH_SECONDS or len(self.problems) >= 200:
            self.flush()


def progress(done: int, total: int | None = None, note: str = "") -> None:
    """Report progress of the running task (written at most twice a second); a no-op outside a task."""
    run = _CURRENT.get()
    if run is None:
        return
    run.done, run.dirty = done, True
    if total is not None:
        run.total = total
    if note:
        run.note = note
    run.maybe_flush()


def problem(line: int | None, message: str) -> None:
    """Record a problem with one item (e.g. a line of an import) for the user who started the task."""
    run = _CURRENT.get()
    if run is None:
        logger.warning("line %s: %s", line, message)
        return
    run.problems.append(JobProblem(job_id=run.job_id, line=line, message=message))
    run.maybe_flush()


class _Heartbeat(threading.Thread):
    """Extends the claim's lease every third of it while the task runs (its own database connection)."""

    def __init__(self, job_id, token: str, lease: float) -> None:
        super().__init__(name=f"gongkai-job-heartbeat-{job_id}", daemon=True)
        self.job_id, self.token, self.lease = job_id, token, lease
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.lease / 3):
                try:
                    Job.objects.filter(pk=self.job_id, claim_token=self.token).update(
                        lease_until=timezone.now() + dt.timedelta(seconds=self.lease))
                except DatabaseError:
                    logger.warning("heartbeat of job %s failed; retrying", self.job_id, exc_info=True)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def _inline() -> bool:
    return isinstance(task_backends["default"].engine, ImmediateBackend)


def _resolve(job: Job) -> Task:
    found = import_string(job.task_path)
    if not isinstance(found, Task):
        raise Permanent(f"{job.task_path} 不是后台任务")
    return found


def worker_name() -> str:
    """host:pid of the process running a task (GONGKAI_WORKER_NAME names the machine if set)."""
    return f"{os.environ.get('GONGKAI_WORKER_NAME') or socket.gethostname()}:{os.getpid()}"


def claim(job_id, *, worker_id: str | None = None) -> tuple[Job, Task, str] | None:
    """Take the job for this worker, or None when it is not runnable now (done, taken, not yet due)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return None
    now = timezone.now()
    runnable = (job.status == Status.READY and job.run_after <= now) or (
        job.status == Status.RUNNING and job.lease_until is not None and job.lease_until < now
        and job.attempts < job.max_attempts)
    if not runnable:
        if job.status == Status.READY and job.run_after > now:
            ring(job.pk, run_after=job.run_after)  # an early doorbell: ring again for the due time
        return None
    try:
        found = _resolve(job)
    except (ImportError, Permanent) as exc:
        _finish_failed(job, job.claim_token, exc, retry_at=None)
        return None
    lease = found.lease if isinstance(found, LedgerTask) else DEFAULT_LEASE
    token = uuid.uuid4().hex
    taken = Job.objects.filter(pk=job.pk, status=job.status, claim_token=job.claim_token,
                               attempts=job.attempts).update(
        status=Status.RUNNING, claim_token=token, attempts=F("attempts") + 1, started_at=now,
        lease_until=now + dt.timedelta(seconds=lease), worker_ids=[*job.worker_ids, worker_id or worker_name()][-20:])
    if taken != 1:
        return None
    job.refresh_from_db()
    return job, found, token


def execute(job_id, *, worker_id: str | None = None) -> str:
    """Run the job if it can be claimed. Returns "succeeded", "retry", "failed" or "skipped"."""
    claimed = claim(job_id, worker_id=worker_id)
    if claimed is None:
        return "skipped"
    job, found, token = claimed
    lease = found.lease if isinstance(found, LedgerTask) else DEFAULT_LEASE
    run = _Run(job.pk, token, lease, flushed_at=time.monotonic())
    heartbeat = None if _inline() else _Heartbeat(job.pk, token, lease)
    if heartbeat:
        heartbeat.start()
    context_token = _CURRENT.set(run)
    result = result_for(job, found)
    task_started.send(type(found.get_backend()), task_result=result)
    try:
        # Inline (immediate engine) a task runs inside its caller's transaction: a savepoint keeps a
        # failing task from breaking it. In a worker there is no outer transaction to protect.
        guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
        with guard:
            if found.takes_context:
                value = found.call(TaskContext(task_result=result), *job.args, **job.kwargs)
            else:
                value = found.call(*job.args, **job.kwargs)
    except Exception as exc:  # noqa: BLE001 - recorded in the ledger, retried or listed for the admin
        _safe_flush(run)
        outcome = _failed(job, found, token, exc)
    else:
        _safe_flush(run)
        _finish_ok(job, token, value)
        outcome = "succeeded"
    finally:
        _CURRENT.reset(context_token)
        if heartbeat:
            heartbeat.stop()
    job.refresh_from_db()
    task_finished.send(type(found.get_backend()), task_result=result_for(job, found))
    return outcome


def _safe_flush(run: _Run) -> None:
    try:
        run.flush()
    except DatabaseError:
        logger.exception("could not store progress of job %s", run.job_id)


def _finish_ok(job: Job, token: str, value) -> None:
    try:
        stored = normalize_json(value)
    except (TypeError, ValueError):
        stored = repr(value)[:2000]
    updated = Job.objects.filter(pk=job.pk, claim_token=token).update(
        status=Status.SUCCESSFUL, finished_at=timezone.now(), return_value=stored, lease_until=None,
        error_class="", error_message="", traceback="")
    if not updated:
        logger.warning("job %s finished after its lease was taken over", job.pk)


def _failed(job: Job, found: Task, token: str, exc: Exception) -> str:
    retry = job.attempts < job.max_attempts and not isinstance(exc, Permanent)
    retry_at = None
    if retry:
        backoff = found.backoff if isinstance(found, LedgerTask) else 30.0
        delay = backoff_seconds(backoff, job.attempts, jitter=random.uniform(-1, 1))  # noqa: S311
        retry_at = timezone.now() + dt.timedelta(seconds=delay)
    _finish_failed(job, token, exc, retry_at=retry_at)
    if retry_at is not None:
        ring(job.pk, run_after=retry_at)
        return "retry"
    return "failed"


def _finish_failed(job: Job, token: str, exc: BaseException, *, retry_at) -> None:
    fields = dict(
        error_class=f"{type(exc).__module__}.{type(exc).__qualname__}"[:200],
        error_message=str(exc)[:2000] or type(exc).__name__,
        traceback="".join(traceback.format_exception(exc))[-20000:], lease_until=None, claim_token="",
    )
    if retry_at is None:
        fields.update(status=Status.FAILED, finished_at=timezone.now())
    else:
        fields.update(status=Status.READY, run_after=retry_at)
    logger.warning("job %s (%s) failed: %s%s", job.pk, job.task_path, fields["error_message"],
                   "" if retry_at is None else f"; retry at {retry_at:%H:%M:%S}")
    Job.objects.filter(pk=job.pk, claim_token=token).update(**fields)


@task(backend="engine")
def run_job(job_id: str) -> str:
    """The engines' only task: run ledger job ``job_id`` (see execute)."""
    return execute(job_id)
