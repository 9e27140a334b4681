"""Limits checked before an uploaded .docx/.xlsx (zip) or PDF is opened for its text.

A zip's central directory states each member's uncompressed size; Python's ``zipfile`` (which
python-docx and openpyxl read through) never inflates a member beyond its stated size, so checking the
stated sizes before opening bounds what a parser can be made to allocate. A PDF is refused by page count
before any page is read.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings

MB = 1024 * 1024
DEFAULTS = {
    "GONGKAI_ZIP_MAX_UNCOMPRESSED": 50 * MB,  # all members together
    "GONGKAI_ZIP_MAX_RATIO": 100,  # uncompressed : compressed, whole archive and any large member
    "GONGKAI_ZIP_MAX_MEMBERS": 5000,
    "GONGKAI_PDF_MAX_PAGES": 2000,
}
RATIO_FLOOR = 1 * MB  # members smaller than this are not judged by ratio (tiny XML parts compress well)


class ArchiveRefused(ValueError):
    """The file exceeds a configured limit; ``str(exc)`` is a Chinese message for the uploader."""


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def check_zip(data: bytes) -> None:
    """Raise ArchiveRefused when the archive would inflate past the limits; BadZipFile when it is no zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > limit("GONGKAI_ZIP_MAX_MEMBERS"):
        raise ArchiveRefused(f"文件内部包含的部件过多（{len(members)}个，上限{limit('GONGKAI_ZIP_MAX_MEMBERS')}个），无法读取。")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    max_total, max_ratio = limit("GONGKAI_ZIP_MAX_UNCOMPRESSED"), limit("GONGKAI_ZIP_MAX_RATIO")
    if total > max_total:
        raise ArchiveRefused(
            f"文件解压后约{total // MB}MB，超过上限{max_total // MB}MB，无法读取。请拆分后上传，或另存为PDF。"
        )
    suspicious = [m for m in members if m.file_size >= RATIO_FLOOR and m.file_size > max_ratio * max(m.compress_size, 1)]
    if suspicious or (total >= RATIO_FLOOR and total > max_ratio * max(packed, 1)):
        raise ArchiveRefused(f"文件的压缩比异常（超过{max_ratio}倍），可能是恶意构造的文件，无法读取。")


def check_pdf_pages(reader) -> None:
    """Raise ArchiveRefused when a pypdf reader's document has more pages than allowed."""
    pages = len(reader.pages)
    if pages > limit("GONGKAI_PDF_MAX_PAGES"):
        raise ArchiveRefused(f"PDF文件共{pages}页，超过上限{limit('GONGKAI_PDF_MAX_PAGES')}页，无法读取。请拆分后上传。")
