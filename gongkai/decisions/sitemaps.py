"""Sitemap entries of the decision catalogs."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import CatalogStatus, DecisionCatalog


class DecisionCatalogSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return DecisionCatalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: DecisionCatalog) -> str:
        return f"/gk/{item.org.code}/decisions/{item.year}/"

    def lastmod(self, item: DecisionCatalog):
        return item.published_on


SITEMAPS = {"decisions": DecisionCatalogSitemap}
