"""Writes on the power list: start an adjustment, edit or import its items, publish it.

Only a draft version changes; publishing it supersedes the current one and records what changed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import events, rules
from .models import ListStatus, PowerItem, PowerList, RegisterAction

ITEM_FIELDS = ("code", "name", "sub_item", "category", "basis", "subject", "responsibilities", "accountability",
               "flow_steps", "remarks", "position")



def _draft(power_list: PowerList) -> PowerList:
    locked = PowerList.objects.select_for_update().select_related("org").get(pk=power_list.pk)
    if locked.status != ListStatus.DRAFT:
        raise RuleViolation("只有调整中的清单可以修改；请先开始一次调整。")
    return locked


def current(org: Organization) -> PowerList | None:
    return PowerList.objects.filter(org=org, status=ListStatus.PUBLISHED).first()


@transaction.atomic
def start_adjustment(*, actor, org: Organization) -> PowerList:
    """A new draft version, starting from the current list's items (empty for a first list)."""
    require(actor, org, Capability.EDIT_POWERS)
    Organization.objects.select_for_update().get(pk=org.pk)  # one adjustment at a time per organization
    if PowerList.objects.filter(org=org, status=ListStatus.DRAFT).exists():
        raise RuleViolation("本机构已有一份调整中的清单。")
    base = current(org)
    version = (PowerList.objects.filter(org=org).aggregate(m=Max("version"))["m"] or 0) + 1
    draft = PowerList.objects.create(org=org, version=version, created_by=actor)
    if base is not None:
        PowerItem.objects.bulk_create([
            PowerItem(power_list=draft, **{f: getattr(item, f) for f in ITEM_FIELDS}) for item in base.items.all()])
    record(actor=actor, action=RegisterAction.ADJUSTMENT_START, obj=draft, org=org, to_state=draft.status,
           data={"version": version, "from_version": base.version if base else None})
    return draft


def _clean_item(values: dict) -> dict:
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if k in ITEM_FIELDS}
    category = cleaned.get("category", "")
    if category and category not in rules.LABELS:
        cleaned["category"] = rules.parse_category(category) or category
    errors = rules.item_errors(cleaned)
    if errors:
        raise RuleViolation.from_dict(errors)
    return cleaned


@transaction.atomic
def save_item(*, actor, power_list: PowerList, item: PowerItem | None = None, **values) -> PowerItem:
    """Create or change one item of a draft; the 事项编码 is unique within the version."""
    draft = _draft(power_list)
    require(actor, draft.org, Capability.EDIT_POWERS)
    cleaned = _clean_item(values)
    clash = draft.items.filter(code=cleaned["code"])
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise RuleViolation(f"事项编码“{cleaned['code']}”已在本清单中使用。", field="code")
    if item is None:
        cleaned.setdefault("position", (draft.items.aggregate(m=Max("position"))["m"] or 0) + 1)
        item = PowerItem.objects.create(power_list=draft, **cleaned)
    else:
        item = PowerItem.objects.get(pk=item.pk, power_list=draft)
        for name, value in cleaned.items():
            setattr(item, name, value)
        item.save()
    record(actor=actor, action=RegisterAction.ITEM_SAVE, obj=draft, org=draft.org,
           data={"item": item.pk, "code": item.code, "name": item.name})
    return item


@transaction.atomic
def delete_item(*, actor, item: PowerItem) -> None:
    draft = _draft(item.power_list)
    require(actor, draft.org, Capability.EDIT_POWERS)
    data = {"item": item.pk, "code": item.code, "name": item.name}
    PowerItem.objects.filter(pk=item.pk, power_list=draft).delete()
    record(actor=actor, action=RegisterAction.ITEM_DELETE, obj=draft, org=draft.org, data=data)


@transaction.atomic
def replace_items(*, actor, power_list: PowerList, rows: list[dict], source: str = "") -> int:
    """Replace every item of a draft with ``rows`` (already checked by the importer); all or nothing."""
    draft = _draft(power_list)
    require(actor, draft.org, Capability.EDIT_POWERS)
    cleaned = [_clean_item({**row, "position": index}) for index, row in enumerate(rows, start=1)]
    codes = [row["code"] for row in cleaned]
    if len(set(codes)) != len(codes):
        raise RuleViolation("事项编码有重复。")
    draft.items.all().delete()
    PowerItem.objects.bulk_create([PowerItem(power_list=draft, **row) for row in cleaned])
    record(actor=actor, action=RegisterAction.IMPORT, obj=draft, org=draft.org,
           data={"items": len(cleaned), "source": source[:200]})
    return len(cleaned)


def _snapshot(power_list: PowerList | None) -> list[dict]:
    if power_list is None:
        return []
    return list(power_list.items.values(*rules.COMPARED, "code"))


@transaction.atomic
def publish(*, actor, power_list: PowerList, reason: str, published_on: dt.date | None = None) -> PowerList:
    """Publish a draft as the current list, with its date and reason; the previous one is superseded."""
    draft = _draft(power_list)
    require(actor, draft.org, Capability.PUBLISH_POWERS)
    published_on = published_on or timezone.localdate()
    base = current(draft.org)
    errors = rules.publish_errors(draft.status, draft.items.count(), reason, is_first=base is None)
    if published_on > timezone.localdate():
        errors["published_on"] = "公布日期不能晚于今天。"
    if base is not None and base.published_on and published_on < base.published_on:
        errors["published_on"] = "公布日期不能早于现行清单的公布日期。"
    if errors:
        raise RuleViolation.from_dict(errors)
    changes = rules.diff(_snapshot(base), _snapshot(draft))
    if base is not None:
        if changes.empty:
            raise RuleViolation("本次调整与现行清单相比没有任何变化。")
        base.status = ListStatus.SUPERSEDED
        base.save(update_fields=["status"])
    draft.status, draft.published_on, draft.reason = ListStatus.PUBLISHED, published_on, (reason or "").strip()
    draft.changes = changes.as_json()
    draft.save()
    record(actor=actor, action=RegisterAction.PUBLISH, obj=draft, org=draft.org, from_state=ListStatus.DRAFT,
           to_state=ListStatus.PUBLISHED, comment=draft.reason,
           data={"version": draft.version, "published_on": published_on.isoformat(),
                 "added": len(changes.added), "removed": len(changes.removed), "changed": len(changes.changed)})
    events.announce(events.power_list_published, power_list=draft.pk, org=draft.org_id)
    return draft
