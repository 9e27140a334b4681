"""The alternative renderer the benchmark compares with: the same Book laid out by reportlab's platypus.

A table of contents with page numbers needs reportlab's two-pass ``multiBuild``. Chinese text uses the
built-in CID font STSong-Light, which is *not embedded* (readers need the Adobe Asian font pack): the
product keeps WeasyPrint with embedded Noto CJK, this is only the speed reference.
"""

from __future__ import annotations

import io

from gongkai.core.extract import html_to_text
from gongkai.core.html import sanitize_html
from gongkai.publishing.book import Book


def to_pdf(book: Book) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, Spacer
    from reportlab.platypus.doctemplate import SimpleDocTemplate
    from reportlab.platypus.tableofcontents import TableOfContents

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    base = ParagraphStyle("base", fontName="STSong-Light", fontSize=11.5, leading=19, wordWrap="CJK",
                          firstLineIndent=23)
    h1 = ParagraphStyle("h1", parent=base, fontSize=16, leading=24, alignment=1, firstLineIndent=0)
    h2 = ParagraphStyle("h2", parent=base, fontSize=14, leading=22, alignment=1, firstLineIndent=0)
    meta = ParagraphStyle("meta", parent=base, fontSize=10, alignment=1, firstLineIndent=0)

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable):  # noqa: N802 - reportlab hook
            level = getattr(flowable, "toc_level", None)
            if level is not None:
                self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))

    toc = TableOfContents()
    toc.levelStyles = [ParagraphStyle("t0", parent=base, firstLineIndent=0),
                       ParagraphStyle("t1", parent=base, firstLineIndent=0, leftIndent=20)]
    story = [Paragraph(book.title, h1), Paragraph(book.subtitle, meta), PageBreak(), Paragraph("目录", h1), toc]
    for section in book.sections:
        story.append(PageBreak())
        heading = Paragraph(section.title, h1)
        heading.toc_level = 0
        story.append(heading)
        for entry in section.entries:
            story.append(PageBreak())
            title = Paragraph(entry.title, h2)
            title.toc_level = 1
            story += [title, Paragraph("　".join(f"{k}：{v}" for k, v in entry.meta if v), meta), Spacer(1, 8)]
            for line in html_to_text(sanitize_html(entry.body_html)).splitlines():
                if line.strip():
                    story.append(Paragraph(line.strip(), base))
    out = io.BytesIO()
    Doc(out, pagesize=A4, leftMargin=2.2 * cm, rightMargin=2.2 * cm).multiBuild(story)
    return out.getvalue()
