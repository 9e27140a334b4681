"""Public pages of the gazette: issues by year, an issue's table of contents, its PDF, search within it."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.publishing.pages import paginate, positive_int

from . import selectors
from .models import Category


def _org(code: str) -> Organization:
    return get_object_or_404(Organization, code=code)


@require_safe
@public_page
def index(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    years = selectors.public_years(org)
    year = positive_int(request.GET.get("year"))
    if year not in years:
        year = years[0] if years else None
    issues = selectors.public_issues(org).filter(year=year) if year else []
    return render(request, "gazette/public_index.html", {"org": org, "years": years, "year": year,
                                                        "issues": issues})


@require_safe
@public_page
def issue(request: HttpRequest, org_code: str, year: int, number: int) -> HttpResponse:
    org = _org(org_code)
    item = selectors.public_issue(org, year, number)
    labels = dict(Category.choices)
    sections = [(labels[c], entries) for c, entries in selectors.issue_sections(item)]
    return render(request, "gazette/public_issue.html", {"org": org, "issue": item, "sections": sections})


@require_safe
def issue_pdf(request: HttpRequest, org_code: str, year: int, number: int) -> FileResponse:
    org = _org(org_code)
    item = selectors.public_issue(org, year, number)
    if not item.pdf:
        raise Http404("no pdf")
    try:
        handle = item.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404("file missing") from exc
    response = FileResponse(handle, content_type="application/pdf", as_attachment=True,
                            filename=f"{org.name}公报{year}年第{number}期.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@public_page
def search(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    q = request.GET.get("q", "").strip()[:60]
    context = {"org": org, "q": q}
    if q:
        context.update(paginate(request, selectors.search(org, q), 20))
    return render(request, "gazette/public_search.html", context)
