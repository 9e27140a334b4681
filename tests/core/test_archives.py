"""Zip-bomb and page-count limits, checked before anything is inflated (core/archives.py)."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.core.archives import MB, ArchiveRefused, check_pdf_pages, check_zip


def _zip(*members: tuple[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_ordinary_archive_passes():
    check_zip(_zip(("word/document.xml", b"<w:document>" + "正文".encode() * 5000 + b"</w:document>")))


def test_a_highly_compressed_member_is_refused_before_inflating():
    bomb = _zip(("word/document.xml", b"\0" * (20 * MB)))  # about 20 KB on disk
    assert len(bomb) < 100_000
    with pytest.raises(ArchiveRefused, match="压缩比异常"):
        check_zip(bomb)


def test_the_total_size_limit_counts_every_member(settings):
    settings.GONGKAI_ZIP_MAX_UNCOMPRESSED = 2 * MB
    stored = _zip(*[(f"xl/worksheets/sheet{i}.xml", bytes(range(256)) * 4096) for i in range(3)],
                  method=zipfile.ZIP_STORED)  # 3 MB, no compression at all
    with pytest.raises(ArchiveRefused, match="超过上限2MB"):
        check_zip(stored)


def test_too_many_members_are_refused(settings):
    settings.GONGKAI_ZIP_MAX_MEMBERS = 50
    with pytest.raises(ArchiveRefused, match="部件过多"):
        check_zip(_zip(*[(f"part{i}.xml", b"x") for i in range(51)]))


def test_not_a_zip_is_a_bad_zip():
    with pytest.raises(zipfile.BadZipFile):
        check_zip(b"%PDF-1.7 not a zip")


def test_pdf_page_count_limit(settings):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for _ in range(12):
        writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    settings.GONGKAI_PDF_MAX_PAGES = 12
    check_pdf_pages(reader)
    settings.GONGKAI_PDF_MAX_PAGES = 11
    with pytest.raises(ArchiveRefused, match="共12页"):
        check_pdf_pages(reader)
