"""`gongkai backup FILE`: one archive with the database and the media files (the site may keep running)."""

from pathlib import Path

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.ops.archive import BackupError, backup


class Command(GongkaiCommand):
    help = "备份数据库和附件到一个文件（网站可继续运行）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="备份文件，如 /backup/gongkai-2026-12-01.tar（以 .gz 结尾则压缩）")

    def handle(self, *args, file, **options):
        path = Path(file)
        if path.is_dir():
            raise UsageError(f"{path} 是目录，请给出备份文件名")
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise UsageError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"备份完成：{path}（{manifest['engine']}，{len(manifest['tables'])} 张表 {rows} 行，"
                          f"附件 {len(manifest['media'])} 个，登记簿 {manifest['register']['count']} 条，"
                          f"用时 {manifest['seconds']} 秒）")
