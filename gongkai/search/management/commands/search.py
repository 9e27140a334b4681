"""`gongkai search reindex`: rebuild the search index with a progress bar on stderr."""

from __future__ import annotations

import time

from django.utils.translation import gettext as _

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.search.backends import get_backend
from gongkai.search.services import BATCH_SIZE, reindex


class Progress:
    """A \\r-updated bar on a terminal, a line every ``every`` seconds otherwise."""

    def __init__(self, stream, every: float = 5.0):
        self.stream = stream
        self.tty = stream.isatty()
        self.every = every
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.tty and done < total and now - self.last < self.every:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-6)
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        line = f"[{bar:<30}] {done}/{total} {share:6.1%} {rate:,.0f} 篇/秒"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")


class Command(GongkaiCommand):
    help = "全文检索索引维护：reindex 重建索引。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True)
        p = sub.add_parser("reindex", help="按已公开的政府信息重建检索索引")
        p.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, action: str, **options):
        if action != "reindex":
            raise UsageError(_("未知的操作：%(a)s") % {"a": action})
        batch = options["batch_size"]
        if not 1 <= batch <= 10000:
            raise UsageError(_("--batch-size 应在 1 到 10000 之间。"))
        progress = Progress(self.stderr._out)  # the raw stream: \r updates need no added newline
        started = time.monotonic()
        count = reindex(progress, batch_size=batch)
        progress.finish()
        seconds = time.monotonic() - started
        size = get_backend().size_bytes()
        size_text = _("，索引约 %(mb).1f MB") % {"mb": size / 1e6} if size else ""
        self.stdout.write(
            _("已重建检索索引：%(n)d 篇，用时 %(s).1f 秒，%(r).0f 篇/秒%(size)s。")
            % {"n": count, "s": seconds, "r": count / max(seconds, 1e-6), "size": size_text}
        )
