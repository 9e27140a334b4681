"""Writes of the annual report: texts, entered figures, the case register, publishing.

The validity history it counts belongs to documents (gongkai.documents.validity).

Each function checks the actor's role, writes in one transaction and appends to the register (登记簿).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.catalog.models import Column, ColumnKind
from gongkai.core.errors import RuleViolation
from gongkai.documents.models import Document, Genre
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, require

from . import selectors
from .actions import ReportAction
from .models import AnnualFigures, AnnualReport, ReportStatus, ReviewCase

TEXT_FIELDS = ("overview", "problems", "other")
FIGURE_FIELDS = ("licensing", "penalty", "enforcement", "fees_wan_yuan")


def _require_editor(actor, org: Organization) -> None:
    require(actor, org, Capability.EDIT_REPORT, "只有本机构的信息员或政务公开办管理员可以编辑年度报告。")


def _report(org: Organization, year: int) -> AnnualReport:
    report, _created = AnnualReport.objects.select_for_update().get_or_create(org=org, year=year)
    return report


@transaction.atomic
def save_texts(*, actor, org: Organization, year: int, **texts: str) -> AnnualReport:
    """Save sections 一、五、六 (a report sent to review can no longer change)."""
    _require_editor(actor, org)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise RuleViolation(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    report = _report(org, year)
    if report.status != ReportStatus.DRAFT:
        raise RuleViolation("年度报告已提交审核或已发布，不能再修改文字。")
    changed = [k for k, v in texts.items() if getattr(report, k) != (v or "").strip()]
    for key, value in texts.items():
        setattr(report, key, (value or "").strip())
    report.updated_by = actor
    report.save()
    if changed:
        record(actor=actor, action=ReportAction.TEXTS, obj=report, org=org, data={"fields": changed, "year": year})
    return report


@transaction.atomic
def save_figures(*, actor, org: Organization, year: int, licensing: int, penalty: int, enforcement: int,
                 fees_wan_yuan: Decimal) -> AnnualFigures:
    """Enter the decision counts and fees of section 二 that the platform does not hold."""
    _require_editor(actor, org)
    values = {"licensing": licensing, "penalty": penalty, "enforcement": enforcement,
              "fees_wan_yuan": Decimal(fees_wan_yuan)}
    errors = {k: "不能为负数。" for k, v in values.items() if v < 0}
    if errors:
        raise RuleViolation.from_dict(errors)
    figures, _created = AnnualFigures.objects.select_for_update().get_or_create(org=org, year=year)
    before = {k: str(getattr(figures, k)) for k in FIGURE_FIELDS}
    for key, value in values.items():
        setattr(figures, key, value)
    figures.full_clean()
    figures.save()
    after = {k: str(getattr(figures, k)) for k in FIGURE_FIELDS}
    if before != after:
        record(actor=actor, action=ReportAction.FIGURES, obj=figures, org=org, data={"before": before, "after": after})
    return figures


@transaction.atomic
def add_review_case(*, actor, org: Organization, year: int, kind: str, result: str, reference: str = "",
                    filed_on: date | None = None, note: str = "") -> ReviewCase:
    _require_editor(actor, org)
    case = ReviewCase(org=org, year=year, kind=kind, result=result, reference=reference.strip(),
                      filed_on=filed_on, note=note.strip())
    case.full_clean()
    case.save()
    record(actor=actor, action=ReportAction.CASE_ADD, obj=case, org=org, to_state=result,
           data={"kind": kind, "year": year, "reference": case.reference})
    return case


@transaction.atomic
def update_review_case(*, actor, case: ReviewCase, result: str) -> ReviewCase:
    """A pending case is decided: record the result (维持/纠正/其他)."""
    case = ReviewCase.objects.select_for_update().get(pk=case.pk)
    _require_editor(actor, case.org)
    before = case.result
    case.result = result
    case.full_clean()
    case.save(update_fields=["result"])
    record(actor=actor, action=ReportAction.CASE_RESULT, obj=case, org=case.org, from_state=before, to_state=result)
    return case


def annual_report_column(org: Organization) -> Column | None:
    return Column.objects.filter(org=org, kind=ColumnKind.ANNUAL_REPORT).order_by("position", "id").first()


@transaction.atomic
def publish_report(*, actor, org: Organization, year: int) -> Document:
    """Put the report into the org's 年度报告 column through the normal review chain (left in review).

    A failing consistency check blocks it, with the reasons.
    """
    from gongkai.documents.services import create_draft
    from gongkai.review.rules import Action
    from gongkai.review.services import TransitionError, transition

    from .exports import body_html

    _require_editor(actor, org)
    annual, content = selectors.report_content(org, year)
    failing = annual.failing
    if failing:
        raise ValidationError([c.message for c in failing])
    column = annual_report_column(org)
    if column is None:
        raise RuleViolation("本机构的公开目录中没有“年度报告”栏目，请先在栏目管理中添加。")
    report = _report(org, year)
    if report.published_document_id and report.status != ReportStatus.DRAFT:
        raise RuleViolation("本年度的年度报告已经提交审核或已发布。")
    for key in TEXT_FIELDS:  # freeze the texts that go out, prefilled or edited
        setattr(report, key, getattr(content, key))
    document = create_draft(
        actor=actor, org=org, column=column, title=content.title, body=body_html(content),
        genre=Genre.REPORT, summary=f"{org.name}{year}年政府信息公开工作情况。",
    )
    try:
        document = transition(actor=actor, document=document, action=Action.SUBMIT)
    except TransitionError as exc:
        raise RuleViolation(exc.message) from exc
    report.published_document = document
    report.status = ReportStatus.IN_REVIEW
    report.updated_by = actor
    report.save()
    record(actor=actor, action=ReportAction.SUBMIT, obj=report, org=org, from_state=ReportStatus.DRAFT,
           to_state=ReportStatus.IN_REVIEW, data={"document": document.pk, "year": year})
    return document


@transaction.atomic
def reopen_report(*, actor, org: Organization, year: int) -> AnnualReport:
    """After the review chain returned or rejected the item, let the office edit the texts again."""
    _require_editor(actor, org)
    report = _report(org, year)
    doc = report.published_document
    if doc is None or doc.status not in ("returned", "rejected", "withdrawn"):
        raise RuleViolation("只有被退回、不予发布或已撤回的年度报告才能重新编辑。")
    before = report.status
    report.status = ReportStatus.DRAFT
    report.published_document = None
    report.save()
    record(actor=actor, action=ReportAction.REOPEN, obj=report, org=org, from_state=before, to_state=ReportStatus.DRAFT)
    return report
