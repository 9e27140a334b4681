"""`gongkai workdays after DATE N` and `gongkai workdays is-workday DATE` (contracts.md "Working days")."""

from __future__ import annotations

from gongkai.core.commands import GongkaiCommand, UsageError
from gongkai.workdays.rules import parse_date
from gongkai.workdays.services import get_calendar


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


class Command(GongkaiCommand):
    help = "工作日计算：某日之后第N个工作日；某日是否为工作日。"

    def add_arguments(self, parser):
        sub = self.add_subparsers(parser, dest="action", required=True, metavar="{after,is-workday}")
        after = sub.add_parser("after", help="DATE之后第N个工作日（DATE当日不计）")
        after.add_argument("date", help="起算日期 YYYY-MM-DD")
        after.add_argument("n", help="工作日数（非负整数）")
        after.set_defaults(handler=_after)
        is_workday = sub.add_parser("is-workday", help="DATE是否为工作日")
        is_workday.add_argument("date", help="日期 YYYY-MM-DD")
        is_workday.set_defaults(handler=_is_workday)

    def handle(self, *args, handler, **options):
        for line in handler(self, options):
            self.stdout.write(line)
