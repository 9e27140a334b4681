"""An issue of the gazette as one PDF: cover, table of contents by category (with page numbers), documents."""

from __future__ import annotations

from gongkai.publishing.book import Book, Entry, Section
from gongkai.publishing.render import to_pdf

from .models import Category, GazetteIssue
from .selectors import issue_sections


def build_book(issue: GazetteIssue) -> Book:
    labels = dict(Category.choices)
    sections = []
    for category, entries in issue_sections(issue):
        sections.append(Section(str(labels[category]), tuple(
            Entry(title=e.document.title, body_html=e.document.body,
                  meta=(("发文字号", e.document.doc_number),
                        ("成文日期", e.document.written_on.isoformat() if e.document.written_on else "")))
            for e in entries)))
    total = f"（总第{issue.total_number}期）" if issue.total_number else ""
    day = issue.issue_date
    return Book(title=f"{issue.org.name}公报", subtitle=f"{issue.year}年第{issue.number}期{total}",
                publisher=f"{issue.org.name}办公室 编", date_line=f"{day.year}年{day.month}月{day.day}日出版",
                sections=tuple(sections))


def issue_pdf(issue: GazetteIssue) -> bytes:
    return to_pdf(build_book(issue))
