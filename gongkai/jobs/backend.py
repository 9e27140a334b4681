"""The ``default`` Tasks backend: write the task to the ledger, then ring the engine after commit.

Domain code uses the Tasks API unchanged (``@task`` and ``.enqueue()``; on Django 6 the import becomes
``django.tasks``). This backend adds what the engines do not give: arguments checked at enqueue time,
an idempotency key, retries with backoff, a lease that survives ``kill -9``, and one place where failed
work is listed for the administrator, the same on the database queue and on RQ.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import json
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.version import PY311
from django_tasks import task_backends
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskError, TaskResult, TaskResultStatus
from django_tasks.exceptions import InvalidTaskError, TaskResultDoesNotExist
from django_tasks.signals import task_enqueued

logger = logging.getLogger(__name__)


class UnserializableArguments(TypeError):
    """A task argument that JSON cannot carry (a model instance, a date, a set…): pass ids and ISO strings."""


@dataclass(frozen=True, slots=PY311, kw_only=True)  # type: ignore[literal-required]
class LedgerTask(Task):
    label: str = ""
    """A short Chinese name shown to staff (e.g. "发送申请回执")."""
    key: str | None = None
    """An idempotency key template over the argument names, e.g. ``"foi.receipt:{request_id}"``."""
    max_attempts: int = 5
    backoff: float = 30.0
    """Seconds before the first retry; doubled for each further one (with jitter, at most an hour)."""
    lease: float = 60.0
    """Seconds a claim holds without a heartbeat; after that the worker counts as dead and the task reruns."""


def check_serializable(args: Any, kwargs: Any) -> tuple[list, dict]:
    """Return (args, kwargs) as they will travel, or raise UnserializableArguments naming the argument."""
    out = []
    for index, value in enumerate(args):
        out.append(_strict_json(value, f"第{index + 1}个参数"))
    named = {}
    for name, value in kwargs.items():
        named[name] = _strict_json(value, f"参数 {name}")
    return out, named


def _strict_json(value: Any, where: str) -> Any:
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise UnserializableArguments(
            f"后台任务的{where}无法序列化为 JSON（{type(value).__name__}）：请传递编号、文本或 ISO 日期。"
        ) from exc
    loaded = json.loads(text)
    if loaded != _lists(value):
        # e.g. {1: "a"} would arrive as {"1": "a"}: refuse rather than hand the task something else.
        raise UnserializableArguments(f"后台任务的{where}经 JSON 传递后会改变（如非文本的字典键）：{value!r}")
    return loaded


def _lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def format_key(task: LedgerTask, args: list, kwargs: dict) -> str | None:
    if not task.key:
        return None
    signature = inspect.signature(task.func)
    params = list(signature.parameters.values())
    if task.takes_context:
        signature = signature.replace(parameters=params[1:])
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    key = task.key.format(**bound.arguments)
    if len(key) > 200:
        raise InvalidTaskError(f"idempotency key longer than 200 characters: {key[:60]}…")
    return key


def backoff_seconds(task_backoff: float, attempt: int, *, jitter: float = 0.0) -> float:
    """Delay before retry number ``attempt`` (1-based): backoff × 2^(attempt-1), ±20 % jitter, at most 1 h."""
    base = task_backoff * math.pow(2, max(0, attempt - 1))
    return min(3600.0, base * (1 + 0.2 * jitter))


class LedgerBackend(BaseTaskBackend):
    task_class = LedgerTask
    supports_defer = True
    supports_get_result = True
    supports_priority = True
    supports_async_task = False

    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.engine_alias = self.options.get("ENGINE", "engine")

    @property
    def engine(self) -> BaseTaskBackend:
        return task_backends[self.engine_alias]

    def validate_task(self, task: Task) -> None:
        super().validate_task(task)
        if isinstance(task, LedgerTask) and task.max_attempts < 1:
            raise InvalidTaskError("max_attempts must be at least 1")

    def enqueue(self, task: Task, args, kwargs) -> TaskResult:
        from .models import Job, Status

        self.validate_task(task)
        args, kwargs = check_serializable(args, kwargs)
        ledger = task if isinstance(task, LedgerTask) else None
        key = format_key(ledger, args, kwargs) if ledger else None
        now = timezone.now()
        fields = dict(
            task_path=task.module_path, label=str(ledger.label if ledger else "")[:100],
            queue_name=task.queue_name, priority=task.priority, args=args, kwargs=kwargs, key=key,
            max_attempts=ledger.max_attempts if ledger else 1, run_after=task.run_after or now,
            status=Status.READY, owner_id=current_owner(),
        )
        try:
            with transaction.atomic():
                job = Job.objects.create(**fields)
        except IntegrityError:
            if key is None:
                raise
            existing = Job.objects.filter(key=key).first()
            if existing is None:  # the other insert rolled back meanwhile: try once more
                with transaction.atomic():
                    existing = Job.objects.create(**fields)
                self._ring_after_commit(existing.pk)
            return result_for(existing, task)
        self._ring_after_commit(job.pk)
        result = result_for(job, task)
        task_enqueued.send(type(self), task_result=result)
        return result

    def _ring_after_commit(self, job_id) -> None:
        from django_tasks.backends.immediate import ImmediateBackend

        if isinstance(self.engine, ImmediateBackend):
            # Development and tests: run at once, inside the caller's transaction, as before tasks existed.
            ring(job_id)
        else:
            transaction.on_commit(partial(ring, job_id), robust=True)

    def get_result(self, result_id: str) -> TaskResult:
        from django.core.exceptions import ValidationError

        from .models import Job

        try:
            job = Job.objects.get(pk=result_id)
        except (Job.DoesNotExist, ValidationError) as exc:
            raise TaskResultDoesNotExist(result_id) from exc
        return result_for(job)


def result_for(job, task: Task | None = None) -> TaskResult:
    """The Tasks API's view of a ledger row."""
    from django.utils.module_loading import import_string

    if task is None:
        task = import_string(job.task_path)
    errors = []
    if job.error_class:
        errors.append(TaskError(exception_class_path=job.error_class, traceback=job.traceback))
    result = TaskResult(
        task=task, id=str(job.pk), status=TaskResultStatus(job.status), enqueued_at=job.enqueued_at,
        started_at=job.started_at, finished_at=job.finished_at, last_attempted_at=job.started_at,
        args=list(job.args), kwargs=dict(job.kwargs), backend=task.backend, errors=errors,
        worker_ids=list(job.worker_ids),
    )
    object.__setattr__(result, "_return_value", job.return_value)
    return result


# Who enqueues: set by ``started_by`` around an enqueue, stored on the Job as its owner.
_OWNER: contextvars.ContextVar[int | None] = contextvars.ContextVar("gongkai_job_owner", default=None)


@contextlib.contextmanager
def started_by(user) -> Iterator[None]:
    """Tasks enqueued inside this block belong to ``user`` (who may then watch their progress)."""
    token = _OWNER.set(getattr(user, "pk", None))
    try:
        yield
    finally:
        _OWNER.reset(token)


def current_owner() -> int | None:
    return _OWNER.get()


def ring(job_id, *, run_after=None) -> None:
    """Hand the job's id to the engine. Never raises: the scheduler's sweep re-rings what got lost."""
    from .models import Job

    # By name: runner.py imports this module, so an import back would be a cycle (import-linter).
    run_job = import_string("gongkai.jobs.runner.run_job")
    try:
        job = Job.objects.only("queue_name", "priority", "run_after").get(pk=job_id)
        engine = task_backends["default"].engine
        doorbell = run_job.using(queue_name=job.queue_name)
        if engine.supports_priority and job.priority:
            doorbell = doorbell.using(priority=job.priority)
        now = timezone.now()
        when = max(run_after or job.run_after, now)
        if when > now:
            if not engine.supports_defer:
                return  # the sweep rings it once it is due
            doorbell = doorbell.using(run_after=when)
        # rung_at is the time the doorbell is set for: the sweep re-rings a due job rung for earlier.
        Job.objects.filter(pk=job_id).update(rung_at=when)
        doorbell.enqueue(str(job_id))
    except Exception:  # noqa: BLE001 - the ledger row is safe; the sweep will ring again
        logger.exception("could not hand job %s to the task engine", job_id)
