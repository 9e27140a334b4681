"""Reads for the review work: the dashboard's 我的待办 lists (drafts, returns, reviews, publications)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from gongkai.documents.models import Document, Status
from gongkai.documents.selectors import documents_for
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with, roles_in

from .services import chain_for


@dataclass
class Todo:
    """The dashboard's 我的待办 lists."""

    drafts: list[Document] = field(default_factory=list)
    returned: list[Document] = field(default_factory=list)
    to_review: list[Document] = field(default_factory=list)
    to_publish: list[Document] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.drafts) + len(self.returned) + len(self.to_review) + len(self.to_publish)


def todo_for(user, *, limit: int = 50) -> Todo:
    """What waits for ``user``: own drafts, drafts returned to them, reviews at their step, publications."""
    todo = Todo()
    base = documents_for(user)
    editor_ids = org_ids_with(user, Capability.EDIT_DOCUMENT)
    publisher_ids = org_ids_with(user, Capability.PUBLISH_DOCUMENT)
    todo.drafts = list(base.filter(status=Status.DRAFT, created_by=user)[:limit])
    todo.returned = list(base.filter(status=Status.RETURNED).filter(Q(created_by=user) | Q(org_id__in=editor_ids))[:limit])
    todo.to_publish = list(base.filter(status=Status.APPROVED, org_id__in=publisher_ids)[:limit])
    in_review = base.filter(status=Status.IN_REVIEW)
    conditions = Q(pk__in=[])
    for org in Organization.objects.filter(pk__in=in_review.values("org_id").distinct()):
        roles = roles_in(user, org)
        steps = [i for i, step in enumerate(chain_for(org)) if step.role in roles]
        if steps:
            conditions |= Q(org=org, review_step__in=steps)
    todo.to_review = list(in_review.filter(conditions)[:limit])
    return todo
