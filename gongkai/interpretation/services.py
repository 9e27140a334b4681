"""Writes on interpretations. The interpretation's body, review and publication are those of its Document
(gongkai.documents / gongkai.review); these functions manage what links it to its policies."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.audit.services import record
from gongkai.catalog.models import Column, ColumnKind
from gongkai.core import files, uploads
from gongkai.core.errors import RuleViolation
from gongkai.documents import events
from gongkai.documents import services as documents
from gongkai.documents.models import Document, Genre, Status
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_for, require

from . import rules
from .actions import InterpretationAction
from .models import Interpretation, InterpretationForm, InterpretationImage

COLUMN_SLUG = "interpretation"
# Policies that can no longer carry an interpretation.
DEAD_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN})
MAX_IMAGE_BYTES = 10 * 1024 * 1024


def _require_editor(actor, org: Organization) -> None:
    require(actor, org, Capability.EDIT_INTERPRETATION, "您不是该机构的信息员，不能编辑政策解读。")


def interpretation_column(org: Organization) -> Column:
    """The org's 政策解读 column, created at the end of its tree when its template had none."""
    column = Column.objects.filter(org=org, slug=COLUMN_SLUG).first()
    if column is None:
        last = Column.objects.filter(org=org, parent=None).order_by("-position").first()
        column = Column.objects.create(org=org, slug=COLUMN_SLUG, name="政策解读", kind=ColumnKind.LIST,
                                       update_cycle_days=180, position=(last.position + 1) if last else 1)
    return column


def _clean_policies(actor, policies: Iterable[Document]) -> list[Document]:
    policies = list(policies)
    if not policies:
        raise RuleViolation("请至少选择一件被解读的政策文件。", field="policies")
    visible = org_ids_for(actor)
    for policy in policies:
        if policy.org_id not in visible:
            raise RuleViolation("只能关联您所在机构可以查看的政策文件。", field="policies")
        if Interpretation.objects.filter(document_id=policy.pk).exists():
            raise RuleViolation(f"“{policy.title}”本身是政策解读，不能作为被解读的政策。", field="policies")
        if policy.status in DEAD_STATUSES:
            raise RuleViolation(f"“{policy.title}”已{policy.get_status_display()}，不能再关联解读。", field="policies")
    return policies


def _check_media(form: str, media_url: str, media_source: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if form in (InterpretationForm.VIDEO, InterpretationForm.ANIMATION) and not media_url:
        errors["media_url"] = "视频或动漫解读须填写播放网址。"
    if form == InterpretationForm.MEDIA:
        if not media_source:
            errors["media_source"] = "媒体解读须填写媒体名称。"
        if not media_url:
            errors["media_url"] = "媒体解读须填写原文网址。"
    return errors


@transaction.atomic
def create_interpretation(
    *, actor, org: Organization, title: str, form: str, policies: Iterable[Document],
    sections: dict[int, str] | None = None, media_url: str = "", media_source: str = "", summary: str = "",
) -> Interpretation:
    """Draft a new interpretation in ``org``'s 政策解读 column, its body laid out on the eight standard parts."""
    _require_editor(actor, org)
    policies = _clean_policies(actor, policies)
    if form not in InterpretationForm.values:
        raise RuleViolation("请选择解读形式。", field="form")
    errors = _check_media(form, media_url, media_source)
    if errors:
        raise RuleViolation.from_dict(errors)
    document = documents.create_draft(
        actor=actor, org=org, column=interpretation_column(org), title=title, body=rules.outline_html(sections),
        genre=Genre.OTHER, summary=summary, subject=policies[0].subject,
    )
    item = Interpretation.objects.create(document=document, form=form, media_url=media_url,
                                         media_source=media_source, created_by=actor)
    item.policies.set(policies)
    record(actor=actor, action=InterpretationAction.CREATE, obj=item, org=org,
           data={"document": document.pk, "form": form, "policies": [p.pk for p in policies]})
    return item


def _after_change(item: Interpretation) -> None:
    if item.document.status == Status.PUBLISHED:
        # The interpretation and its policies' pages show the link: their public record changed.
        events.announce(events.document_changed, document_id=item.document_id)


@transaction.atomic
def update_interpretation(
    *, actor, item: Interpretation, form: str, policies: Iterable[Document], media_url: str = "",
    media_source: str = "",
) -> Interpretation:
    """Change the form, the media link or the linked policies; the register keeps old and new links."""
    item = Interpretation.objects.select_for_update().select_related("document__org").get(pk=item.pk)
    _require_editor(actor, item.document.org)
    policies = _clean_policies(actor, policies)
    if form not in InterpretationForm.values:
        raise RuleViolation("请选择解读形式。", field="form")
    errors = _check_media(form, media_url, media_source)
    if errors:
        raise RuleViolation.from_dict(errors)
    before = {"form": item.form, "policies": sorted(item.policies.values_list("pk", flat=True)),
              "media_url": item.media_url, "media_source": item.media_source}
    item.form, item.media_url, item.media_source = form, media_url, media_source
    item.save()
    item.policies.set(policies)
    after = {"form": form, "policies": sorted(p.pk for p in policies), "media_url": media_url,
             "media_source": media_source}
    if before != after:
        record(actor=actor, action=InterpretationAction.UPDATE, obj=item, org=item.document.org,
               data={"before": before, "after": after})
        _after_change(item)
    return item


def _require_editable(item: Interpretation) -> None:
    # Images are published content: changing them after review would bypass the review chain.
    if item.document.status not in documents.EDITABLE_STATUSES:
        raise RuleViolation(f"解读当前状态为“{item.document.get_status_display()}”，只有草稿或已退回时可以修改图片。")


@files.atomic
def add_image(*, actor, item: Interpretation, uploaded_file, alt_text: str, position: int = 0) -> InterpretationImage:
    """Add one picture of a 图解; JPEG or PNG, checked by content, with a required text alternative."""
    item = Interpretation.objects.select_for_update().select_related("document__org").get(pk=item.pk)
    _require_editor(actor, item.document.org)
    _require_editable(item)
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise RuleViolation("请填写图片的文字说明，供视障读者和长者模式使用。", field="alt_text")
    name = os.path.basename(getattr(uploaded_file, "name", "") or "")
    ext = os.path.splitext(name)[1].lower()
    if ext not in uploads.IMAGES:
        raise RuleViolation("图解图片只支持 JPG 或 PNG 格式。", field="file")
    try:
        _name, data, content_type = uploads.read_checked(uploaded_file, allowed=uploads.IMAGES, limit=MAX_IMAGE_BYTES)
    except ValidationError as exc:
        raise RuleViolation(exc.messages[0], field="file") from exc
    digest = hashlib.sha256(data).hexdigest()
    image = InterpretationImage(interpretation=item, content_type=content_type, alt_text=alt_text,
                                position=position, sha256=digest)
    image.file.save(f"{digest[:16]}{ext}", ContentFile(data), save=False)
    files.written(image.file)
    image.save()
    record(actor=actor, action=InterpretationAction.IMAGE_ADD, obj=item, org=item.document.org,
           data={"image": image.pk, "sha256": digest, "alt_text": alt_text})
    return image


@transaction.atomic
def remove_image(*, actor, image: InterpretationImage) -> None:
    item = Interpretation.objects.select_for_update().select_related("document__org").get(pk=image.interpretation_id)
    _require_editor(actor, item.document.org)
    _require_editable(item)
    data = {"image": image.pk, "sha256": image.sha256, "alt_text": image.alt_text}
    image.file.delete(save=False)
    image.delete()
    record(actor=actor, action=InterpretationAction.IMAGE_REMOVE, obj=item, org=item.document.org, data=data)
