"""What the system administrator does with background work: retry a failed task."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from gongkai.audit.services import record
from gongkai.jobs.backend import LedgerTask, ring
from gongkai.jobs.models import Job, Status

from .actions import JobAction


class NotRetryable(Exception):  # noqa: N818
    """Only a failed task can be retried."""


def retry(job_id, *, actor) -> Job:
    """Put a failed task back in the queue with a fresh budget of attempts; recorded in the register."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != Status.FAILED:
            raise NotRetryable(f"只有失败的任务可以重试（当前状态：{job.get_status_display()}）")
        try:
            budget = import_string(job.task_path).max_attempts
        except (ImportError, AttributeError):
            budget = 1
        if not isinstance(budget, int):
            budget = LedgerTask.max_attempts
        error = job.error_message
        job.status, job.run_after, job.finished_at = Status.READY, timezone.now(), None
        job.max_attempts = job.attempts + max(1, budget)
        job.save(update_fields=["status", "run_after", "finished_at", "max_attempts"])
        record(actor=actor, action=JobAction.RETRIED, obj=job, from_state=Status.FAILED, to_state=Status.READY,
               comment=f"重试后台任务：{job.name}", data={"task": job.task_path, "attempts": job.attempts,
                                                    "error": error[:500]})
        transaction.on_commit(partial(ring, job.pk), robust=True)
    return job
