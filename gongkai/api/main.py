"""The public JSON API under /api/v1/, one django-ninja router per domain app.

Bodies that ninja parses go through core.jsonbody (no 500 on deep nesting or lone surrogates), and
ninja's own validation errors answer 400 {"errors": {field: 中文消息}} like the hand-parsed endpoints.
"""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.parser import Parser

from gongkai.core import jsonbody
from gongkai.foi.api import router as foi_router
from gongkai.orgs.api import router as orgs_router
from gongkai.search.api import router as search_router


class SafeParser(Parser):
    def parse_body(self, request: HttpRequest):
        return jsonbody.parse(request.body)


api = NinjaAPI(
    title="公开 · 政务公开平台开放接口",
    version="1.0",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=SafeParser(),
)


@api.exception_handler(jsonbody.BadJSON)
def bad_json(request: HttpRequest, exc: jsonbody.BadJSON):
    return api.create_response(request, {"errors": {"__all__": str(exc)}}, status=400)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError):
    errors = {}
    for error in exc.errors:
        field = ".".join(str(part) for part in error.get("loc", ())[1:]) or "__all__"
        errors.setdefault(field, "参数无效或缺失。")
    return api.create_response(request, {"errors": errors}, status=400)


api.add_router("/orgs", orgs_router, tags=["机构"])
api.add_router("/search", search_router, tags=["检索"])
api.add_router("/requests", foi_router, tags=["依申请公开"])
