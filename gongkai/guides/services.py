"""Writes on service guides: create, edit, publish (blocked while a key element is missing), withdraw."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require
from gongkai.powers.selectors import item_by_code

from . import events, rules
from .models import GuideStatus, RegisterAction, ServiceGuide

FIELDS = ("power_code", "name", "basis", "conditions", "materials", "location", "hours", "phone", "process",
          "time_limit", "fees", "consultation", "complaint", "online_url")



def _clean(org: Organization, values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise RuleViolation(f"不能直接修改这些字段：{'、'.join(sorted(unknown))}")
    cleaned = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    errors = {}
    if "name" in cleaned and not cleaned["name"]:
        errors["name"] = "请填写事项名称。"
    code = cleaned.get("power_code")
    if code and item_by_code(org, code) is None:
        errors["power_code"] = f"本机构现行权责清单中没有编码为“{code}”的事项。"
    if errors:
        raise RuleViolation.from_dict(errors)
    return cleaned


def _values(guide: ServiceGuide) -> dict:
    return {name: getattr(guide, name) for name in FIELDS}


@transaction.atomic
def create_guide(*, actor, org: Organization, **values) -> ServiceGuide:
    """A new guide as a draft; it may start incomplete."""
    require(actor, org, Capability.EDIT_GUIDE)
    cleaned = _clean(org, {"name": "", **values})
    guide = ServiceGuide.objects.create(org=org, created_by=actor, **cleaned)
    record(actor=actor, action=RegisterAction.CREATE, obj=guide, org=org, to_state=guide.status,
           data={"name": guide.name, "missing": rules.missing_elements(_values(guide))})
    return guide


@transaction.atomic
def update_guide(*, actor, guide: ServiceGuide, **values) -> ServiceGuide:
    """Change a guide; a published one must stay complete, or the change is refused."""
    guide = ServiceGuide.objects.select_for_update().select_related("org").get(pk=guide.pk)
    require(actor, guide.org, Capability.EDIT_GUIDE)
    cleaned = _clean(guide.org, values)
    after = {**_values(guide), **cleaned}
    error = rules.transition_error(rules.GuideAction.EDIT, guide.status, rules.missing_elements(after))
    if error:
        raise RuleViolation(error)
    changed = sorted(name for name, value in cleaned.items() if getattr(guide, name) != value)
    if not changed:
        return guide
    for name, value in cleaned.items():
        setattr(guide, name, value)
    guide.save()
    record(actor=actor, action=RegisterAction.UPDATE, obj=guide, org=guide.org, from_state=guide.status,
           to_state=guide.status, data={"fields": changed})
    if guide.status == GuideStatus.PUBLISHED:
        events.announce(events.guide_changed, guide=guide.pk, org=guide.org_id)
    return guide


def _transition(actor, guide: ServiceGuide, action: str, comment: str = "") -> ServiceGuide:
    guide = ServiceGuide.objects.select_for_update().select_related("org").get(pk=guide.pk)
    require(actor, guide.org, Capability.EDIT_GUIDE)
    missing = rules.missing_elements(_values(guide))
    error = rules.transition_error(action, guide.status, missing)
    if error:
        raise RuleViolation(error)
    before, guide.status = guide.status, rules.TRANSITIONS[action][1]
    if guide.status == GuideStatus.PUBLISHED:
        guide.published_at = timezone.now()
    guide.save()
    code = RegisterAction.PUBLISH if action == rules.GuideAction.PUBLISH else RegisterAction.WITHDRAW
    record(actor=actor, action=code, obj=guide, org=guide.org, from_state=before, to_state=guide.status,
           comment=comment)
    signal = events.guide_published if guide.status == GuideStatus.PUBLISHED else events.guide_withdrawn
    events.announce(signal, guide=guide.pk, org=guide.org_id)
    return guide


@transaction.atomic
def publish_guide(*, actor, guide: ServiceGuide) -> ServiceGuide:
    return _transition(actor, guide, rules.GuideAction.PUBLISH)


@transaction.atomic
def withdraw_guide(*, actor, guide: ServiceGuide, comment: str) -> ServiceGuide:
    if not (comment or "").strip():
        raise RuleViolation("请填写撤回的原因。", field="comment")
    return _transition(actor, guide, rules.GuideAction.WITHDRAW, comment.strip())
