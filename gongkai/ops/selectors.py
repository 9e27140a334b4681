"""Reads for the background-work screens."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from gongkai.jobs.models import Job, Status
from gongkai.jobs.tasks import heartbeat_check


def register_check(now: dt.datetime | None = None) -> dict:
    """The last verification of the register's hash chain, and whether it is recent (within 2 days)."""
    from gongkai.audit.models import ChainCheck

    now = now or timezone.now()
    last = ChainCheck.objects.order_by("-at", "-pk").first()
    return {"last": last, "stale": last is None or now - last.at > dt.timedelta(days=2)}


def overview(now: dt.datetime | None = None) -> dict:
    """Counts by status, finished in the last 24 h, and the last heartbeat of the scheduler and workers."""
    now = now or timezone.now()
    counts = {row["status"]: row["n"] for row in Job.objects.values("status").annotate(n=Count("pk"))}
    last_beat = (Job.objects.filter(task_path=heartbeat_check.module_path, status=Status.SUCCESSFUL)
                 .order_by("-finished_at").values_list("finished_at", flat=True).first())
    overdue = Job.objects.filter(status=Status.READY, run_after__lt=now - dt.timedelta(minutes=10)).count()
    return {
        "ready": counts.get(Status.READY, 0), "running": counts.get(Status.RUNNING, 0),
        "failed": counts.get(Status.FAILED, 0),
        "done_24h": Job.objects.filter(status=Status.SUCCESSFUL, finished_at__gte=now - dt.timedelta(days=1)).count(),
        "last_beat": last_beat, "workers_alive": bool(last_beat and now - last_beat < dt.timedelta(minutes=25)),
        "overdue": overdue,
    }


def failed_jobs():
    return Job.objects.filter(status=Status.FAILED).select_related("owner").order_by("-finished_at")


def jobs_of(user):
    """Tasks a user started (imports, reindexing), newest first."""
    return Job.objects.filter(owner=user).order_by("-enqueued_at")


def visible_job(user, job_id):
    """The job if ``user`` may see it (its owner, or a system administrator), else None."""
    job = Job.objects.filter(pk=job_id).select_related("owner").first()
    if job is None or not (user.is_superuser or job.owner_id == user.pk):
        return None
    return job
