"""Background work of the normative register: the daily lapse check and ahead-of-time compilations.

A change to the register (registration, lifecycle, a published clean-up) schedules a rebuild of the
compilations that contain the document — its organization's and every organization above it, whose
catalogs include their units — ten minutes later, so a clean-up that repeals thirty documents at once
costs one rebuild. The job key names the organization and the ten-minute window: the ledger keeps it
to one job per window however many changes fall into it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.jobs import task

REBUILD_DELAY = dt.timedelta(minutes=10)


@task(label="标注有效期届满的规范性文件", key="normative.expire:{period}", max_attempts=3)
def expire_daily(period: str) -> int:
    """Runs once a day: 已失效 for every document whose validity period ended before today."""
    from .services import expire_lapsed

    return len(expire_lapsed())


@task(label="生成现行有效规范性文件汇编", key="normative.compile:{org_id}:{window}", max_attempts=3, backoff=60)
def rebuild_compilations(org_id: int, window: str) -> dict:
    """Bring ``org_id``'s compilation (PDF and .docx) up to date; nothing to do when it already is."""
    from gongkai.orgs.models import Organization

    from .compilation import FORMATS, NotReady, compiled

    org = Organization.objects.filter(pk=org_id).first()
    if org is None:
        return {}
    done = {}
    for fmt in FORMATS:
        try:
            result = compiled(org, fmt)
        except NotReady:  # another worker is building it right now; that build includes this change
            done[fmt] = "busy"
            continue
        done[fmt] = {"documents": result.count, "built": result.built}
    return done


def _window(now: dt.datetime) -> tuple[str, dt.datetime]:
    seconds = int(REBUILD_DELAY.total_seconds())
    start = int(now.timestamp()) // seconds * seconds
    end = dt.datetime.fromtimestamp(start + seconds, dt.UTC)
    return timezone.localtime(end).strftime("%Y-%m-%dT%H:%M"), end


def schedule_rebuilds(org_id: int, *, now: dt.datetime | None = None) -> list[int]:
    """Enqueue a rebuild, at the end of the current window, for ``org_id`` and each organization above it."""
    from gongkai.orgs.models import Organization

    window, run_after = _window(now or timezone.now())
    chain, node = [], Organization.objects.filter(pk=org_id).only("pk", "parent_id").first()
    while node is not None and node.pk not in chain:
        chain.append(node.pk)
        node = Organization.objects.filter(pk=node.parent_id).only("pk", "parent_id").first() if node.parent_id \
            else None
    for pk in chain:
        rebuild_compilations.using(run_after=run_after).enqueue(org_id=pk, window=window)
    return chain
