"""The public JSON API under /api/v1/, one django-ninja router per domain app."""

from ninja import NinjaAPI

from gongkai.foi.api import router as foi_router
from gongkai.orgs.api import router as orgs_router
from gongkai.search.api import router as search_router

api = NinjaAPI(
    title="公开 · 政务公开平台开放接口",
    version="1.0",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/orgs", orgs_router, tags=["机构"])
api.add_router("/search", search_router, tags=["检索"])
api.add_router("/requests", foi_router, tags=["依申请公开"])
