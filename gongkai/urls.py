"""URL map: public portal at /, staff back office at /staff/, API at /api/v1/, admin at /admin/."""

from django.contrib import admin
from django.urls import include, path

from gongkai.api.main import api

admin.site.site_header = "公开 · 政务公开平台管理"
admin.site.site_title = "公开 · 管理"
admin.site.index_title = "系统配置"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/jobs/", include("gongkai.ops.urls")),
    path("staff/", include("gongkai.backoffice.urls")),
    path("", include("gongkai.documents.urls")),
    path("", include("gongkai.review.urls")),
    path("api/v1/", api.urls),
    path("", include("gongkai.foi.urls")),
    path("", include("gongkai.workdays.urls")),
    path("", include("gongkai.interpretation.urls")),
    path("", include("gongkai.interaction.urls")),
    path("", include("gongkai.reports.public_urls")),
    path("", include("gongkai.normative.urls")),
    path("", include("gongkai.gazette.urls")),
    path("", include("gongkai.powers.urls")),
    path("", include("gongkai.guides.urls")),
    path("", include("gongkai.decisions.urls")),
    path("", include("gongkai.proposals.urls")),
    path("", include("gongkai.search.urls")),
    path("", include("gongkai.portal.urls")),
]
