"""Reads for the public portal. Only ``Document.objects.public()`` documents ever leave here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai.catalog.models import Column, ColumnKind
from gongkai.documents.models import Document
from gongkai.orgs.models import Organization
from gongkai.orgs.selectors import get_org  # noqa: F401  (portal views call selectors.get_org)

LIST_FIELDS = ("id", "org_id", "column_id", "title", "doc_number", "published_on", "published_at")


def latest_public(limit: int = 10) -> list[Document]:
    return list(
        Document.objects.public()
        .select_related("org")
        .only(*LIST_FIELDS, "org__code", "org__name", "org__short_name")[:limit]
    )


@dataclass
class OrgNode:
    org: Organization
    count: int = 0
    children: list[OrgNode] = field(default_factory=list)


def org_directory() -> list[OrgNode]:
    """Every organization as a tree (county → departments/townships) with its own public item count."""
    orgs = list(
        Organization.objects.only("id", "code", "name", "short_name", "kind", "parent_id", "position")
    )
    counts = counts_by_org()
    nodes = {org.pk: OrgNode(org, counts.get(org.pk, 0)) for org in orgs}
    roots: list[OrgNode] = []
    for org in orgs:  # already ordered by position, id
        parent = nodes.get(org.parent_id) if org.parent_id else None
        (parent.children if parent else roots).append(nodes[org.pk])
    return roots


def site_org(code: str) -> Organization | None:
    """The site's own organization named by its identity setting, if it exists."""
    return Organization.objects.filter(code=code).first() if code else None


@dataclass
class ColumnNode:
    column: Column
    count: int = 0
    children: list[ColumnNode] = field(default_factory=list)
    latest: list[Document] = field(default_factory=list)

    def descendant_ids(self) -> list[int]:
        ids = [self.column.pk]
        for child in self.children:
            ids.extend(child.descendant_ids())
        return ids


def column_tree(org: Organization) -> list[ColumnNode]:
    """The org's columns as a tree; each count covers the column and every sub-column below it."""
    columns = list(Column.objects.filter(org=org))
    direct = dict(
        Document.objects.public()
        .filter(org=org)
        .order_by()
        .values_list("column_id")
        .annotate(n=Count("id"))
        .values_list("column_id", "n")
    )
    nodes = {c.pk: ColumnNode(c, direct.get(c.pk, 0)) for c in columns}
    roots: list[ColumnNode] = []
    for column in columns:
        parent = nodes.get(column.parent_id) if column.parent_id else None
        (parent.children if parent else roots).append(nodes[column.pk])

    def total(node: ColumnNode) -> int:
        node.count += sum(total(child) for child in node.children)
        return node.count

    for root in roots:
        total(root)
    return roots


def find_node(roots: list[ColumnNode], column_id: int) -> ColumnNode | None:
    for node in roots:
        if node.column.pk == column_id:
            return node
        found = find_node(node.children, column_id)
        if found:
            return found
    return None


def documents_in(column_ids: list[int]) -> QuerySet[Document]:
    return Document.objects.public().filter(column_id__in=column_ids).only(*LIST_FIELDS)


def attach_latest(nodes: list[ColumnNode], limit: int = 5) -> None:
    """Fill ``latest`` of the given nodes that have documents (one query per such column)."""
    for node in nodes:
        if node.count:
            node.latest = list(documents_in(node.descendant_ids())[:limit])


def get_column(org: Organization, slug: str) -> Column:
    return get_object_or_404(Column.objects.select_related("parent", "parent__parent"), org=org, slug=slug)


def column_ancestors(column: Column) -> list[Column]:
    chain, node = [], column.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def annual_report_column(org: Organization) -> Column | None:
    return Column.objects.filter(org=org, kind=ColumnKind.ANNUAL_REPORT).first()


def guide_column(org: Organization) -> Column | None:
    return Column.objects.filter(org=org, kind=ColumnKind.GUIDE).first()


def get_public_document(org: Organization, pk: int) -> Document:
    """The public document ``pk`` of ``org``; drafts, 依申请公开 and withdrawn items are 404."""
    try:
        return Document.objects.public().select_related("org", "column", "column__parent").get(org=org, pk=pk)
    except Document.DoesNotExist as exc:
        raise Http404("document not public") from exc


def related_documents(document: Document, limit: int = 5) -> dict[str, list[Document]]:
    """Other public items of the same column and, where set, of the same subject (主题分类)."""
    same_column = list(
        Document.objects.public()
        .filter(column_id=document.column_id)
        .exclude(pk=document.pk)
        .only(*LIST_FIELDS)[:limit]
    )
    same_subject: list[Document] = []
    if document.subject:
        seen = {d.pk for d in same_column} | {document.pk}
        same_subject = list(
            Document.objects.public()
            .filter(subject=document.subject)
            .exclude(pk__in=seen)
            .select_related("org")
            .only(*LIST_FIELDS, "org__code", "org__name", "org__short_name")[:limit]
        )
    return {"column": same_column, "subject": same_subject}


def counts_by_org() -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for org_id, n in (
        Document.objects.public().order_by().values_list("org_id").annotate(n=Count("id")).values_list("org_id", "n")
    ):
        counts[org_id] = n
    return counts


def public_tree(nodes: list[ColumnNode]) -> list[ColumnNode]:
    """The columns the public sees: those with content, or empty ones the office explained (empty_note)."""
    kept = []
    for node in nodes:
        children = public_tree(node.children)
        if node.count or node.column.empty_note or children:
            kept.append(ColumnNode(node.column, node.count, children, node.latest))
    return kept


@dataclass
class FoiSections:
    """The 政府信息公开 专栏 (国办公开办函〔2019〕61号): exactly four first-level entries."""

    guide: ColumnNode | None = None
    rules: ColumnNode | None = None
    statutory: list[ColumnNode] = field(default_factory=list)  # 法定主动公开内容 (条例 Art. 20)
    reports: ColumnNode | None = None


RULES_SLUG = "foi-rules"


def foi_sections(tree: list[ColumnNode]) -> FoiSections:
    """Sort an org's column tree into the four entries; a wrapper column holding the guide is dissolved."""
    sections = FoiSections()

    def place(node: ColumnNode) -> bool:
        kind, slug = node.column.kind, node.column.slug
        if kind == ColumnKind.GUIDE and sections.guide is None and not node.children:
            sections.guide = node
        elif kind == ColumnKind.ANNUAL_REPORT and sections.reports is None:
            sections.reports = node
        elif slug == RULES_SLUG and sections.rules is None:
            sections.rules = node
        else:
            return False
        return True

    for node in tree:
        if place(node):
            continue
        if node.column.kind == ColumnKind.GUIDE and node.children:  # e.g. seed 003's 公开目录及指南
            sections.statutory.extend(child for child in node.children if not place(child))
            continue
        sections.statutory.append(node)
    return sections


def years_in(column_ids: list[int]) -> list[int]:
    """The publication years of the public documents in these columns, newest first."""
    dates = documents_in(column_ids).order_by().dates("published_on", "year", order="DESC")
    return [d.year for d in dates]


def siblings(tree: list[ColumnNode], column: Column) -> list[ColumnNode]:
    """The public columns beside ``column`` (same parent), itself included, for the sidebar."""
    parent = find_node(tree, column.parent_id) if column.parent_id else None
    return public_tree(parent.children if parent else tree)
