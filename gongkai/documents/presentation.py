"""Register entries (登记簿) of a document as rows for the document page and its CSV export."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from gongkai.audit.vocabulary import label as action_label

from .models import Status

_STATUS_LABELS = dict(Status.choices)


def register_rows(entries: Iterable) -> list[dict[str, Any]]:
    rows = []
    for e in entries:
        data = e.data or {}
        rows.append({
            "at": timezone.localtime(e.at),
            "actor": e.actor_name or "系统",
            "action": action_label(e.action),
            "step": data.get("step", ""),
            "from_state": _STATUS_LABELS.get(e.from_state, e.from_state),
            "to_state": _STATUS_LABELS.get(e.to_state, e.to_state),
            "comment": e.comment,
            "override": bool(data.get("override")),
            "index_number": data.get("index_number", ""),
        })
    return rows
