"""Public pages of service guides: the searchable list and a printable guide page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from gongkai.core.pagecache import public_page
from gongkai.orgs.models import Organization
from gongkai.publishing.pages import paginate

from . import rules, selectors


def _org(code: str) -> Organization:
    return get_object_or_404(Organization, code=code)


@require_safe
@public_page
def guide_list(request: HttpRequest, org_code: str) -> HttpResponse:
    org = _org(org_code)
    q = request.GET.get("q", "").strip()[:60]
    return render(request, "guides/public_list.html", {
        "org": org, "q": q, **paginate(request, selectors.public_guides(org, q=q), 30)})


@require_safe
@public_page
def guide(request: HttpRequest, org_code: str, pk: int, print_view: bool = False) -> HttpResponse:
    org = _org(org_code)
    item = selectors.public_guide(org, pk)
    elements = [(label, getattr(item, name)) for name, label in rules.KEY_ELEMENTS[1:] + rules.OTHER_ELEMENTS]
    return render(request, "guides/public_guide.html", {
        "org": org, "guide": item, "elements": elements, "power": selectors.power_item(item),
        "print_view": print_view})
