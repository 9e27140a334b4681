"""Writes on government information items: drafts, attachments, 索引号, publication, withdrawal.

Every function validates, writes and appends to the register (登记簿) in one transaction. Review
decisions (who may move a document where) live in gongkai.review; these are the primitives it uses.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core import files, sequences, uploads
from gongkai.core.errors import RuleViolation
from gongkai.core.extract import ExtractionError, extract_text
from gongkai.core.html import to_safe_html
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require
from gongkai.pii.masking import mask_html

from . import events
from .actions import DocumentAction
from .models import Attachment, Attribute, Document, Status
from .rules import check_doc_number, format_index_number

EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})

# Metadata a drafter may set; status, 索引号 and review fields only change through services.
DRAFT_FIELDS = (
    "column", "title", "body", "agency", "doc_number", "subject", "genre", "validity", "unified_number",
    "written_on", "published_on", "summary", "attribute", "not_disclosed_ground", "needs_interpretation",
)

# ---------------------------------------------------------------------------------------------
# Drafts
# ---------------------------------------------------------------------------------------------


def _require_editor(actor, org: Organization) -> None:
    require(actor, org, Capability.EDIT_DOCUMENT, "您不是该机构的信息员，不能起草或修改文件。")


def _clean_fields(org: Organization, fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Normalize draft fields; returns them with the errors found, keyed by field name."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise RuleViolation(f"不能直接修改这些字段：{'、'.join(sorted(unknown))}")
    errors: dict[str, str] = {}
    cleaned = dict(fields)
    if "column" in cleaned:
        column = cleaned["column"]
        if column is None or column.org_id != org.pk:
            errors["column"] = "所选栏目不属于本机构。"
    if "title" in cleaned:
        cleaned["title"] = (cleaned["title"] or "").strip()
        if not cleaned["title"]:
            errors["title"] = "请填写标题。"
    if "agency" in cleaned:
        cleaned["agency"] = (cleaned["agency"] or "").strip()
    if "doc_number" in cleaned:
        check = check_doc_number(cleaned["doc_number"] or "", max_year=timezone.localdate().year + 1)
        if check.ok:
            cleaned["doc_number"] = check.value
            cleaned["doc_number_flagged"] = False  # a number the office typed and the rules read
        else:
            errors["doc_number"] = check.error
    if "body" in cleaned:
        cleaned["body"] = to_safe_html(cleaned["body"])
    return cleaned, errors


def _check_document(document: Document, errors: dict[str, str]) -> None:
    """Invariants over the whole record, after the fields are applied; raises with every error at once."""
    errors = dict(errors)
    if document.attribute == Attribute.NOT_DISCLOSED and not document.not_disclosed_ground:
        errors["not_disclosed_ground"] = "公开属性为“不予公开”时，必须选择不予公开的法定理由。"
    if document.attribute != Attribute.NOT_DISCLOSED:
        document.not_disclosed_ground = ""
    if not document.agency:
        errors["agency"] = "请填写发文机关。"
    if document.written_on and document.published_on and document.published_on < document.written_on:
        errors["published_on"] = "发布日期不能早于成文日期。"
    if errors:
        raise RuleViolation.from_dict(errors)


@transaction.atomic
def create_draft(*, actor, org: Organization, column, **fields: Any) -> Document:
    """Start a new draft in ``org``; the drafter must be an information officer there."""
    _require_editor(actor, org)
    fields.setdefault("agency", org.name)
    cleaned, errors = _clean_fields(org, {"column": column, **fields})
    document = Document(org=org, status=Status.DRAFT, created_by=actor, **cleaned)
    _check_document(document, errors)
    document.save()
    record(actor=actor, action=DocumentAction.CREATE, obj=document, org=org, to_state=Status.DRAFT,
           data={"title": document.title})
    return document


@transaction.atomic
def update_draft(*, actor, document: Document, **fields: Any) -> Document:
    """Change a draft or a returned document; a changed body voids an earlier findings override."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require_editor(actor, document.org)
    if document.status not in EDITABLE_STATUSES:
        raise RuleViolation(f"文件当前状态为“{document.get_status_display()}”，只有草稿或已退回的文件可以修改。")
    cleaned, errors = _clean_fields(document.org, fields)
    changed = [name for name, value in cleaned.items() if getattr(document, name) != value]
    for name, value in cleaned.items():
        setattr(document, name, value)
    _check_document(document, errors)
    if "body" in changed or "title" in changed:
        document.pii_override = False
    document.save()
    if changed:
        record(actor=actor, action=DocumentAction.UPDATE, obj=document, org=document.org, from_state=document.status,
               to_state=document.status, data={"fields": sorted(changed)})
    return document


# ---------------------------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------------------------

def _stored_name(original: str, digest: str) -> str:
    ext = os.path.splitext(original)[1].lower()
    return f"{digest[:16]}{ext}"


@files.atomic
def add_attachment(*, actor, document: Document, uploaded_file) -> Attachment:
    """Attach an original file (Word/PDF/…) to an editable document, with its text for search and scans."""

    document = Document.objects.select_for_update().get(pk=document.pk)
    _require_editor(actor, document.org)
    if document.status not in EDITABLE_STATUSES:
        raise RuleViolation(f"文件当前状态为“{document.get_status_display()}”，不能再添加附件。")
    name, data, content_type = uploads.read_checked(uploaded_file, allowed=uploads.DOCUMENT_FILES)
    try:
        text = extract_text(data, name)
    except ExtractionError as exc:
        raise RuleViolation(str(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        document=document, original_name=name, content_type=content_type, size=len(data), sha256=digest,
        text=text or "",
    )
    attachment.file.save(_stored_name(name, digest), ContentFile(data), save=False)
    files.written(attachment.file)
    attachment.save()
    if document.pii_override:
        document.pii_override = False
        document.save(update_fields=["pii_override", "updated_at"])
    record(actor=actor, action=DocumentAction.ATTACH, obj=document, org=document.org, from_state=document.status,
           to_state=document.status, data={"attachment": attachment.pk, "name": name, "sha256": digest, "size": len(data)})
    return attachment


@transaction.atomic
def remove_attachment(*, actor, attachment: Attachment) -> None:
    document = Document.objects.select_for_update().get(pk=attachment.document_id)
    _require_editor(actor, document.org)
    if document.status not in EDITABLE_STATUSES:
        raise RuleViolation(f"文件当前状态为“{document.get_status_display()}”，不能删除附件。")
    data = {"attachment": attachment.pk, "name": attachment.original_name, "sha256": attachment.sha256}
    attachment.file.delete(save=False)
    attachment.delete()
    record(actor=actor, action=DocumentAction.DETACH, obj=document, org=document.org, from_state=document.status,
           to_state=document.status, data=data)


# ---------------------------------------------------------------------------------------------
# 索引号 and publication
# ---------------------------------------------------------------------------------------------


def index_sequence_key(org: Organization, year: int) -> str:
    return f"documents.index/{org.pk}/{year}"


def reserve_index_numbers(org: Organization, year: int, count: int = 1) -> int:
    """Reserve ``count`` consecutive 索引号 sequence numbers of ``org`` for ``year``; returns the first.

    Gap-free (core.sequences): the counter row stays locked until the surrounding transaction ends,
    so a rolled-back publication (or import batch) also rolls back its numbers. Call it inside that
    transaction.
    """
    return sequences.reserve(index_sequence_key(org, year), count)


def next_index_number(org: Organization, year: int) -> str:
    """Issue the next 索引号 of ``org`` for ``year`` (see reserve_index_numbers)."""
    seq = reserve_index_numbers(org, year)
    return format_index_number(org.index_format, code=org.code, year=year, seq=seq)


@transaction.atomic
def mark_published(
    *, actor, document: Document, when: datetime | None = None, comment: str = "", data: dict | None = None
) -> Document:
    """Publish ``document``: assign its 索引号 if it has none, date it, index it and refresh the portal."""
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    when = when or timezone.now()
    from_state = document.status
    document.status = Status.PUBLISHED
    document.published_at = when
    if document.published_on is None:  # keep an imported or pre-set date
        document.published_on = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    if not document.index_number:
        document.index_number = next_index_number(document.org, document.published_on.year)
    document.save()
    record(actor=actor, action=DocumentAction.PUBLISH, obj=document, org=document.org, from_state=from_state,
           to_state=Status.PUBLISHED, comment=comment,
           data={"index_number": document.index_number, **(data or {})})
    events.announce(events.document_published, document_id=document.pk)
    return document


@transaction.atomic
def withdraw(*, actor, document: Document, comment: str, data: dict | None = None) -> Document:
    """Take a published document off the portal and out of search; the 索引号 stays with it."""
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    from_state = document.status
    document.status = Status.WITHDRAWN
    document.save(update_fields=["status", "updated_at"])
    record(actor=actor, action=DocumentAction.WITHDRAW, obj=document, org=document.org, from_state=from_state,
           to_state=Status.WITHDRAWN, comment=comment, data=data or {})
    events.announce(events.document_withdrawn, document_id=document.pk)
    return document


@transaction.atomic
def mask_personal_information(*, actor, document: Document) -> int:
    """Rewrite the body with every personal-information finding masked (脱敏); returns how many were masked."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require_editor(actor, document.org)
    if document.status not in EDITABLE_STATUSES:
        raise RuleViolation(f"文件当前状态为“{document.get_status_display()}”，不能修改正文。")
    masked, kinds = mask_html(document.body)  # the same text the scanner checked (core.extract)
    if kinds:
        document.body = to_safe_html(masked)
        document.pii_override = False
        document.save(update_fields=["body", "pii_override", "updated_at"])
        record(actor=actor, action=DocumentAction.MASK, obj=document, org=document.org, from_state=document.status,
               to_state=document.status, data={"masked": len(kinds), "kinds": sorted(set(kinds))})
    return len(kinds)


# ---------------------------------------------------------------------------------------------
# 发文字号 flagged at import
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def review_doc_number(*, actor, document: Document, doc_number: str = "", keep: bool = False) -> Document:
    """Settle a 发文字号 the import kept as it came: correct it (it must then read as a number) or keep
    it as the agency published it. Either way it leaves the review list; the public record is refreshed."""
    document = Document.objects.select_for_update().select_related("org").get(pk=document.pk)
    _require_editor(actor, document.org)
    if not document.doc_number_flagged:
        raise RuleViolation("该文件的发文字号无需核对。")
    before = document.doc_number
    if keep:
        action = DocumentAction.DOC_NUMBER_CONFIRMED
    else:
        check = check_doc_number(doc_number, max_year=timezone.localdate().year + 1)
        if not check.value:
            raise RuleViolation("请填写更正后的发文字号，或选择按原样保留。", "doc_number")
        if not check.ok:
            raise RuleViolation(check.error, "doc_number")
        document.doc_number, action = check.value, DocumentAction.DOC_NUMBER_CORRECTED
    document.doc_number_flagged = False
    document.save(update_fields=["doc_number", "doc_number_flagged", "updated_at"])
    record(actor=actor, action=action, obj=document, org=document.org, from_state=document.status,
           to_state=document.status, data={"before": before, "after": document.doc_number})
    if document.status == Status.PUBLISHED:
        events.announce(events.document_changed, document_id=document.pk)
    return document
