"""Attachments: type by extension and content, size limit, hash and extracted text."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.services import history
from gongkai.documents import services
from gongkai.documents.models import Status

from .factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(text: str) -> bytes:
    from docx import Document as Docx

    buffer = io.BytesIO()
    d = Docx()
    d.add_paragraph(text)
    d.save(buffer)
    return buffer.getvalue()


def upload(officer, doc, name, data):
    return services.add_attachment(actor=officer, document=doc, uploaded_file=SimpleUploadedFile(name, data))


def test_docx_is_stored_with_hash_and_text(officer, township):
    doc = draft(officer, township)
    data = docx_bytes("龙家圈街道2024年政务公开工作要点")
    att = upload(officer, doc, "工作要点.docx", data)
    assert att.sha256 == hashlib.sha256(data).hexdigest()
    assert att.size == len(data) and att.original_name == "工作要点.docx"
    assert "政务公开工作要点" in att.text
    assert att.file.read() == data
    assert history(doc).last().data["sha256"] == att.sha256


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "不支持的附件类型"),
        ("page.html", b"<html></html>", "不支持的附件类型"),
        ("noext", b"%PDF-1.4", "不支持的附件类型"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "文件内容与扩展名“.pdf”不符"),
        ("fake.docx", b"%PDF-1.7", "文件内容与扩展名“.docx”不符"),
        ("photo.png", b"\xff\xd8\xff\xe0 jpeg bytes", "文件内容与扩展名“.png”不符"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_wrong_types_are_refused_in_chinese(officer, township, name, data, message):
    doc = draft(officer, township)
    with pytest.raises(ValidationError, match=message):
        upload(officer, doc, name, data)
    assert doc.attachments.count() == 0


def test_zip_that_is_not_a_word_file_is_refused_as_docx(officer, township):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ValidationError, match="不符"):
        upload(officer, draft(officer, township), "x.docx", buffer.getvalue())
    assert upload(officer, draft(officer, township), "材料.zip", buffer.getvalue()).content_type == "application/zip"


def test_size_limit(officer, township, settings):
    settings.GONGKAI_MAX_ATTACHMENT_BYTES = 100
    with pytest.raises(ValidationError, match="超过上限"):
        upload(officer, draft(officer, township), "big.pdf", b"%PDF-" + b"0" * 200)


def test_image_and_ole_types_pass(officer, township):
    doc = draft(officer, township)
    assert upload(officer, doc, "图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20).content_type == "image/png"
    assert upload(officer, doc, "旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20).content_type == "application/msword"


def test_no_attachments_once_submitted(officer, township):
    doc = draft(officer, township)
    doc.status = Status.IN_REVIEW
    doc.save()
    with pytest.raises(ValidationError, match="不能再添加附件"):
        upload(officer, doc, "a.pdf", b"%PDF-1.4")


def test_personal_data_in_an_attachment_is_found(officer, township):
    from gongkai.review.services import findings_for

    doc = draft(officer, township)
    upload(officer, doc, "名单.docx", docx_bytes("联系人 13812345678"))
    assert [(f["source"], f["kind"]) for f in findings_for(doc)] == [("名单.docx", "mobile")]


def test_a_long_file_name_keeps_its_extension(officer, township):
    doc = draft(officer, township)
    name = "关于印发龙家圈街道2025年度政务公开工作要点及任务分解表的通知" * 8 + ".docx"  # 248 characters
    attachment = upload(officer, doc, name, docx_bytes("工作要点"))
    assert attachment.original_name.endswith(".docx") and len(attachment.original_name) <= 120
    assert attachment.original_name.startswith("关于印发龙家圈街道")
