"""Sitemap entries of service guides."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.orgs.models import Organization

from .models import GuideStatus, ServiceGuide


class GuideListSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        ids = ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).values("org_id")
        return Organization.objects.filter(pk__in=ids).only("code").order_by("id")

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/guides/"


class ServiceGuideSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return ServiceGuide.objects.filter(status=GuideStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: ServiceGuide) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: ServiceGuide):
        return item.updated_at


SITEMAPS = {"service_guides": GuideListSitemap, "service_guide": ServiceGuideSitemap}
