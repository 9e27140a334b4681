"""Sitemap entries of the normative register (the portal's sitemap lists them)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.orgs.models import Organization

from .models import CampaignStatus, CleanupCampaign
from .selectors import public_normative


class NormativeCatalogSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        ids = public_normative().values("document__org_id")
        return Organization.objects.filter(pk__in=ids).only("code").order_by("id")

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/normative/"


class CleanupSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return CleanupCampaign.objects.filter(status=CampaignStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: CleanupCampaign) -> str:
        return f"/gk/{item.org.code}/normative/cleanup/{item.pk}/"

    def lastmod(self, item: CleanupCampaign):
        return item.published_on


SITEMAPS = {"normative": NormativeCatalogSitemap, "normative_cleanup": CleanupSitemap}
