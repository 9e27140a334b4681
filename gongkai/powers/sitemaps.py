"""Sitemap entries of the power list: each organization's current list, its items and its history."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import ListStatus, PowerItem, PowerList


class PowerListSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return PowerList.objects.filter(status=ListStatus.PUBLISHED).select_related("org").order_by("id")

    def location(self, item: PowerList) -> str:
        return f"/gk/{item.org.code}/powers/"

    def lastmod(self, item: PowerList):
        return item.published_on


class PowerHistorySitemap(PowerListSitemap):
    priority = 0.3

    def location(self, item: PowerList) -> str:
        return f"/gk/{item.org.code}/powers/history/"


class PowerItemSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 10000

    def items(self):
        return (PowerItem.objects.filter(power_list__status=ListStatus.PUBLISHED)
                .select_related("power_list__org").only("code", "power_list__org__code").order_by("id"))

    def location(self, item: PowerItem) -> str:
        return f"/gk/{item.power_list.org.code}/powers/items/{item.code}/"


SITEMAPS = {"powers": PowerListSitemap, "powers_history": PowerHistorySitemap, "power_items": PowerItemSitemap}
