"""The public search page /search/ (works without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from gongkai.orgs.models import Organization

from .forms import SearchForm
from .query import QueryError
from .services import PAGE_SIZE, search

FACET_LIMIT = 12


def facet_lists(facets: dict[str, dict]) -> dict[str, list[dict]]:
    """Facet counts as sorted lists of {value, label, count}; organizations get their names."""
    names = dict(Organization.objects.filter(pk__in=list(facets.get("org", {}))).values_list("pk", "code"))
    labels = dict(Organization.objects.filter(pk__in=list(facets.get("org", {}))).values_list("pk", "name"))
    out: dict[str, list[dict]] = {}
    for name, counts in facets.items():
        items = []
        for key, count in counts.items():
            if name == "org":
                if key not in names:
                    continue
                items.append({"value": names[key], "label": labels[key], "count": count})
            else:
                items.append({"value": key, "label": str(key), "count": count})
        if name == "year":
            items.sort(key=lambda i: -int(i["value"]))
        else:
            items.sort(key=lambda i: (-i["count"], str(i["value"])))
        out[name] = items[:FACET_LIMIT]
    return out


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict = {"form": form, "search_q": request.GET.get("q", "")[:200], "result": None, "message": ""}
    if "q" in request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            result = search(data["q"], form.filters(), page=data["page"], sort=data.get("sort") or "relevance")
        except QueryError as exc:
            context["message"] = str(exc)
        else:
            context["result"] = result
            context["items"] = [(doc, mark_safe(hit.title_html or escape(doc.title)), mark_safe(hit.snippet)) for doc, hit in result.results]
            context["facets"] = facet_lists(result.facets)
            context["first_number"] = (result.page - 1) * PAGE_SIZE + 1
            params = request.GET.copy()
            params.pop("page", None)
            context["base_query"] = params.urlencode()
            context["page_links"] = _page_links(result.page, result.pages)
            context["facet_links"] = _facet_links(request, context["facets"])
    return render(request, "search/search.html", context)


def _page_links(page: int, pages: int) -> list[int | None]:
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    links: list[int | None] = []
    for n in shown:
        if links and n - (links[-1] or 0) > 1:
            links.append(None)
        links.append(n)
    return links


def _facet_links(request: HttpRequest, facets: dict[str, list[dict]]) -> dict[str, list[dict]]:
    out = {}
    for name, items in facets.items():
        rows = []
        for item in items:
            params = request.GET.copy()
            params.pop("page", None)
            selected = params.get(name) == str(item["value"])
            if selected:
                params.pop(name)
            else:
                params[name] = str(item["value"])
            rows.append({**item, "selected": selected, "query": params.urlencode()})
        out[name] = rows
    return out
