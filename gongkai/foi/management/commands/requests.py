"""`gongkai requests <action>`: disclosure-request tools (contracts.md "Request deadlines").

Actions are subcommands, each a short handler: ``due-date`` prints the deadline computed by
gongkai.foi.deadlines.compute_due_date, the same computation the request workflow stores.
Add an action with one ``sub.add_parser`` call and one handler function.
"""

from __future__ import annotations

import json

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.foi.deadlines import MAX_EXTENSION_WORKDAYS, compute_due_date
from gongkai.workdays.rules import parse_date


def _date(text: str, option: str):
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}：{exc}") from None


def _period(text: str):
    start, sep, end = text.partition("..")
    if not sep:
        raise UsageError(f"--consultation 应写作 开始日期..结束日期（如 2026-03-02..2026-03-13）：{text}")
    return _date(start, "--consultation"), _date(end, "--consultation")


def _extension(text: str | None) -> int:
    try:
        return int(text) if text is not None else 0
    except ValueError:
        raise UsageError(f"--extension 应为1至{MAX_EXTENSION_WORKDAYS}的整数：{text}") from None


def _due_date(command: GongkaiCommand, options: dict) -> None:
    from gongkai.workdays.services import get_calendar

    received = _date(options["received"], "--received")
    extension = _extension(options["extension"])
    corrected = options["correction_received"]
    try:
        due = compute_due_date(
            received=received,
            correction_received=_date(corrected, "--correction-received") if corrected else None,
            consultations=[_period(p) for p in options["consultation"] or ()],
            extension=extension,
            calendar=get_calendar(),
        )
    except ValueError as exc:  # DeadlineError and dates outside the calendar's years
        raise UsageError(str(exc)) from None
    command.stdout.write(json.dumps(due.as_json(), ensure_ascii=False))
    if options["explain"]:
        command.stdout.write(due.explanation())


def _remind(command: GongkaiCommand, options: dict) -> None:
    from gongkai.foi.reminders import send_reminders

    day = _date(options["date"], "--date") if options["date"] else None
    command.stdout.write(send_reminders(day=day, dry_run=options["dry_run"]).line())


class Command(GongkaiCommand):
    help = "依申请公开：计算答复期限等。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{due-date,remind}")
        due = sub.add_parser("due-date", help="计算答复期限（20个工作日，扣除征求意见期间，加上延长期限）")
        due.add_argument("--received", required=True, help="收到申请的日期 YYYY-MM-DD")
        due.add_argument("--correction-received", help="收到补正后申请的日期（期限自该日重新计算）")
        due.add_argument("--consultation", action="append", metavar="FROM..TO",
                         help="征求意见期间（含首尾两日），其间工作日不计入；可重复")
        due.add_argument("--extension", help="经批准延长的工作日数（1–20）")
        due.add_argument("--explain", action="store_true", help="逐步说明期限的计算过程")
        due.set_defaults(handler=_due_date)
        remind = sub.add_parser("remind", help="发送每日办理提醒（今日到期、5个工作日内到期、已逾期、补正/缴费/征求意见期限届满）")
        remind.add_argument("--date", help="按该日期提醒（默认今天）YYYY-MM-DD")
        remind.add_argument("--dry-run", action="store_true", help="只统计，不发送邮件、不记录")
        remind.set_defaults(handler=_remind)

    def handle(self, *args, handler, **options):
        handler(self, options)
