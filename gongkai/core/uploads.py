"""The one upload checker: every file a user uploads is judged by its extension AND its content.

A renamed executable (``x.exe`` saved as ``x.pdf``) fails the magic-byte check; a zip container must
hold the member its format requires (``word/`` for .docx …); text files must decode and hold no
NUL bytes. Each caller names the extensions it accepts (``DOCUMENT_FILES``, ``IMAGES`` …); messages
are Chinese and raised as ``ValidationError``, so forms and services show them as they are.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_TEXT: tuple[bytes, ...] = ()  # no magic bytes: checked by decoding instead


@dataclass(frozen=True)
class FileType:
    content_type: str
    magics: tuple[bytes, ...]
    member: str | None = None  # a member name (or folder prefix) the zip container must hold


TYPES: dict[str, FileType] = {
    ".doc": FileType("application/msword", _OLE2),
    ".xls": FileType("application/vnd.ms-excel", _OLE2),
    ".wps": FileType("application/vnd.ms-works", _OLE2),
    ".docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, "word/"),
    ".xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, "xl/"),
    ".ofd": FileType("application/ofd", _ZIP, "OFD.xml"),
    ".zip": FileType("application/zip", _ZIP),
    ".pdf": FileType("application/pdf", (b"%PDF-",)),
    ".jpg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileType("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".txt": FileType("text/plain", _TEXT),
    ".csv": FileType("text/csv", _TEXT),
}

# What each kind of upload accepts.
DOCUMENT_FILES = frozenset({".doc", ".docx", ".pdf", ".xls", ".xlsx", ".wps", ".ofd", ".jpg", ".jpeg", ".png", ".zip"})
IMAGES = frozenset({".jpg", ".jpeg", ".png"})
CORRECTION_FILES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".txt"})
DISCLOSED_FILES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt", ".zip", ".ofd"})
SCANS = frozenset({".pdf", ".jpg", ".jpeg", ".png"})


def label(allowed: Collection[str]) -> str:
    """``.doc .docx …`` in the order of TYPES, for messages and help texts (.jpeg is implied by .jpg)."""
    return " ".join(ext for ext in TYPES if ext in allowed and ext != ".jpeg")


def max_bytes() -> int:
    return settings.GONGKAI_MAX_ATTACHMENT_BYTES


def _size_error(size: int, limit: int) -> ValidationError:
    return ValidationError(f"附件大小 {size / 1048576:.1f} MB 超过上限 {limit / 1048576:.0f} MB。")


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check(filename: str, data: bytes, *, allowed: Collection[str], limit: int | None = None) -> str:
    """The content type of an acceptable upload; ValidationError (Chinese) with the reason otherwise."""
    ext = os.path.splitext(filename or "")[1].lower()
    if ext not in allowed or ext not in TYPES:
        raise ValidationError(f"不支持的附件类型“{ext or '无扩展名'}”。只能上传以下类型：{label(allowed)}。")
    if not data:
        raise ValidationError("附件是空文件。")
    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise _size_error(len(data), limit)
    kind = TYPES[ext]
    mismatch = ValidationError(f"文件内容与扩展名“{ext}”不符，请上传真实的{ext}文件。")
    if kind.magics == _TEXT:
        if not _is_text(data):
            raise mismatch
    elif not any(data.startswith(m) for m in kind.magics):
        raise mismatch
    if kind.member is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as exc:
            raise ValidationError(f"文件已损坏，无法作为{ext}文件打开。") from exc
        if not any(n == kind.member or n.startswith(kind.member) for n in names):
            raise mismatch
    return kind.content_type


MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; a Chinese character takes 3


def clip_name(name: str, *, max_chars: int = MAX_NAME_CHARS, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` shortened to fit ``max_chars`` characters and ``max_bytes`` UTF-8 bytes, extension kept."""
    name = os.path.basename(name or "")
    root, ext = os.path.splitext(name)
    if len(ext) > 16:  # not an extension, just a dot in a long name
        root, ext = name, ""
    while root and (len(root) + len(ext) > max_chars or len((root + ext).encode("utf-8")) > max_bytes):
        root = root[:-1]
    return (root.rstrip(" .") or "file") + ext


def read_checked(uploaded_file, *, allowed: Collection[str], limit: int | None = None) -> tuple[str, bytes, str]:
    """Read an uploaded file (at most ``limit`` + 1 bytes) and check it: (base name, data, content type).

    A name longer than MAX_NAME_CHARS characters or MAX_NAME_BYTES bytes is shortened, keeping the extension.

    The file is rewound afterwards, so the caller may still save it through a FileField.
    """
    limit = max_bytes() if limit is None else limit
    name = clip_name(getattr(uploaded_file, "name", "") or "")
    if getattr(uploaded_file, "name", None):
        uploaded_file.name = name  # saved through a FileField later: the clipped name, extension kept
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise _size_error(size, limit)
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    uploaded_file.seek(0)
    return name, data, check(name, data, allowed=allowed, limit=limit)


class CheckedFileField(forms.FileField):
    """A form file field that runs the upload checker on what was sent."""

    def __init__(self, *, allowed: Collection[str], limit: int | None = None, **kwargs):
        self.allowed, self.limit = frozenset(allowed), limit
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            read_checked(upload, allowed=self.allowed, limit=self.limit)
        return upload
