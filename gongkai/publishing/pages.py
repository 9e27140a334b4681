"""Query-string helpers of the register apps' public lists."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404, QueryDict


def positive_int(raw: str | None, default: int | None = None) -> int | None:
    """A positive integer from the query string; anything else gives ``default``."""
    try:
        value = int(raw or "")
    except ValueError:
        return default
    return value if value > 0 else default


def paginate(request, queryset, size: int) -> dict:
    """Context for publishing/pagination.html: the page, its elided range and the other parameters.

    A page number past the end is a 404 (as the portal's column pages do), not an empty page.
    """
    paginator = Paginator(queryset, size)
    number = positive_int(request.GET.get("page"), 1)
    if number > max(paginator.num_pages, 1):
        raise Http404("page out of range")
    page: Page = paginator.page(number)
    params: QueryDict = request.GET.copy()
    params.pop("page", None)
    return {"page": page, "query": params.urlencode(),
            "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)}
