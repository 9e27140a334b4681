"""The ledger's own periodic tasks: pruning old rows, and a heartbeat the operator can watch."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from gongkai.jobs import task

from .models import Job, Status

KEEP_SUCCESSFUL_DAYS = 30
KEEP_ENGINE_DAYS = 3


@task(label="清理已完成的后台任务记录", key="jobs.maintenance:{period}", max_attempts=3)
def maintenance(period: str) -> dict:
    """Delete ledger rows of tasks that succeeded over 30 days ago and the database engine's old rows."""
    now = timezone.now()
    deleted, _ = Job.objects.filter(status=Status.SUCCESSFUL,
                                    finished_at__lt=now - dt.timedelta(days=KEEP_SUCCESSFUL_DAYS)).delete()
    engine_rows = 0
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        old = now - dt.timedelta(days=KEEP_ENGINE_DAYS)
        # Engine rows are only doorbells; a RUNNING one a day old belonged to a killed worker.
        engine_rows, _ = DBTaskResult.objects.filter(enqueued_at__lt=old).exclude(status="READY").delete()
    return {"ledger": deleted, "engine": engine_rows}


@task(label="后台任务心跳", key="jobs.heartbeat:{period}", max_attempts=1)
def heartbeat_check(period: str) -> str:
    """Runs every 10 minutes: its rows show the administrator that workers and the scheduler are alive."""
    return period
