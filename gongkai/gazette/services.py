"""Writes on the gazette: issues, their entries, and publication with the whole issue as one PDF.

The PDF is rendered before the write transaction (WeasyPrint takes seconds for a large issue and must
not hold the lock); the transaction then checks that the issue did not change meanwhile, and a file
written for a transaction that rolls back is removed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import RuleViolation
from gongkai.documents.models import Document
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import events, rules
from .models import Category, GazetteEntry, GazetteIssue, IssueStatus, RegisterAction


def _locked(issue: GazetteIssue) -> GazetteIssue:
    issue = GazetteIssue.objects.select_for_update().select_related("org").get(pk=issue.pk)
    error = rules.editable_error(issue.status)
    if error:
        raise RuleViolation(error)
    return issue


@transaction.atomic
def create_issue(*, actor, org: Organization, year: int, number: int, issue_date: dt.date,
                 total_number: int | None = None) -> GazetteIssue:
    require(actor, org, Capability.EDIT_GAZETTE)
    errors = {}
    if not 1949 <= year <= 2100:
        errors["year"] = "年份不正确。"
    if number < 1:
        errors["number"] = "期号须为正整数。"
    if errors:
        raise RuleViolation.from_dict(errors)
    try:
        with transaction.atomic():
            issue = GazetteIssue.objects.create(org=org, year=year, number=number, issue_date=issue_date,
                                                total_number=total_number, created_by=actor)
    except IntegrityError:
        raise RuleViolation(f"{year}年第{number}期已经存在。", field="number") from None
    record(actor=actor, action=RegisterAction.ISSUE_CREATE, obj=issue, org=org, to_state=issue.status,
           data={"year": year, "number": number, "issue_date": issue_date.isoformat()})
    return issue


def check_document(issue: GazetteIssue, document: Document) -> str:
    """Why ``document`` cannot be printed in ``issue`` ('' when it can)."""
    if document.org_id not in issue.org.descendant_ids():
        return "只能收录本机关及所属单位的文件。"
    if not document.is_public:
        return "只能收录已经主动公开的文件。"
    if GazetteEntry.objects.filter(document=document).exists():
        return "该文件已经收录在公报中。"
    return ""


@transaction.atomic
def add_entry(*, actor, issue: GazetteIssue, document: Document, category: str = "") -> GazetteEntry:
    issue = _locked(issue)
    require(actor, issue.org, Capability.EDIT_GAZETTE)
    document = Document.objects.select_related("org").get(pk=document.pk)
    error = check_document(issue, document)
    if error:
        raise RuleViolation(f"“{document.title}”：{error}", field="document")
    category = category or rules.default_category(document.org.kind)
    if category not in Category.values:
        raise RuleViolation("请选择公报栏目。", field="category")
    last = issue.entries.aggregate(m=Max("position"))["m"] or 0
    entry = GazetteEntry.objects.create(issue=issue, document=document, category=category, position=last + 1)
    record(actor=actor, action=RegisterAction.ENTRY_ADD, obj=issue, org=issue.org,
           data={"document": document.pk, "category": category})
    return entry


@transaction.atomic
def change_entry(*, actor, entry: GazetteEntry, category: str, position: int) -> GazetteEntry:
    issue = _locked(entry.issue)
    require(actor, issue.org, Capability.EDIT_GAZETTE)
    if category not in Category.values:
        raise RuleViolation("请选择公报栏目。", field="category")
    if not 0 <= position <= 999:
        raise RuleViolation("排序须在 0–999 之间。", field="position")
    entry = GazetteEntry.objects.get(pk=entry.pk, issue=issue)
    before = {"category": entry.category, "position": entry.position}
    entry.category, entry.position = category, position
    entry.save(update_fields=["category", "position"])
    if before != {"category": category, "position": position}:
        record(actor=actor, action=RegisterAction.ENTRY_CHANGE, obj=issue, org=issue.org,
               data={"document": entry.document_id, "before": before,
                     "after": {"category": category, "position": position}})
    return entry


@transaction.atomic
def remove_entry(*, actor, entry: GazetteEntry) -> None:
    issue = _locked(entry.issue)
    require(actor, issue.org, Capability.EDIT_GAZETTE)
    document_id = entry.document_id
    GazetteEntry.objects.filter(pk=entry.pk, issue=issue).delete()
    record(actor=actor, action=RegisterAction.ENTRY_REMOVE, obj=issue, org=issue.org, data={"document": document_id})


def _content_key(issue: GazetteIssue) -> list[tuple]:
    return list(issue.entries.order_by("pk").values_list("pk", "document_id", "category", "position",
                                                         "document__updated_at"))


def publish_issue(*, actor, issue: GazetteIssue, today: dt.date | None = None) -> GazetteIssue:
    """Publish ``issue``: render the whole issue as one PDF, store it with its SHA-256, mark it published."""
    from .pdf import issue_pdf

    issue = GazetteIssue.objects.select_related("org").get(pk=issue.pk)
    require(actor, issue.org, Capability.PUBLISH_GAZETTE)
    today = today or timezone.localdate()
    errors = rules.publish_errors(issue.status, issue.entries.count(), issue.issue_date, today)
    if errors:
        raise RuleViolation("；".join(errors))
    key = _content_key(issue)
    data = issue_pdf(issue)  # outside the transaction: seconds of work must not hold the row lock
    digest = hashlib.sha256(data).hexdigest()
    stored = ""
    try:
        with transaction.atomic():
            locked = GazetteIssue.objects.select_for_update().select_related("org").get(pk=issue.pk)
            errors = rules.publish_errors(locked.status, locked.entries.count(), locked.issue_date, today)
            if errors or _content_key(locked) != key:
                raise RuleViolation("；".join(errors or ["本期公报在生成PDF时被修改，请重新出版。"]))
            locked.pdf.save(f"{locked.year}-{locked.number:03d}-{digest[:12]}.pdf", ContentFile(data), save=False)
            stored = locked.pdf.name
            locked.pdf_sha256, locked.status, locked.published_at = digest, IssueStatus.PUBLISHED, timezone.now()
            locked.save()
            record(actor=actor, action=RegisterAction.ISSUE_PUBLISH, obj=locked, org=locked.org,
                   from_state=IssueStatus.DRAFT, to_state=IssueStatus.PUBLISHED,
                   data={"entries": len(key), "sha256": digest, "bytes": len(data)})
            events.announce(events.gazette_issue_published, issue=locked.pk, org=locked.org_id)
    except Exception:
        if stored:  # the row never pointed at it: do not leave an orphan file behind
            default_storage.delete(stored)
        raise
    return locked
