"""The project's URLs plus the register apps' own, until they are wired into gongkai/urls.py."""

from django.urls import include, path

from gongkai.urls import urlpatterns as project_urls

urlpatterns = [
    path("", include("gongkai.normative.urls")),
    path("", include("gongkai.gazette.urls")),
    path("", include("gongkai.powers.urls")),
    path("", include("gongkai.guides.urls")),
    path("", include("gongkai.decisions.urls")),
    path("", include("gongkai.proposals.urls")),
    *project_urls,
]
