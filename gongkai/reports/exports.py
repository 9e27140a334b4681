"""The annual report in the national format: HTML, .docx, .xlsx, PDF (WeasyPrint from the HTML) and JSON."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from django.template.loader import render_to_string

from . import layout
from .layout import Grid

FORMATS = ("json", "html", "docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class ReportContent:
    """What every format prints: the org's name, the year, the contract JSON and the three texts."""

    org_name: str
    year: int
    data: dict
    overview: str = ""
    problems: str = ""
    other: str = ""

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.year}年政府信息公开工作年度报告"

    def grids(self) -> tuple[Grid, Grid, Grid]:
        return (layout.proactive_grid(self.data["proactive"]), layout.request_grid(self.data["requests"]["rows"]),
                layout.review_grid(self.data["reviews"]))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _context(content: ReportContent) -> dict:
    proactive, requests, reviews = content.grids()
    return {
        "title": content.title, "year": content.year, "titles": layout.SECTION_TITLES,
        "overview": _paragraphs(content.overview), "problems": _paragraphs(content.problems),
        "other": _paragraphs(content.other),
        "proactive_grid": proactive, "request_grid": requests, "review_grid": reviews,
    }


def body_html(content: ReportContent) -> str:
    """The report as an HTML fragment (the published catalog item's body)."""
    return render_to_string("reports/_annual_body.html", _context(content))


def to_json(content: ReportContent) -> bytes:
    return (json.dumps(content.data, ensure_ascii=False) + "\n").encode()


def to_html(content: ReportContent) -> bytes:
    return render_to_string("reports/annual_report.html", _context(content)).encode()


def to_pdf(content: ReportContent) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(content).decode()).write_pdf()


def to_docx(content: ReportContent) -> bytes:
    from docx import Document as Docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")

    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(content.title)
    run.bold = True
    run.font.size = Pt(16)

    def section_title(text: str) -> None:
        para = doc.add_paragraph()
        r = para.add_run(text)
        r.bold = True
        r.font.size = Pt(13)

    def paragraphs(text: str) -> None:
        for line in _paragraphs(text):
            para = doc.add_paragraph(line)
            para.paragraph_format.first_line_indent = Pt(22)

    def table(grid: Grid) -> None:
        t = doc.add_table(rows=len(grid.rows), cols=grid.ncols)
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        # Table.cell() rescans the whole table on every call; take the unmerged cells once, fill
        # them, then merge (spans never overlap, so each merge's corner cells are still in place).
        slots = t._cells
        placed = grid.positioned()
        for r, c, cell in placed:
            slots[r * grid.ncols + c].text = cell.text
        for r, c, cell in placed:
            if cell.rowspan > 1 or cell.colspan > 1:
                end = slots[(r + cell.rowspan - 1) * grid.ncols + c + cell.colspan - 1]
                slots[r * grid.ncols + c].merge(end)
        for r, c, cell in placed:
            target = slots[r * grid.ncols + c]
            for para in target.paragraphs:
                if cell.header or cell.number:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for rr in para.runs:
                    rr.font.size = Pt(9)
                    rr.bold = cell.header

    grids = content.grids()
    titles = layout.SECTION_TITLES
    section_title(titles[0])
    paragraphs(content.overview)
    for title, grid in zip(titles[1:4], grids, strict=True):
        section_title(title)
        table(grid)
    section_title(titles[4])
    paragraphs(content.problems)
    section_title(titles[5])
    paragraphs(content.other)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_xlsx(content: ReportContent) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet_names = ("二、主动公开", "三、依申请公开", "四、复议诉讼")
    for index, (name, title, grid) in enumerate(zip(sheet_names, layout.SECTION_TITLES[1:4], content.grids(),
                                                    strict=True)):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = name
        ws.cell(row=1, column=1, value=f"{content.title} · {title}").font = Font(bold=True, size=12)
        offset = 2
        for r, c, cell in grid.positioned():
            row, col = r + offset, c + 1
            value: object = cell.text
            if cell.number and cell.text.isdigit():
                value = int(cell.text)
            target = ws.cell(row=row, column=col, value=value)
            target.alignment = Alignment(horizontal="center" if (cell.header or cell.number) else "left",
                                         vertical="center", wrap_text=True)
            target.font = Font(bold=cell.header, size=10)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    ws.cell(row=row + dr, column=col + dc).border = border
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=row, start_column=col, end_row=row + cell.rowspan - 1,
                               end_column=col + cell.colspan - 1)
        for col in range(1, grid.ncols + 1):
            ws.column_dimensions[get_column_letter(col)].width = 26 if col <= grid.label_columns else 11
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


RENDERERS = {"json": to_json, "html": to_html, "docx": to_docx, "pdf": to_pdf, "xlsx": to_xlsx}


def render(content: ReportContent, fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise ValueError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}。")
    return RENDERERS[fmt](content)
