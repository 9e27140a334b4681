"""Atom feed per column: the latest public items of the column and its sub-columns."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from gongkai.catalog.models import Column
from gongkai.documents.models import Document

from . import selectors

FEED_SIZE = 20


class ColumnFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, org_code: str, slug: str) -> Column:
        return selectors.get_column(selectors.get_org(org_code), slug)

    def title(self, obj: Column) -> str:
        return f"{obj.org.name} · {obj.name}"

    def subtitle(self, obj: Column) -> str:
        return obj.description or f"{obj.org.name}“{obj.name}”栏目最新公开的政府信息"

    def link(self, obj: Column) -> str:
        return f"/gk/{obj.org.code}/col/{obj.slug}/"

    def items(self, obj: Column) -> list[Document]:
        node = selectors.find_node(selectors.column_tree(obj.org), obj.pk)
        return list(
            selectors.documents_in(node.descendant_ids())
            .select_related("org")
            .only(*selectors.LIST_FIELDS, "summary", "agency", "org__code")[:FEED_SIZE]
        )

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str:
        parts = [p for p in (item.doc_number, item.agency, item.summary) if p]
        return " · ".join(parts)

    def item_link(self, item: Document) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Document) -> dt.datetime | None:
        if item.published_at:
            return item.published_at
        if item.published_on:
            return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time(0, 0)))
        return None

    def item_updateddate(self, item: Document) -> dt.datetime | None:
        return self.item_pubdate(item)
