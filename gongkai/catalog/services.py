"""Creating column trees from templates."""

from __future__ import annotations

from django.db import transaction

from .models import Column
from .templates import TEMPLATES, Node


@transaction.atomic
def apply_template(org, template: str = "statutory") -> int:
    """Create the columns of ``template`` for ``org``; existing slugs are kept. Returns how many were created."""
    created = 0

    def walk(nodes: list[Node], parent: Column | None) -> None:
        nonlocal created
        for position, (slug, name, kind, cycle, children) in enumerate(nodes, start=1):
            column, was_created = Column.objects.get_or_create(
                org=org,
                slug=slug,
                defaults={"name": name, "kind": kind, "update_cycle_days": cycle, "parent": parent, "position": position},
            )
            created += int(was_created)
            walk(children, column)

    walk(TEMPLATES[template], None)
    return created
