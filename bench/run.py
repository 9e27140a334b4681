"""`make bench`: the public page benchmark, then the search, annual-report and register benchmarks.

Options are those of bench/pages.py (``--duration``, ``--quick``, ``--workers`` …); see
``python -m bench.run --help``. ``--quick`` is passed on to the other benchmarks so a smoke run
stays short. Every benchmark writes its figures to bench/results/.
"""

from __future__ import annotations

import sys

from . import pages


def _others(argv: list[str]) -> list[tuple[str, object]]:
    from . import faults
    from .registers import run as registers_run
    from .reports import run as reports_run
    from .search import run as search_run

    quick = ["--quick"] if "--quick" in argv else []
    return [("search", lambda: search_run.main(list(quick))), ("reports", lambda: reports_run.main(list(quick))),
            ("faults", lambda: faults.main(list(quick))), ("registers", lambda: registers_run.main(list(quick)))]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    status = pages.main(argv)
    for name, run in _others(argv):
        print(f"bench: {name} …", file=sys.stderr)
        status = int(run() or 0) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
