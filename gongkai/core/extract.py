"""The one text extraction: HTML, .docx, .xlsx, text PDFs, .txt/.csv → plain text.

The personal-information scanner, the search index and masking all read text from here, so they see
the same text. A broken file raises ExtractionError with a Chinese message for the user; nothing else
escapes. Scanned PDFs carry no text and give "" (the reviewer then has to look at the pages). The
bounds on extraction live in ``limits()``.
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from . import archives

# pypdf logs a warning for every sloppy or broken file it meets (then raises, or copes). Those are
# facts about the user's upload, reported to them through ExtractionError, not server problems;
# left at WARNING they would flood the log and garble the CLI's one-line errors on stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class ExtractionError(Exception):
    """The file could not be read; ``str(error)`` is a Chinese message to show."""


# --- Limits -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Limits:
    """Every bound on extraction, in one place; the zip and PDF ones are checked by core.archives."""

    max_input_bytes: int  # files above this are refused before any parser sees them
    zip_max_uncompressed: int  # .docx/.xlsx: all members together, checked before inflating
    zip_max_ratio: int
    zip_max_members: int
    pdf_max_pages: int


def limits() -> Limits:
    return Limits(
        max_input_bytes=settings.GONGKAI_MAX_ATTACHMENT_BYTES,
        zip_max_uncompressed=archives.limit("GONGKAI_ZIP_MAX_UNCOMPRESSED"),
        zip_max_ratio=archives.limit("GONGKAI_ZIP_MAX_RATIO"),
        zip_max_members=archives.limit("GONGKAI_ZIP_MAX_MEMBERS"),
        pdf_max_pages=archives.limit("GONGKAI_PDF_MAX_PAGES"),
    )


# --- HTML ---------------------------------------------------------------------------------------
#
# One tokenizer for the scanner, the search index and masking: tags are kept verbatim, the text between
# them is entity-decoded; block elements end lines; script/style/head contents are not text; runs of
# whitespace become one space, as a browser shows them (&nbsp; and the ideographic space are kept).
# ``html_text_map`` also says where each character of the text came from, so masking can rewrite
# exactly the characters the scanner found, across tags, and leave markup and link targets alone.

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "head", "title"})
# A tag (quoted attribute values may contain ">"), a comment, or a declaration such as <!DOCTYPE>.
_MARKUP = re.compile(r"<!--.*?(?:-->|$)|<[!?][^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_WS = "\t\n\r\f "  # what browsers collapse; &nbsp; and the ideographic space stay
_RUNS = re.compile(f"[{_WS}]+|[^{_WS}]+")

TEXT, TAG, OTHER = "text", "tag", "other"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # TEXT, TAG (a block or inline element's tag) or OTHER (comment, declaration, skipped text)
    raw: str  # exactly as in the source
    text: str = ""  # TEXT: the decoded text
    block: bool = False  # TAG: ends a line


def tokenize(markup: str) -> list[Token]:
    """The source split into tags and decoded text; concatenating ``raw`` gives the source back."""
    tokens: list[Token] = []
    skip, pos = 0, 0

    def text(raw: str) -> None:
        if raw:
            tokens.append(Token(OTHER, raw) if skip else Token(TEXT, raw, html.unescape(raw)))

    for m in _MARKUP.finditer(markup):
        text(markup[pos:m.start()])
        raw, pos = m.group(), m.end()
        name = _TAG_NAME.match(raw)
        if name is None:
            tokens.append(Token(OTHER, raw))
            continue
        closing, tag = name.group(1) == "/", name.group(2).lower()
        if tag in _SKIP_TAGS:
            if not raw.endswith("/>"):
                skip = max(0, skip - 1) if closing else skip + 1
            tokens.append(Token(OTHER, raw))
        else:
            tokens.append(Token(TAG, raw, block=tag in _BLOCK_TAGS))
    text(markup[pos:])
    return tokens


@dataclass
class HtmlText:
    """The visible text of an HTML source, with where each run of it came from."""

    text: str
    tokens: list[Token]
    # (start in text, token index, start in that token's decoded text, length) of each copied run
    runs: list[tuple[int, int, int, int]]


def html_text_map(markup: str) -> HtmlText:
    tokens = tokenize(markup or "")
    out: list[str] = []
    runs: list[tuple[int, int, int, int]] = []
    length, last = 0, "\n"  # "\n" at the start: no leading space or blank line

    for index, token in enumerate(tokens):
        if token.kind == TAG and token.block:
            if last == " ":
                out.pop()
                length -= 1
                last = out[-1][-1] if out else "\n"
            if last != "\n":
                out.append("\n")
                length += 1
                last = "\n"
        elif token.kind == TEXT:
            for m in _RUNS.finditer(token.text):
                piece = m.group()
                if piece[0] in _WS:
                    if last not in " \n":
                        out.append(" ")
                        length += 1
                        last = " "
                else:
                    runs.append((length, index, m.start(), len(piece)))
                    out.append(piece)
                    length += len(piece)
                    last = piece[-1]
    text = "".join(out).rstrip(" \n")
    return HtmlText(text, tokens, runs)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or page: the text the scanner checks and the index holds."""
    if not markup:
        return ""
    return html_text_map(markup).text


def rewrite_html(source: HtmlText, replacements: list[tuple[int, int, str]]) -> str:
    """The HTML with text spans (start, end, new text) of ``source.text`` replaced; tags stay verbatim.

    A replacement as long as its span changes character by character, wherever they lie between
    tags; a shorter or longer one goes where its span starts and the rest of the span is removed.
    """
    starts = [r[0] for r in source.runs]
    edits: dict[int, list[tuple[int, int, str]]] = {}  # token index → (start, end, new) in its decoded text
    for start, end, new in replacements:
        pieces = []  # (token, start, end) of the span's characters, run by run
        i = max(0, bisect_right(starts, start) - 1)
        while i < len(source.runs) and source.runs[i][0] < end:
            at, token, offset, size = source.runs[i]
            lo, hi = max(start, at), min(end, at + size)
            if lo < hi:
                pieces.append((token, offset + lo - at, offset + hi - at, lo - start))
            i += 1
        if not pieces:
            continue
        if len(new) == end - start:
            for token, lo, hi, rel in pieces:
                edits.setdefault(token, []).append((lo, hi, new[rel:rel + hi - lo]))
        else:
            first, *rest = pieces
            edits.setdefault(first[0], []).append((first[1], first[2], new))
            for token, lo, hi, _rel in rest:
                edits.setdefault(token, []).append((lo, hi, ""))
    parts = []
    for index, token in enumerate(source.tokens):
        if index not in edits:
            parts.append(token.raw)
            continue
        text, cursor, chunks = token.text, 0, []
        for lo, hi, new in sorted(edits[index]):
            chunks.append(text[cursor:lo])
            chunks.append(new)
            cursor = hi
        chunks.append(text[cursor:])
        parts.append(html_escape("".join(chunks), quote=False))
    return "".join(parts)


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

    archives.check_zip(data)  # before python-docx inflates anything
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
    archives.check_pdf_pages(reader)  # before any page is read
    return "\n".join((page.extract_text() or "") for page in reader.pages)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    archives.check_zip(data)  # before openpyxl inflates anything
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
    bound = limits().max_input_bytes
    if len(data) > bound:
        raise ExtractionError(_("文件大小 %(size).1f MB 超过上限 %(limit).0f MB，无法提取文字。")
                              % {"size": len(data) / 1048576, "limit": bound / 1048576})
    try:
        return extractor(data)
    except ExtractionError:
        raise
    except archives.ArchiveRefused as exc:
        raise ExtractionError(str(exc)) from exc
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ExtractionError(_("%(kind)s 文件已损坏或格式不正确，无法提取文字。") % {"kind": label}) from exc
    except Exception as exc:  # noqa: BLE001 - third-party parsers raise anything on broken input
        kind = label or _("文本")
        raise ExtractionError(_("%(kind)s 文件无法读取（%(name)s），请检查文件是否完整。") % {"kind": kind, "name": filename}) from exc
