"""Which organizations a staff user may act in, by role. Every staff view and API call goes through here.

The policy itself (capabilities, oversight, the per-request memo) lives in ``gongkai.orgs.permissions``;
these names are kept for the callers that ask by role.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Organization
from .permissions import OVERSIGHT_ROLES, org_ids_for, roles_in

__all__ = ["OVERSIGHT_ROLES", "org_ids_for", "orgs_for", "roles_in"]


def orgs_for(user, roles: Iterable[str] | None = None):
    return Organization.objects.filter(pk__in=org_ids_for(user, roles)).order_by("position", "id")


def get_org(code: str) -> Organization:
    """The organization a public URL names by its code, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Organization, code=code)
