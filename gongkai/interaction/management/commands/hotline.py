"""`gongkai hotline import FILE.csv --org CODE` and `gongkai hotline rates --org CODE …`."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.interaction import rules
from gongkai.interaction.services import hotline
from gongkai.orgs.models import Organization
from gongkai.workdays.rules import parse_date


def _org(code: str) -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise UsageError(f"机构代码“{code}”不存在")
    return org


def _import(command, options) -> int:
    path = Path(options["file"])
    if not path.is_file():
        raise UsageError(f"文件不存在：{path}")
    result = hotline.import_csv(data=path.read_bytes(), org=_org(options["org"]))
    for line_no, message in result.errors:
        command.stderr.write(f"第 {line_no} 行：{message}")
    command.stdout.write(result.summary())
    return 0


def _rates(command, options) -> int:
    org = _org(options["org"])
    try:
        start, end = parse_date(options["start"]), parse_date(options["end"])
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if end < start:
        raise UsageError("结束日期不能早于开始日期")
    rows = hotline.rate_table(org.descendant_ids(), start, end, options["period"])
    for row in rows:
        r = row.rates
        command.stdout.write(json.dumps({
            "period": row.period, "unit": row.unit.code, "total": r.total, "replied": r.replied, "closed": r.closed,
            "rated": r.rated, "satisfied": r.satisfied, "reply_rate": r.reply_rate, "closure_rate": r.closure_rate,
            "satisfaction_rate": r.satisfaction_rate}, ensure_ascii=False))
    return 0


class Command(GongkaiCommand):
    help = "12345热线工单：导入CSV；按周期和单位统计办结率、回复率、满意率。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{import,rates}")
        imp = sub.add_parser("import", help="导入热线平台导出的CSV工单")
        imp.add_argument("file", help="CSV文件")
        imp.add_argument("--org", required=True, help="承办机构代码")
        imp.set_defaults(handler=_import)
        rates = sub.add_parser("rates", help="统计办结率、回复率、满意率（每行一个JSON对象）")
        rates.add_argument("--org", required=True, help="机构代码（含下属单位）")
        rates.add_argument("--from", dest="start", required=True, help="开始日期 YYYY-MM-DD")
        rates.add_argument("--to", dest="end", required=True, help="结束日期 YYYY-MM-DD")
        rates.add_argument("--period", choices=rules.PERIODS, default="month", help="统计周期")
        rates.set_defaults(handler=_rates)

    def handle(self, *args, handler, **options):
        handler(self, options)
