"""Staff pages of the annual report and the statistics (/staff/reports/…): parse, call, render.

Organizations resolve through orgs.selectors.org_ids_for, so another organization's report is a 404.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.csvexport import csv_safe
from gongkai.core.forms import error_text
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, may, org_ids_for
from gongkai.orgs.selectors import orgs_for

from . import rules, selectors, services, stats
from .exports import CONTENT_TYPES, ReportContent
from .exports import render as render_format
from .forms import FiguresForm, ReviewCaseForm, TextsForm
from .models import AnnualFigures, AnnualReport, ReportStatus, ReviewCase
from .rules import MAX_YEAR, MIN_YEAR

STATE_LABELS = {"published": "已按时发布", "published_late": "逾期发布", "late": "已逾期未发布", "pending": "未发布（未到期限）"}


def _org(request: HttpRequest, code: str) -> Organization:
    return get_object_or_404(Organization, code=code, pk__in=org_ids_for(request.user))


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("年度超出范围")
    return year


def _can_edit(request: HttpRequest, org: Organization) -> bool:
    return may(request.user, org, Capability.EDIT_REPORT)


def _status(report) -> tuple[str, str]:
    """(code, label) of the report's progress, with the catalog item's status as the authority."""
    if report is None:
        return ReportStatus.DRAFT, str(ReportStatus.DRAFT.label)
    if selectors.published_on(report) is not None:
        return ReportStatus.PUBLISHED, str(ReportStatus.PUBLISHED.label)
    return report.status, report.get_status_display()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    orgs = orgs_for(request.user)
    year = timezone.localdate().year - 1
    code = request.GET.get("org")
    if code:
        try:
            year = _check_year(int(request.GET.get("year", year)))
        except ValueError:
            raise Http404("年度格式不正确") from None
        return redirect("reports:annual", code=_org(request, code).code, year=year)
    return render(request, "reports/index.html", {"orgs": orgs, "year": year,
                                                  "years": range(year + 1, year - 5, -1)})


@login_required
def annual(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = _org(request, code)
    _check_year(year)
    data, content = selectors.report_content(org, year)
    report = selectors.report_for(org, year)
    status, status_label = _status(report)
    proactive, requests_grid, reviews = content.grids()
    return render(request, "reports/annual.html", {
        "org": org, "year": year, "content": content, "checks": data.checks, "failing": data.failing,
        "proactive_grid": proactive, "request_grid": requests_grid, "review_grid": reviews,
        "overview": content.overview.splitlines(), "problems": content.problems.splitlines(),
        "other": content.other.splitlines(), "report": report, "status": status, "status_label": status_label,
        "can_edit": _can_edit(request, org) and status == ReportStatus.DRAFT,
        "can_reopen": _can_edit(request, org) and report is not None and report.published_document is not None
        and report.published_document.status in ("returned", "rejected", "withdrawn"),
        "is_admin": may(request.user, org, Capability.OVERSEE_UNITS),
        "deadline": rules.report_deadline(org.kind, year),
        "cases": ReviewCase.objects.filter(org=org, year=year),
        "case_form": ReviewCaseForm(),
        "formats": ("docx", "pdf", "xlsx", "json", "html"),
    })


@login_required
def edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = _org(request, code)
    _check_year(year)
    if not _can_edit(request, org):
        raise PermissionDenied("只有本机构的信息员或政务公开办管理员可以编辑年度报告。")
    _data, content = selectors.report_content(org, year)
    figures = AnnualFigures.objects.filter(org=org, year=year).first() or AnnualFigures(org=org, year=year)
    initial = {"overview": content.overview, "problems": content.problems, "other": content.other}
    texts_form = TextsForm(request.POST or None, initial=initial)
    figures_form = FiguresForm(request.POST or None, instance=figures)
    if request.method == "POST" and texts_form.is_valid() and figures_form.is_valid():
        try:
            services.save_texts(actor=request.user, org=org, year=year, **texts_form.cleaned_data)
            services.save_figures(actor=request.user, org=org, year=year, **figures_form.cleaned_data)
        except ValidationError as exc:
            texts_form.add_error(None, exc)
        else:
            messages.success(request, "年度报告已保存。")
            return redirect("reports:annual", code=org.code, year=year)
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/edit.html", {"org": org, "year": year, "texts_form": texts_form,
                                                 "figures_form": figures_form}, status=status)


@login_required
@require_POST
def add_case(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = _org(request, code)
    _check_year(year)
    if not _can_edit(request, org):
        raise PermissionDenied("只有本机构的信息员或政务公开办管理员可以登记复议诉讼案件。")
    form = ReviewCaseForm(request.POST)
    if form.is_valid():
        try:
            services.add_review_case(actor=request.user, org=org, year=year, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "案件已登记。")
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return redirect("reports:annual", code=org.code, year=year)


@login_required
def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    org = _org(request, code)
    _check_year(year)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    _data, content = selectors.report_content(org, year)
    response = HttpResponse(render_format(content, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"{org.code}-{year}-annual-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = _org(request, code)
    _check_year(year)
    try:
        document = services.publish_report(actor=request.user, org=org, year=year)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, "不能提交发布：" + error_text(exc))
    else:
        messages.success(request, "年度报告已生成到“年度报告”栏目并提交审核，审核通过后发布。")
        return redirect("review:document", pk=document.pk)
    return redirect("reports:annual", code=org.code, year=year)


@login_required
@require_POST
def reopen(request: HttpRequest, code: str, year: int) -> HttpResponse:
    org = _org(request, code)
    try:
        services.reopen_report(actor=request.user, org=org, year=year)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, "年度报告已恢复为编写中。")
    return redirect("reports:annual", code=org.code, year=year)


@login_required
def units(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """A disclosure office's roll-up: every unit below it, its report's state and the summed tables."""
    org = _org(request, code)
    _check_year(year)
    if not may(request.user, org, Capability.OVERSEE_UNITS):
        raise PermissionDenied("只有政务公开办管理员可以查看下属单位汇总。")
    ids = org.descendant_ids() & org_ids_for(request.user)
    unit_orgs = list(Organization.objects.filter(pk__in=ids - {org.pk}).order_by("position", "id"))
    reports = {r.org_id: r for r in AnnualReport.objects.filter(org_id__in=ids, year=year)
               .select_related("published_document")}
    today = timezone.localdate()
    rows = []
    for unit in unit_orgs:
        report = reports.get(unit.pk)
        published = selectors.published_on(report)
        state = rules.report_state(org_kind=unit.kind, year=year, published_on=published, today=today)
        rows.append({"org": unit, "deadline": rules.report_deadline(unit.kind, year), "published_on": published,
                     "state": state, "state_label": STATE_LABELS[state]})
    total = selectors.annual_data(org, year, org_ids=ids)
    grids = ReportContent(org.name, year, total.data).grids()
    return render(request, "reports/units.html", {
        "org": org, "year": year, "rows": rows, "total": total,
        "late": sum(1 for r in rows if r["state"] == "late"),
        "published": sum(1 for r in rows if r["state"].startswith("published")),
        "proactive_grid": grids[0], "request_grid": grids[1], "review_grid": grids[2],
    })


def _stats_scope(request: HttpRequest) -> tuple[list[int], Organization | None, int]:
    allowed = org_ids_for(request.user)
    code = request.GET.get("org", "")
    org = None
    if code:
        org = get_object_or_404(Organization, code=code, pk__in=allowed)
        ids = list(org.descendant_ids() & allowed)
    else:
        ids = list(allowed)
    try:
        year = _check_year(int(request.GET.get("year", timezone.localdate().year)))
    except ValueError:
        raise Http404("年度格式不正确") from None
    return ids, org, year


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    ids, org, year = _stats_scope(request)
    chart_list = stats.charts(ids, year, today=timezone.localdate())
    query = f"org={org.code}&year={year}" if org else f"year={year}"
    return render(request, "reports/stats.html", {
        "charts": chart_list, "org": org, "year": year, "orgs": orgs_for(request.user), "query": query,
        "bar_width": stats.BAR_WIDTH, "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    })


@login_required
def statistics_csv(request: HttpRequest, key: str) -> HttpResponse:
    if key not in stats.CHART_KEYS:
        raise Http404("没有这个图表")
    ids, _org, year = _stats_scope(request)
    chart = next(c for c in stats.charts(ids, year, today=timezone.localdate()) if c.key == key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{year}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([chart.title, "数量"])
    for label, value in chart.rows:
        writer.writerow([csv_safe(label), value])
    return response
