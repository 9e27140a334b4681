"""PostgreSQL: ranking every match with GIN + ts_rank_cd against RUM's index-ordered rank, same data.

    python -m bench.search.pg_rank --n 200000

Builds, in its own database (gongkai_bench_rank), one table of the generated corpus with the product's
tsvector (segmenter tokens, weights A title / B body / C meta, see backends.postgres.tsvector_literal),
then times the 200 benchmark queries (the word parts) three ways:

- ``gin_rank_all``: GIN bitmap of every match, ts_rank_cd over all of them, top 10, plus an exact count;
- ``rum_ordered``: the RUM index (``rum_tsvector_ops``) returns matches in rank order (``<=>``), top 10,
  plus an exact count through the same index;
- ``rum_ordered_nocount``: the top 10 only (what a page costs when the count is bounded or estimated).

Needs the RUM extension (Debian ``postgresql-15-rum``). Results: bench/results/search-pg-rank-<N>.{json,md}.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import sys
import time

from .run import PG_SERVER, RESULTS, _pct

DB = "gongkai_bench_rank"


def _connect(db: str = "postgres", autocommit: bool = True):
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/{db}", autocommit=autocommit)


def _load(n: int) -> dict:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.core.extract import html_to_text
    from gongkai.search.backends.postgres import tsvector_literal
    from gongkai.search.segment import clean_text, get_segmenter

    from .generate import generate

    with _connect() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB} ENCODING 'UTF8' TEMPLATE template0")
    seg = get_segmenter()
    t = time.perf_counter()
    with _connect(DB, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cur.execute("CREATE TABLE doc (id int PRIMARY KEY, published date, vector tsvector NOT NULL)")
        with cur.copy("COPY doc (id, published, vector) FROM STDIN") as copy:
            for i, (_org, d) in enumerate(generate(n), start=1):
                title = seg.index_tokens(clean_text(d["title"]), cleaned=True)
                body = seg.index_tokens(clean_text(html_to_text(d["body"])), cleaned=True)
                meta = seg.index_tokens(clean_text(f"{d['agency']} {d['doc_number']} {d.get('subject', '')}"), cleaned=True)
                copy.write_row((i, d["published_on"], tsvector_literal([(title, "A"), (body, "B"), (meta, "C")])))
        conn.commit()
        load = time.perf_counter() - t
        t = time.perf_counter()
        cur.execute("CREATE INDEX doc_gin ON doc USING gin (vector)")
        conn.commit()
        gin = time.perf_counter() - t
        t = time.perf_counter()
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("CREATE INDEX doc_rum ON doc USING rum (vector rum_tsvector_ops)")
        conn.commit()
        rum = time.perf_counter() - t
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE doc")
        cur.execute("SELECT pg_relation_size('doc_gin'), pg_relation_size('doc_rum'), pg_total_relation_size('doc')")
        gin_size, rum_size, table = cur.fetchone()
    return {"load_seconds": round(load, 1), "gin_build_seconds": round(gin, 1), "rum_build_seconds": round(rum, 1),
            "gin_mb": round(gin_size / 1e6, 1), "rum_mb": round(rum_size / 1e6, 1), "table_mb": round(table / 1e6, 1)}


def _queries(count: int) -> list[str]:
    from .generate import TOPICS

    words = ["公开", "通知", "安全", "补贴", "监测", "招生", "整改", "考核", "资金", "宣传"]
    rng = random.Random(7)
    out = []
    for i in range(count):
        k = i % 3
        out.append(rng.choice(TOPICS + words) if k == 0 else f"{rng.choice(TOPICS)} {rng.choice(words)}" if k == 1
                   else rng.choice(TOPICS) + "工作")
    return out


SQL = {
    "gin_rank_all": [
        "SET enable_indexscan = off",
        "SELECT id FROM doc WHERE vector @@ %(q)s::tsquery ORDER BY ts_rank_cd('{0.1,0.3,0.4,1.0}', vector, %(q)s::tsquery, 1) DESC LIMIT 10",
        "SELECT count(*) FROM doc WHERE vector @@ %(q)s::tsquery",
    ],
    "rum_ordered": [
        "SET enable_bitmapscan = off",
        "SELECT id FROM doc WHERE vector @@ %(q)s::tsquery ORDER BY vector <=> %(q)s::tsquery LIMIT 10",
        "SELECT count(*) FROM doc WHERE vector @@ %(q)s::tsquery",
    ],
    "rum_ordered_nocount": [
        "SET enable_bitmapscan = off",
        "SELECT id FROM doc WHERE vector @@ %(q)s::tsquery ORDER BY vector <=> %(q)s::tsquery LIMIT 10",
    ],
}


def _measure(queries: list[str]) -> dict:
    from gongkai.search.backends.postgres import tsquery_literal
    from gongkai.search.segment import get_segmenter

    seg = get_segmenter()
    out = {}
    for name, statements in SQL.items():
        with _connect(DB) as conn, conn.cursor() as cur:
            cur.execute("SET work_mem = '32MB'")
            cur.execute(statements[0])
            for q in queries[:5]:  # warm the cache
                for sql in statements[1:]:
                    cur.execute(sql, {"q": tsquery_literal(seg.query_tokens(q))})
                    cur.fetchall()
            times = []
            for q in queries:
                tq = tsquery_literal(seg.query_tokens(q))
                t = time.perf_counter()
                for sql in statements[1:]:
                    cur.execute(sql, {"q": tq})
                    cur.fetchall()
                times.append((time.perf_counter() - t) * 1000)
            cur.execute("EXPLAIN " + statements[1].replace("%(q)s", "'政务公开'"))
            plan = [r[0] for r in cur.fetchall()]
        out[name] = {"p50_ms": round(_pct(times, 50), 1), "p95_ms": round(_pct(times, 95), 1),
                     "p99_ms": round(_pct(times, 99), 1), "plan": plan}
        print(f"  {name}: {out[name]['p50_ms']} / {out[name]['p95_ms']} / {out[name]['p99_ms']}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=200_000)
    p.add_argument("--queries", type=int, default=200)
    args = p.parse_args(argv)
    result = {"n": args.n, "date": datetime.date.today().isoformat(), "build": _load(args.n)}
    print(f"  build: {result['build']}", file=sys.stderr)
    result["queries"] = _measure(_queries(args.queries))
    import os

    result["load_average"] = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    stem = RESULTS / f"search-pg-rank-{args.n}"
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    b = result["build"]
    lines = [f"# PostgreSQL ranking over every match: GIN vs RUM, N = {args.n:,}", "",
             f"- Table {b['table_mb']} MB; GIN index {b['gin_mb']} MB (built in {b['gin_build_seconds']} s); RUM index"
             f" {b['rum_mb']} MB (built in {b['rum_build_seconds']} s); load (segmentation + COPY) {b['load_seconds']} s",
             f"- Load average at the end (2 shared cores): {result['load_average']}", "",
             "| plan | p50 ms | p95 ms | p99 ms |", "| --- | --- | --- | --- |"]
    lines += [f"| {k} | {v['p50_ms']} | {v['p95_ms']} | {v['p99_ms']} |" for k, v in result["queries"].items()]
    lines += ["", "Plans for 政务公开:", ""]
    for k, v in result["queries"].items():
        lines += [f"- {k}:", "", "```", *v["plan"], "```", ""]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
