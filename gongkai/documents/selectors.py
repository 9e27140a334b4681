"""Reads of documents for staff screens, always scoped to the organizations a user works in."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, may, org_ids_for, orgs_with

from .models import Document, Status


def documents_for(user) -> QuerySet[Document]:
    """Every document of every organization ``user`` works in, newest first."""
    return (
        Document.objects.filter(org_id__in=org_ids_for(user))
        .select_related("org", "column", "created_by")
        .order_by("-updated_at", "-id")
    )


def document_for(user, pk: int) -> Document:
    """One document ``user`` may see; anything outside their organizations is simply not found (404)."""
    try:
        return documents_for(user).get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("文件不存在") from exc


def can_edit(user, document: Document) -> bool:
    """Whether ``user`` may change ``document`` now: a draft or returned document of an org where they draft.

    The same answer as the review table's SAVE action (review.rules), asked without importing review.
    """
    return document.status in (Status.DRAFT, Status.RETURNED) and may(user, document.org, Capability.EDIT_DOCUMENT)


def editor_orgs(user) -> QuerySet[Organization]:
    """Organizations where ``user`` may draft."""
    return orgs_with(user, Capability.EDIT_DOCUMENT)


def search_documents(user, *, q: str = "", status: str = "", org: str = "") -> QuerySet[Document]:
    qs = documents_for(user)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number__icontains=q) | Q(index_number__icontains=q))
    if status in Status.values:
        qs = qs.filter(status=status)
    if org:
        qs = qs.filter(org__code=org)
    return qs


def flagged_numbers(user) -> QuerySet[Document]:
    """Documents whose imported 发文字号 no form could read, in the organizations where ``user`` drafts."""
    return (Document.objects.filter(doc_number_flagged=True, org__in=editor_orgs(user))
            .select_related("org").order_by("org__position", "org_id", "-published_on", "-id"))
