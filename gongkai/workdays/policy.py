"""Who may change which calendar, asked of the one permission policy (orgs.permissions).

The State Council's notice holds for the whole installation, so only the disclosure office of a
top-level organization (a county government on a county platform, the province on a provincial one)
enters it; a local day belongs to one organization, and the office that oversees it enters it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_for, org_ids_with


def calendar_org_ids(user) -> set[int]:
    """Organizations whose local days ``user`` may enter or remove."""
    return org_ids_with(user, Capability.MANAGE_CALENDAR)


def may_enter_notice(user) -> bool:
    """Whether ``user`` may enter the State Council notice (MANAGE_CALENDAR at a top-level organization)."""
    ids = calendar_org_ids(user)
    return bool(ids) and Organization.objects.filter(pk__in=ids, parent__isnull=True).exists()


def require_notice(user) -> None:
    if not may_enter_notice(user):
        raise PermissionDenied("只有上级政务公开办可以录入国务院办公厅节假日安排通知。")


def require_local_day(user, org: Organization) -> None:
    if org.pk not in calendar_org_ids(user):
        raise PermissionDenied(f"您不能为“{org.name}”录入地方性安排。")


def visible_org_ids(user) -> set[int]:
    """Organizations whose local days ``user`` sees (any role there)."""
    return org_ids_for(user)
