"""`gongkai audit verify|anchor`: check the register's hash chain (contracts.md "Register verification").

``verify`` prints one line per broken place and a summary line; exit 0 when intact, 1 otherwise. It
compares the chain with the anchors in the configured anchor file (GONGKAI_AUDIT_ANCHOR_FILE) when that
file exists, and with every ``--anchors FILE`` given (an operator's offline copy). ``--write-anchor``
appends the head to the anchor file after an intact check: the daily job runs it that way.
``anchor`` appends the current head to the anchor file and the log.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from gongkai.audit import verify as chain_verify
from gongkai.core.commands import GongkaiCommand, UsageError


def _anchors(paths: list[str]) -> list[chain_verify.Anchor]:
    files = [Path(p) for p in paths]
    default = chain_verify.anchor_file()
    if default.exists() and default.resolve() not in {f.resolve() for f in files if f.exists()}:
        files.insert(0, default)
    anchors = []
    for path in files:
        try:
            anchors += chain_verify.read_anchors(path)
        except OSError as exc:
            raise UsageError(f"无法读取锚点文件 {path}：{exc.strerror}") from None
        except ValueError as exc:
            raise UsageError(f"{path}：{exc}") from None
    return anchors


def _verify(command: GongkaiCommand, options: dict) -> None:
    report = chain_verify.verify(_anchors(options["anchors"] or []))
    for problem in report.problems:
        command.stdout.write(problem)
    command.stdout.write(report.summary())
    if not report.intact:
        raise CommandError("登记簿校验未通过", returncode=1)
    if options["write_anchor"]:
        anchor = chain_verify.write_anchor()
        command.stdout.write(f"已写入锚点：第{anchor.seq}条 {anchor.hash}（{chain_verify.anchor_file()}）")


def _anchor(command: GongkaiCommand, options: dict) -> None:
    path = Path(options["file"]) if options["file"] else None
    try:
        anchor = chain_verify.write_anchor(path)
    except OSError as exc:
        raise UsageError(f"无法写入锚点文件：{exc}") from None
    command.stdout.write(f"已写入锚点：第{anchor.seq}条 {anchor.hash}（{path or chain_verify.anchor_file()}）")


class Command(GongkaiCommand):
    help = "登记簿：校验哈希链、写入锚点。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{verify,anchor}")
        check = sub.add_parser("verify", help="逐条校验登记簿哈希链，报告被修改、删除、插入或截断之处")
        check.add_argument("--anchors", action="append", metavar="FILE",
                           help="另行保存的锚点文件（可重复）；默认还核对 GONGKAI_AUDIT_ANCHOR_FILE")
        check.add_argument("--write-anchor", action="store_true", help="校验通过后把链头写入锚点文件")
        check.set_defaults(handler=_verify)
        anchor = sub.add_parser("anchor", help="把当前链头（序号与哈希）写入锚点文件和日志")
        anchor.add_argument("--file", help="锚点文件（默认 GONGKAI_AUDIT_ANCHOR_FILE）")
        anchor.set_defaults(handler=_anchor)

    def handle(self, *args, handler, **options):
        handler(self, options)
