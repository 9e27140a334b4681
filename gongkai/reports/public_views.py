"""Public pages of the annual reports: every published report on one page, and its PDF and Word files.

A report is public once its document is public (``Document.objects.public()``); the files are built
from the same content the staff screen exports and kept by the portal page cache (one build per
publication, not one per reader).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.documents.models import Document

from . import selectors
from .exports import CONTENT_TYPES
from .exports import render as render_format
from .models import AnnualReport

PUBLIC_FORMATS = ("pdf", "docx")


def published_reports():
    """Annual reports whose document is public, newest year first."""
    public_ids = Document.objects.public().values("pk")
    return (
        AnnualReport.objects.filter(published_document__in=public_ids)
        .select_related("org", "published_document")
        .order_by("-year", "org__position", "org_id")
    )


@require_safe
@public_page
def report_list(request: HttpRequest) -> HttpResponse:
    reports = list(published_reports())
    years = sorted({r.year for r in reports}, reverse=True)
    by_year = [(year, [r for r in reports if r.year == year]) for year in years]
    return render(request, "reports/public/list.html", {"by_year": by_year})


@require_safe
@public_page
def report_file(request: HttpRequest, org_code: str, pk: int, fmt: str) -> HttpResponse:
    """The PDF or Word file of the published annual report that document ``pk`` carries."""
    if fmt not in PUBLIC_FORMATS:
        raise Http404("不支持的格式")
    report = published_reports().filter(org__code=org_code, published_document_id=pk).first()
    if report is None:
        raise Http404("年度报告不存在或未公开")
    _data, content = selectors.report_content(report.org, report.year)
    response = HttpResponse(render_format(content, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"{report.org.code}-{report.year}-annual-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
