"""Typeset a Book as PDF (WeasyPrint, page numbers in the table of contents) and as .docx (python-docx,
a Word table-of-contents field over Heading 1/2, pre-filled with the titles so it reads before updating).

PDF rendering never fetches anything: images or stylesheets a body might point to are refused, so a
document body cannot make the server request outside addresses (and one slow host cannot stall a build).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core.extract import html_to_text
from gongkai.core.html import sanitize_html

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


class _Writer:
    """Appends paragraphs just before the document's final section properties.

    python-docx's ``add_paragraph`` looks for ``w:sectPr`` among all the body's children on every call,
    which makes a 2,000-document book quadratic (61 s, bench/results/registers.md); inserting before a
    kept reference is constant time.
    """

    def __init__(self, doc):
        self.doc = doc
        self.anchor = doc.element.body.sectPr

    def para(self, text: str = "", style: str | None = None):
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self.anchor.addprevious(element)
        paragraph = Paragraph(element, self.doc._body)
        if style:
            paragraph.style = self.doc.styles[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.para().add_run().add_break(WD_BREAK.PAGE)


def _toc_field(out: _Writer, book: Book) -> None:
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

    first = out.para()
    run_with(first, "w:fldChar", **{"w:fldCharType": "begin"})
    instr = first.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = 'TOC \\o "1-2" \\h \\z \\u'
    instr._r.append(text)
    run_with(first, "w:fldChar", **{"w:fldCharType": "separate"})
    last = first
    for section in book.sections:
        last = out.para(section.title)
        last.runs[0].bold = True
        for entry in section.entries:
            last = out.para(entry.title)
            last.paragraph_format.left_indent = Pt(24)
    run_with(last, "w:fldChar", **{"w:fldCharType": "end"})
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    out.doc.settings.element.append(update)


def to_docx(book: Book) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
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
    out = _Writer(doc)
    out.para(book.title, "Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (book.subtitle, book.publisher, book.date_line):
        if line:
            out.para(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in book.preface:
        out.para(line).paragraph_format.first_line_indent = Pt(24)
    out.page_break()
    heading = out.para("目  录")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    _toc_field(out, book)
    for part in book.sections:
        out.page_break()
        out.para(part.title, "Heading 1")
        for index, entry in enumerate(part.entries):
            if index:
                out.page_break()
            out.para(entry.title, "Heading 2")
            if entry.meta:
                meta = out.para("　".join(f"{label}：{value}" for label, value in entry.meta if value))
                meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if entry.note:
                out.para(entry.note).runs[0].italic = True
            for line in html_to_text(sanitize_html(entry.body_html)).splitlines():
                line = line.strip()
                if line:
                    out.para(line).paragraph_format.first_line_indent = Pt(24)
    data = io.BytesIO()
    doc.save(data)
    return data.getvalue()
