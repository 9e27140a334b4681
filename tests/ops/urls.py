"""The site's URLs plus the background-work screens (until they are mounted in gongkai/urls.py)."""

from django.urls import include, path

from gongkai.urls import urlpatterns as site

urlpatterns = [path("staff/jobs/", include("gongkai.ops.urls")), *site]
