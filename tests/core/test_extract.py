"""extract_text(): text out of attachments built in the test; broken files raise ExtractionError."""

import io

import docx
import pytest
from openpyxl import Workbook
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from gongkai.core.extract import ExtractionError, extract_text, html_to_text
from gongkai.pii.rules import scan_text

VALID_ID = "371323198507178433"


def make_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部资料"
    document.add_paragraph("关于公示低保对象名单的通知")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ["姓名", "身份证号", "电话"], strict=True):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ["张三", VALID_ID, "138-1234-5678"], strict=True):
        cell.text = value
    document.add_paragraph("联系人：李四")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built-in CJK font, nothing embedded
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.showPage()
    pdf.drawString(72, 760, "第二页：邮箱 zs@qq.com")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号", "银行卡号"])
    sheet.append(["王五", VALID_ID, "6228480012345671"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_and_header_in_order():
    text = extract_text(make_docx(), "名单.docx")
    lines = text.split("\n")
    assert lines[0] == "内部资料"
    assert lines.index("关于公示低保对象名单的通知") < lines.index(f"张三\t{VALID_ID}\t138-1234-5678")
    assert lines[-1] == "联系人：李四"
    assert [f.kind for f in scan_text(text)] == ["id_card", "mobile"]


def test_pdf_text_with_chinese():
    text = extract_text(make_pdf([f"身份证号：{VALID_ID}", "联系电话：13812345678"]), "公示.PDF")
    assert "身份证号" in text
    assert [(f.kind, f.text) for f in scan_text(text)] == [
        ("id_card", VALID_ID),
        ("mobile", "13812345678"),
        ("email", "zs@qq.com"),
    ]


def test_xlsx_rows():
    text = extract_text(make_xlsx(), "名单.xlsx")
    assert f"王五\t{VALID_ID}\t6228480012345671" in text
    assert [f.kind for f in scan_text(text)] == ["id_card", "bank_card"]


@pytest.mark.parametrize(
    "data, name, expected",
    [
        ("电话13812345678".encode(), "a.txt", "电话13812345678"),
        ("\ufeff电话".encode(), "a.txt", "电话"),  # BOM dropped
        ("电话13812345678".encode("gb18030"), "a.txt", "电话13812345678"),
        (b"a,b\n1,2", "a.csv", "a,b\n1,2"),
        ("<p>电话&nbsp;138</p><script>x=1</script><p>第二段</p>".encode(), "a.html", "电话\xa0138\n第二段"),
        (b"anything", "a.doc", ""),
        (b"anything", "a.zip", ""),
        (b"anything", "noextension", ""),
    ],
)
def test_text_formats_and_unknown_types(data, name, expected):
    assert extract_text(data, name) == expected


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"not a zip", "a.docx", "Word 文件已损坏"),
        (b"PK\x03\x04broken", "a.docx", "Word 文件已损坏"),
        (b"%PDF-1.4\nbroken", "a.pdf", "PDF 文件无法读取"),
        (b"", "a.pdf", "PDF 文件无法读取"),
        (b"PK\x03\x04junk", "a.xlsx", "Excel 文件已损坏"),
        (b"\xff\xfe\xfa\x80\x81\xfe", "a.txt", "编码无法识别"),
    ],
)
def test_broken_files_raise_extraction_error_with_chinese_message(data, name, message):
    with pytest.raises(ExtractionError) as info:
        extract_text(data, name)
    assert message in str(info.value)


def test_truncated_docx_raises_extraction_error():
    data = make_docx()
    with pytest.raises(ExtractionError):
        extract_text(data[: len(data) // 2], "a.docx")


@pytest.mark.parametrize(
    "html, text",
    [
        ("<p>第一段</p><p>第二段</p>", "第一段\n第二段"),
        ("第一行<br>第二行", "第一行\n第二行"),
        ("<table><tr><td>张三</td></tr><tr><td>李四</td></tr></table>", "张三\n李四"),
        ("<p>A &amp; B &lt;c&gt;</p>", "A & B <c>"),
        ("<style>p{}</style><p>正文</p>", "正文"),
        ("", ""),
    ],
)
def test_html_to_text(html, text):
    assert html_to_text(html) == text


def test_password_protected_pdf():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="s3cret")
    pdf.drawString(72, 760, "13812345678")
    pdf.showPage()
    pdf.save()
    with pytest.raises(ExtractionError, match="打开密码"):
        extract_text(buffer.getvalue(), "a.pdf")


# --- One extraction for the scanner, the index and masking ------------------------------------------------

TRICKY = ('<p>联系<a title="电话>见下" href="/c">窗口</a>：<b>1381234</b>5678</p><script>var id="1"</script>'
          '<p>身份证&nbsp;371323198507178433</p>')


@pytest.mark.django_db
def test_the_scanner_the_index_and_masking_read_the_same_text(officer, township):
    from gongkai.pii.masking import mask_html
    from gongkai.pii.services import scan_document
    from gongkai.search.segment import clean_text
    from gongkai.search.services import build_row
    from tests.documents.factories import draft

    doc = draft(officer, township, body=TRICKY)
    text = html_to_text(doc.body)
    assert text == "联系窗口：13812345678\n身份证\xa0371323198507178433"
    assert [f.text for f in scan_text(text)] == ["13812345678", "371323198507178433"]
    assert build_row(doc).body == clean_text(text)  # the index: the same text, NFC and marker-free
    assert {f["kind"] for f in scan_document(doc) if f["source"] == "body"} >= {"mobile", "id_card"}
    masked, kinds = mask_html(doc.body)
    assert sorted(kinds) == ["id_card", "mobile"] and not scan_text(html_to_text(masked))


def _bomb_docx(size: int) -> bytes:
    """A .docx whose document.xml inflates to ``size`` bytes of padding (a zip bomb, ~1000:1)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * size + b"</w:document>")
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = _bomb_docx(30 * 1024 * 1024)
    assert len(bomb) < 200_000
    with pytest.raises(ExtractionError, match="压缩比异常"):
        extract_text(bomb, "通知.docx")
    with pytest.raises(ExtractionError, match="压缩比异常"):
        extract_text(bomb, "报表.xlsx")


def test_a_pdf_with_too_many_pages_is_refused(settings):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(5):
        writer.add_blank_page(width=72, height=72)
    buffer = io.BytesIO()
    writer.write(buffer)
    settings.GONGKAI_PDF_MAX_PAGES = 4
    with pytest.raises(ExtractionError, match="共5页"):
        extract_text(buffer.getvalue(), "汇编.pdf")
    settings.GONGKAI_PDF_MAX_PAGES = 5
    assert extract_text(buffer.getvalue(), "汇编.pdf").strip() == ""
