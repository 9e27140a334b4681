"""Plain text out of attachments (.docx, text PDFs, .xlsx, .txt/.csv, .html) for the scans.

A broken file raises ExtractionError with a Chinese message for the user; nothing else escapes.
Scanned PDFs carry no text and give "" (the reviewer then has to look at the pages).
"""

from __future__ import annotations

import io
import logging
import zipfile
from html.parser import HTMLParser
from pathlib import PurePath

from django.utils.translation import gettext as _

# pypdf logs a warning for every sloppy or broken file it meets (then raises, or copes). Those are
# facts about the user's upload, reported to them through ExtractionError, not server problems;
# left at WARNING they would flood the log and garble the CLI's one-line errors on stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ExtractionError(Exception):
    """The file could not be read; ``str(error)`` is a Chinese message to show."""


# --- HTML ---------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "title"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment; block elements end lines, entities are decoded."""
    if not html:
        return ""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts).strip("\n")


# --- Formats ------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(_("文本文件的编码无法识别，请另存为 UTF-8 后重新上传。"))


def _docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def block_text(parent, element) -> list[str]:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            return [Paragraph(element, parent).text]
        if tag == "tbl":
            lines = []
            for row in Table(element, parent).rows:
                cells = []
                for cell in row.cells:
                    inner = [t for child in cell._element.iterchildren() for t in block_text(cell, child)]
                    cells.append("\n".join(inner))
                lines.append("\t".join(cells))
            return lines
        return []

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    seen_parts: set[int] = set()
    for section in document.sections:  # headers/footers often carry 内部资料 and similar notices
        for part in (section.header, section.footer):
            if part.is_linked_to_previous or id(part.part) in seen_parts:
                continue
            seen_parts.add(id(part.part))
            lines.extend(p.text for p in part.paragraphs if p.text)
    for element in document.element.body.iterchildren():
        lines.extend(block_text(document, element))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionError(_("PDF 文件设置了打开密码，无法提取文字。"))
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                if any(cells):
                    lines.append("\t".join(cells))
        return "\n".join(lines)
    finally:
        workbook.close()


_EXTRACTORS = {
    ".docx": (_docx_text, "Word"),
    ".pdf": (_pdf_text, "PDF"),
    ".xlsx": (_xlsx_text, "Excel"),
    ".txt": (_decode, ""),
    ".csv": (_decode, ""),
    ".html": (lambda data: html_to_text(_decode(data)), ""),
    ".htm": (lambda data: html_to_text(_decode(data)), ""),
}

SUPPORTED_SUFFIXES = frozenset(_EXTRACTORS)


def extract_text(data: bytes, filename: str) -> str:
    """Plain text of a file judged by its name's suffix; an unsupported type gives ""."""
    suffix = PurePath(filename or "").suffix.lower()
    entry = _EXTRACTORS.get(suffix)
    if entry is None:
        return ""
    extractor, label = entry
    try:
        return extractor(data)
    except ExtractionError:
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExtractionError(_("%(kind)s 文件已损坏或格式不正确，无法提取文字。") % {"kind": label}) from exc
    except Exception as exc:  # noqa: BLE001 - third-party parsers raise anything on broken input
        kind = label or _("文本")
        raise ExtractionError(_("%(kind)s 文件无法读取（%(name)s），请检查文件是否完整。") % {"kind": kind, "name": filename}) from exc
