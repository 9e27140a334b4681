"""The site's URLs (the background-work screens are mounted in gongkai/urls.py since issue 11)."""

from gongkai.urls import urlpatterns  # noqa: F401
