"""Reads of suggestions and proposals: the published list per organization and the staff lists."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with

from .models import Kind, Proposal, ProposalStatus


def public_proposals(org: Organization, *, year: int | None = None, kind: str = "") -> QuerySet[Proposal]:
    qs = Proposal.objects.filter(org=org, status=ProposalStatus.PUBLISHED)
    if year:
        qs = qs.filter(year=year)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-year", "kind", "number")


def public_years(org: Organization) -> list[int]:
    return sorted(set(public_proposals(org).values_list("year", flat=True)), reverse=True)


def public_proposal(org: Organization, pk) -> Proposal:
    try:
        return public_proposals(org).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("建议提案不存在") from exc


def proposals_for(user) -> QuerySet[Proposal]:
    return Proposal.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_PROPOSALS)).select_related("org")


def proposal_for(user, pk) -> Proposal:
    try:
        return proposals_for(user).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("建议提案不存在") from exc
