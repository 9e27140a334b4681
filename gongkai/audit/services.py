"""Writing to the register. Every service that changes state calls record() inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    org=None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry describing a state change of ``obj`` made by ``actor`` (a user or None)."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    name = ""
    if actor_obj is not None:
        name = actor_obj.get_full_name() or actor_obj.get_username()
    elif isinstance(actor, str):
        name = actor
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_name=name,
        org=org,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        data=data or {},
    )


def history(obj: models.Model):
    """Entries for one object, oldest first."""
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by("at", "id")
