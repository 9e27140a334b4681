"""The upload checker: extension and content must agree, for every kind of file the product accepts."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from gongkai.core import uploads

EXE = b"MZ\x90\x00\x03\x00"


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("a.pdf", b"%PDF-1.7", "application/pdf"),
    ("a.JPG", b"\xff\xd8\xff\xe0", "image/jpeg"),
    ("a.docx", _zip("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("a.txt", "二〇二四年度".encode("gb18030"), "text/plain"),
    ("a.txt", "2024年度".encode(), "text/plain"),
])
def test_real_files_pass(name, data, content_type):
    assert uploads.check(name, data, allowed=uploads.CORRECTION_FILES | uploads.DISCLOSED_FILES) == content_type


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.exe", EXE, "不支持的附件类型“.exe”"),
    ("a", b"%PDF-1.7", "无扩展名"),
    ("a.pdf", EXE, "不符"),
    ("a.txt", EXE + b"\x00\x00", "不符"),
    ("a.txt", b"\xff\xfe\xfa\xfb\x81", "不符"),
    ("a.docx", _zip("readme.txt"), "不符"),
    ("a.docx", b"PK\x03\x04broken", "已损坏"),
    ("a.png", b"", "空文件"),
])
def test_wrong_files_are_refused(name, data, message):
    with pytest.raises(ValidationError, match=message):
        uploads.check(name, data, allowed=uploads.CORRECTION_FILES | uploads.DISCLOSED_FILES)


def test_each_caller_names_what_it_accepts():
    with pytest.raises(ValidationError, match="只能上传以下类型：.jpg .png"):
        uploads.check("a.pdf", b"%PDF-1.7", allowed=uploads.IMAGES)


def test_size_limit():
    with pytest.raises(ValidationError, match="超过上限"):
        uploads.check("a.pdf", b"%PDF-" + b"0" * 200, allowed=uploads.SCANS, limit=100)


@pytest.mark.parametrize(("name", "expected_end", "max_len"), [
    ("关于" + "某某" * 150 + "的通知.pdf", ".pdf", uploads.MAX_NAME_CHARS),
    ("a" * 300 + ".docx", ".docx", uploads.MAX_NAME_CHARS),
    ("短名称.xlsx", "短名称.xlsx", 20),
    ("版本1.2.3的说明" + "长" * 200, "长", uploads.MAX_NAME_CHARS),  # no extension: only shortened
])
def test_long_file_names_keep_their_extension(name, expected_end, max_len):
    clipped = uploads.clip_name(name)
    assert clipped.endswith(expected_end)
    assert len(clipped) <= max_len and len(clipped.encode()) <= uploads.MAX_NAME_BYTES


def test_read_checked_clips_the_uploaded_name():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("公开" * 100 + ".pdf", b"%PDF-1.7 test", content_type="application/pdf")
    name, _data, content_type = uploads.read_checked(upload, allowed=uploads.DOCUMENT_FILES)
    assert name.endswith(".pdf") and upload.name == name and content_type == "application/pdf"
