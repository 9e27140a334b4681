"""Which organizations a staff user may act in, by role. Every staff view and API call goes through here."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Membership, Organization, Role

OVERSIGHT_ROLES = {Role.OFFICE_ADMIN, Role.SYSTEM_ADMIN}


def org_ids_for(user, roles: Iterable[str] | None = None) -> set[int]:
    """Ids of organizations where ``user`` holds one of ``roles`` (any role when None).

    Oversight roles extend to every unit below their organization. Superusers see everything.
    """
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return set(Organization.objects.values_list("pk", flat=True))
    memberships = Membership.objects.filter(user=user).select_related("org")
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    ids: set[int] = set()
    for m in memberships:
        if m.role in OVERSIGHT_ROLES:
            ids |= m.org.descendant_ids()
        else:
            ids.add(m.org_id)
    return ids


def roles_in(user, org: Organization) -> set[str]:
    """Roles ``user`` holds for ``org``, including oversight roles inherited from an ancestor."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return {r.value for r in Role}
    chain = [org.pk] + [a.pk for a in org.ancestors()]
    roles = set()
    for m in Membership.objects.filter(user=user, org_id__in=chain):
        if m.org_id == org.pk or m.role in OVERSIGHT_ROLES:
            roles.add(m.role)
    return roles


def orgs_for(user, roles: Iterable[str] | None = None):
    return Organization.objects.filter(pk__in=org_ids_for(user, roles)).order_by("position", "id")
