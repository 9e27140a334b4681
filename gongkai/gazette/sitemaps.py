"""Sitemap entries of the gazette."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.orgs.models import Organization

from .models import GazetteIssue, IssueStatus


class GazetteIndexSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        ids = GazetteIssue.objects.filter(status=IssueStatus.PUBLISHED).values("org_id")
        return Organization.objects.filter(pk__in=ids).only("code").order_by("id")

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/gazette/"


class GazetteIssueSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return GazetteIssue.objects.filter(status=IssueStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: GazetteIssue) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: GazetteIssue):
        return item.issue_date


SITEMAPS = {"gazette": GazetteIndexSitemap, "gazette_issues": GazetteIssueSitemap}
