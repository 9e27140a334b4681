"""Search benchmark: build a corpus of N documents, index it, time 200 mixed API queries, check relevance.

    python -m bench.search.run --backend sqlite --n 200000
    python -m bench.search.run --backend postgres --n 1000000
    python -m bench.search.run --quick          # 2,000 documents on SQLite, a smoke run

Each run uses its own database (var/bench/search-sqlite-N.sqlite3 or the PostgreSQL database
gongkai_bench_search on 127.0.0.1) and writes bench/results/search-<backend>-<N>.json and .md.
Queries go through the Django test client (the full URL/view/serialization path, no network).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DB = "gongkai_bench_search"


def _setup(backend: str, n: int) -> None:
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / f"search-sqlite-{n}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["GONGKAI_SQLITE_PATH"] = str(path)
        os.environ.pop("GONGKAI_DATABASE_URL", None)
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
            conn.execute(f"CREATE DATABASE {PG_DB} ENCODING 'UTF8' TEMPLATE template0")
        os.environ["GONGKAI_DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
    os.environ["GONGKAI_SEARCH_BACKEND"] = backend
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _load(n: int, batch: int = 2000) -> tuple[list[int], dict, float]:
    """Insert the corpus (published, proactive); returns ids in corpus order, docs, seconds."""
    from gongkai.catalog.services import apply_template
    from gongkai.documents.models import Attribute, Document, Status
    from gongkai.orgs.models import Organization

    from .generate import AGENCIES, generate

    orgs, columns = {}, {}
    for name, _prefix, code in AGENCIES:
        if code not in orgs:
            orgs[code], _ = Organization.objects.get_or_create(code=code, defaults={"name": name})
            apply_template(orgs[code])
            columns[code] = orgs[code].columns.order_by("id").first()
    ids: list[int] = []
    sample: dict = {"numbers": [], "orgs": list(orgs)}
    started = time.perf_counter()
    pending: list = []

    def flush():
        created = Document.objects.bulk_create(pending)
        ids.extend(d.pk for d in created)
        pending.clear()

    for org, d in generate(n):
        published = datetime.date.fromisoformat(d["published_on"])
        pending.append(Document(
            org=orgs[org], column=columns[org], title=d["title"], body=d["body"], agency=d["agency"],
            doc_number=d.get("doc_number", ""), index_number=d.get("index_number", ""), subject=d.get("subject", ""),
            genre=d.get("genre", ""), validity=d.get("validity", ""), published_on=published,
            status=Status.PUBLISHED, attribute=Attribute.PROACTIVE,
        ))
        if d.get("doc_number") and len(sample["numbers"]) < 500 and random.random() < 0.05:
            sample["numbers"].append(d["doc_number"])
        if len(pending) >= batch:
            flush()
    flush()
    return ids, sample, time.perf_counter() - started


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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="search benchmark")
    p.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--n", type=int, default=20000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--quick", action="store_true", help="2,000 documents, a smoke run")
    args = p.parse_args(argv)
    n = 2000 if args.quick else args.n
    _setup(args.backend, n)
    from django.test import Client

    from gongkai.search.backends import get_backend
    from gongkai.search.services import index_documents

    from .relevance import QUERIES

    print(f"search bench: {args.backend}, N={n}", file=sys.stderr)
    ids, sample, load_s = _load(n)
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int) -> None:
        if time.perf_counter() - last[0] > 10:
            last[0] = time.perf_counter()
            print(f"  indexed {done}/{n}", file=sys.stderr)

    index_documents(ids, batch_size=1000, progress=progress)
    index_s = time.perf_counter() - started
    client = Client()
    rng = random.Random(7)
    queries = _queries(sample, args.queries, rng)
    for _kind, q in queries[:10]:  # warm-up
        client.get("/api/v1/search", q)
    timings: dict[str, list[float]] = {}
    errors = 0
    for kind, q in queries:
        t = time.perf_counter()
        resp = client.get("/api/v1/search", q)
        timings.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        errors += resp.status_code != 200
    everything = [v for vs in timings.values() for v in vs]
    relevance = []
    for q, expected in QUERIES:
        data = client.get("/api/v1/search", {"q": q}).json()
        top = [r["id"] for r in data.get("results", [])[:3]]
        relevance.append({"q": q, "expected": ids[expected], "top3": top, "first": bool(top) and top[0] == ids[expected],
                          "in_top3": ids[expected] in top})
    result = {
        "backend": args.backend, "n": n, "date": datetime.date.today().isoformat(),
        "insert_docs_per_s": round(n / load_s), "index_docs_per_s": round(n / index_s),
        "index_seconds": round(index_s, 1), "index_size_mb": round(get_backend().size_bytes() / 1e6, 1),
        "queries": len(everything), "errors": errors,
        "p50_ms": round(statistics.median(everything), 1), "p95_ms": round(_pct(everything, 95), 1),
        "by_kind": {k: {"p50_ms": round(statistics.median(v), 1), "p95_ms": round(_pct(v, 95), 1)} for k, v in timings.items()},
        "relevance": {"queries": len(relevance), "first": sum(r["first"] for r in relevance),
                      "in_top3": sum(r["in_top3"] for r in relevance), "details": relevance},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"search-{args.backend}-{n}"
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        f"# Search benchmark: {args.backend}, N = {n:,}", "",
        f"- Insert: {result['insert_docs_per_s']:,} docs/s; indexing: {result['index_docs_per_s']:,} docs/s"
        f" ({result['index_seconds']} s); index size {result['index_size_mb']} MB",
        f"- {result['queries']} queries through /api/v1/search (Django test client): p50 {result['p50_ms']} ms,"
        f" p95 {result['p95_ms']} ms, non-200: {errors}",
        f"- Relevance: {result['relevance']['in_top3']}/30 expected documents in the top 3"
        f" ({result['relevance']['first']}/30 first)", "", "| kind | p50 ms | p95 ms |", "| --- | --- | --- |",
        *[f"| {k} | {v['p50_ms']} | {v['p95_ms']} |" for k, v in result["by_kind"].items()], "",
        "| query | expected in top 3 |", "| --- | --- |",
        *[f"| {r['q']} | {'yes' if r['in_top3'] else 'NO'} |" for r in relevance],
    ]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:5]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
