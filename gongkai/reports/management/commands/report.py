"""`gongkai report annual --org CODE --year YYYY --format json|html|docx|pdf|xlsx [--output FILE]`.

JSON goes to standard output in exactly the contracts.md shape; the other formats need --output.
"""

from __future__ import annotations

import sys

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.reports.rules import MAX_YEAR, MIN_YEAR


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise UsageError(f"--year 应为四位年份：{text}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"--year 应在 {MIN_YEAR} 至 {MAX_YEAR} 之间：{text}")
    return year


def _annual(command: GongkaiCommand, options: dict) -> None:
    from gongkai.orgs.models import Organization

    from ...exports import FORMATS, render
    from ...selectors import annual_data, report_content

    fmt = options["format"]
    if fmt not in FORMATS:
        raise UsageError(f"--format 只能是 {'、'.join(FORMATS)} 之一：{fmt}")
    year = _year(options["year"])
    org = Organization.objects.filter(code=options["org"]).first()
    if org is None:
        raise UsageError(f"机构代码不存在：{options['org']}")
    output = options["output"]
    if fmt != "json" and not output:
        raise UsageError(f"--format {fmt} 需要用 --output 指定输出文件")
    if fmt == "json" and not output:
        from ...exports import ReportContent, to_json

        annual = annual_data(org, year)
        sys.stdout.flush()
        command.stdout.write(to_json(ReportContent(org.name, year, annual.data)).decode(), ending="")
        return
    _annual_data, content = report_content(org, year)
    payload = render(content, fmt)
    try:
        with open(output, "wb") as fh:
            fh.write(payload)
    except OSError as exc:
        raise UsageError(f"无法写入输出文件 {output}：{exc.strerror}") from None
    command.stdout.write(f"已生成 {content.title}（{fmt}）：{output}")


class Command(GongkaiCommand):
    help = "年度报告：按国家格式生成政府信息公开工作年度报告。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{annual}")
        annual = sub.add_parser("annual", help="生成某机构某年度的政府信息公开工作年度报告")
        annual.add_argument("--org", required=True, help="机构代码")
        annual.add_argument("--year", required=True, help="统计年度 YYYY")
        annual.add_argument("--format", default="json", help="json（默认，输出到标准输出）、html、docx、pdf、xlsx")
        annual.add_argument("--output", help="输出文件（json 以外的格式必填）")
        annual.set_defaults(handler=_annual)

    def handle(self, *args, handler, **options):
        handler(self, options)
