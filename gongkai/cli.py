"""The `gongkai` console script: a thin front to Django's management commands.

`gongkai import documents …` maps to the `importdata` command (``import`` is a Python keyword);
every other word is the management command of the same name.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "importdata"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai", *argv])


if __name__ == "__main__":
    main()
