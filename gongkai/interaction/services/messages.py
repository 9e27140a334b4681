"""我要咨询/留言 and 网民纠错: intake, assignment, answer, invalidation and publication of selected Q&A."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.pagecache import bump_after_commit
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, grants, may

from .. import rules
from ..actions import InteractionAction
from ..models import ErrorReport, Message, MessageStatus
from .common import (
    PublishBlocked,
    check_for_publication,
    due_for,
    new_query_code,
    require,
    save_numbered,
)

PUBLIC = "公众"
OPEN_STATUSES = frozenset({MessageStatus.RECEIVED, MessageStatus.ASSIGNED})


def _bump_portal() -> None:
    bump_after_commit()


@transaction.atomic
def submit_message(*, org: Organization, kind: str, name: str, contact: str, topic: str, content: str,
                   is_private: bool = False, client_ip: str | None = None) -> tuple[Message, str]:
    """Keep a citizen's message as written; returns it with the query code shown once to the citizen."""
    today = timezone.localdate()
    due_on, provisional = due_for(today)
    code, code_hash = new_query_code()
    message = Message(org=org, kind=kind, name=name.strip(), contact=contact, topic=topic.strip(),
                      content=content.strip(), is_private=is_private, received_on=today, due_on=due_on,
                      due_provisional=provisional, query_hash=code_hash, client_ip=client_ip)
    save_numbered(message, "message", today)
    record(actor=PUBLIC, action=InteractionAction.MESSAGE_SUBMIT, obj=message, org=org, to_state=message.status,
           data={"number": message.number, "due_on": due_on.isoformat(), "private": is_private})
    return message, code


def _locked(model, obj):
    return model.objects.select_for_update().select_related("org").get(pk=obj.pk)


def _check_handler(actor, item) -> set[str]:
    roles = require(actor, item.org, Capability.HANDLE_SUBMISSION, "办理留言")
    if item.assignee_id and item.assignee_id != actor.pk and not grants(roles, Capability.TAKE_OVER_SUBMISSION):
        raise PermissionDenied("该事项已分办给其他承办人，只有承办人或政务公开办管理员可以答复。")
    return roles


@transaction.atomic
def assign(*, actor, item, assignee) -> Message | ErrorReport:
    """分办: give an open message or error report to a staff member of its organization."""
    model = type(item)
    item = _locked(model, item)
    require(actor, item.org, Capability.ASSIGN_SUBMISSION, "分办")
    if item.status not in OPEN_STATUSES:
        raise ValidationError(f"当前状态为“{item.get_status_display()}”，不能再分办。")
    if not may(assignee, item.org, Capability.HANDLE_SUBMISSION):
        raise ValidationError({"assignee": "承办人须为本机构的信息员、依申请公开经办人或政务公开办管理员。"})
    from_state = item.status
    item.assignee, item.status = assignee, MessageStatus.ASSIGNED
    item.save(update_fields=["assignee", "status"])
    record(actor=actor, action=InteractionAction.ASSIGN, obj=item, org=item.org, from_state=from_state, to_state=item.status,
           data={"assignee": assignee.get_username()})
    return item


@transaction.atomic
def answer(*, actor, item, text: str) -> Message | ErrorReport:
    """Answer an open message or error report; the answer stays editable until it is published."""
    model = type(item)
    item = _locked(model, item)
    _check_handler(actor, item)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"answer": "请填写答复内容。"})
    if item.status == MessageStatus.INVALID:
        raise ValidationError("无效留言不能答复。")
    if getattr(item, "published", False):
        raise ValidationError("已公开的答复不能修改，请先撤下公开。")
    from_state = item.status
    first = item.answered_at is None
    item.answer, item.status, item.answered_by = text, MessageStatus.ANSWERED, actor
    item.answered_at = timezone.now() if first else item.answered_at
    item.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    late = timezone.localdate(item.answered_at) > item.due_on
    record(actor=actor, action=InteractionAction.ANSWER if first else "answer_revise", obj=item, org=item.org,
           from_state=from_state, to_state=item.status, data={"late": late, "answer": text})
    return item


@transaction.atomic
def mark_invalid(*, actor, item, reason: str) -> Message | ErrorReport:
    """无效: advertising, abuse or an empty message; kept with the reason, never deleted."""
    model = type(item)
    item = _locked(model, item)
    require(actor, item.org, Capability.ASSIGN_SUBMISSION, "认定无效留言")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写认定为无效的原因。"})
    if item.status not in OPEN_STATUSES:
        raise ValidationError(f"当前状态为“{item.get_status_display()}”，不能认定为无效。")
    from_state = item.status
    item.status, item.invalid_reason = MessageStatus.INVALID, reason[:200]
    item.save(update_fields=["status", "invalid_reason"])
    record(actor=actor, action=InteractionAction.INVALIDATE, obj=item, org=item.org, from_state=from_state,
           to_state=item.status, comment=reason)
    return item


@transaction.atomic
def publish_message(*, actor, message: Message, mask_pii: bool = False) -> Message:
    """Publish an answered message and its answer, after the personal-information check.

    The citizen's name and contact are never published; findings block unless masked (条例 Art. 15).
    """
    message = _locked(Message, message)
    require(actor, message.org, Capability.PUBLISH_PARTICIPATION, "公开留言")
    if message.is_private:
        raise ValidationError("留言人选择了不公开，不能公开这条留言。")
    if message.status != MessageStatus.ANSWERED:
        raise ValidationError("只有已答复的留言可以公开。")
    if message.published:
        raise ValidationError("这条留言已经公开。")
    check = check_for_publication({"topic": message.topic, "content": message.content, "answer": message.answer},
                                  mask_pii=mask_pii)
    if not check.ok:
        raise PublishBlocked(check.findings)
    message.public_topic = check.texts["topic"]
    message.public_content = check.texts["content"]
    message.public_answer = check.texts["answer"]
    message.published, message.published_at = True, timezone.now()
    message.save()
    record(actor=actor, action=InteractionAction.PUBLISH, obj=message, org=message.org, from_state="unpublished",
           to_state="published", data={"masked": check.masked})
    _bump_portal()
    return message


@transaction.atomic
def unpublish_message(*, actor, message: Message, reason: str) -> Message:
    message = _locked(Message, message)
    require(actor, message.org, Capability.PUBLISH_PARTICIPATION, "撤下留言")
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写撤下公开的原因。"})
    if not message.published:
        raise ValidationError("这条留言没有公开。")
    message.published = False
    message.save(update_fields=["published"])
    record(actor=actor, action=InteractionAction.UNPUBLISH, obj=message, org=message.org, from_state="published",
           to_state="unpublished", comment=reason.strip())
    _bump_portal()
    return message


def route_error_report(page_url: str) -> Organization:
    """The organization whose page it is (/gk/<code>/…); otherwise the top organization (the county)."""
    code = rules.org_code_from_url(page_url)
    org = Organization.objects.filter(code=code).first() if code else None
    if org is None:
        org = Organization.objects.filter(parent=None).order_by("position", "id").first()
    if org is None:
        raise ValidationError("平台尚未配置任何机构，暂时无法受理纠错。")
    return org


@transaction.atomic
def submit_error_report(*, page_url: str, kind: str, description: str, name: str = "", contact: str = "",
                        client_ip: str | None = None) -> ErrorReport:
    """Keep a netizen's error report, routed to the page's organization, with an answer deadline."""
    org = route_error_report(page_url)
    today = timezone.localdate()
    due_on, provisional = due_for(today)
    report = ErrorReport(org=org, page_url=page_url.strip(), kind=kind, description=description.strip(),
                         name=name.strip(), contact=contact, received_on=today, due_on=due_on,
                         due_provisional=provisional, client_ip=client_ip)
    save_numbered(report, "error", today)
    record(actor=PUBLIC, action=InteractionAction.ERROR_REPORT_SUBMIT, obj=report, org=org, to_state=report.status,
           data={"number": report.number, "page_url": report.page_url, "kind": kind})
    return report
