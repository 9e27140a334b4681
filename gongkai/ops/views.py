"""Background work for staff: the administrator's task screen, and each user's own long tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.jobs.engines import engine_name

from . import selectors, services

ENGINE_LABELS = {"db": "数据库队列（内置）", "rq": "Redis 队列（RQ）", "immediate": "立即执行（开发模式）"}


def _admin_only(request: HttpRequest) -> None:
    # Outside their scope a page does not exist (404), as everywhere in the back office.
    if not request.user.is_superuser:
        raise Http404


@login_required
def jobs_admin(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    page = Paginator(selectors.failed_jobs(), 20).get_page(request.GET.get("page"))
    return render(request, "ops/jobs_admin.html", {
        "overview": selectors.overview(), "page": page, "register": selectors.register_check(),
        "engine": ENGINE_LABELS.get(engine_name(), engine_name()),
    })


@login_required
@require_POST
def job_retry(request: HttpRequest, job_id) -> HttpResponse:
    _admin_only(request)
    if selectors.visible_job(request.user, job_id) is None:
        raise Http404
    try:
        job = services.retry(job_id, actor=request.user)
    except services.NotRetryable as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已重新排队：{job.name}")
    return redirect("ops:jobs")


@login_required
def my_jobs(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.jobs_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "ops/my_jobs.html", {"page": page})


@login_required
def job_detail(request: HttpRequest, job_id) -> HttpResponse:
    job = selectors.visible_job(request.user, job_id)
    if job is None:
        raise Http404
    problems = Paginator(job.problems.all(), 100).get_page(request.GET.get("page"))
    return render(request, "ops/job_detail.html", {"job": job, "problems": problems,
                                                   "refresh": job.status in ("READY", "RUNNING")})
