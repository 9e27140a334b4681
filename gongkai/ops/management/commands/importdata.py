"""`gongkai import documents|requests FILE.jsonl --org CODE` (contracts.md "Import")."""

import sys

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.orgs.models import Organization


class Command(GongkaiCommand):
    help = "从 JSON Lines 文件导入政府信息（documents）或历史依申请公开台账（requests）。"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["documents", "requests"], help="导入内容")
        parser.add_argument("file", help="JSON Lines 文件路径（- 表示标准输入）")
        parser.add_argument("--org", required=True, help="机构代码")

    def handle(self, *args, kind, file, org, **options):
        if kind == "requests":
            from gongkai.foi.importer import import_requests

            import_requests(file, org, self.stdout, self.stderr)
            return
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise UsageError(f"机构代码不存在：{org}")
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"无法读取文件 {file}：{exc.strerror}") from exc
        from gongkai.documents.importer import import_documents

        try:
            summary = import_documents(stream, organization)
        except UnicodeDecodeError as exc:
            raise UsageError(f"文件不是 UTF-8 编码：{file}") from exc
        finally:
            if stream is not sys.stdin:
                stream.close()
        for lineno, message in summary.errors:
            self.stderr.write(f"第 {lineno} 行：{message}")
        for lineno, message in summary.warnings:
            self.stderr.write(f"第 {lineno} 行（提示）：{message}")
        self.stdout.write(summary.line())
