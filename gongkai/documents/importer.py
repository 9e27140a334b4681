"""`gongkai import documents`: bulk import of published items from JSON Lines (contracts.md "Import").

Each line is validated on its own; bad lines are reported with their line numbers and skipped, good
lines are written in batches (one transaction per batch, 索引号 reserved as a block), recorded in the
register, and indexed for search before the command returns. A 发文字号 no known form can read never
costs the document: it is kept as it came, the document is published, and the number is flagged for
the office to review (``doc_number_flagged``, counted in the summary). Two numbers with the same
comparison key in one organization (in the file, or already stored) are reported as a warning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from django.db import transaction
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Column
from gongkai.core.html import to_safe_html
from gongkai.orgs.models import Organization

from . import events
from .actions import DocumentAction
from .models import Attribute, Document, Genre, Status, Validity
from .rules import check_doc_number, doc_number_key, format_index_number
from .services import reserve_index_numbers

BATCH = 1000
REQUIRED = ("title", "body", "agency", "doc_number", "published_on")
VALIDITY_BY_LABEL = {str(label): value for value, label in Validity.choices if value} | {
    v: v for v in Validity.values if v
}
LIMITS = {"title": 300, "agency": 200, "subject": 60, "index_number": 100, "doc_number": 100}


class LineError(ValueError):
    """A problem with one input line, in Chinese."""


@dataclass
class ImportSummary:
    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    flagged: int = 0  # lines imported with a 发文字号 kept as it came, for the office to review

    def line(self) -> str:
        return (f"导入完成：成功 {self.imported} 条，跳过 {len(self.errors)} 条，提示 {len(self.warnings)} 条，"
                f"发文字号待核 {self.flagged} 条。")


def _date(value, name: str, required: bool) -> date | None:
    if value in (None, ""):
        if required:
            raise LineError(f"缺少字段 {name}")
        return None
    if not isinstance(value, str):
        raise LineError(f"{name} 应为 YYYY-MM-DD 格式的日期")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise LineError(f"{name} 不是有效日期（应为 YYYY-MM-DD）：{value}") from None


class _ColumnResolver:
    def __init__(self, org: Organization):
        columns = list(Column.objects.filter(org=org))
        self.by_key = {c.slug: c for c in columns} | {c.name: c for c in columns}
        self.default = self.by_key.get("other-docs") or next(
            (c for c in columns if c.kind == "policy"), columns[0] if columns else None
        )

    def resolve(self, name: str | None) -> tuple[Column, str]:
        if self.default is None:
            raise LineError("该机构没有任何栏目，请先创建栏目")
        if not name:
            return self.default, ""
        column = self.by_key.get(name.strip())
        if column is None:
            return self.default, f"栏目“{name}”不存在，已放入“{self.default.name}”"
        return column, ""


class _NumberRegister:
    """Comparison keys of the organization's 发文字号 seen so far: stored ones and the file's earlier lines."""

    def __init__(self, org: Organization):
        self.stored: dict[str, str] = {}
        for number, index in Document.objects.filter(org=org).exclude(doc_number="").values_list(
                "doc_number", "index_number"):
            self.stored.setdefault(doc_number_key(number), index or number)
        self.lines: dict[str, tuple[int, str]] = {}

    def see(self, lineno: int, number: str) -> str | None:
        """A warning naming both places when ``number`` repeats one already seen, else None."""
        if not number:
            return None
        key = doc_number_key(number)
        if key in self.lines:
            first, first_number = self.lines[key]
            return f"与第 {first} 行的发文字号相同：第 {first} 行“{first_number}”，第 {lineno} 行“{number}”"
        self.lines[key] = (lineno, number)
        if key in self.stored:
            return f"与本机构已有文件（{self.stored[key]}）的发文字号相同：“{number}”"
        return None


def parse_line(raw: dict, columns: _ColumnResolver) -> tuple[dict, str]:
    """Validate one decoded line; returns model field values and an optional warning (Chinese)."""
    if not isinstance(raw, dict):
        raise LineError("每行应为一个 JSON 对象")
    for name in REQUIRED:
        if name != "doc_number" and not str(raw.get(name) or "").strip():
            raise LineError(f"缺少字段 {name}")
    for name, limit in LIMITS.items():
        if len(str(raw.get(name) or "")) > limit:
            raise LineError(f"{name} 超过 {limit} 个字符")
    number = check_doc_number(str(raw.get("doc_number") or ""))
    warnings = [] if number.ok else [f"发文字号“{number.value}”无法识别（{number.error}），已按原样保存并标记待核"]
    validity_raw = str(raw.get("validity") or "").strip()
    if validity_raw and validity_raw not in VALIDITY_BY_LABEL:
        raise LineError(f"效力状态无法识别：{validity_raw}（可用：有效、已修改、失效、废止）")
    genre = str(raw.get("genre") or "").strip()
    column, warning = columns.resolve(raw.get("column"))
    if warning:
        warnings.append(warning)
    values = {
        "title": str(raw["title"]).strip(),
        "body": to_safe_html(str(raw["body"])),
        "agency": str(raw["agency"]).strip(),
        "doc_number": number.value,
        "doc_number_flagged": not number.ok,
        "index_number": str(raw.get("index_number") or "").strip(),
        "written_on": _date(raw.get("written_on"), "written_on", False),
        "published_on": _date(raw.get("published_on"), "published_on", True),
        "subject": str(raw.get("subject") or "").strip(),
        "genre": genre if genre in Genre.values else (Genre.OTHER if genre else ""),
        "validity": VALIDITY_BY_LABEL.get(validity_raw, ""),
        "source_url": str(raw.get("source_url") or "").strip()[:500],
        "column": column,
    }
    if values["published_on"] > timezone.localdate():
        raise LineError(f"published_on 晚于今天（{values['published_on'].isoformat()}），已发布的文件不可能是这个日期")
    if values["written_on"] and values["written_on"] > values["published_on"]:
        raise LineError(f"written_on（{values['written_on'].isoformat()}）晚于 published_on"
                        f"（{values['published_on'].isoformat()}），成文日期不能晚于发布日期")
    return values, "；".join(warnings)


def _write_batch(
    org: Organization, rows: list[tuple[int, dict]], summary: ImportSummary, actor_name: str
) -> list[Document]:
    given = [v["index_number"] for _, v in rows if v["index_number"]]
    taken = set(
        Document.objects.filter(org=org, index_number__in=given).values_list("index_number", flat=True)
    )
    accepted: list[tuple[int, dict]] = []
    for lineno, values in rows:
        number = values["index_number"]
        if number and number in taken:
            summary.errors.append((lineno, f"索引号已存在：{number}"))
            continue
        if number:
            taken.add(number)
        accepted.append((lineno, values))
    now = timezone.now()
    with transaction.atomic():
        need: dict[int, list[dict]] = {}
        for _, values in accepted:
            if not values["index_number"]:
                need.setdefault(values["published_on"].year, []).append(values)
        for year, items in need.items():
            first = reserve_index_numbers(org, year, len(items))
            for offset, values in enumerate(items):
                values["index_number"] = format_index_number(org.index_format, code=org.code, year=year, seq=first + offset)
        docs = [
            Document(
                org=org, status=Status.PUBLISHED, attribute=Attribute.PROACTIVE,
                published_at=timezone.make_aware(datetime.combine(v["published_on"], datetime.min.time())),
                **v,
            )
            for _, v in accepted
        ]
        Document.objects.bulk_create(docs, batch_size=500)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    actor_name=actor_name, org=org, action=DocumentAction.IMPORT, object_type="documents.document",
                    object_id=str(d.pk), from_state="", to_state=Status.PUBLISHED, at=now,
                    data={"line": lineno, "index_number": d.index_number},
                )
                for (lineno, _), d in zip(accepted, docs, strict=True)
            ],
            batch_size=500,
        )
    summary.imported += len(docs)
    return docs


def import_documents(stream: IO[str], org: Organization, *, actor_name: str = "导入程序") -> ImportSummary:
    """Import every good line of ``stream``; see the module docstring."""

    summary = ImportSummary()
    columns = _ColumnResolver(org)
    pending: list[tuple[int, dict]] = []
    numbers = _NumberRegister(org)

    def flush() -> None:
        if pending:
            # The batch's transaction has committed: announce the written rows themselves, so the
            # search index takes them without a second read of 1,000 bodies.
            docs = _write_batch(org, pending, summary, actor_name)
            if docs:
                events.send_now(events.documents_imported, documents=docs)
            pending.clear()

    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            values, warning = parse_line(json.loads(line), columns)
        except json.JSONDecodeError as exc:
            summary.errors.append((lineno, f"不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）"))
            continue
        except LineError as exc:
            summary.errors.append((lineno, str(exc)))
            continue
        if warning:
            summary.warnings.append((lineno, warning))
        if values["doc_number_flagged"]:
            summary.flagged += 1
        if (duplicate := numbers.see(lineno, values["doc_number"])) is not None:
            summary.warnings.append((lineno, duplicate))
        pending.append((lineno, values))
        if len(pending) >= BATCH:
            flush()
    flush()
    return summary
