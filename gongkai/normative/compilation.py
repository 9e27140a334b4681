"""The compilation (汇编) of normative documents in force, as PDF and .docx with a table of contents.

Building one for 2,000 documents takes minutes (bench/results/registers.md), so each file is kept in media
storage under a signature of its contents (which documents, their last change, their lifecycle); a
request serves the stored file while nothing changed, and `gongkai normative compile` rebuilds stale
ones ahead of time (cron, or the task queue once it exists).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import groupby

from django.core.cache import cache
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
    stale: bool = False  # an earlier file, served while the current one is being prepared


class NotReady(Exception):
    """No file can be served yet: a large compilation is being (or must be) built outside the request."""


# Up to this many documents a missing or stale compilation is built while the reader waits (a few
# seconds, bench/results/registers.md); above it the last file is served until a rebuild replaces it.
INLINE_LIMIT = 150
BUILD_LOCK_SECONDS = 30 * 60


def _directory(org: Organization) -> str:
    return f"{DIRECTORY}/{org.code}"


def _stored(org: Organization, fmt: str) -> list[str]:
    try:
        _dirs, files = default_storage.listdir(_directory(org))
    except FileNotFoundError:
        return []
    return [f"{_directory(org)}/{f}" for f in files if f.endswith(f".{fmt}")]


def _build(org: Organization, fmt: str, items: list[NormativeDocument], name: str) -> Compiled:
    """Render and store under ``name``; one build per organization and format at a time (cache lock)."""
    content_type, render = FORMATS[fmt]
    lock = f"gongkai:normative:compile:{org.pk}:{fmt}"
    if not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        raise NotReady("another build of this compilation is running")
    try:
        data = render(build_book(org, items))
        for old in _stored(org, fmt):
            default_storage.delete(old)
        saved = default_storage.save(name, ContentFile(data))
    finally:
        cache.delete(lock)
    return Compiled(saved, content_type, len(items), True)


def compiled(org: Organization, fmt: str, *, rebuild: bool = False) -> Compiled:
    """The compilation of ``org`` in ``fmt`` as it stands now, rendered first when its contents changed."""
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}")
    items = in_force_for_compilation(org)
    name = f"{_directory(org)}/{signature(items)}.{fmt}"
    if not rebuild and default_storage.exists(name):
        return Compiled(name, FORMATS[fmt][0], len(items), False)
    return _build(org, fmt, items, name)


def for_download(org: Organization, fmt: str) -> Compiled:
    """What a reader downloads: the current file; else, for a large compilation, the last one built.

    A small compilation is brought up to date on the spot. A large one is never built inside a public
    request (minutes of work anyone could trigger): the last file is served, marked stale, until
    `gongkai normative compile` or a staff member rebuilds it. NotReady when there is none yet.
    """
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}")
    items = in_force_for_compilation(org)
    name = f"{_directory(org)}/{signature(items)}.{fmt}"
    if default_storage.exists(name):
        return Compiled(name, FORMATS[fmt][0], len(items), False)
    if len(items) <= INLINE_LIMIT:
        try:
            return _build(org, fmt, items, name)
        except NotReady:
            pass
    previous = _stored(org, fmt)
    if previous:
        return Compiled(previous[0], FORMATS[fmt][0], len(items), False, stale=True)
    raise NotReady("no compilation stored yet")
