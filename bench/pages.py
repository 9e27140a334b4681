"""Benchmark the public document and column pages against the same HTML served by a static server.

A fresh embedded (SQLite + file cache) demo site is built in a temporary directory, served by the
real `gongkai serve` (gunicorn) on a free loopback port, and loaded with wrk. The exact bytes of the
two pages are then served by nginx and loaded the same way, so the ratio says how close published
pages come to static-file speed. Results go to bench/results/pages.{json,md}.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import report, servers, wrk
from .profile import profile_server

RESULTS_DIR = Path(__file__).resolve().parent / "results"
REPO_DIR = Path(__file__).resolve().parent.parent

DOC_LINK = re.compile(r'href="(/gk/[^/"]+/doc/\d+/)"')
COL_LINK = re.compile(r'href="(/gk/[^/"]+/col/[-\w]+/)"')
ORG_LINK = re.compile(r'href="(/gk/[^/"]+/)"')


@dataclass
class Page:
    """A public page picked for the benchmark and the HTML Gongkai answered for it."""

    kind: str
    path: str
    html: bytes
    cache_state: str


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load per target (default 30)")
    parser.add_argument("--quick", action="store_true", help="5 s per target, for a smoke run")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (default 50)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "3")),
                        help="gunicorn workers (default: gongkai serve's default, 3)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("GONGKAI_THREADS", "4")),
                        help="gunicorn threads per worker (default: gongkai serve's default, 4)")
    parser.add_argument("--no-uncached", action="store_true", help="skip the uncached-render target")
    parser.add_argument("--profile", type=int, default=0, metavar="SECONDS",
                        help="also sample the server with py-spy for SECONDS under load (0 = off)")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR, help="results directory")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 5
    if args.duration < 1 or args.connections < 1 or args.wrk_threads < 1 or args.workers < 1 or args.threads < 1:
        parser.error("duration, connections, wrk-threads, workers and threads must be positive")
    return args


def gongkai_command() -> str:
    local = Path(sys.executable).parent / "gongkai"
    found = str(local) if local.exists() else shutil.which("gongkai")
    if not found:
        raise RuntimeError("the gongkai console script is not installed; run `make install` first")
    return found


def site_env(workdir: Path) -> dict[str, str]:
    """Environment of the embedded default in ``workdir``: no PostgreSQL, no Redis, no debug."""
    env = {k: v for k, v in os.environ.items() if k not in {"GONGKAI_DATABASE_URL", "GONGKAI_REDIS_URL", "GONGKAI_DEBUG"}}
    env["GONGKAI_VAR_DIR"] = str(workdir / "var")
    env["GONGKAI_SQLITE_PATH"] = str(workdir / "var" / "gongkai.sqlite3")
    env["GONGKAI_LOG_LEVEL"] = "ERROR"
    return env


def build_site(gongkai: str, env: dict[str, str], workdir: Path) -> None:
    for args in (["migrate", "--noinput", "-v", "0"], ["demo"]):
        with (workdir / "setup.log").open("ab") as log:
            subprocess.run([gongkai, *args], env=env, cwd=REPO_DIR, stdout=log, stderr=subprocess.STDOUT,
                           check=True, timeout=600)


def fetch(url: str) -> tuple[bytes, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.read(), dict(response.headers.items())


def pick_pages(base: str) -> tuple[Page, Page]:
    """The first document on the home page, and the column with the fullest first page."""
    home, _ = fetch(base + "/")
    text = home.decode("utf-8")
    docs = DOC_LINK.findall(text)
    if not docs:
        raise RuntimeError("the home page links no public document")
    columns: list[str] = list(dict.fromkeys(COL_LINK.findall(text)))
    for org_path in list(dict.fromkeys(ORG_LINK.findall(text)))[:6]:
        org_html, _ = fetch(base + org_path)
        columns.extend(c for c in COL_LINK.findall(org_html.decode("utf-8")) if c not in columns)
    best, best_count = "", -1
    for path in columns[:40]:
        html, _ = fetch(base + path)
        count = len(set(DOC_LINK.findall(html.decode("utf-8"))))
        if count > best_count:
            best, best_count = path, count
    if best_count <= 0:
        raise RuntimeError("no column page lists a document")
    return load_page("document", base, docs[0]), load_page("column", base, best)


def load_page(kind: str, base: str, path: str) -> Page:
    """Fetch a page twice: the first answer fills the page cache, the second must come from it."""
    fetch(base + path)
    html, headers = fetch(base + path)
    return Page(kind=kind, path=path, html=html, cache_state=headers.get("X-Portal-Cache", "absent"))


def run_targets(targets: list[tuple[str, str, str]], args: argparse.Namespace, raw_dir: Path) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for name, server, url in targets:
        print(f"bench: {name}: wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s {url}", file=sys.stderr)
        result, raw = wrk.run(url, threads=args.wrk_threads, connections=args.connections, seconds=args.duration)
        (raw_dir / f"wrk-{name}.txt").write_text(raw, encoding="utf-8")
        results[name] = {"server": server, "url": url, **result.as_dict()}
        print(f"bench: {name}: {result.requests_per_sec:.0f} req/s, p50 {result.latency_p50_ms:.2f} ms, "
              f"p99 {result.latency_p99_ms:.2f} ms, errors {result.errors}", file=sys.stderr)
        time.sleep(1)  # let sockets in TIME_WAIT and the server settle between runs
    return results


def start_floor(group: servers.ProcessGroup, page: Path, args: argparse.Namespace, env: dict[str, str],
                workdir: Path) -> str:
    """Serve ``page`` with gunicorn (same workers and threads) and a trivial WSGI app; return its URL."""
    port = servers.free_port()
    proc = group.start(
        [sys.executable, "-m", "gunicorn", "bench.floor_app:application", "--bind", f"{servers.HOST}:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--no-control-socket"],
        log=workdir / "floor.log", env={**env, "BENCH_FLOOR_FILE": str(page), "PYTHONPATH": str(REPO_DIR)},
    )
    url = f"http://{servers.HOST}:{port}/document.html"
    servers.wait_http(url, timeout=60, process=proc)
    return url


def machine_load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = servers.ensure_debian_packages("wrk=wrk", "nginx=nginx-light")
    if "wrk" in missing:
        print("bench: wrk is not installed and could not be installed (apt-get install wrk)", file=sys.stderr)
        return 1
    gongkai = gongkai_command()
    workdir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    raw_dir = workdir / "raw"
    raw_dir.mkdir()
    try:
        env = site_env(workdir)
        print(f"bench: building the demo site in {workdir}", file=sys.stderr)
        build_site(gongkai, env, workdir)
        with servers.ProcessGroup() as group:
            port = servers.free_port()
            base = f"http://{servers.HOST}:{port}"
            site = group.start(
                [gongkai, "serve", "--bind", f"{servers.HOST}:{port}", "--workers", str(args.workers),
                 "--threads", str(args.threads), "--no-migrate"],
                log=workdir / "serve.log", env=env,
            )
            servers.wait_http(base + "/healthz", timeout=120, process=site)
            document, column = pick_pages(base)
            docroot = workdir / "static"
            docroot.mkdir()
            (docroot / "document.html").write_bytes(document.html)
            (docroot / "column.html").write_bytes(column.html)
            static_name, static_port, static_proc = servers.start_static(group, docroot, workdir, workers=args.workers)
            static_base = f"http://{servers.HOST}:{static_port}"
            servers.wait_http(static_base + "/document.html", timeout=30, process=static_proc)
            for page in (document, column):
                body, _ = fetch(f"{static_base}/{page.kind}.html")
                if body != page.html:
                    raise RuntimeError(f"the static server does not answer the {page.kind} page byte for byte")
            targets = [
                ("document", "gongkai", base + document.path),
                ("document_static", static_name, f"{static_base}/document.html"),
                ("column", "gongkai", base + column.path),
                ("column_static", static_name, f"{static_base}/column.html"),
            ]
            targets.append(("document_gunicorn_floor", "gunicorn + trivial WSGI app",
                            start_floor(group, docroot / "document.html", args, env, workdir)))
            if not args.no_uncached:
                # An unknown query parameter bypasses the page cache: the cost of a full render.
                targets.append(("document_uncached", "gongkai", base + document.path + "?bench=1"))
            load_before = machine_load()
            results = run_targets(targets, args, raw_dir)
            load_after = machine_load()
            profiles = []
            if args.profile:
                for name, server, url in targets:
                    if server == "gongkai" and name != "column":
                        profiles.append(profile_server(site.pid, name, url, args, raw_dir))
        data = report.build(args=args, pages=[document, column], results=results, static_server=static_name,
                            profiles=[p for p in profiles if p], load=(load_before, load_after))
        report.write(data, args.output)
        print(f"bench: wrote {args.output / 'pages.json'} and {args.output / 'pages.md'}", file=sys.stderr)
        print(report.summary(data))
        return 0
    finally:
        if args.keep:
            print(f"bench: kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
