"""Reads of the normative register: staff lists scoped to the user's organizations, the public catalog,
the lifecycle marks of a document page, the to-do list of expiring documents and the annual figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.audit.services import history as audit_history
from gongkai.documents.models import Document, Status, public_q
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with

from . import rules
from .models import (
    CampaignStatus,
    CleanupCampaign,
    CleanupItem,
    Lifecycle,
    LifecycleEvent,
    NormativeDocument,
)

# The catalog's status filter: 现行有效 covers amended documents, which stay in force as amended.
STATUS_FILTERS = {
    "in_force": ("现行有效", list(rules.IN_FORCE_STATES)),
    Lifecycle.AMENDED.value: ("已修改", [Lifecycle.AMENDED]),
    Lifecycle.REPEALED.value: ("已废止", [Lifecycle.REPEALED]),
    Lifecycle.EXPIRED.value: ("已失效", [Lifecycle.EXPIRED]),
    "all": ("全部", list(Lifecycle.values)),
}


# ---------------------------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------------------------


def normative_for(user) -> QuerySet[NormativeDocument]:
    return (NormativeDocument.objects.filter(document__org_id__in=org_ids_with(user))
            .select_related("document", "document__org", "replaced_by", "responsible"))


def normative_item_for(user, pk) -> NormativeDocument:
    try:
        return normative_for(user).get(pk=pk)
    except (NormativeDocument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("规范性文件不存在") from exc


def staff_list(user, *, status: str = "", q: str = "", expiring: bool = False,
               today: dt.date | None = None) -> QuerySet[NormativeDocument]:
    qs = normative_for(user)
    if status in Lifecycle.values:
        qs = qs.filter(lifecycle=status)
    if q:
        qs = qs.filter(Q(document__title__icontains=q) | Q(document__doc_number__icontains=q)
                       | Q(document__unified_number__icontains=q))
    if expiring:
        today = today or timezone.localdate()
        qs = qs.filter(lifecycle__in=list(rules.IN_FORCE_STATES),
                       valid_until__lte=rules.add_months(today, rules.EXPIRY_WARNING_MONTHS))
    return qs.order_by("-document__written_on", "-pk")


def registrable_documents(user) -> QuerySet[Document]:
    """Documents ``user`` may register as normative: in their editor orgs, alive, not yet registered."""
    return (Document.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_NORMATIVE))
            .exclude(status__in=[Status.REJECTED, Status.WITHDRAWN])
            .filter(normative__isnull=True).select_related("org"))


def basis_choices(user) -> QuerySet[Document]:
    """Published documents that may be named as the amending or repealing document."""
    return Document.objects.filter(org_id__in=org_ids_with(user), status=Status.PUBLISHED).select_related("org")


@dataclass
class ExpiringRow:
    item: NormativeDocument
    state: str
    days_left: int

    @property
    def label(self) -> str:
        return rules.EXPIRY_LABELS[self.state]


def expiring_for(user, *, today: dt.date | None = None, months: int = rules.EXPIRY_WARNING_MONTHS,
                 limit: int = 200) -> list[ExpiringRow]:
    """The to-do list: in-force documents whose period ends within ``months`` (or already ended), soonest first.

    A document with a named responsible person is on that person's list; one without is on the list of
    every information officer of its organization.
    """
    today = today or timezone.localdate()
    editor_orgs = org_ids_with(user, Capability.EDIT_NORMATIVE)
    mine = Q(responsible=user) | Q(responsible__isnull=True, document__org_id__in=editor_orgs)
    qs = (NormativeDocument.objects.filter(mine, lifecycle__in=list(rules.IN_FORCE_STATES),
                                           valid_until__isnull=False,
                                           valid_until__lte=rules.add_months(today, months))
          .exclude(document__status__in=[Status.REJECTED, Status.WITHDRAWN])
          .select_related("document", "document__org").order_by("valid_until", "pk")[:limit])
    return [ExpiringRow(item, rules.expiry_state(item.lifecycle, item.valid_until, today, months),
                        (item.valid_until - today).days) for item in qs]


def register_entries(obj) -> list:
    """The register (登记簿) entries of ``obj``, oldest first (each labels itself: ``action_label``)."""
    return list(audit_history(obj))


def history(item: NormativeDocument) -> list[LifecycleEvent]:
    return list(item.events.select_related("by_document__org", "campaign__org").order_by("effective_on", "pk"))


def campaigns_for(user) -> QuerySet[CleanupCampaign]:
    """Campaigns the user runs (office) or takes part in (a unit with items in it)."""
    ids = org_ids_with(user)
    return (CleanupCampaign.objects.filter(Q(org_id__in=ids) | Q(items__unit_id__in=ids)).distinct()
            .select_related("org"))


def campaign_for(user, pk) -> CleanupCampaign:
    try:
        return campaigns_for(user).get(pk=pk)
    except (CleanupCampaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("清理工作不存在") from exc


def campaign_items_for(user, campaign: CleanupCampaign) -> QuerySet[CleanupItem]:
    """The office sees every item; a unit sees its own."""
    items = campaign.items.select_related("normative__document", "unit", "marked_by")
    if campaign.org_id in org_ids_with(user, Capability.RUN_CLEANUP):
        return items
    return items.filter(unit_id__in=org_ids_with(user))


def campaign_item_for(user, campaign: CleanupCampaign, pk) -> CleanupItem:
    try:
        return campaign_items_for(user, campaign).get(pk=pk)
    except (CleanupItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("清理事项不存在") from exc


def open_items_for(user) -> QuerySet[CleanupItem]:
    """Items of open campaigns waiting for the user's units to report (their to-do list)."""
    return (CleanupItem.objects.filter(campaign__status=CampaignStatus.OPEN,
                                       unit_id__in=org_ids_with(user, Capability.EDIT_NORMATIVE),
                                       status__in=["pending", "returned"])
            .select_related("campaign", "normative__document"))


# ---------------------------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------------------------


def public_normative() -> QuerySet[NormativeDocument]:
    return NormativeDocument.objects.filter(public_q("document__")).select_related("document", "document__org")


def catalog_scope(org: Organization) -> list[Organization]:
    """The issuing bodies of ``org``'s catalog: itself and every unit below it that has a public one."""
    ids = org.descendant_ids()
    with_docs = set(public_normative().filter(document__org_id__in=ids).values_list("document__org_id", flat=True))
    return [o for o in Organization.objects.filter(pk__in=ids).order_by("position", "id")
            if o.pk == org.pk or o.pk in with_docs]


def public_catalog(org: Organization, *, body: str = "", year: int | None = None, status: str = "in_force",
                   q: str = "") -> QuerySet[NormativeDocument]:
    """The catalog of normative documents (in force by default) of ``org`` and the units below it."""
    ids = org.descendant_ids()
    qs = public_normative().filter(document__org_id__in=ids)
    if body:
        qs = qs.filter(document__org__code=body)
    if year:
        qs = qs.filter(Q(document__written_on__year=year)
                       | Q(document__written_on__isnull=True, document__published_on__year=year))
    qs = qs.filter(lifecycle__in=STATUS_FILTERS.get(status, STATUS_FILTERS["in_force"])[1])
    if q:
        qs = qs.filter(Q(document__title__icontains=q) | Q(document__doc_number__icontains=q)
                       | Q(document__unified_number__icontains=q))
    return qs.order_by("-document__written_on", "-document__published_on", "-pk")


def catalog_years(org: Organization) -> list[int]:
    days = public_normative().filter(document__org_id__in=org.descendant_ids()).values_list(
        "document__written_on", "document__published_on")
    return sorted({(w or p).year for w, p in days if (w or p)}, reverse=True)


def in_force_for_compilation(org: Organization) -> list[NormativeDocument]:
    """Every public in-force normative document of ``org`` and its units, oldest first (the 汇编's order)."""
    return list(public_normative().filter(document__org_id__in=org.descendant_ids(),
                                          lifecycle__in=list(rules.IN_FORCE_STATES))
                .order_by("document__org__position", "document__org_id", "document__written_on", "pk"))


@dataclass
class PublicLifecycle:
    """What a public document page shows about a normative document (the 政府网站发展指引 marks)."""

    item: NormativeDocument | None  # None on a document that only replaces normative documents
    events: list[LifecycleEvent] = field(default_factory=list)
    replaced_by_public: bool = False
    replaces: list[NormativeDocument] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        return self.item is not None and self.item.lifecycle in rules.ENDED_STATES


def public_lifecycle(document: Document) -> PublicLifecycle | None:
    """The lifecycle marks of a public document page, or None when the document is not normative."""
    item = (NormativeDocument.objects.filter(document=document)
            .select_related("replaced_by", "replaced_by__org", "document").first())
    replaces = list(NormativeDocument.objects.filter(replaced_by=document).filter(public_q("document__"))
                    .select_related("document", "document__org"))
    if item is None and not replaces:
        return None
    if item is None:
        return PublicLifecycle(item=None, replaces=replaces)
    replaced = item.replaced_by
    public = bool(replaced and replaced.is_public)
    return PublicLifecycle(item=item, events=history(item), replaced_by_public=public, replaces=replaces)


def public_campaigns(org: Organization) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(org=org, status=CampaignStatus.PUBLISHED).order_by("-published_on", "-pk")


def public_campaign(org: Organization, pk) -> CleanupCampaign:
    try:
        return public_campaigns(org).get(pk=pk)
    except (CleanupCampaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("清理结果不存在") from exc


def campaign_results(campaign: CleanupCampaign) -> dict[str, list[CleanupItem]]:
    """The published result list grouped by decision, in the order 继续有效, 修改, 废止, 宣布失效."""
    grouped: dict[str, list[CleanupItem]] = defaultdict(list)
    for item in campaign.items.select_related("normative__document", "unit").order_by("unit__position", "pk"):
        grouped[item.decision].append(item)
    return grouped


# ---------------------------------------------------------------------------------------------
# Annual report
# ---------------------------------------------------------------------------------------------


def annual_counts(org_ids: Iterable[int], year: int) -> tuple[int, int, int]:
    """Section 二 第二十条第（一）项 for 行政规范性文件: (本年制发件数, 本年废止件数, 现行有效件数)."""
    org_ids = list(org_ids)
    rows = list(NormativeDocument.objects.filter(document__org_id__in=org_ids, document__status=Status.PUBLISHED)
                .values_list("pk", "lifecycle", "document__written_on", "document__published_on"))
    events: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for pk, day, state in LifecycleEvent.objects.filter(
            normative__document__org_id__in=org_ids, normative__document__status=Status.PUBLISHED,
    ).values_list("normative_id", "effective_on", "to_state"):
        events[pk].append((day, state))
    records = [rules.Record(written or published, tuple(events[pk]), lifecycle)
               for pk, lifecycle, written, published in rows]
    return rules.annual_counts(records, year)
