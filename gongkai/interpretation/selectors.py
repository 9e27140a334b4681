"""Reads of interpretations: the links shown on public pages and the staff lists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.documents.models import Document, Status, public_q
from gongkai.orgs.selectors import org_ids_for

from . import rules
from .models import Interpretation, InterpretationImage


@dataclass
class PublicLinks:
    """What a public document page shows about interpretation, in either direction."""

    interpretations: list[Interpretation] = field(default_factory=list)  # on a policy's page
    interpretation: Interpretation | None = None  # on an interpretation's own page
    policies: list[Document] = field(default_factory=list)
    images: list[InterpretationImage] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.interpretations or self.interpretation)


def public_links(document: Document) -> PublicLinks:
    """Published interpretations of ``document`` and, if it is one, the public policies it explains."""
    links = PublicLinks()
    links.interpretations = list(
        Interpretation.objects.filter(public_q("document__"), policies=document)
        .select_related("document__org").order_by("document__published_on", "pk")
    )
    item = Interpretation.objects.filter(document=document).first()
    if item is not None:
        links.interpretation = item
        links.policies = list(item.policies.public().select_related("org").order_by("-published_on"))
        links.images = list(item.images.all())
    return links


def public_image(org_code: str, doc_pk: int, image_pk: int) -> InterpretationImage:
    """An image of a public interpretation, else 404."""
    try:
        return InterpretationImage.objects.select_related("interpretation__document__org").get(
            public_q("interpretation__document__"),
            pk=image_pk, interpretation__document_id=doc_pk, interpretation__document__org__code=org_code,
        )
    except InterpretationImage.DoesNotExist as exc:
        raise Http404("image not public") from exc


def interpretations_for(user) -> QuerySet[Interpretation]:
    return (Interpretation.objects.filter(document__org_id__in=org_ids_for(user))
            .select_related("document", "document__org").prefetch_related("policies"))


def interpretation_for(user, pk: int) -> Interpretation:
    try:
        return interpretations_for(user).get(pk=pk)
    except (Interpretation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("解读不存在") from exc


def policy_choices(user) -> QuerySet[Document]:
    """Documents ``user`` may link an interpretation to: visible, alive, not interpretations themselves."""
    return (Document.objects.filter(org_id__in=org_ids_for(user))
            .exclude(status__in=[Status.REJECTED, Status.WITHDRAWN])
            .exclude(Exists(Interpretation.objects.filter(document=OuterRef("pk"))))
            .select_related("org").order_by("-needs_interpretation", "-published_on", "-id"))


@dataclass
class PendingRow:
    policy: Document
    sync: rules.Sync
    drafts: list[Interpretation]


def pending_for(user, *, today=None) -> list[PendingRow]:
    """待解读: policies marked as needing interpretation without a published one, overdue first."""
    today = today or timezone.localdate()
    published = Interpretation.objects.filter(policies=OuterRef("pk"), document__status=Status.PUBLISHED)
    policies = (Document.objects.filter(org_id__in=org_ids_for(user), needs_interpretation=True)
                .exclude(status__in=[Status.REJECTED, Status.WITHDRAWN])
                .exclude(Exists(published))
                .select_related("org").prefetch_related("interpretations__document"))
    rows = []
    for policy in policies:
        published_on = policy.published_on if policy.status == Status.PUBLISHED else None
        sync = rules.sync_state(policy_published_on=published_on, interpretation_published=False, today=today)
        rows.append(PendingRow(policy, sync, list(policy.interpretations.all())))
    rows.sort(key=lambda r: (r.sync.state != rules.SyncState.OVERDUE, -r.sync.days_late, r.policy.pk))
    return rows
