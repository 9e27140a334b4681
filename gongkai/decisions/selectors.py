"""Reads of the decision catalog, staff and public."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with

from . import rules
from .models import CatalogStatus, DecisionCatalog, DecisionItem, Stage


@dataclass
class ItemView:
    item: DecisionItem
    stages: list  # DecisionStage rows in the procedure's order
    progress: str


def item_views(catalog: DecisionCatalog) -> list[ItemView]:
    order = {s: i for i, s in enumerate(rules.ORDER)}
    views = []
    for item in catalog.items.prefetch_related("stages").select_related("decision_document__org"):
        stages = sorted(item.stages.all(), key=lambda s: order[s.stage])
        states = {s.stage: s.state for s in stages}
        views.append(ItemView(item, stages, rules.progress_label(states)))
    return views


def catalogs_for(user) -> QuerySet[DecisionCatalog]:
    return DecisionCatalog.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_DECISIONS)).select_related("org")


def catalog_for(user, pk) -> DecisionCatalog:
    try:
        return catalogs_for(user).get(pk=pk)
    except (DecisionCatalog.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("目录不存在") from exc


def item_for(user, pk) -> DecisionItem:
    try:
        return DecisionItem.objects.select_related("catalog__org").get(
            pk=pk, catalog__org_id__in=org_ids_with(user, Capability.EDIT_DECISIONS))
    except (DecisionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("决策事项不存在") from exc


def public_catalogs(org: Organization) -> QuerySet[DecisionCatalog]:
    return DecisionCatalog.objects.filter(org=org, status=CatalogStatus.PUBLISHED).order_by("-year")


def public_catalog(org: Organization, year: int) -> DecisionCatalog:
    try:
        return public_catalogs(org).get(year=year)
    except DecisionCatalog.DoesNotExist as exc:
        raise Http404("目录不存在") from exc


STAGE_LABELS = dict(Stage.choices)


def published_document(org: Organization, reference: str) -> Document | None:
    """A published document of ``org`` or its units by 索引号 or 发文字号 (the decision document's link)."""
    reference = (reference or "").strip()
    if not reference:
        return None
    return (Document.objects.filter(Q(index_number=reference) | Q(doc_number=reference), status=Status.PUBLISHED,
                                    org_id__in=org.descendant_ids()).order_by("-published_on", "-pk").first())
