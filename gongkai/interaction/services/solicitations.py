"""意见征集: drafts published for comment, moderation of comments, adoption decisions and the feedback."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.html import to_safe_html
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability

from .. import rules
from ..actions import InteractionAction
from ..models import Comment, CommentStatus, Solicitation
from .common import PublishBlocked, check_for_publication, require
from .messages import PUBLIC, _bump_portal


def _locked(solicitation: Solicitation) -> Solicitation:
    return Solicitation.objects.select_for_update().select_related("org").get(pk=solicitation.pk)


@transaction.atomic
def create_solicitation(*, actor, org: Organization, title: str, body: str, starts_on: dt.date,
                        ends_on: dt.date) -> Solicitation:
    require(actor, org, Capability.PUBLISH_PARTICIPATION, "发起意见征集")
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "请填写标题。"
    if not (body or "").strip():
        errors["body"] = "请填写征求意见的草案内容。"
    date_error = rules.solicitation_dates_error(starts_on, ends_on)
    if date_error:
        errors["ends_on"] = date_error
    if errors:
        raise ValidationError(errors)
    item = Solicitation.objects.create(org=org, title=title, body=to_safe_html(body), starts_on=starts_on,
                                       ends_on=ends_on, created_by=actor)
    record(actor=actor, action=InteractionAction.SOLICITATION_CREATE, obj=item, org=org,
           data={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()})
    return item


@transaction.atomic
def publish_solicitation(*, actor, solicitation: Solicitation) -> Solicitation:
    item = _locked(solicitation)
    require(actor, item.org, Capability.PUBLISH_PARTICIPATION, "发布意见征集")
    if item.published:
        raise ValidationError("该意见征集已经发布。")
    check = check_for_publication({"title": item.title, "body": item.body}, mask_pii=False)
    if not check.ok:
        raise PublishBlocked(check.findings)
    item.published, item.published_at = True, timezone.now()
    item.save(update_fields=["published", "published_at"])
    record(actor=actor, action=InteractionAction.PUBLISH, obj=item, org=item.org, from_state="draft", to_state="published")
    _bump_portal()
    return item


@transaction.atomic
def submit_comment(*, solicitation: Solicitation, name: str, content: str, contact: str = "",
                   client_ip: str | None = None, today: dt.date | None = None) -> Comment:
    """Keep a citizen's comment for moderation; only while the consultation is open."""
    item = _locked(solicitation)
    today = today or timezone.localdate()
    phase = rules.solicitation_phase(item.starts_on, item.ends_on, today)
    if not item.published or phase != rules.Phase.OPEN:
        raise ValidationError(f"该意见征集{rules.PHASE_LABELS[phase]}，不能提交意见。")
    comment = Comment.objects.create(solicitation=item, name=name.strip(), contact=contact,
                                     content=content.strip(), client_ip=client_ip)
    record(actor=PUBLIC, action=InteractionAction.COMMENT_SUBMIT, obj=comment, org=item.org, to_state=comment.status,
           data={"solicitation": item.pk})
    return comment


@transaction.atomic
def moderate_comment(*, actor, comment: Comment, approve: bool, note: str = "", mask_pii: bool = False) -> Comment:
    """Publish a comment (after the personal-information check) or keep it unpublished with a reason."""
    comment = Comment.objects.select_for_update().select_related("solicitation__org").get(pk=comment.pk)
    org = comment.solicitation.org
    require(actor, org, Capability.PUBLISH_PARTICIPATION, "审核意见")
    note = (note or "").strip()
    from_state = comment.status
    if approve:
        check = check_for_publication({"content": comment.content}, mask_pii=mask_pii)
        if not check.ok:
            raise PublishBlocked(check.findings)
        comment.public_content, comment.status = check.texts["content"], CommentStatus.APPROVED
        data = {"masked": check.masked}
    else:
        if not note:
            raise ValidationError({"note": "不予公开时请填写原因。"})
        comment.public_content, comment.status, data = "", CommentStatus.HIDDEN, {}
    comment.moderation_note = note[:200]
    comment.save()
    record(actor=actor, action=InteractionAction.MODERATE, obj=comment, org=org, from_state=from_state, to_state=comment.status,
           comment=note, data=data)
    _bump_portal()
    return comment


@transaction.atomic
def decide_adoption(*, actor, comment: Comment, adopted: bool, note: str = "") -> Comment:
    """采纳 or 不采纳 of a published comment; not adopting needs the reason, which is published."""
    comment = Comment.objects.select_for_update().select_related("solicitation__org").get(pk=comment.pk)
    solicitation = comment.solicitation
    require(actor, solicitation.org, Capability.PUBLISH_PARTICIPATION, "确定采纳情况")
    if solicitation.feedback_published_at:
        raise ValidationError("采纳情况已经发布，不能再修改。")
    if comment.status != CommentStatus.APPROVED:
        raise ValidationError("只能对已公开的意见确定采纳情况。")
    note = (note or "").strip()
    if not adopted and not note:
        raise ValidationError({"note": "不采纳的意见须说明理由。"})
    comment.adopted, comment.adoption_note = adopted, note[:500]
    comment.save(update_fields=["adopted", "adoption_note"])
    record(actor=actor, action=InteractionAction.ADOPTION, obj=comment, org=solicitation.org, to_state=str(adopted).lower(),
           comment=note)
    return comment


@transaction.atomic
def publish_feedback(*, actor, solicitation: Solicitation, text: str, today: dt.date | None = None) -> Solicitation:
    """Publish the 采纳情况 after the end date, once every comment is moderated and decided."""
    item = _locked(solicitation)
    require(actor, item.org, Capability.PUBLISH_PARTICIPATION, "发布采纳情况")
    today = today or timezone.localdate()
    if rules.solicitation_phase(item.starts_on, item.ends_on, today) != rules.Phase.CLOSED:
        raise ValidationError("征集截止后才能发布采纳情况。")
    if item.feedback_published_at:
        raise ValidationError("采纳情况已经发布。")
    summary = rules.adoption_summary(item.comments.values_list("status", "adopted"))
    if not summary.ready:
        raise ValidationError(f"还有 {summary.pending} 条意见未审核、{summary.undecided} 条意见未确定是否采纳。")
    if not (text or "").strip():
        raise ValidationError({"feedback": "请填写采纳情况说明。"})
    item.feedback, item.feedback_published_at = to_safe_html(text), timezone.now()
    item.save(update_fields=["feedback", "feedback_published_at"])
    record(actor=actor, action=InteractionAction.FEEDBACK_PUBLISH, obj=item, org=item.org,
           data={"received": summary.received, "adopted": summary.adopted, "not_adopted": summary.not_adopted})
    _bump_portal()
    return item
