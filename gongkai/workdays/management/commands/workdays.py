"""`gongkai workdays after DATE N`, `is-workday DATE` (contracts.md "Working days") and `notice FILE --year YYYY`."""

from __future__ import annotations

import argparse
from pathlib import Path

from django.core.exceptions import ValidationError

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.workdays import services
from gongkai.workdays.notice import NoticeError, describe, parse_notice
from gongkai.workdays.rules import parse_date
from gongkai.workdays.services import get_calendar

CLI_ACTOR = "命令行（gongkai workdays notice）"


def _date(text: str):
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise UsageError(f"工作日数应为非负整数：{text}") from None
    if n < 0:
        raise UsageError(f"工作日数不能为负数：{text}")
    return n


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年份应为四位数字：{text}")
    return int(text)


def _after(command: GongkaiCommand, options: dict) -> list[str]:
    start, n = _date(options["date"]), _count(options["n"])
    try:
        day, provisional = get_calendar().add_workdays(start, n)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return [day.isoformat()] + (["provisional"] if provisional else [])


def _is_workday(command: GongkaiCommand, options: dict) -> list[str]:
    day = _date(options["date"])
    try:
        flag, provisional = get_calendar().is_workday(day)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return ["true" if flag else "false"] + (["provisional"] if provisional else [])


def _moved_lines(moved) -> list[str]:
    def day(d, provisional):
        return (d.isoformat() + ("（暂定）" if provisional else "")) if d else "待补正"

    return [f"  {m.label}（{m.org}）：{day(m.before, m.provisional_before)} → {day(m.after, m.provisional_after)}"
            for m in sorted(moved, key=lambda m: (m.after or m.before, m.label))]


def _notice(command: GongkaiCommand, options: dict) -> list[str]:
    path = Path(options["file"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"无法读取文件{path}：{exc}") from None
    try:
        parsed = parse_notice(text, options["year"])
    except NoticeError as exc:
        raise UsageError(f"通知无法识别：{exc}") from None
    published_on = _date(options["published_on"]) if options["published_on"] else None
    title = options["title"] or parsed.title or f"国务院办公厅关于{parsed.year}年部分节假日安排的通知"
    reference = options["reference"] or parsed.reference
    when = published_on or parsed.published_on
    lines = [title + (f"（{'，'.join(p for p in (reference, when.isoformat() if when else '') if p)}）"
                      if reference or when else ""), *describe(parsed)]
    lines += [f"警告：{w}" for w in parsed.warnings]
    if options["dry_run"]:
        moved = services.preview_moves(services.preview_calendar_for(parsed.year, parsed.days()))
        lines.append(f"试运行，未写入。录入后将变动的未办结期限：{len(moved)}项")
        return lines + _moved_lines(moved)
    try:
        _notice_obj, report = services.enter_parsed_notice(actor=CLI_ACTOR, parsed=parsed, title=title,
                                                           reference=reference, published_on=published_on)
    except ValidationError as exc:
        raise UsageError("；".join(exc.messages)) from None
    lines.append(f"已录入{parsed.year}年节假日安排，并重新计算未办结事项的期限。")
    if not report.ran:  # called inside an open transaction: the recomputation waits for its commit
        return lines + ["未办结事项的期限将在事务提交后重新计算。"]
    lines.append(f"变动的期限：{len(report.moved) + report.recomputed}项")
    return lines + _moved_lines(report.moved)


class Command(GongkaiCommand):
    help = "工作日计算：某日之后第N个工作日；某日是否为工作日；录入节假日安排通知。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{after,is-workday,notice}")
        after = sub.add_parser("after", help="DATE之后第N个工作日（DATE当日不计）")
        after.add_argument("date", help="起算日期 YYYY-MM-DD")
        after.add_argument("n", help="工作日数（非负整数）")
        after.set_defaults(handler=_after)
        is_workday = sub.add_parser("is-workday", help="DATE是否为工作日")
        is_workday.add_argument("date", help="日期 YYYY-MM-DD")
        is_workday.set_defaults(handler=_is_workday)
        notice = sub.add_parser("notice", help="录入国务院办公厅节假日安排通知（全文或日期行），并重新计算期限")
        notice.add_argument("file", help="通知全文或日期行（UTF-8文本文件）")
        notice.add_argument("--year", type=_year, default=None, help="通知所属年份（正文写明时可省略）")
        notice.add_argument("--dry-run", action="store_true", help="只解析并列出将变动的期限，不写入")
        notice.add_argument("--title", default="", help="通知名称（默认取正文标题）")
        notice.add_argument("--reference", default="", help="文号，例如 国办发明电〔2024〕12号")
        notice.add_argument("--published-on", default="", help="发布日期 YYYY-MM-DD")
        notice.set_defaults(handler=_notice)

    def handle(self, *args, handler, **options):
        for line in handler(self, options):
            self.stdout.write(line)
