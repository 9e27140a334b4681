"""Staff screens of the working-day calendar under /staff/calendar/.

The disclosure office pastes the State Council's notice (or types date ranges), checks the parse on a
calendar of the year with the warnings, confirms, and sees the open deadlines that moved. It also
enters local days for its organization and, optionally, the units under it. Permission comes from the
one policy (``policy.py`` over ``orgs.permissions``); a local day outside one's scope answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.errors import RuleViolation
from gongkai.core.forms import add_service_errors, error_text, mark_errors
from gongkai.orgs.models import Organization

from . import policy, selectors, services
from .forms import LocalDayForm, NoticeForm
from .grid import WEEKDAY_HEADERS
from .notice import NoticeError, describe, parse_notice
from .preview import preview_notice


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    manage_ids = policy.calendar_org_ids(request.user)
    return render(request, "workdays/staff/index.html", {
        "notices": selectors.notices(),
        "provisional_years": selectors.provisional_years(timezone.localdate()),
        "local_days": selectors.local_days(policy.visible_org_ids(request.user)),
        "manage_ids": manage_ids,
        "may_enter_notice": policy.may_enter_notice(request.user),
    })


def _moved_summary(report: services.ChangeReport) -> str:
    if not report.ran:  # inside a transaction still open: the recomputation waits for the commit
        return "未办结事项的期限将在保存完成后重新计算。"
    count = len(report.moved) + report.recomputed
    return f"{count}项未办结事项的期限随之变动。" if count else "没有未办结事项的期限变动。"


@login_required
def notice(request: HttpRequest) -> HttpResponse:
    policy.require_notice(request.user)
    form = NoticeForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            parsed = parse_notice(data["text"], data["year"])
        except NoticeError as exc:
            form.add_error("text", str(exc))
        else:
            fingerprint = form.fingerprint()
            if "confirm" in request.POST and data.get("checked") == fingerprint:
                try:
                    entered, report = services.enter_parsed_notice(
                        actor=request.user, parsed=parsed, title=data["title"], reference=data["reference"],
                        published_on=data["published_on"])
                except RuleViolation as exc:
                    add_service_errors(form, exc)
                else:
                    return render(request, "workdays/staff/notice_done.html", {
                        "notice": entered, "parsed": parsed, "summary": describe(parsed), "report": report,
                        "moved_summary": _moved_summary(report)})
            else:
                if "confirm" in request.POST:
                    messages.warning(request, "录入内容在预览后有改动，请核对下面的预览后再确认。")
                preview = preview_notice(parsed)
                form = NoticeForm({**request.POST.dict(), "checked": fingerprint})
                form.is_valid()
    mark_errors(form, "_error")
    return render(request, "workdays/staff/notice.html", {
        "form": form, "preview": preview, "summary": describe(preview.parsed) if preview else [],
        "weekday_headers": WEEKDAY_HEADERS,
    }, status=400 if form.errors else 200)


@login_required
def local_day(request: HttpRequest) -> HttpResponse:
    orgs = Organization.objects.filter(pk__in=policy.calendar_org_ids(request.user)).order_by("position", "id")
    if not orgs.exists():
        raise Http404("您没有可录入地方性安排的机构。")
    form = LocalDayForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        policy.require_local_day(request.user, data["org"])
        report = services.ChangeReport()
        try:
            services.set_days(actor=request.user, days=data["days"], is_workday=data["kind"] == "work",
                              name=data["name"], org=data["org"], include_units=data["include_units"],
                              report=report)
        except RuleViolation as exc:
            add_service_errors(form, exc)
        else:
            span = data["days"][0].isoformat() + (f"至{data['days'][-1].isoformat()}" if len(data["days"]) > 1 else "")
            messages.success(request, f"已录入{data['org'].name}的地方性安排：{span}{data['name']}。{_moved_summary(report)}")
            return redirect("workdays:staff_index")
    mark_errors(form, "_error")
    return render(request, "workdays/staff/local_day.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def local_day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.local_days(policy.calendar_org_ids(request.user)).filter(pk=pk).first()
    if row is None:
        raise Http404("该地方性安排不存在或不在您的管辖范围内。")
    report = services.ChangeReport()
    try:
        services.remove_day(actor=request.user, day=row.date, org=row.org, report=report)
    except RuleViolation as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已删除{row.org.name}{row.date.isoformat()}的地方性安排。{_moved_summary(report)}")
    return redirect("workdays:staff_index")
