"""Public portal URLs. The scheme is fixed: other apps and outside checks link to it."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.core.pagecache import public_page

from . import site_views, views
from .feeds import ColumnFeed
from .sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("prefs/", views.preferences, name="preferences"),
    path("map/", site_views.site_map, name="site_map"),
    path(
        "sitemap.xml",
        public_page(sitemap),
        {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"},
        name="sitemap",
    ),
    path("gk/<str:org_code>/", views.org_home, name="org"),
    path("gk/<str:org_code>/guide/", views.guide, name="guide"),
    path("gk/<str:org_code>/col/<slug:slug>/", views.column, name="column"),
    path("gk/<str:org_code>/col/<slug:slug>/feed.atom", public_page(ColumnFeed()), name="column_feed"),
    path("gk/<str:org_code>/doc/<int:pk>/", views.document, name="document"),
    path(
        "gk/<str:org_code>/doc/<int:pk>/print/", views.document, {"print_view": True}, name="document_print"
    ),
    path("gk/<str:org_code>/doc/<int:pk>/file/<int:attachment_id>/", views.attachment, name="attachment"),
]
