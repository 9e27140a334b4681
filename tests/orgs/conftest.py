"""The API fuzzing summary: how many generated requests each operation got, by status."""


def pytest_terminal_summary(terminalreporter):
    import sys

    module = sys.modules.get("tests.orgs.test_api_fuzz")
    stats = getattr(module, "STATS", None)
    if not stats:
        return
    total = sum(stats.values())
    errors = sum(n for (_op, status), n in stats.items() if status >= 500)
    operations = sorted({op for op, _status in stats})
    by_status = ", ".join(f"{s}×{n}" for s, n in sorted(
        {s: sum(n for (_o, st), n in stats.items() if st == s) for _o, s in stats}.items()))
    terminalreporter.write_line(
        f"API fuzzing (schemathesis): {total} requests over {len(operations)} method/path pairs, "
        f"{errors} server errors; statuses {by_status}"
    )
