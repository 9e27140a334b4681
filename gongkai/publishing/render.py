"""Typeset a Book as PDF (WeasyPrint, page numbers in the table of contents) and as .docx (python-docx,
a Word table-of-contents field over Heading 1/2, pre-filled with the titles so it reads before updating).

PDF rendering never fetches anything: images or stylesheets a body might point to are refused, so a
document body cannot make the server request outside addresses (and one slow host cannot stall a build).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core.html import sanitize_html, strip_tags

from .book import Book


class FetchRefused(ValueError):
    pass


def _no_fetch(url: str, *args, **kwargs):
    raise FetchRefused(f"external resource not fetched: {url[:80]}")


def to_html(book: Book) -> str:
    sections = []
    n = 0
    for s_index, section in enumerate(book.sections, start=1):
        entries = []
        for entry in section.entries:
            n += 1
            entries.append({"n": n, "anchor": f"e{n}", "entry": entry,
                            "body": mark_safe(sanitize_html(entry.body_html))})  # noqa: S308 - sanitized here
        sections.append({"anchor": f"s{s_index}", "title": section.title, "entries": entries})
    return render_to_string("publishing/book.html", {"book": book, "sections": sections})


def to_pdf(book: Book) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(book), url_fetcher=_no_fetch).write_pdf()


def _set_east_asian_font(style, name: str) -> None:
    from docx.oxml.ns import qn

    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _toc_field(doc, book: Book) -> None:
    """A TOC field (Heading 1–2, hyperlinked) whose cached result lists the titles; Word and WPS fill in
    the page numbers when they update fields, which settings.xml asks them to do on opening."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def run_with(paragraph, tag: str, **attrs):
        run = paragraph.add_run()
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        run._r.append(element)
        return run

    first = doc.add_paragraph()
    run_with(first, "w:fldChar", **{"w:fldCharType": "begin"})
    instr = first.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = 'TOC \\o "1-2" \\h \\z \\u'
    instr._r.append(text)
    run_with(first, "w:fldChar", **{"w:fldCharType": "separate"})
    last = first
    for section in book.sections:
        last = doc.add_paragraph(section.title)
        last.runs[0].bold = True
        for entry in section.entries:
            last = doc.add_paragraph(entry.title)
            last.paragraph_format.left_indent = Pt(24)
    run_with(last, "w:fldChar", **{"w:fldCharType": "end"})
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def to_docx(book: Book) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    doc = Docx()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.6)
    normal = doc.styles["Normal"]
    _set_east_asian_font(normal, "宋体")
    normal.font.size = Pt(12)
    for name, size in (("Heading 1", 16), ("Heading 2", 14), ("Title", 22)):
        _set_east_asian_font(doc.styles[name], "黑体")
        doc.styles[name].font.size = Pt(size)

    title = doc.add_paragraph(book.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (book.subtitle, book.publisher, book.date_line):
        if line:
            doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in book.preface:
        doc.add_paragraph(line).paragraph_format.first_line_indent = Pt(24)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = doc.add_paragraph("目  录")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    _toc_field(doc, book)
    for part in book.sections:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(part.title, level=1)
        for index, entry in enumerate(part.entries):
            if index:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            doc.add_heading(entry.title, level=2)
            if entry.meta:
                meta = doc.add_paragraph("　".join(f"{label}：{value}" for label, value in entry.meta if value))
                meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if entry.note:
                doc.add_paragraph(entry.note).runs[0].italic = True
            for line in strip_tags(sanitize_html(entry.body_html)).splitlines():
                line = line.strip()
                if line:
                    doc.add_paragraph(line).paragraph_format.first_line_indent = Pt(24)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
