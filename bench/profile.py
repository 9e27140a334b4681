"""Where the server spends its time under load: py-spy samples, grouped by the code they stand in.

py-spy (a sampling profiler, installable from PyPI) attaches to the running gunicorn master and its
workers while wrk loads one page. Each sample is charged to the innermost frame that belongs to a
known area (page cache, templates, ORM, middleware …), so the shares add up to 100 %.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from . import wrk

# (area, substring of a frame) — checked from the innermost frame outwards, first match wins.
AREAS: tuple[tuple[str, str], ...] = (
    ("logging (gunicorn's access log)", "logging/__init__"),
    ("logging (gunicorn's access log)", "gunicorn/glogging.py"),
    ("page cache: file backend (open/read/unpickle/stat)", "filebased.py"),
    ("page cache: portal wrapper, keys, ETag", "core/pagecache.py"),
    ("sessions / auth / CSRF / messages middleware", "contrib/sessions"),
    ("sessions / auth / CSRF / messages middleware", "contrib/auth"),
    ("sessions / auth / CSRF / messages middleware", "middleware/csrf.py"),
    ("sessions / auth / CSRF / messages middleware", "contrib/messages"),
    ("locale / i18n", "middleware/locale.py"),
    ("locale / i18n", "utils/translation"),
    ("whitenoise", "whitenoise"),
    ("template rendering", "django/template"),
    ("ORM / SQLite", "django/db"),
    ("QR code (segno)", "segno"),
    ("HTML sanitizer (nh3)", "nh3"),
    ("portal views and selectors", "gongkai/"),
    ("other Django middleware", "django/middleware"),
    ("Django request/response handling", "django/core/handlers"),
    ("Django request/response handling", "django/http"),
    ("Django URL resolving", "django/urls"),
    ("gunicorn: HTTP parsing, socket I/O", "gunicorn"),
)


# Leaf frames of threads that wait for work (thread pool queue, epoll): idle, not cost.
IDLE_LEAVES = ("_worker (concurrent/futures/thread.py", "select (selectors.py", "wait (threading.py", "sleep (")


def frame_area(frame: str) -> str | None:
    for area, needle in AREAS:
        if needle in frame:
            return area
    return None


def summarise(raw: str, top: int = 15) -> dict[str, object]:
    """Group py-spy "raw" (collapsed) stacks by area and list the hottest leaf functions."""
    areas: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = idle = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        if any(marker in frames[-1] for marker in IDLE_LEAVES):
            idle += count
            continue
        total += count
        leaves[frames[-1].strip()] += count
        area = next((a for a in (frame_area(f) for f in reversed(frames)) if a), "other (interpreter, stdlib)")
        areas[area] += count
    if not total:
        return {"samples": 0, "idle_samples": idle, "areas": [], "leaves": []}
    return {
        "samples": total,
        "idle_samples": idle,
        "areas": [{"area": a, "share": round(c / total, 4)} for a, c in areas.most_common()],
        "leaves": [{"function": f, "share": round(c / total, 4)} for f, c in leaves.most_common(top)],
    }


def profile_server(pid: int, name: str, url: str, args: argparse.Namespace, raw_dir: Path) -> dict[str, object] | None:
    """Sample the gunicorn master ``pid`` and its workers while wrk loads ``url``."""
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not py_spy:
        print("bench: py-spy not installed (pip install py-spy); profile skipped", file=sys.stderr)
        return None
    seconds = args.profile
    out = raw_dir / f"py-spy-{name}.txt"
    cmd = [py_spy, "record", "--pid", str(pid), "--subprocesses", "--format", "raw", "--function",
           "--duration", str(seconds), "--output", str(out)]
    print(f"bench: profiling {url} for {seconds} s with py-spy", file=sys.stderr)
    spy = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wrk.run(url, threads=args.wrk_threads, connections=args.connections, seconds=seconds)
        _, err = spy.communicate(timeout=seconds + 60)
    finally:
        if spy.poll() is None:
            spy.kill()
            spy.wait()
    if spy.returncode != 0 or not out.exists():
        print(f"bench: py-spy failed: {err.strip()[-300:]}", file=sys.stderr)
        return None
    summary = summarise(out.read_text(encoding="utf-8"))
    return {"target": name, "url": url, "seconds": seconds, **summary}
