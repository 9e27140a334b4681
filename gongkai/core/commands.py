"""Base class for `gongkai` management commands: bad arguments exit 2 with one line on stderr."""

from __future__ import annotations

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser


class UsageError(CommandError):
    """A bad argument: reported in one line, exit status 2."""

    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class _OneLineParser(CommandParser):
    def error(self, message):  # noqa: D401 - argparse hook
        if self.called_from_command_line:
            sys.stderr.write(f"gongkai: 参数错误：{message}\n")
            sys.exit(2)
        raise CommandError(f"参数错误：{message}", returncode=2)


class GongkaiCommand(BaseCommand):
    """Commands whose usage errors print a single Chinese line and exit 2, never a traceback."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", argparse.HelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = _OneLineParser
        return parser

    def execute(self, *args, **options):
        from django.db import DatabaseError

        try:
            return super().execute(*args, **options)
        except DatabaseError as exc:
            # A missing table or an unreachable server is an operator problem: say so in one line.
            raise CommandError(f"数据库错误：{exc}（如数据库尚未初始化，请先运行 gongkai migrate）") from exc

    def add_subparsers(self, parser: CommandParser, **kwargs):
        """Subparsers that keep the one-line error behaviour."""
        return parser.add_subparsers(parser_class=_SubParser, **kwargs)


class _SubParser(_OneLineParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("called_from_command_line", True)
        super().__init__(*args, **kwargs)
