"""A book of documents as PDF and .docx: the table of contents points at the right pages, nothing is fetched."""

import http.server
import io
import threading

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from gongkai.publishing.book import Book, Entry, Section
from gongkai.publishing.render import to_docx, to_pdf

LONG = "<p>第一条 本办法适用于本行政区域内的相关管理活动。</p>" * 120
BOOK = Book(title="测试汇编", subtitle="共3件", sections=(
    Section("甲机关", (Entry("第一件办法", "<p>正文一</p>", (("发文字号", "甲〔2024〕1号"),)),
                       Entry("第二件办法", LONG))),
    Section("乙机关", (Entry("第三件办法", "<p>正文三</p><script>alert(1)</script>", note="本件已修改。"),)),
))


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_table_of_contents_gives_the_page_each_document_starts_on():
    pages = _pages(to_pdf(BOOK))
    toc = pages[1].splitlines()
    assert toc[0] == "目\u3000录"
    for title in ("第一件办法", "第二件办法", "第三件办法"):
        listed = int(next(line for line in toc if title in line).rsplit(" ", 1)[1])
        assert pages[listed - 1].startswith(title) or f"\n{title}\n" in pages[listed - 1]
    assert "alert" not in "".join(pages) and "本件已修改。" in "".join(pages)


def test_pdf_never_fetches_what_a_body_points_to():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's hook
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 18651), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        body = '<p><img src="http://127.0.0.1:18651/tracker.png" alt="x"></p><p>正文</p>'
        to_pdf(Book(title="t", sections=(Section("s", (Entry("e", body),)),)))
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_docx_has_headings_and_a_table_of_contents_field_updated_on_open():
    docx = Docx(io.BytesIO(to_docx(BOOK)))
    headings = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "甲机关"), ("Heading 2", "第一件办法"), ("Heading 2", "第二件办法"),
                        ("Heading 1", "乙机关"), ("Heading 2", "第三件办法")]
    xml = docx.element.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml
    assert "updateFields" in docx.settings.element.xml
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "发文字号：甲〔2024〕1号" in text and "alert" not in text


@pytest.mark.parametrize("render", [to_pdf, to_docx])
def test_an_empty_book_still_renders(render):
    assert render(Book(title="空汇编"))
