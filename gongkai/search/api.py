"""GET /api/v1/search: full-text search over public documents, best first."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongkai.documents.models import Genre, Validity

from .forms import MAX_PAGE, SORTS, SearchForm, first_errors
from .query import MAX_QUERY_LENGTH, QueryError
from .services import search

router = Router()

# The parameters as SearchForm enforces them (the form reads request.GET; this is their description).
_TEXT = r"^[^\x00]*$"  # no NUL character anywhere
_ORG = {"type": "string", "format": "org-code", "description": "机构代码（GET /api/v1/orgs），不存在时返回400"}
PARAMETERS = [
    {"name": "q", "in": "query", "required": True, "description": "检索词（去掉首尾空白后不能为空）",
     "schema": {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH,
                "pattern": r"^[^\x00]*[^\x00\s][^\x00]*$"}},
    {"name": "org", "in": "query", "required": False, "schema": _ORG},
    {"name": "column", "in": "query", "required": False,
     "description": "栏目编号；或与 org 一起给出的栏目标识（slug）",
     "schema": {"type": "string", "format": "column-id"}},
    {"name": "year", "in": "query", "required": False, "description": "发布年份（1949–2100）",
     "schema": {"type": "string", "pattern": "^(19(49|[5-9][0-9])|20[0-9]{2}|2100)$"}},
    {"name": "genre", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["", *Genre.values]}},
    {"name": "validity", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["", *(v for v in Validity.values if v)]}},
    {"name": "subject", "in": "query", "required": False,
     "schema": {"type": "string", "maxLength": 60, "pattern": _TEXT}},
    {"name": "sort", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["", *(value for value, _label in SORTS)]}},
    {"name": "page", "in": "query", "required": False, "description": f"页码（1–{MAX_PAGE}）",
     "schema": {"type": "string", "pattern": "^([1-9][0-9]{0,2}|1000)$"}},
]


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
    openapi_extra={"parameters": PARAMETERS},
)
def search_documents(request: HttpRequest):
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
