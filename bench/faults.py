"""Faults during public submissions: a PostgreSQL restart, and a SQLite writer holding the lock.

    python -m bench.faults [--requests 1000] [--down 4.5] [--lock 5] [--only postgres|sqlite]

For each engine the same load runs twice, side by side: with the transient-error retry switched off
(``GONGKAI_DB_RETRY_WINDOW=0``: the behaviour before) and with its default window (15 s). The load is
``--requests`` concurrent POST /api/v1/requests from as many different clients (X-Forwarded-For behind
a trusted proxy address). When a third of them have been answered, the fault starts:

- PostgreSQL: the benchmark's own cluster (initdb into a temporary directory, port 18450; never the
  machine's server) is stopped with ``pg_ctl -m fast`` and started again ``--down`` seconds later;
- SQLite: a second connection takes the write lock (BEGIN IMMEDIATE) and holds it ``--lock`` seconds.

Counted: answers by status (201 / 503 / other 5xx / 429 / connection errors), latency, and in the
database afterwards whether every 201's number is stored exactly once, whether anything was stored
without a 201, and whether the numbers have gaps. Also: after a 503, does the same client's resubmission
get 201 or 429 (a 503 must not count against the limit). Results: bench/results/faults.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.servers import ProcessGroup, wait_http
from bench.topology import HOST, ROOT, PrivatePostgres

PG_PORT, APP_PORT = 18450, 18451
VALID_ID = "11010519491231002X"


def _env(workdir: Path, *, database_url: str | None, window: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_VAR_DIR=str(workdir / "var"), GONGKAI_SECRET_KEY="bench-faults", PYTHONPATH=str(ROOT),
               GONGKAI_TRUSTED_PROXIES="127.0.0.1", GONGKAI_DB_RETRY_WINDOW=str(window),
               GONGKAI_TASKS_ENGINE="db", GONGKAI_MEDIA_ROOT=str(workdir / "media"))
    if database_url:
        env["GONGKAI_DATABASE_URL"] = database_url
    else:
        env["GONGKAI_SQLITE_PATH"] = str(workdir / "gongkai.sqlite3")
    return env


def _gongkai(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"gongkai {' '.join(args)}: {result.stderr[-1500:]}")
    return result.stdout


def _post(base: str, client: int) -> tuple[int, float, str]:
    body = json.dumps({"org": "ljq", "applicant_type": "natural_person", "name": "王秀英", "id_type": "resident_id",
                       "id_number": VALID_ID, "phone": "13905391234", "delivery": "electronic",
                       "description": f"请公开2026年老旧小区改造项目预算（压测第{client}号）"}).encode()
    req = urllib.request.Request(f"{base}/api/v1/requests", data=body, headers={
        "Content-Type": "application/json", "X-Forwarded-For": f"10.{client // 65536 % 256}.{client // 256 % 256}.{client % 256}"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=90) as response:  # noqa: S310 - loopback only
            payload = json.loads(response.read())
            return response.status, time.monotonic() - started, payload.get("number", "")
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, ""
    except OSError:
        return 0, time.monotonic() - started, ""


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else 0.0


def run_load(base: str, requests: int, fault, *, first_client: int = 0) -> dict:
    answered = [0]
    lock = threading.Lock()
    trigger = threading.Event()

    def one(index: int):
        result = _post(base, first_client + index)
        with lock:
            answered[0] += 1
            if answered[0] >= requests // 3:
                trigger.set()
        return result

    fault_info: dict = {}
    fault_thread = threading.Thread(target=lambda: (trigger.wait(), fault_info.update(fault())), daemon=True)
    fault_thread.start()
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=min(requests, 400)) as pool:
        results = list(pool.map(one, range(requests)))
    elapsed = time.monotonic() - started
    trigger.set()
    fault_thread.join(timeout=60)
    statuses: dict[str, int] = {}
    for status, _t, _n in results:
        key = "error" if status == 0 else str(status)
        statuses[key] = statuses.get(key, 0) + 1
    latencies = [t for _s, t, _n in results]
    return {"statuses": statuses, "seconds": round(elapsed, 1), "p50_ms": round(_percentile(latencies, 0.5) * 1000),
            "p99_ms": round(_percentile(latencies, 0.99) * 1000), "max_ms": round(max(latencies) * 1000),
            "numbers": [n for s, _t, n in results if s == 201], "fault": fault_info,
            "failed_clients": [first_client + i for i, (s, _t, _n) in enumerate(results) if s == 503]}


def check_stored(query, numbers: list[str]) -> dict:
    stored = [row[0] for row in query("SELECT number FROM foi_disclosurerequest")]
    returned = set(numbers)
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
    gaps = sum(b - a - 1 for a, b in zip(serials, serials[1:], strict=False))
    return {"stored": len(stored), "duplicates_returned": len(numbers) - len(returned),
            "duplicates_stored": len(stored) - len(set(stored)),
            "stored_without_201": len(set(stored) - returned), "201_not_stored": len(returned - set(stored)),
            "number_gaps": gaps}


def _resubmit_after_503(base: str, failed_clients: list[int]) -> dict:
    """Clients that got 503 resubmit once each: 201 means the failed attempt did not count against them."""
    answers: dict[str, int] = {}
    numbers = []
    for client in failed_clients[:20]:
        status, _t, number = _post(base, client)
        answers[str(status)] = answers.get(str(status), 0) + 1
        if number:
            numbers.append(number)
    return {"statuses": answers, "numbers": numbers}


def one_engine(engine: str, args, window: float) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"gongkai-faults-{engine}-") as tmp, ProcessGroup() as group:
        workdir = Path(tmp)
        workdir.chmod(0o755)
        pg = None
        if engine == "postgres":
            pg = PrivatePostgres(workdir / "pg", PG_PORT)
            pg.init()
            env = _env(workdir, database_url=pg.url, window=window)
        else:
            env = _env(workdir, database_url=None, window=window)
        try:
            _gongkai(env, "migrate", "--noinput", "-v", "0")
            _gongkai(env, "createorg", "ljq", "龙家圈街道办事处")
            _gongkai(env, "collectstatic", "--noinput", "-v", "0")
            proc = group.start([sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--bind",
                                f"{HOST}:{APP_PORT}", "--workers", str(args.workers), "--threads", str(args.threads),
                                "--timeout", "120", "--backlog", "2048"], log=workdir / "gunicorn.log", env=env)
            base = f"http://{HOST}:{APP_PORT}"
            wait_http(f"{base}/healthz", timeout=60, process=proc)
            if engine == "postgres":
                fault = lambda: {"outage_s": round(pg.restart(args.down), 2)}  # noqa: E731
            else:
                fault = lambda: _hold_sqlite_lock(Path(env["GONGKAI_SQLITE_PATH"]), args.lock)  # noqa: E731
            load = run_load(base, args.requests, fault)
            resubmits = _resubmit_after_503(base, load.pop("failed_clients"))
            query = _pg_query(pg.url) if pg else _sqlite_query(Path(env["GONGKAI_SQLITE_PATH"]))
            load.update(check_stored(query, load.pop("numbers") + resubmits["numbers"]),
                        resubmit_after_503=resubmits["statuses"])
        finally:
            group.__exit__(None, None, None)
            if pg:
                pg.stop("immediate")
    return load


def _hold_sqlite_lock(path: Path, seconds: float) -> dict:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    started = time.monotonic()
    conn.execute("BEGIN IMMEDIATE")
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()
    return {"lock_held_s": round(time.monotonic() - started, 2)}


def _pg_query(url: str):
    import psycopg

    def query(sql: str):
        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()
    return query


def _sqlite_query(path: Path):
    def query(sql: str):
        with sqlite3.connect(path) as conn:
            return conn.execute(sql).fetchall()
    return query


def to_markdown(report: dict) -> str:
    lines = ["# Faults during public submissions", "",
             f"{report['requests']} concurrent POST /api/v1/requests, each from its own client; gunicorn "
             f"{report['workers']} workers × {report['threads']} threads; machine: {report['machine']}.", ""]
    for engine, runs in report["engines"].items():
        fault = ("PostgreSQL restart (pg_ctl stop -m fast, start again after "
                 f"{report['down']} s)" if engine == "postgres" else f"SQLite writer holding the lock {report['lock']} s")
        lines += [f"## {engine}: {fault}", "",
                  "| retry window | 201 | 503 | other 5xx | 429 | conn. errors | stored | dup. | stored w/o 201 | gaps |"
                  " p50 ms | p99 ms | max ms | resubmit after 503 |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for label, r in runs.items():
            s = r["statuses"]
            other5 = sum(v for k, v in s.items() if k.startswith("5") and k != "503")
            lines.append(f"| {label} | {s.get('201', 0)} | {s.get('503', 0)} | {other5} | {s.get('429', 0)} | "
                         f"{s.get('error', 0)} | {r['stored']} | {r['duplicates_stored'] + r['duplicates_returned']} | "
                         f"{r['stored_without_201']} | {r['number_gaps']} | {r['p50_ms']} | {r['p99_ms']} | "
                         f"{r['max_ms']} | {r['resubmit_after_503'] or '—'} |")
        off, on = runs.get("off (0 s)"), runs.get("on (15 s)")
        if off and on:
            lines += ["", f"503 with the retry / without: {on['statuses'].get('503', 0)} / "
                          f"{off['statuses'].get('503', 0)}; fault: {on['fault']}."]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--down", type=float, default=4.5)
    parser.add_argument("--lock", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--only", choices=["postgres", "sqlite"])
    parser.add_argument("--quick", action="store_true", help="200 requests instead of 1000")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)
    if args.quick:
        args.requests = min(args.requests, 200)
    report = {"requests": args.requests, "workers": args.workers, "threads": args.threads, "down": args.down,
              "lock": args.lock, "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
              "date": time.strftime("%Y-%m-%d %H:%M"), "engines": {}}
    for engine in ([args.only] if args.only else ["postgres", "sqlite"]):
        report["engines"][engine] = {}
        for label, window in (("off (0 s)", 0.0), ("on (15 s)", 15.0)):
            print(f"bench.faults: {engine}, retry {label} …", file=sys.stderr)
            report["engines"][engine][label] = one_engine(engine, args, window)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "faults.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "faults.md").write_text(to_markdown(report), encoding="utf-8")
    print(to_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
