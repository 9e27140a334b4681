"""Search benchmark: build a corpus of N documents, import it with the real importer, time 200 mixed
API queries, check relevance.

    python -m bench.search.run --backend sqlite --n 200000
    python -m bench.search.run --backend postgres --n 1000000
    python -m bench.search.run --quick                       # 2,000 documents on SQLite, a smoke run
    python -m bench.search.run --backend postgres --n 1000000 --phase query   # reuse a loaded database

Each run uses its own database (var/bench/search-sqlite-N.sqlite3 or the PostgreSQL database
gongkai_bench_search on 127.0.0.1). The corpus is written as one JSONL file per organization and
imported with ``gongkai.documents.importer.import_documents`` — the code behind
``gongkai import documents`` — so the import figure covers parsing, sanitizing, inserting, the register
and the search index. Queries go through the Django test client (the full URL/view/serialization path,
no network). Results: bench/results/search-<backend>-<N>.json and .md. ``--drop`` removes the
database and the corpus files afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

from .checks import PLACEMENTS, check_relevance, page_one_dates

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
BENCH_DIR = ROOT / "var" / "bench"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DB = "gongkai_bench_search"


def _sqlite_path(n: int) -> Path:
    return BENCH_DIR / f"search-sqlite-{n}.sqlite3"


def _drop(backend: str, n: int) -> None:
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(_sqlite_path(n)) + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def _setup(backend: str, n: int, fresh: bool) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if fresh:
        _drop(backend, n)
    if backend == "sqlite":
        os.environ["GONGKAI_SQLITE_PATH"] = str(_sqlite_path(n))
        os.environ.pop("GONGKAI_DATABASE_URL", None)
    else:
        if fresh:
            import psycopg

            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {PG_DB} ENCODING 'UTF8' TEMPLATE template0")
        os.environ["GONGKAI_DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
    os.environ["GONGKAI_SEARCH_BACKEND"] = backend
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


CHUNK = 10_000


def _import(backend: str, n: int, max_seconds: float) -> dict:
    """Create the organizations, then generate the corpus and import it chunk by chunk.

    Documents are buffered per organization; every CHUNK lines of one organization are written to a
    JSONL file and imported through the importer (like one ``gongkai import documents`` run). The
    planted relevance documents come first, so they are in every partial load. After ``max_seconds``
    of importing, no further chunk is started: the run then measures the N it reached.
    """
    from gongkai.catalog.services import apply_template
    from gongkai.documents.importer import import_documents
    from gongkai.orgs.models import Organization

    from .generate import AGENCIES, generate

    orgs = {}
    for name, _prefix, code in AGENCIES:
        org, created = Organization.objects.get_or_create(code=code, defaults={"name": name})
        if created:
            apply_template(org)
        orgs[code] = org
    folder = BENCH_DIR / f"corpus-{backend}-{n}"  # per backend: runs on both may overlap
    folder.mkdir(parents=True, exist_ok=True)
    buffers: dict[str, list[str]] = {}
    totals = {"imported": 0, "skipped": 0, "import_seconds": 0.0, "generate_seconds": 0.0, "client_cpu_seconds": 0.0}
    server_cpu = _ServerCpu()

    def run_chunk(code: str) -> None:
        path = folder / f"{code}.jsonl"
        path.write_text("".join(buffers.pop(code)), encoding="utf-8")
        t, c = time.perf_counter(), time.process_time()
        with open(path, encoding="utf-8") as stream:
            summary = import_documents(stream, orgs[code])
        totals["import_seconds"] += time.perf_counter() - t
        totals["client_cpu_seconds"] += time.process_time() - c
        totals["imported"] += summary.imported
        totals["skipped"] += len(summary.errors)
        print(f"  {totals['imported']:,} imported, {totals['import_seconds']:.0f} s", file=sys.stderr)

    t = time.perf_counter()
    for code, doc in generate(n):
        buffers.setdefault(code, []).append(json.dumps(doc, ensure_ascii=False) + "\n")
        if len(buffers[code]) >= CHUNK:
            totals["generate_seconds"] += time.perf_counter() - t
            run_chunk(code)
            t = time.perf_counter()
            if totals["import_seconds"] > max_seconds:
                print("  time limit reached", file=sys.stderr)
                buffers.clear()
                break
    totals["generate_seconds"] += time.perf_counter() - t
    for code in list(buffers):
        run_chunk(code)
    shutil.rmtree(folder, ignore_errors=True)
    totals["server_cpu_seconds"] = server_cpu.seconds()
    totals["import_docs_per_s"] = round(totals["imported"] / totals["import_seconds"])
    cpu = totals["client_cpu_seconds"] + totals["server_cpu_seconds"]
    totals["docs_per_cpu_second"] = round(totals["imported"] / cpu) if cpu else None
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in totals.items()}


class _ServerCpu:
    """CPU seconds the PostgreSQL backend of this connection used (0 on SQLite: it runs in-process)."""

    def __init__(self):
        from django.db import connection

        self.pid = None
        self.start = 0.0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.pid = cursor.fetchone()[0]
            self.start = self._read()

    def _read(self) -> float:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        return self._read() - self.start if self.pid else 0.0


def _planted_ids() -> list[int | None]:
    from gongkai.documents.models import Document

    from .relevance import PLANTED

    out = []
    for doc in PLANTED:
        found = Document.objects.filter(title=doc["title"], agency=doc["agency"]).order_by("pk").first()
        out.append(found.pk if found else None)
    return out


def _sample(rng: random.Random) -> dict:
    from django.db.models import Max

    from gongkai.orgs.models import Organization
    from gongkai.search.models import SearchEntry

    top = SearchEntry.objects.aggregate(m=Max("document_id"))["m"] or 0
    picks = [rng.randint(1, top) for _ in range(400)]
    numbers = list(
        SearchEntry.objects.filter(document_id__in=picks).exclude(doc_number="")
        .values_list("document__doc_number", flat=True)[:100]
    )
    from .generate import AGENCIES

    codes = [a[2] for a in AGENCIES]
    return {"numbers": numbers, "orgs": list(Organization.objects.filter(code__in=codes).values_list("code", flat=True))}


def _queries(sample: dict, count: int, rng: random.Random) -> list[tuple[str, dict]]:
    from .generate import TOPICS

    words = ["公开", "通知", "安全", "补贴", "监测", "招生", "整改", "考核", "资金", "宣传"]
    out: list[tuple[str, dict]] = []
    kinds = ["word", "words", "phrase", "number", "filtered"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind == "word":
            q = {"q": rng.choice(TOPICS + words)}
        elif kind == "words":
            q = {"q": f"{rng.choice(TOPICS)} {rng.choice(words)}"}
        elif kind == "phrase":
            q = {"q": f'"{rng.choice(TOPICS)}工作"'}
        elif kind == "number":
            number = rng.choice(sample["numbers"]) if sample["numbers"] else "沂政发〔2023〕1号"
            q = {"q": number.replace("〔", rng.choice("〔【[(")).replace("〕", rng.choice("〕】])"))}
        else:
            q = {"q": rng.choice(TOPICS), "org": rng.choice(sample["orgs"]), "year": str(rng.randint(2014, 2025))}
        out.append((kind, q))
    return out


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))] if values else 0.0


def _measure(count: int) -> dict:
    from django.core.cache import cache
    from django.test import Client


    cache.clear()  # no answer from an earlier run
    client = Client()
    rng = random.Random(7)
    queries = _queries(_sample(rng), count, rng)
    for q in ("公开", "监测", "政务公开 资金"):  # warm-up: connection, segmenter, plans (not in the timed set)
        client.get("/api/v1/search", {"q": q})
    timings: dict[str, list[float]] = {}
    errors = 0
    for kind, q in queries:
        t = time.perf_counter()
        resp = client.get("/api/v1/search", q)
        timings.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        errors += resp.status_code != 200
    everything = [v for vs in timings.values() for v in vs]
    planted = _planted_ids()
    relevance = {placement: check_relevance(client, planted, placement) for placement in PLACEMENTS}
    return {
        "queries": len(everything), "errors": errors,
        "p50_ms": round(statistics.median(everything), 1), "p95_ms": round(_pct(everything, 95), 1),
        "by_kind": {k: {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(_pct(v, 95), 1)} for k, v in timings.items()},
        "relevance": relevance["as_generated"],
        "relevance_by_placement": relevance,
        "page_one_dates": page_one_dates(client),
    }


def _report(result: dict) -> list[str]:
    imp, n = result.get("import", {}), result["n"]
    rel = result["relevance"]
    placed = result.get("relevance_by_placement", {})
    dates = result.get("page_one_dates")
    lines = [f"# Search benchmark: {result['backend']}, N = {n:,} (target {result.get('target_n', n):,})", ""]
    if imp:
        lines.append(
            f"- Import through `gongkai import documents` (importer.import_documents on JSONL files of"
            f" {CHUNK:,} lines, 1,000-line batches, register and search index included): {imp['imported']:,}"
            f" documents in {imp['import_seconds']} s = **{imp['import_docs_per_s']:,} docs/s** wall clock on the"
            f" shared 2-core machine (corpus generation {imp['generate_seconds']} s, not counted)"
        )
        lines.append(
            f"- CPU used by the import: client {imp['client_cpu_seconds']} s + PostgreSQL backend"
            f" {imp['server_cpu_seconds']} s = **{imp['docs_per_cpu_second']:,} docs per CPU-second**"
            " (what one uncontended core sustains)"
        )
    lines += [
        f"- Index size: {result['index_size_mb']:,} MB (search tables and their indexes); database {result['db_size_mb']:,} MB",
        f"- {result['queries']} mixed queries through /api/v1/search (Django test client, cold answer cache):"
        f" **p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms**, non-200: {result['errors']}",
        f"- Relevance: {rel['in_top3']}/{rel['queries']} expected documents in the top 3 ({rel['first']}/{rel['queries']} first)",
        *[
            f"  - planted documents {name} ({_PLACED[name]}): {r['in_top3']}/{r['queries']} in the top 3"
            f" ({r['first']}/{r['queries']} first)"
            for name, r in placed.items()
        ],
        *([f"- Page 1 of the {dates['queries']} one-word topic queries ({dates['capped']} of them over the count cap):"
           f" median publication date {dates['page_one_median']}, oldest {dates['page_one_oldest']}; all documents:"
           f" median {dates['corpus_median']}, newest {dates['corpus_newest']}"] if dates else []),
        *([f"- Load average while querying (1/5/15 min, 2 cores shared with other engineers' tests):"
           f" {result['load_average']}"] if result.get("load_average") else []),
        "", "| kind | p50 ms | p95 ms |", "| --- | --- | --- |",
        *[f"| {k} | {v['p50_ms']} | {v['p95_ms']} |" for k, v in result["by_kind"].items()], "",
        f"Search reads at most {result.get('count_cap')} matches, newest first (publication date, then id),"
        f" for the total and the facets (more are reported as \"{result.get('count_cap')}+\", `total_capped`)"
        f" and ranks the newest {result.get('rank_cap')} of them; sort by date covers every match. The relevance"
        " pass runs three times: with the planted documents at their own dates, moved after every other"
        " document, and moved before every other document (then put back).", "",
        "| query | " + " | ".join(f"top 3 ({name})" for name in placed) + " | total |",
        "| --- | " + " | ".join("---" for _ in placed) + " | --- |",
        *[
            f"| {r['q']} | "
            + " | ".join("yes" if p["details"][k]["in_top3"] else "NO" for p in placed.values())
            + f" | {r['total']} |"
            for k, r in enumerate(rel["details"])
        ],
    ]
    return lines


_PLACED = {
    "as_generated": "at their own dates",
    "newest": "dated after every other document",
    "oldest": "dated before every other document",
}


def _db_size(backend: str, n: int) -> int:
    if backend == "sqlite":
        return sum(p.stat().st_size for p in BENCH_DIR.glob(f"search-sqlite-{n}.sqlite3*"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="search benchmark")
    p.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--n", type=int, default=20000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--quick", action="store_true", help="2,000 documents, a smoke run")
    p.add_argument("--phase", choices=["all", "load", "query"], default="all",
                   help="load: import only (keeps the database); query: time queries on a loaded database")
    p.add_argument("--drop", action="store_true", help="drop the bench database afterwards")
    p.add_argument("--max-import-seconds", type=float, default=float("inf"),
                   help="stop starting new import chunks after this long; the run measures the N reached")
    args = p.parse_args(argv)
    n = 2000 if args.quick else args.n
    stem = RESULTS / f"search-{args.backend}-{n}"
    _setup(args.backend, n, fresh=args.phase != "query")
    print(f"search bench: {args.backend}, N={n}, phase {args.phase}", file=sys.stderr)
    result: dict = {"backend": args.backend, "n": n, "date": datetime.date.today().isoformat()}
    if stem.with_suffix(".json").exists() and args.phase == "query":
        old = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if "import" in old:
            result["import"] = old["import"]
    if args.phase != "query":
        result["import"] = _import(args.backend, n, args.max_import_seconds)
        print(f"  import: {result['import']}", file=sys.stderr)
    from gongkai.search.backends import get_backend

    if args.phase == "load":
        RESULTS.mkdir(parents=True, exist_ok=True)
        stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
    if args.backend == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
    from gongkai.search.backends.base import COUNT_CAP, RANK_CAP
    from gongkai.search.models import SearchEntry

    result["count_cap"], result["rank_cap"] = COUNT_CAP, RANK_CAP
    result["target_n"] = n
    result["n"] = SearchEntry.objects.count()
    stem = RESULTS / f"search-{args.backend}-{result['n']}"
    result["index_size_mb"] = round(get_backend().size_bytes() / 1e6, 1)
    result["db_size_mb"] = round(_db_size(args.backend, n) / 1e6, 1)
    result.update(_measure(args.queries))
    result["load_average"] = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = _report(result)
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:6]))
    if args.drop:
        from django.db import connections

        connections.close_all()
        _drop(args.backend, n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
