"""`make bench`: the public page benchmark, then the search benchmark when bench/search provides one.

Options are those of bench/pages.py (``--duration``, ``--quick``, ``--workers`` …); see
``python -m bench.run --help``.
"""

from __future__ import annotations

import importlib
import inspect
import sys

from . import pages

SEARCH_ENTRY = "bench.search.run"


def run_search_bench(argv: list[str]) -> int:
    """Call bench.search.run:main if it exists; a missing module is reported, not fatal."""
    try:
        module = importlib.import_module(SEARCH_ENTRY)
    except ModuleNotFoundError as exc:
        if exc.name and SEARCH_ENTRY.startswith(exc.name):
            print(f"bench: {SEARCH_ENTRY} not found, search benchmark skipped", file=sys.stderr)
            return 0
        raise
    entry = getattr(module, "main", None)
    if not callable(entry):
        print(f"bench: {SEARCH_ENTRY} has no main(), search benchmark skipped", file=sys.stderr)
        return 0
    # Pass on --quick so a smoke run stays short; other options belong to the page benchmark.
    takes_argv = bool(inspect.signature(entry).parameters)
    result = entry(["--quick"] if "--quick" in argv else []) if takes_argv else entry()
    return int(result or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    status = pages.main(argv)
    if status != 0:
        return status
    return run_search_bench(argv)


if __name__ == "__main__":
    sys.exit(main())
