"""`gongkai pii scan [FILE]` (contracts.md "Personal-information scan").

Prints one JSON object per finding, sorted by start offset; exit status 0 whether or not anything
is found. Offsets count characters of the decoded text exactly as read (no newline translation).
``--markings`` adds secrecy markings and the active sensitive words (kinds ``secret_marking`` and
``sensitive_word``); by default only the contract's kinds are printed.
"""

from __future__ import annotations

import errno
import io
import json
import sys
from pathlib import Path

from django.db import DatabaseError

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.core.extract import ExtractionError, extract_text
from gongkai.pii.rules import scan_text
from gongkai.pii.secrecy import scan_markings

# Binary formats whose text is extracted first; anything else is read as UTF-8 text.
_EXTRACTED = (".docx", ".pdf", ".xlsx")


_OS_REASONS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个目录"}


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError("标准输入不是 UTF-8 编码的文本") from exc


def _read_file(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno or 0, "读取失败")
        raise UsageError(f"无法读取文件 {path}：{reason}") from exc
    if Path(path).suffix.lower() in _EXTRACTED:
        try:
            return extract_text(data, path)
        except ExtractionError as exc:
            raise UsageError(f"无法读取文件 {path}：{exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"文件不是 UTF-8 编码的文本：{path}") from exc


class Command(GongkaiCommand):
    help = "个人信息与涉密标志检查"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="scan")
        scan = sub.add_parser("scan", help="检查文本中的身份证号、手机号、固定电话、银行卡号、电子邮箱")
        scan.add_argument("file", nargs="?", default="-", help="文本、.docx、.pdf 或 .xlsx 文件（省略或 - 表示标准输入）")
        scan.add_argument("--markings", action="store_true", help="同时输出密级标志和敏感词")

    def handle(self, *args, action, file, markings, **options):
        text = _read_stdin() if file == "-" else _read_file(file)
        findings = scan_text(text)
        if markings:
            try:
                from gongkai.pii.services import active_sensitive_words

                words = active_sensitive_words()
            except DatabaseError:
                self.stderr.write("提示：无法读取敏感词表（数据库未就绪），只检查密级标志。")
                words = []
            findings = sorted(findings + scan_markings(text, words), key=lambda f: (f.start, f.end))
        if isinstance(sys.stdout, io.TextIOWrapper) and sys.stdout.encoding.lower() != "utf-8":
            sys.stdout.reconfigure(encoding="utf-8")
        for f in findings:
            record = {"kind": f.kind, "start": f.start, "end": f.end, "text": f.text}
            self.stdout.write(json.dumps(record, ensure_ascii=False))
