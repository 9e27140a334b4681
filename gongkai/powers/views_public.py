"""Public pages of the power list: the current list with filters and search, an item with its
flowchart, the flowchart as an SVG file, and the history of adjustments."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.publishing.pages import paginate

from . import selectors
from .models import PowerCategory


def _org(code: str) -> Organization:
    return get_object_or_404(Organization, code=code)


@require_safe
@public_page
def power_list(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    category = request.GET.get("category", "")
    if category not in PowerCategory.values:
        category = ""
    q = request.GET.get("q", "").strip()[:60]
    return render(request, "powers/public_list.html", {
        "org": org, "current": selectors.current_list(org), "counts": selectors.category_counts(org),
        "category": category, "q": q, **paginate(request, selectors.public_items(org, category=category, q=q), 30),
    })


@require_safe
@public_page
def item(request: HttpRequest, org_code: str, code: str) -> HttpResponse:
    org = _org(org_code)
    power = selectors.public_item(org, code)
    return render(request, "powers/public_item.html", {"org": org, "item": power, "flow": selectors.flow(power)})


@require_safe
def flowchart_svg(request: HttpRequest, org_code: str, code: str) -> HttpResponse:
    org = _org(org_code)
    svg = selectors.flow(selectors.public_item(org, code)).svg
    response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@require_safe
@public_page
def history(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    return render(request, "powers/public_history.html", {"org": org, "versions": selectors.history(org)})
