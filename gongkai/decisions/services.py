"""Writes on the decision catalog: catalogs, items, each item's procedure stages, its decision document."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import events, rules
from .models import CatalogStatus, DecisionCatalog, DecisionItem, DecisionStage, RegisterAction, StageState

ITEM_FIELDS = ("title", "sponsor", "basis", "planned", "consultation_url")



@transaction.atomic
def create_catalog(*, actor, org: Organization, year: int) -> DecisionCatalog:
    require(actor, org, Capability.EDIT_DECISIONS)
    if not 2000 <= year <= 2100:
        raise RuleViolation("年度不正确。", field="year")
    try:
        with transaction.atomic():
            catalog = DecisionCatalog.objects.create(org=org, year=year, created_by=actor)
    except IntegrityError:
        raise RuleViolation(f"{year}年度的目录已经存在。", field="year") from None
    record(actor=actor, action=RegisterAction.CATALOG_CREATE, obj=catalog, org=org, to_state=catalog.status,
           data={"year": year})
    return catalog


@transaction.atomic
def save_item(*, actor, catalog: DecisionCatalog, item: DecisionItem | None = None, **values) -> DecisionItem:
    """Add or change an item (a published catalog may still be adjusted during the year)."""
    catalog = DecisionCatalog.objects.select_for_update().select_related("org").get(pk=catalog.pk)
    require(actor, catalog.org, Capability.EDIT_DECISIONS)
    cleaned = {k: (values.get(k) or "").strip() for k in ITEM_FIELDS if k in values}
    errors = {k: f"请填写{label}。" for k, label in (("title", "决策事项"), ("sponsor", "承办单位"))
              if k in cleaned and not cleaned[k]}
    if errors:
        raise RuleViolation.from_dict(errors)
    if item is None:
        position = (catalog.items.aggregate(m=Max("position"))["m"] or 0) + 1
        item = DecisionItem.objects.create(catalog=catalog, position=position, **cleaned)
        DecisionStage.objects.bulk_create([DecisionStage(item=item, stage=s) for s in rules.ORDER])
    else:
        item = DecisionItem.objects.get(pk=item.pk, catalog=catalog)
        for name, value in cleaned.items():
            setattr(item, name, value)
        item.save()
    record(actor=actor, action=RegisterAction.ITEM_SAVE, obj=catalog, org=catalog.org,
           data={"item": item.pk, "title": item.title})
    _changed(catalog)
    return item


def _changed(catalog: DecisionCatalog) -> None:
    if catalog.status == CatalogStatus.PUBLISHED:
        events.announce(events.catalog_changed, catalog=catalog.pk, org=catalog.org_id)


def states_of(item: DecisionItem) -> dict[str, str]:
    return dict(item.stages.values_list("stage", "state"))


@transaction.atomic
def set_stage(*, actor, item: DecisionItem, stage: str, state: str, completed_on: dt.date | None = None,
              note: str = "") -> DecisionStage:
    item = DecisionItem.objects.select_for_update().select_related("catalog__org").get(pk=item.pk)
    require(actor, item.catalog.org, Capability.EDIT_DECISIONS)
    states = states_of(item)
    if state not in StageState.values:
        raise RuleViolation("请选择程序状态。", field="state")
    errors = rules.stage_error(stage, state, states, completed_on=completed_on, note=note,
                               today=timezone.localdate())
    if errors:
        raise RuleViolation.from_dict(errors)
    row = DecisionStage.objects.get(item=item, stage=stage)
    before = row.state
    row.state, row.note = state, (note or "").strip()[:300]
    row.completed_on = completed_on if state == StageState.DONE else None
    row.save()
    record(actor=actor, action=RegisterAction.STAGE_SET, obj=item.catalog, org=item.catalog.org,
           from_state=before, to_state=state, comment=row.note,
           data={"item": item.pk, "stage": stage, "completed_on": completed_on.isoformat() if completed_on else None})
    _changed(item.catalog)
    return row


@transaction.atomic
def link_decision(*, actor, item: DecisionItem, document: Document) -> DecisionItem:
    """Name the published document that states the decision; only after 集体讨论决定."""
    item = DecisionItem.objects.select_for_update().select_related("catalog__org").get(pk=item.pk)
    require(actor, item.catalog.org, Capability.EDIT_DECISIONS)
    if not rules.decided(states_of(item)):
        raise RuleViolation("集体讨论决定完成后，才能关联决策文件。", field="document")
    if document.status != Status.PUBLISHED or document.org_id not in item.catalog.org.descendant_ids():
        raise RuleViolation("请选择本机关或所属单位已发布的文件。", field="document")
    item.decision_document = document
    item.save(update_fields=["decision_document"])
    record(actor=actor, action=RegisterAction.DECISION_LINK, obj=item.catalog, org=item.catalog.org,
           data={"item": item.pk, "document": document.pk})
    _changed(item.catalog)
    return item


@transaction.atomic
def publish_catalog(*, actor, catalog: DecisionCatalog, published_on: dt.date | None = None) -> DecisionCatalog:
    catalog = DecisionCatalog.objects.select_for_update().select_related("org").get(pk=catalog.pk)
    require(actor, catalog.org, Capability.PUBLISH_DECISIONS)
    if catalog.status != CatalogStatus.DRAFT:
        raise RuleViolation("目录已经公布。")
    if not catalog.items.exists():
        raise RuleViolation("目录中还没有决策事项。")
    published_on = published_on or timezone.localdate()
    catalog.status, catalog.published_on = CatalogStatus.PUBLISHED, published_on
    catalog.save(update_fields=["status", "published_on"])
    record(actor=actor, action=RegisterAction.CATALOG_PUBLISH, obj=catalog, org=catalog.org,
           from_state=CatalogStatus.DRAFT, to_state=CatalogStatus.PUBLISHED,
           data={"published_on": published_on.isoformat(), "items": catalog.items.count()})
    events.announce(events.catalog_published, catalog=catalog.pk, org=catalog.org_id)
    return catalog
