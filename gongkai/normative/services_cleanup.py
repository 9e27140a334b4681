"""Writes of the periodic clean-up (清理): a campaign lists every in-force document of the units in scope,
each unit reports 继续有效 / 修改 / 废止 / 宣布失效 with a reason, the office approves, and publishing the
result list applies the decisions (废止 and 宣布失效 take effect on the day it is published)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.documents.models import Status
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import events, rules
from .models import (
    CampaignStatus,
    CleanupCampaign,
    CleanupItem,
    Decision,
    ItemStatus,
    NormativeDocument,
    RegisterAction,
)
from .services import apply_lifecycle

DECISION_ACTIONS = {Decision.REPEAL: rules.LifecycleAction.REPEAL,
                    Decision.DECLARE_EXPIRED: rules.LifecycleAction.EXPIRE}


def require_office(actor, org: Organization) -> None:
    require(actor, org, Capability.RUN_CLEANUP, "只有组织清理的政务公开办（司法）管理员可以执行此操作。")


def _lock(campaign: CleanupCampaign) -> CleanupCampaign:
    return CleanupCampaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)


def _check(action: str, campaign: CleanupCampaign, statuses=()) -> None:
    error = rules.campaign_error(action, campaign.status, statuses)
    if error:
        raise RuleViolation(error)


@transaction.atomic
def create_campaign(*, actor, org: Organization, title: str, cutoff_on: dt.date, deadline: dt.date) -> CleanupCampaign:
    require_office(actor, org)
    errors = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = "请填写清理工作名称。"
    if deadline < cutoff_on:
        errors["deadline"] = "报送截止日期不能早于清理基准日。"
    if errors:
        raise RuleViolation.from_dict(errors)
    campaign = CleanupCampaign.objects.create(org=org, title=title, cutoff_on=cutoff_on, deadline=deadline,
                                              created_by=actor)
    record(actor=actor, action=RegisterAction.CAMPAIGN_CREATE, obj=campaign, org=org,
           to_state=campaign.status, data={"cutoff_on": cutoff_on.isoformat(), "deadline": deadline.isoformat()})
    return campaign


def documents_in_scope(campaign: CleanupCampaign):
    """Every in-force normative document of the campaign's org and the units below, issued by the cut-off."""
    issued = Q(document__written_on__lte=campaign.cutoff_on) | Q(
        document__written_on__isnull=True, document__published_on__lte=campaign.cutoff_on)
    return (NormativeDocument.objects
            .filter(document__org_id__in=campaign.org.descendant_ids(), lifecycle__in=list(rules.IN_FORCE_STATES),
                    document__status=Status.PUBLISHED)
            .filter(issued).select_related("document"))


@transaction.atomic
def open_campaign(*, actor, campaign: CleanupCampaign) -> CleanupCampaign:
    """Start the clean-up: the list of documents is fixed now, one item per document for its unit."""
    campaign = _lock(campaign)
    require_office(actor, campaign.org)
    _check(rules.CampaignAction.OPEN, campaign)
    scope = list(documents_in_scope(campaign))
    if not scope:
        raise RuleViolation("清理范围内没有现行有效的规范性文件。")
    CleanupItem.objects.bulk_create(
        [CleanupItem(campaign=campaign, normative=n, unit_id=n.document.org_id) for n in scope])
    before = campaign.status
    campaign.status, campaign.opened_at = CampaignStatus.OPEN, timezone.now()
    campaign.save(update_fields=["status", "opened_at"])
    record(actor=actor, action=RegisterAction.CAMPAIGN_OPEN, obj=campaign, org=campaign.org, from_state=before,
           to_state=campaign.status, data={"documents": len(scope)})
    return campaign


def _lock_item(item: CleanupItem) -> CleanupItem:
    return CleanupItem.objects.select_for_update().select_related("campaign__org", "unit").get(pk=item.pk)


def _check_item(action: str, item: CleanupItem) -> None:
    error = rules.item_error(action, item.status, item.campaign.status)
    if error:
        raise RuleViolation(error)


@transaction.atomic
def mark_item(*, actor, item: CleanupItem, decision: str, reason: str) -> CleanupItem:
    """The unit's decision on one of its documents, with the reason (revisable until approved)."""
    item = _lock_item(item)
    require(actor, item.unit, Capability.EDIT_NORMATIVE, "只有文件制定单位的信息员可以报送清理意见。")
    _check_item(rules.ItemAction.MARK, item)
    errors = rules.decision_errors(decision, reason)
    if errors:
        raise RuleViolation.from_dict(errors)
    before = item.status
    item.decision, item.reason = decision, reason.strip()[:500]
    item.status, item.marked_by, item.marked_at = ItemStatus.MARKED, actor, timezone.now()
    item.save()
    record(actor=actor, action=RegisterAction.ITEM_MARK, obj=item, org=item.unit, from_state=before,
           to_state=item.status, comment=item.reason, data={"decision": decision, "campaign": item.campaign_id,
                                                            "normative": item.normative_id})
    return item


@transaction.atomic
def review_item(*, actor, item: CleanupItem, approve: bool, comment: str = "") -> CleanupItem:
    """The office approves a reported decision, or returns it to the unit with its comment."""
    item = _lock_item(item)
    require_office(actor, item.campaign.org)
    action = rules.ItemAction.APPROVE if approve else rules.ItemAction.RETURN
    _check_item(action, item)
    comment = (comment or "").strip()[:500]
    if not approve and not comment:
        raise RuleViolation("退回时请写明需要单位补充或修改的内容。", field="comment")
    before = item.status
    item.status = rules.ITEM[action][1]
    item.office_comment, item.reviewed_by, item.reviewed_at = comment, actor, timezone.now()
    item.save()
    record(actor=actor, action=RegisterAction.ITEM_APPROVE if approve else RegisterAction.ITEM_RETURN, obj=item,
           org=item.unit, from_state=before, to_state=item.status, comment=comment,
           data={"decision": item.decision, "campaign": item.campaign_id})
    return item


@transaction.atomic
def approve_campaign(*, actor, campaign: CleanupCampaign, result_note: str = "") -> CleanupCampaign:
    campaign = _lock(campaign)
    require_office(actor, campaign.org)
    _check(rules.CampaignAction.APPROVE, campaign, campaign.items.values_list("status", flat=True))
    before = campaign.status
    campaign.status, campaign.approved_at = CampaignStatus.APPROVED, timezone.now()
    campaign.result_note = (result_note or campaign.result_note).strip()
    campaign.save(update_fields=["status", "approved_at", "result_note"])
    counts = {d: campaign.items.filter(decision=d).count() for d in Decision.values}
    record(actor=actor, action=RegisterAction.CAMPAIGN_APPROVE, obj=campaign, org=campaign.org,
           from_state=before, to_state=campaign.status, data={"decisions": counts})
    return campaign


@transaction.atomic
def publish_campaign(*, actor, campaign: CleanupCampaign, published_on: dt.date | None = None,
                     result_note: str = "") -> CleanupCampaign:
    """Publish the result list and apply it: 废止 / 宣布失效 take effect on ``published_on``, 修改 is flagged."""
    campaign = _lock(campaign)
    require_office(actor, campaign.org)
    _check(rules.CampaignAction.PUBLISH, campaign)
    published_on = published_on or timezone.localdate()
    if published_on > timezone.localdate():
        raise RuleViolation("公布日期不能晚于今天。", field="published_on")
    items = list(campaign.items.select_related("normative__document__org").order_by("pk"))
    for item in items:
        normative = NormativeDocument.objects.select_for_update().select_related("document__org").get(
            pk=item.normative_id)
        action = DECISION_ACTIONS.get(item.decision)
        if action and normative.lifecycle in rules.IN_FORCE_STATES:
            apply_lifecycle(actor=actor, item=normative, action=action, effective_on=published_on,
                            reason=f"{campaign.title}：{item.get_decision_display()}。{item.reason}",
                            campaign=campaign)
        elif item.decision == Decision.AMEND and not normative.to_amend:
            normative.to_amend = True
            normative.save(update_fields=["to_amend", "updated_at"])
    before = campaign.status
    campaign.status, campaign.published_on = CampaignStatus.PUBLISHED, published_on
    campaign.result_note = (result_note or campaign.result_note).strip()
    campaign.save(update_fields=["status", "published_on", "result_note"])
    record(actor=actor, action=RegisterAction.CAMPAIGN_PUBLISH, obj=campaign, org=campaign.org,
           from_state=before, to_state=campaign.status,
           data={"published_on": published_on.isoformat(), "documents": len(items)})
    events.announce(events.cleanup_published, campaign=campaign.pk, org=campaign.org_id)
    return campaign
