"""Background work of disclosure on request."""

from __future__ import annotations

import datetime as dt

from gongkai.jobs import task


@task(label="每日依申请公开办理提醒", key="foi.remind:{period}", max_attempts=4, backoff=300)
def daily_reminder(period: str) -> str:
    """The day's reminder run (period = the local date); registered as a daily periodic job."""
    from .reminders import send_reminders

    return send_reminders(day=dt.date.fromisoformat(period)).line()
