"""Sitemap entries of published suggestion and proposal replies."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from gongkai.orgs.models import Organization

from .models import Proposal, ProposalStatus


class ProposalListSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        ids = Proposal.objects.filter(status=ProposalStatus.PUBLISHED).values("org_id")
        return Organization.objects.filter(pk__in=ids).only("code").order_by("id")

    def location(self, item: Organization) -> str:
        return f"/gk/{item.code}/proposals/"


class ProposalSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Proposal.objects.filter(status=ProposalStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: Proposal) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Proposal):
        return item.replied_on


SITEMAPS = {"proposals": ProposalListSitemap, "proposal": ProposalSitemap}
