"""Public pages: the catalog of normative documents in force, the compilation files, clean-up results."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.publishing.pages import paginate, positive_int

from . import compilation, selectors
from .models import Decision

PAGE_SIZE = 20


def _org(code: str) -> Organization:
    return get_object_or_404(Organization, code=code)


@require_safe
@public_page
def catalog(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    bodies = selectors.catalog_scope(org)
    body = request.GET.get("body", "")
    if body and body not in {b.code for b in bodies}:
        body = ""
    years = selectors.catalog_years(org)
    year = positive_int(request.GET.get("year"))
    if year not in years:
        year = None
    status = request.GET.get("status", "in_force")
    if status not in selectors.STATUS_FILTERS:
        status = "in_force"
    q = request.GET.get("q", "").strip()[:60]
    qs = selectors.public_catalog(org, body=body, year=year, status=status, q=q)
    return render(request, "normative/public_catalog.html", {
        "org": org, "bodies": bodies, "body": body, "years": years, "year": year,
        "status": status, "statuses": [(k, v[0]) for k, v in selectors.STATUS_FILTERS.items()], "q": q,
        "campaigns": selectors.public_campaigns(org)[:5], **paginate(request, qs, PAGE_SIZE),
    })


@require_safe
def compilation_file(request: HttpRequest, org_code: str, fmt: str) -> HttpResponse:
    org = _org(org_code)
    try:
        result = compilation.for_download(org, fmt)
    except compilation.NotReady:
        response = render(request, "normative/public_compilation_pending.html", {"org": org}, status=503)
        response["Retry-After"] = "600"
        return response
    handle = default_storage.open(result.name, "rb")
    filename = f"{org.name}现行有效行政规范性文件汇编.{fmt}"
    response = FileResponse(handle, content_type=result.content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    if result.stale:
        response["X-Gongkai-Compilation"] = "stale"  # the newest changes are not in it yet
    return response


@require_safe
@public_page
def cleanup_results(request: HttpRequest, org_code: str, pk: int) -> HttpResponse:
    org = _org(org_code)
    campaign = selectors.public_campaign(org, pk)
    grouped = selectors.campaign_results(campaign)
    groups = [(value, label, grouped.get(value, [])) for value, label in Decision.choices]
    return render(request, "normative/public_cleanup.html", {
        "org": org, "campaign": campaign, "groups": groups, "total": sum(len(g[2]) for g in groups),
    })
