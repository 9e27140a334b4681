"""Sitemap of the public portal (django.contrib.sitemaps, rendered with our own template)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.catalog.models import Column
from gongkai.decisions import sitemaps as decisions_sitemaps
from gongkai.documents.models import Document
from gongkai.gazette import sitemaps as gazette_sitemaps
from gongkai.guides import sitemaps as guides_sitemaps
from gongkai.normative import sitemaps as normative_sitemaps
from gongkai.orgs.models import Organization
from gongkai.powers import sitemaps as powers_sitemaps
from gongkai.proposals import sitemaps as proposals_sitemaps


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
for _register in (normative_sitemaps, gazette_sitemaps, powers_sitemaps, guides_sitemaps, decisions_sitemaps,
                  proposals_sitemaps):
    SITEMAPS.update(_register.SITEMAPS)
