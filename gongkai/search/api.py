"""GET /api/v1/search: full-text search over public documents, best first."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from .forms import SearchForm, first_errors
from .query import QueryError
from .services import search

router = Router()


class ResultOut(Schema):
    id: int
    title: str
    url: str
    agency: str
    doc_number: str
    published_on: datetime.date | None
    snippet: str
    title_html: str


class FacetOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    total: int
    total_capped: bool
    results: list[ResultOut]
    page: int
    pages: int
    facets: dict[str, list[FacetOut]]


class ErrorsOut(Schema):
    errors: dict[str, str]


@router.get(
    "",
    response={200: SearchOut, 400: ErrorsOut},
    summary="全文检索",
    description=(
        "检索已主动公开的政府信息。`snippet` 与 `title_html` 是已转义的 HTML，命中词用 <mark> 标出。"
        "匹配文件过多时 `total_capped` 为 true：`total` 与分类统计只计最新发布的部分（显示为“2000+”），"
        "相关度排序也只在最新发布的匹配文件中进行；按日期排序（sort=date）覆盖全部匹配文件。"
    ),
)
def search_documents(
    request: HttpRequest,
    q: str = "",
    org: str = "",
    column: str = "",
    year: str = "",
    genre: str = "",
    validity: str = "",
    subject: str = "",
    sort: str = "",
    page: str = "",
):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return Status(400, {"errors": first_errors(form)})
    data = form.cleaned_data
    try:
        result = search(data["q"], form.filters(), page=data["page"], sort=data.get("sort") or "relevance")
    except QueryError as exc:
        return Status(400, {"errors": {"q": str(exc)}})
    from .views import facet_lists

    return Status(200, {
        "total": result.total,
        "total_capped": result.capped,
        "page": result.page,
        "pages": result.pages,
        "results": [
            {
                "id": doc.pk,
                "title": doc.title,
                "url": request.build_absolute_uri(doc.get_absolute_url()),
                "agency": doc.agency,
                "doc_number": doc.doc_number,
                "published_on": doc.published_on,
                "snippet": hit.snippet,
                "title_html": hit.title_html,
            }
            for doc, hit in result.results
        ],
        "facets": {
            name: [{"value": str(f["value"]), "label": f["label"], "count": f["count"]} for f in items]
            for name, items in facet_lists(result.facets).items()
        },
    })


__all__ = ["router"]
