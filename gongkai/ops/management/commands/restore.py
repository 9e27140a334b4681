"""`gongkai restore FILE [--verify] [--force]`: restore an archive into an empty installation."""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.ops import archive
from gongkai.ops.archive import BackupError, open_archive, read_manifest


class Command(GongkaiCommand):
    help = "从备份文件恢复数据库和附件到空的安装；--verify 核对行数、附件哈希和登记簿"

    def add_arguments(self, parser):
        parser.add_argument("file", help="gongkai backup 生成的备份文件")
        parser.add_argument("--verify", action="store_true", help="恢复后核对行数、附件哈希和登记簿，不一致时退出码为 1")
        parser.add_argument("--verify-only", action="store_true", help="不恢复，只核对当前安装与备份是否一致")
        parser.add_argument("--force", action="store_true", help="目标安装不为空时也覆盖（原附件目录改名保留）")

    def handle(self, *args, file, verify: bool, verify_only: bool, force: bool, **options):
        path = Path(file)
        try:
            if verify_only:
                with open_archive(path) as tar:
                    manifest = read_manifest(tar)
            else:
                manifest = archive.restore(path, force=force)
                self.stdout.write(f"恢复完成：{path}（{len(manifest['tables'])} 张表，附件 {len(manifest['media'])} 个，"
                                  f"用时 {manifest['seconds']} 秒）")
        except BackupError as exc:
            if "不是空的" in str(exc):
                raise CommandError(str(exc), returncode=1) from exc
            raise UsageError(str(exc)) from exc
        if verify or verify_only:
            problems = archive.verify(manifest)
            for line in problems:
                self.stdout.write(f"不一致：{line}")
            if problems:
                self.stdout.write(f"核对失败：{len(problems)} 处不一致。")
                sys.exit(1)
            rows = sum(manifest["tables"].values())
            self.stdout.write(f"核对通过：{len(manifest['tables'])} 张表 {rows} 行、附件 {len(manifest['media'])} 个、"
                              f"登记簿 {manifest['register']['count']} 条与备份一致。")
