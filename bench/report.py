"""Assemble the page benchmark's results with the machine facts and write pages.json and pages.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent


def _first_line(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=10, cwd=REPO_DIR)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_facts(args: argparse.Namespace, static_server: str) -> dict[str, object]:
    dirty = _first_line(["git", "status", "--porcelain", "--untracked-files=no"]) != "unknown"
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "django": _package("django"),
        "gunicorn": _package("gunicorn"),
        "os": platform.platform(),
        "git_commit": _first_line(["git", "rev-parse", "--short", "HEAD"]) + ("+local changes" if dirty else ""),
        "database": "SQLite (embedded default)",
        "cache": "django FileBasedCache (embedded default)",
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        "wrk": _first_line(["wrk", "--version"]).split(" [")[0],
        "wrk_threads": args.wrk_threads,
        "connections": args.connections,
        "duration_s": args.duration,
        "static_server": static_server,
        "command": " ".join([os.path.basename(sys.executable), "-m", "bench.run", *sys.argv[1:]]),
    }


def build(*, args: argparse.Namespace, pages: list, results: dict[str, dict], static_server: str,
          profiles: list[dict], load: tuple[list[float], list[float]]) -> dict[str, object]:
    ratios = {}
    for page in pages:
        dynamic, static = results[page.kind], results[f"{page.kind}_static"]
        ratios[page.kind] = {
            "requests_per_sec": round(dynamic["requests_per_sec"] / static["requests_per_sec"], 4),
            "latency_p50": round(dynamic["latency_p50_ms"] / static["latency_p50_ms"], 2),
            "latency_p99": round(dynamic["latency_p99_ms"] / static["latency_p99_ms"], 2),
        }
    machine = machine_facts(args, static_server)
    machine["loadavg_before"], machine["loadavg_after"] = load
    return {
        "machine": machine,
        "pages": {p.kind: {"path": p.path, "bytes": len(p.html), "portal_cache": p.cache_state} for p in pages},
        "results": results,
        "ratio_gongkai_to_static": ratios,
        "profiles": profiles,
    }


def write(data: dict[str, object], output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / "pages.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (output / "pages.md").write_text(markdown(data), encoding="utf-8")


LABELS = {
    "document": "document page, Gongkai",
    "document_static": "document page, static",
    "column": "column page, Gongkai",
    "column_static": "column page, static",
    "document_uncached": "document page, Gongkai, page cache bypassed",
    "document_gunicorn_floor": "document bytes, gunicorn + trivial WSGI app",
}


def summary(data: dict) -> str:
    lines = []
    for kind, ratio in data["ratio_gongkai_to_static"].items():
        dyn = data["results"][kind]["requests_per_sec"]
        sta = data["results"][f"{kind}_static"]["requests_per_sec"]
        lines.append(f"{kind}: Gongkai {dyn:.0f} req/s, static {sta:.0f} req/s, ratio {ratio['requests_per_sec']:.3f}")
    if "document_gunicorn_floor" in data["results"]:
        lines.append(f"document bytes via gunicorn + trivial WSGI app: "
                     f"{data['results']['document_gunicorn_floor']['requests_per_sec']:.0f} req/s")
    if "document_uncached" in data["results"]:
        lines.append(f"document, page cache bypassed: {data['results']['document_uncached']['requests_per_sec']:.0f} req/s")
    return "\n".join(lines)


def markdown(data: dict) -> str:
    m = data["machine"]
    out = [
        "# Public page benchmark",
        "",
        f"Run {m['date']} on {m['nproc']} CPU ({m['cpu']}), Python {m['python']}, Django {m['django']}, "
        f"gunicorn {m['gunicorn']} with {m['gunicorn_workers']} workers × {m['gunicorn_threads']} threads, "
        f"{m['database']}, {m['cache']}; commit {m['git_commit']}.",
        f"Load: {m['wrk']}, {m['wrk_threads']} threads, {m['connections']} connections, {m['duration_s']} s per "
        f"target, on 127.0.0.1. Static server: {m['static_server']}. wrk, the site and the static server "
        "share the same CPUs; load average (1/5/15 min) before the runs "
        f"{m['loadavg_before']}, after {m['loadavg_after']}.",
        "",
        "| target | path | req/s | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, r in data["results"].items():
        path = r["url"].split("/", 3)[-1]
        out.append(f"| {LABELS.get(name, name)} | /{path} | {r['requests_per_sec']:.0f} | {r['latency_p50_ms']:.2f} | "
                   f"{r['latency_p99_ms']:.2f} | {r['errors']} |")
    out += ["", "| page | bytes | portal cache | Gongkai/static req/s | p50 ×static | p99 ×static |",
            "| --- | ---: | --- | ---: | ---: | ---: |"]
    for kind, ratio in data["ratio_gongkai_to_static"].items():
        page = data["pages"][kind]
        out.append(f"| {kind} | {page['bytes']} | {page['portal_cache']} | {ratio['requests_per_sec']:.3f} | "
                   f"{ratio['latency_p50']:.1f} | {ratio['latency_p99']:.1f} |")
    for profile in data.get("profiles") or []:
        if not profile.get("samples"):
            continue
        out += ["", f"## Where the time goes: {LABELS.get(profile['target'], profile['target'])}",
                "", f"py-spy, {profile['seconds']} s under the same load: {profile['samples']} samples of busy threads "
                f"({profile['idle_samples']} idle samples left out); each is charged to its innermost known area.",
                "", "| area | share |", "| --- | ---: |"]
        out += [f"| {a['area']} | {a['share']:.1%} |" for a in profile["areas"]]
        out += ["", "| hottest function (self time) | share |", "| --- | ---: |"]
        out += [f"| `{f['function']}` | {f['share']:.1%} |" for f in profile["leaves"]]
    return "\n".join(out) + "\n"
