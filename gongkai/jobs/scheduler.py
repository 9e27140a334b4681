"""Periodic jobs and the sweep, run by every worker's tick; correct with any number of servers.

A periodic job is enqueued with an idempotency key naming its period (``foi.remind:2026-12-01``):
the ledger's unique key lets exactly one of N servers' ticks create the period's job, and the
others find it there. The sweep hands back jobs whose worker died (lease run out) and re-rings jobs
whose doorbell got lost (a Redis restart, a process killed between commit and ring).

django-crontask would do the periodic part, but it needs Python 3.12 (decisions.md).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django_tasks.base import Task

from .backend import LedgerTask, format_key, ring
from .models import Job, Status

logger = logging.getLogger(__name__)
WORKER_LOST = "gongkai.jobs.WorkerLost"
LOST_AGAIN = "执行该任务的工作进程中断（如被强制终止或服务器重启），已重新排队。"
LOST_FINAL = "执行该任务的工作进程中断（如被强制终止或服务器重启），且已达最多尝试次数。"
SWEEP_BATCH = 500


@dataclass(frozen=True)
class Periodic:
    task: LedgerTask
    daily_at: dt.time | None = None
    every: dt.timedelta | None = None

    def period(self, now: dt.datetime) -> str | None:
        """The period due at ``now`` ("2026-12-01" daily after ``daily_at``, or the interval's start)."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            return local.date().isoformat() if local.time() >= self.daily_at else None
        seconds = int(self.every.total_seconds())
        start = int(now.timestamp()) // seconds * seconds
        return timezone.localtime(dt.datetime.fromtimestamp(start, dt.UTC)).strftime("%Y-%m-%dT%H:%M")


_registry: dict[str, Periodic] = {}


def register(task: Task, *, daily_at: str | None = None, every: dt.timedelta | None = None) -> Periodic:
    """Run ``task(period=…)`` once per period on the whole installation; call from AppConfig.ready()."""
    if not isinstance(task, LedgerTask) or not task.key or "{period}" not in task.key:
        raise ValueError(f"periodic task {task.module_path} needs key='…{{period}}…' to run once per period")
    if (daily_at is None) == (every is None):
        raise ValueError("give exactly one of daily_at or every")
    entry = Periodic(task, dt.time.fromisoformat(daily_at) if daily_at else None, every)
    _registry[task.module_path] = entry
    return entry


def registered() -> list[Periodic]:
    return list(_registry.values())


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Create each periodic job whose period has come and has no job yet; return their keys."""
    now = now or timezone.now()
    created = []
    for entry in registered():
        period = entry.period(now)
        if period is None:
            continue
        key = format_key(entry.task, [], {"period": period})
        if Job.objects.filter(key=key).exists():
            continue
        entry.task.enqueue(period=period)
        created.append(key)
    return created


def sweep(now: dt.datetime | None = None) -> dict[str, int]:
    """Hand back jobs of dead workers and re-ring jobs that are due but have no doorbell."""
    now = now or timezone.now()
    grace = dt.timedelta(seconds=getattr(settings, "GONGKAI_JOBS_RERING_SECONDS", 600))
    counts = {"requeued": 0, "failed": 0, "rerung": 0}
    for job in Job.objects.filter(status=Status.RUNNING, lease_until__lt=now)[:SWEEP_BATCH]:
        final = job.attempts >= job.max_attempts
        fields = dict(lease_until=None, claim_token="", error_class=WORKER_LOST,
                      error_message=LOST_FINAL if final else LOST_AGAIN)
        if final:
            fields.update(status=Status.FAILED, finished_at=now)
        else:
            fields.update(status=Status.READY, run_after=min(now, timezone.now()))
        taken = Job.objects.filter(pk=job.pk, status=Status.RUNNING, claim_token=job.claim_token).update(**fields)
        if taken and final:
            counts["failed"] += 1
        elif taken:
            counts["requeued"] += 1
            ring(job.pk)
    unrung = Q(rung_at__isnull=True) | Q(rung_at__lt=F("run_after")) | Q(rung_at__lt=now - grace)
    for job_id in Job.objects.filter(unrung, status=Status.READY, run_after__lte=now).values_list(
            "pk", flat=True)[:SWEEP_BATCH]:
        ring(job_id)
        counts["rerung"] += 1
    if any(counts.values()):
        logger.info("jobs sweep: %s", counts)
    return counts


def tick(now: dt.datetime | None = None) -> dict[str, object]:
    """One scheduler round: periodic jobs, then the sweep."""
    return {"periodic": enqueue_due(now), **sweep(now)}
