"""The project's URLs with the report pages mounted at /staff/reports/ (until gongkai/urls.py includes them)."""

from django.urls import include, path

from gongkai.urls import urlpatterns as project_patterns

_mounted = any(getattr(p, "namespace", None) == "reports" for p in project_patterns)
urlpatterns = ([] if _mounted else [path("staff/reports/", include("gongkai.reports.urls"))]) + list(project_patterns)
