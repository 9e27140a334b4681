"""Writes on suggestions and proposals: registration, the reply, publication of the result."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import events, rules
from .models import Kind, Proposal, ProposalStatus, RegisterAction


@transaction.atomic
def register(*, actor, org: Organization, year: int, kind: str, number: str, title: str, proposer: str,
             co_handlers: str = "") -> Proposal:
    require(actor, org, Capability.EDIT_PROPOSALS)
    values = {"number": number.strip(), "title": title.strip(), "proposer": proposer.strip()}
    errors = {k: "请填写此项。" for k, v in values.items() if not v}
    if kind not in Kind.values:
        errors["kind"] = "请选择人大代表建议或政协委员提案。"
    if not 2000 <= year <= 2100:
        errors["year"] = "年度不正确。"
    if errors:
        raise RuleViolation.from_dict(errors)
    try:
        with transaction.atomic():
            item = Proposal.objects.create(org=org, year=year, kind=kind, co_handlers=co_handlers.strip(),
                                           created_by=actor, **values)
    except IntegrityError:
        raise RuleViolation(f"{year}年的{dict(Kind.choices)[kind]}第{values['number']}已经登记。", field="number") from None
    record(actor=actor, action=RegisterAction.REGISTER, obj=item, org=org, to_state=item.status,
           data={"year": year, "kind": kind, "number": item.number})
    return item


@transaction.atomic
def reply(*, actor, proposal: Proposal, result: str, reply: str, replied_on: dt.date) -> Proposal:
    item = Proposal.objects.select_for_update().select_related("org").get(pk=proposal.pk)
    require(actor, item.org, Capability.EDIT_PROPOSALS)
    if item.status != ProposalStatus.HANDLING:
        raise RuleViolation("办理结果已经公开，答复不能再修改。")
    errors = rules.reply_errors(result, reply, replied_on, year=item.year, today=timezone.localdate())
    if errors:
        raise RuleViolation.from_dict(errors)
    item.result, item.reply, item.replied_on = result, reply.strip(), replied_on
    item.save()
    record(actor=actor, action=RegisterAction.REPLY, obj=item, org=item.org,
           data={"result": result, "replied_on": replied_on.isoformat()})
    return item


@transaction.atomic
def publish(*, actor, proposal: Proposal) -> Proposal:
    item = Proposal.objects.select_for_update().select_related("org").get(pk=proposal.pk)
    require(actor, item.org, Capability.EDIT_PROPOSALS)
    error = rules.publish_error(item.status, bool(item.reply and item.result and item.replied_on))
    if error:
        raise RuleViolation(error)
    item.status, item.published_at = ProposalStatus.PUBLISHED, timezone.now()
    item.save(update_fields=["status", "published_at"])
    record(actor=actor, action=RegisterAction.PUBLISH, obj=item, org=item.org, from_state=ProposalStatus.HANDLING,
           to_state=ProposalStatus.PUBLISHED)
    events.announce(events.proposal_published, proposal=item.pk, org=item.org_id)
    return item
