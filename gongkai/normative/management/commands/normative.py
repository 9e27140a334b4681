"""`gongkai normative expire [--on DATE]` and `gongkai normative compile [--org CODE]`.

`expire` marks 已失效 every normative document whose validity period ended before DATE (default today);
`compile` rebuilds stale compilations (PDF and .docx) ahead of the first download. Both suit cron.
"""

from __future__ import annotations

from gongkai.core.commands import GongkaiCommand, UsageError


class Command(GongkaiCommand):
    help = "行政规范性文件：到期自动标注失效、生成现行有效文件汇编"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True)
        expire = sub.add_parser("expire", help="标注有效期已届满的文件为“已失效”")
        expire.add_argument("--on", default="", help="以该日期为准（YYYY-MM-DD，默认今天）")
        compile_ = sub.add_parser("compile", help="生成现行有效文件汇编（PDF 和 Word）")
        compile_.add_argument("--org", default="", help="机构代码（默认全部有规范性文件的机构）")
        compile_.add_argument("--rebuild", action="store_true", help="即使内容未变也重新生成")

    def handle(self, *args, **options):
        if options["action"] == "expire":
            self._expire(options["on"])
        else:
            self._compile(options["org"], options["rebuild"])

    def _expire(self, on: str) -> None:
        from gongkai.workdays.rules import parse_date

        from ...services import expire_lapsed

        try:
            today = parse_date(on) if on else None
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        done = expire_lapsed(today=today)
        self.stdout.write(f"已标注失效 {len(done)} 件")

    def _compile(self, code: str, rebuild: bool) -> None:
        from gongkai.orgs.models import Organization

        from ...compilation import FORMATS, compiled
        from ...models import NormativeDocument

        if code:
            orgs = list(Organization.objects.filter(code=code))
            if not orgs:
                raise UsageError(f"机构代码不存在：{code}")
        else:
            ids = NormativeDocument.objects.values_list("document__org_id", flat=True).distinct()
            orgs = list(Organization.objects.filter(pk__in=ids))
        for org in orgs:
            results = [compiled(org, fmt, rebuild=rebuild) for fmt in FORMATS]
            state = "已生成" if any(r.built for r in results) else "无变化"
            self.stdout.write(f"{org.code} {org.name}：{results[0].count} 件，{state}")
