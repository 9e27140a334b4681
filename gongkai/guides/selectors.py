"""Reads of service guides: public lists and pages, staff lists, and the self-check's count."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with
from gongkai.powers.selectors import item_by_code

from . import rules
from .models import GuideStatus, ServiceGuide
from .services import FIELDS


def public_guides(org: Organization, *, q: str = "") -> QuerySet[ServiceGuide]:
    """Published guides of ``org``, searchable by words in name, conditions, materials and basis."""
    qs = ServiceGuide.objects.filter(org=org, status=GuideStatus.PUBLISHED)
    for word in q.split()[:5]:
        qs = qs.filter(Q(name__icontains=word) | Q(conditions__icontains=word) | Q(materials__icontains=word)
                       | Q(basis__icontains=word) | Q(power_code__iexact=word))
    return qs.order_by("name", "pk")


def public_guide(org: Organization, pk) -> ServiceGuide:
    try:
        return ServiceGuide.objects.select_related("org").get(org=org, pk=pk, status=GuideStatus.PUBLISHED)
    except (ServiceGuide.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("办事指南不存在") from exc


def guides_for(user) -> QuerySet[ServiceGuide]:
    return ServiceGuide.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_GUIDE)).select_related("org")


def guide_for(user, pk) -> ServiceGuide:
    try:
        return guides_for(user).get(pk=pk)
    except (ServiceGuide.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("办事指南不存在") from exc


def missing(guide: ServiceGuide) -> list[str]:
    return rules.missing_elements({name: getattr(guide, name) for name in FIELDS})


def power_item(guide: ServiceGuide):
    """The current power-list item this guide serves, or None."""
    return item_by_code(guide.org, guide.power_code) if guide.power_code else None


@dataclass(frozen=True)
class GuideCheck:
    """The self-check's 办事指南 indicator (contracts.md ``veto.service_guides``)."""

    failed: bool | None  # None: the organization publishes no guide, so there is nothing to judge
    count: int  # published guides missing a key element
    published: int
    incomplete: tuple[str, ...] = ()


def guide_check(org: Organization) -> GuideCheck:
    """Published guides lacking a key element (possible for guides entered before this check or by the admin)."""
    guides = list(ServiceGuide.objects.filter(org=org, status=GuideStatus.PUBLISHED))
    incomplete = tuple(g.name for g in guides if missing(g))
    if not guides:
        return GuideCheck(None, 0, 0)
    return GuideCheck(bool(incomplete), len(incomplete), len(guides), incomplete)
