"""Creating organizations and staff accounts (used by the CLI, the admin and the demo)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.audit.services import record
from gongkai.catalog.services import apply_template
from gongkai.core.errors import RuleViolation

from .actions import OrgAction
from .models import Membership, Organization, OrgKind, Role


@transaction.atomic
def create_org(
    *, code: str, name: str, parent: Organization | None = None, kind: str = OrgKind.DEPARTMENT,
    template: str = "statutory", actor=None, **fields,
) -> tuple[Organization, bool]:
    """Create an organization with its standard column tree; an existing code is returned unchanged."""
    existing = Organization.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    org = Organization(code=code, name=name, parent=parent, kind=kind, **fields)
    org.full_clean()
    org.save()
    apply_template(org, template)
    record(actor=actor or "system", action=OrgAction.ORG_CREATE, obj=org, org=org, to_state="active", data={"name": name})
    return org, True


@transaction.atomic
def create_staff_user(
    *, username: str, password: str, org: Organization, roles: list[str], full_name: str = "", actor=None,
    is_superuser: bool = False,
):
    """Create (or extend) a staff account holding ``roles`` in ``org``."""
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise RuleViolation(f"未知角色：{'、'.join(unknown)}；可用角色：{'、'.join(Role.values)}")
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        user.set_password(password)
        # Django's admin (/admin/) is for system configuration only: the back office (/staff/) checks
        # memberships, so only system administrators get admin access.
        user.is_staff = is_superuser
        user.is_superuser = is_superuser
        user.save()
    for role in roles:
        Membership.objects.get_or_create(user=user, org=org, role=role)
    record(actor=actor or "system", action=OrgAction.USER_CREATE if created else "user.roles", obj=user, org=org,
           data={"roles": roles})
    return user, created
