"""Sitemap of the public portal (django.contrib.sitemaps, rendered with our own template)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.catalog.models import Column
from gongkai.documents.models import Document
from gongkai.orgs.models import Organization


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["/"]

    def location(self, item: str) -> str:
        return item


class OrgSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Organization.objects.only("code").order_by("id")

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/"


class GuideSitemap(OrgSitemap):
    changefreq = "monthly"
    priority = 0.6

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/guide/"


class ColumnSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Column.objects.select_related("org").only("slug", "org__code").order_by("id")

    def location(self, item: Column) -> str:
        return f"/gk/{item.org.code}/col/{item.slug}/"


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 10000

    def items(self):
        return (
            Document.objects.public()
            .select_related("org")
            .only("id", "published_on", "org__code")
            .order_by("id")
        )

    def location(self, item: Document) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Document):
        return item.published_on


SITEMAPS = {
    "home": StaticSitemap,
    "orgs": OrgSitemap,
    "guides": GuideSitemap,
    "columns": ColumnSitemap,
    "documents": DocumentSitemap,
}
