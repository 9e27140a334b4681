"""Letters as text, .docx (python-docx) and PDF (WeasyPrint from HTML, as gongkai.reports.exports does).

Drafting fills a plain-text template under templates/foi/letters/ (no HTML escaping: the text goes into
Word and into an escaped HTML page, never raw into a browser). The body is one paragraph per line.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from django.template.loader import render_to_string

LETTERS_DIR = Path(__file__).resolve().parent / "templates" / "foi" / "letters"
_engine = Engine(dirs=[str(LETTERS_DIR)], autoescape=False)
_BLANKS = re.compile(r"\n{3,}")


def draft_body(template: str, context: dict[str, Any]) -> str:
    """The letter body from ``template`` (a file name without .txt), tidied to one blank line between paragraphs."""
    text = _engine.get_template(f"{template}.txt").render(Context(context))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


@dataclass(frozen=True)
class LetterContent:
    """Everything printed on the letter: the agency heads it and signs it with the date."""

    agency: str
    title: str
    number: str
    body: str
    date: str  # already in Chinese: 2025年10月9日

    def blocks(self) -> list[tuple[str, str]]:
        """(kind, text) per paragraph: 'salutation' (no indent), 'attachment' or 'text'."""
        result = []
        for i, text in enumerate(paragraphs(self.body)):
            if i == 0 and text.endswith(("：", ":")):
                result.append(("salutation", text))
            elif text.startswith("附件"):
                result.append(("attachment", text))
            else:
                result.append(("text", text))
        return result


def to_html(content: LetterContent) -> str:
    return render_to_string("foi/letters/letter.html", {"letter": content, "blocks": content.blocks()})


def to_pdf(content: LetterContent) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(content)).write_pdf()


def to_docx(content: LetterContent) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Docx()
    section = doc.sections[0]
    # GB/T 9704 page: A4, margins top 3.7 cm, bottom 3.5 cm, left 2.8 cm, right 2.6 cm.
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    def run(paragraph, text: str, *, size: int = 16, font: str = "仿宋", bold: bool = False):
        r = paragraph.add_run(text)
        r.font.size, r.font.bold, r.font.name = Pt(size), bold, font
        r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return r

    def para(text: str, *, align=None, indent: bool = False, size: int = 16, font: str = "仿宋", bold=False):
        p = doc.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28)
        p.paragraph_format.space_after = Pt(0)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        if align is not None:
            p.alignment = align
        run(p, text, size=size, font=font, bold=bold)
        return p

    para(content.agency, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font="宋体", bold=True)
    para(content.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font="宋体", bold=True)
    para(content.number, align=WD_ALIGN_PARAGRAPH.CENTER, size=16)
    para("")
    for kind, text in content.blocks():
        para(text, indent=kind != "salutation")
    para("")
    para(content.agency, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(content.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.core_properties.title = content.title
    doc.core_properties.author = content.agency
    doc.save(out)
    return out.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
