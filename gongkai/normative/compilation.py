"""The compilation (汇编) of normative documents in force, as PDF and .docx with a table of contents.

Building one for 2,000 documents takes tens of seconds (bench/normative), so each file is kept in media
storage under a signature of its contents (which documents, their last change, their lifecycle); a
request serves the stored file while nothing changed, and `gongkai normative compile` rebuilds stale
ones ahead of time (cron, or the task queue once it exists).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import groupby

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from gongkai.orgs.models import Organization
from gongkai.publishing.book import Book, Entry, Section
from gongkai.publishing.render import to_docx, to_pdf

from .models import Lifecycle, NormativeDocument
from .selectors import in_force_for_compilation

FORMATS = {
    "pdf": ("application/pdf", to_pdf),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", to_docx),
}
DIRECTORY = "normative/compilations"


def _date(day) -> str:
    return day.isoformat() if day else ""


def _entry(item: NormativeDocument) -> Entry:
    doc = item.document
    note = ""
    if item.lifecycle == Lifecycle.AMENDED:
        note = f"本件已于{_date(item.lifecycle_on)}修改，以下为修改后的文本。" if item.lifecycle_on else "本件已修改。"
    return Entry(
        title=doc.title, body_html=doc.body, note=note,
        meta=(("发文字号", doc.doc_number), ("统一登记号", doc.unified_number), ("成文日期", _date(doc.written_on)),
              ("施行日期", _date(item.effective_from)), ("有效期至", _date(item.valid_until))),
    )


def build_book(org: Organization, items: list[NormativeDocument], *, today=None) -> Book:
    today = today or timezone.localdate()
    sections = tuple(
        Section(title=group[0].document.org.name, entries=tuple(_entry(i) for i in group))
        for group in (list(g) for _org, g in groupby(items, key=lambda i: i.document.org_id))
    )
    return Book(
        title=f"{org.name}现行有效行政规范性文件汇编",
        subtitle=f"（截至{today.year}年{today.month}月{today.day}日，共{len(items)}件）",
        publisher=org.name, date_line=f"{today.year}年{today.month}月",
        preface=("本汇编收录本机关及所属单位现行有效的行政规范性文件，按制定机关和成文日期排列；"
                 "文件的效力以其正式文本和本平台标注的效力状态为准。",),
        sections=sections,
    )


def signature(items: list[NormativeDocument]) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(f"{item.pk}:{item.document.updated_at.isoformat()}:{item.updated_at.isoformat()}:"
                      f"{item.lifecycle}|".encode())
    return digest.hexdigest()[:20]


@dataclass(frozen=True)
class Compiled:
    name: str  # storage name
    content_type: str
    count: int
    built: bool  # True when this call rendered it


def _directory(org: Organization) -> str:
    return f"{DIRECTORY}/{org.code}"


def compiled(org: Organization, fmt: str, *, rebuild: bool = False) -> Compiled:
    """The stored compilation of ``org`` in ``fmt``, rendered first when its contents changed."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}")
    content_type, render = FORMATS[fmt]
    items = in_force_for_compilation(org)
    name = f"{_directory(org)}/{signature(items)}.{fmt}"
    if not rebuild and default_storage.exists(name):
        return Compiled(name, content_type, len(items), False)
    data = render(build_book(org, items))
    _remove_stored(org, fmt)
    saved = default_storage.save(name, ContentFile(data))
    return Compiled(saved, content_type, len(items), True)


def _remove_stored(org: Organization, fmt: str) -> None:
    try:
        _dirs, files = default_storage.listdir(_directory(org))
    except FileNotFoundError:
        return
    for filename in files:
        if filename.endswith(f".{fmt}"):
            default_storage.delete(f"{_directory(org)}/{filename}")
