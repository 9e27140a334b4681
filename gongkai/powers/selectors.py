"""Reads of the power list: the current public list with filters, items by code, the version history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.safestring import mark_safe

from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with

from . import flowchart, rules
from .models import ListStatus, PowerCategory, PowerItem, PowerList


def current_list(org: Organization) -> PowerList | None:
    return PowerList.objects.filter(org=org, status=ListStatus.PUBLISHED).first()


def public_items(org: Organization, *, category: str = "", q: str = "") -> QuerySet[PowerItem]:
    """Items of ``org``'s current list, filtered by category and by words in name, code, basis or subject."""
    current = current_list(org)
    if current is None:
        return PowerItem.objects.none()
    qs = current.items.all()
    if category in PowerCategory.values:
        qs = qs.filter(category=category)
    for word in q.split()[:5]:
        qs = qs.filter(Q(name__icontains=word) | Q(code__icontains=word) | Q(basis__icontains=word)
                       | Q(sub_item__icontains=word) | Q(subject__icontains=word))
    return qs.order_by("position", "pk")


def category_counts(org: Organization) -> list[tuple[str, str, int]]:
    """(value, label, count) for every category with items in the current list, in the national order."""
    current = current_list(org)
    if current is None:
        return []
    counts = dict(current.items.order_by().values_list("category").annotate(n=Count("pk")).values_list(
        "category", "n"))
    return [(v, str(label), counts[v]) for v, label in PowerCategory.choices if counts.get(v)]


def public_item(org: Organization, code: str) -> PowerItem:
    current = current_list(org)
    item = current.items.filter(code=code).first() if current else None
    if item is None:
        raise Http404("权责事项不存在")
    return item


def history(org: Organization) -> QuerySet[PowerList]:
    """Published versions, newest first (each adjustment with its date, reason and changes)."""
    return PowerList.objects.filter(org=org, status__in=[ListStatus.PUBLISHED, ListStatus.SUPERSEDED]).annotate(
        item_count=Count("items")).order_by("-version")


@dataclass(frozen=True)
class Flow:
    steps: list[str]
    standard: bool
    svg: str


def flow(item: PowerItem) -> Flow:
    steps, standard = rules.flow_for(item.category, item.flow_steps)
    # flowchart.render escapes every text it draws, so the markup is safe to place in a page.
    return Flow(steps, standard, mark_safe(flowchart.render(item.name, steps)))  # noqa: S308


def item_by_code(org: Organization, code: str) -> PowerItem | None:
    """The current public item with ``code`` (what a service guide links to), or None."""
    current = current_list(org)
    return current.items.filter(code=code).first() if current else None


# ---------------------------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------------------------


def editable_orgs(user) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=org_ids_with(user, Capability.EDIT_POWERS)).order_by("position", "id")


def lists_for(user) -> QuerySet[PowerList]:
    return PowerList.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_POWERS)).select_related("org")


def list_for(user, pk) -> PowerList:
    try:
        return lists_for(user).get(pk=pk)
    except (PowerList.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("权责清单不存在") from exc


def item_for(user, pk) -> PowerItem:
    try:
        return PowerItem.objects.select_related("power_list__org").get(
            pk=pk, power_list__org_id__in=org_ids_with(user, Capability.EDIT_POWERS))
    except (PowerItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("权责事项不存在") from exc
