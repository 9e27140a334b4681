"""Search engines side by side on one corpus, in one run: the embedded engine (tantivy backend), a plain
tantivy baseline fed with the same segmenter tokens, and the SQLite FTS5 backend.

    python -m bench.search.engines --n 200000
    python -m bench.search.engines --n 1000000 --no-sqlite
    python -m bench.search.engines --n 200000 --phase query      # reuse the loaded database and index

1. imports the generated corpus through ``import_documents`` (the code behind ``gongkai import
   documents``) with the tantivy backend: import docs/s includes parsing, sanitizing, the register, the
   search entries and the engine's index;
2. plants five old documents whose titles hold both words of a broad query (dated before every other);
3. builds the baseline from the same documents and tokens: BM25 over all matches (title x4, meta x2,
   body), exact count, facets (org, year, genre) over all matches, highlighted snippets of the page;
4. times the 200 queries of ``run._queries``: in-process (``services.search``; baseline: its query)
   and through ``GET /api/v1/search`` (Django test client), p50/p95/p99; ratios to the baseline;
5. checks relevance (the 30 planted queries at three placements), the five old documents, and recall
   against an exact substring count over the database for a set of words;
6. unless ``--no-sqlite``: rebuilds the FTS5 index (``reindex`` with the sqlite backend) and times the
   same queries.

Results: bench/results/search-engines-<N>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

from .run import BENCH_DIR, RESULTS, _import, _pct, _queries, _sample

OLD_PLANTED = [
    ("乡村振兴 资金", "乡村振兴衔接资金使用管理办法"),
    ("安全生产 考核", "安全生产责任制考核细则"),
    ("食品安全 监测", "食品安全风险监测工作规范"),
    ("义务教育 招生", "义务教育阶段学校招生入学办法"),
    ("河长制 整改", "河长制问题整改销号制度"),
]
RECALL_WORDS = ["改革开放", "政务公开", "安全生产", "公开栏", "务公开", "资金保障", "工作台账", "一喷三防",
                "年度", "监测帮扶", "人居环境", "双随机"]


def _setup(n: int, fresh: bool) -> Path:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db = BENCH_DIR / f"engines-{n}.sqlite3"
    index_dir = BENCH_DIR / f"engines-{n}-index"
    if fresh:
        import shutil

        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        shutil.rmtree(index_dir, ignore_errors=True)
    os.environ["GONGKAI_SQLITE_PATH"] = str(db)
    os.environ.pop("GONGKAI_DATABASE_URL", None)
    os.environ["GONGKAI_SEARCH_BACKEND"] = "tantivy"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.GONGKAI_SEARCH_INDEX_DIR = str(index_dir)
    call_command("migrate", verbosity=0)
    return index_dir


def _plant_old() -> list[int]:
    """Five documents dated a year before every generated one, titles holding both query words."""
    import io

    from gongkai.documents.importer import import_documents
    from gongkai.documents.models import Document
    from gongkai.orgs.models import Organization

    org = Organization.objects.get(code="yishui")
    out = []
    for k, (_q, title) in enumerate(OLD_PLANTED):
        found = Document.objects.filter(title=title).first()
        if found is None:
            line = {"title": title, "body": f"<p>{title}，自印发之日起施行。</p>", "agency": "沂水县人民政府",
                    "doc_number": f"沂政发〔2013〕{90 + k}号", "published_on": f"2013-0{k + 1}-15", "genre": "意见",
                    "validity": "有效"}
            import_documents(io.StringIO(json.dumps(line, ensure_ascii=False) + "\n"), org)
            found = Document.objects.get(title=title)
        out.append(found.pk)
    return out


def _time(fn, items) -> tuple[list[float], list]:
    times, outs = [], []
    for item in items:
        t = time.perf_counter()
        outs.append(fn(item))
        times.append((time.perf_counter() - t) * 1000)
    return times, outs


def _summary(times: list[float]) -> dict:
    return {"p50_ms": round(_pct(times, 50), 2), "p95_ms": round(_pct(times, 95), 2), "p99_ms": round(_pct(times, 99), 2)}


def _by_kind(queries, times) -> dict:
    kinds: dict[str, list[float]] = {}
    for (kind, _q), t in zip(queries, times, strict=True):
        kinds.setdefault(kind, []).append(t)
    return {k: _summary(v) for k, v in kinds.items()}


def _product_inprocess(params: dict):
    from gongkai.orgs.models import Organization
    from gongkai.search.query import QueryError
    from gongkai.search.services import Filters, search

    org = Organization.objects.filter(code=params["org"]).values_list("pk", flat=True).first() if params.get("org") else None
    try:
        page = search(params["q"], Filters(org_id=org, year=int(params["year"]) if params.get("year") else None))
    except QueryError:
        return 0
    return page.total


def _api(client):
    def call(params: dict):
        resp = client.get("/api/v1/search", params)
        return resp.json().get("total", -1) if resp.status_code == 200 else -resp.status_code

    return call


def _measure_engine(label: str, queries, client) -> dict:
    from django.core.cache import cache

    cache.clear()
    warm = [("warm", {"q": w}) for w in ("公开", "监测", "政务公开 资金")]
    _time(lambda kq: _product_inprocess(kq[1]), warm)
    cold, totals = _time(lambda kq: _product_inprocess(kq[1]), queries)
    warm_times, _ = _time(lambda kq: _product_inprocess(kq[1]), queries)
    cache.clear()
    call = _api(client)
    api_times, _ = _time(lambda kq: call(kq[1]), queries)
    print(f"  {label}: in-process first pass {_summary(cold)}, second {_summary(warm_times)}, API {_summary(api_times)}",
          file=sys.stderr)
    return {
        "in_process_first": _summary(cold), "in_process": _summary(warm_times), "api": _summary(api_times),
        "by_kind": _by_kind(queries, warm_times), "totals": totals,
    }


def _old_planted(client, ids: list[int]) -> dict:
    details = []
    for (q, _title), pk in zip(OLD_PLANTED, ids, strict=True):
        data = client.get("/api/v1/search", {"q": q}).json()
        top = [r["id"] for r in data.get("results", [])[:3]]
        details.append({"q": q, "expected": pk, "top3": top, "in_top3": pk in top, "first": bool(top) and top[0] == pk,
                        "total": data.get("total")})
    return {"in_top3": sum(d["in_top3"] for d in details), "first": sum(d["first"] for d in details),
            "queries": len(details), "details": details}


def _recall(words: list[str]) -> dict:
    """Engine total vs the documents whose searchable text (title, body, 发文机关, 主题分类, summary, numbers)
    contains the word as a substring (SQL LIKE over every public document)."""
    from django.db.models import Q

    from gongkai.documents.models import Document
    from gongkai.search.services import search

    rows = []
    for w in words:
        t = time.perf_counter()
        exact = Document.objects.public().filter(
            Q(title__contains=w) | Q(body__contains=w) | Q(agency__contains=w) | Q(subject__contains=w)
            | Q(summary__contains=w) | Q(doc_number__contains=w) | Q(index_number__contains=w)
        ).count()
        scan = time.perf_counter() - t
        found = search(w).total
        rows.append({"word": w, "substring_count": exact, "engine_total": found, "scan_s": round(scan, 1)})
    exact_sum = sum(r["substring_count"] for r in rows)
    hit = sum(min(r["engine_total"], r["substring_count"]) for r in rows)
    # The body is HTML in the database: a word split by a tag there is still one word in the index.
    return {"words": rows, "recall": round(hit / exact_sum, 4) if exact_sum else None}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="search engines side by side")
    p.add_argument("--n", type=int, default=200_000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--phase", choices=["all", "query"], default="all")
    p.add_argument("--no-sqlite", action="store_true")
    p.add_argument("--no-recall", action="store_true")
    args = p.parse_args(argv)
    index_dir = _setup(args.n, fresh=args.phase == "all")
    stem = RESULTS / f"search-engines-{args.n}"
    result: dict = {"n": args.n, "date": datetime.date.today().isoformat()}
    if args.phase == "all":
        result["import"] = _import("tantivy", args.n, float("inf"))
        print(f"  import: {result['import']}", file=sys.stderr)
    elif stem.with_suffix(".json").exists():
        result["import"] = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8")).get("import")
    old_ids = _plant_old()
    from django.test import Client

    from gongkai.search.engine import index as engine_index

    from .baseline import Baseline
    from .checks import PLACEMENTS, check_relevance
    from .run import _planted_ids

    client = Client()
    rng = random.Random(7)
    queries = _queries(_sample(rng), args.queries, rng)
    result["index_size_mb"] = {"tantivy": round(engine_index.size_bytes() / 1e6, 1)}
    t = time.perf_counter()
    base = Baseline.build(index_dir.parent / f"engines-{args.n}-baseline")
    result["baseline_build"] = {"docs": base.count, "seconds": round(time.perf_counter() - t, 1)}
    result["index_size_mb"]["baseline"] = round(base.size_bytes() / 1e6, 1)
    base_cold, base_totals = _time(lambda kq: base.search(kq[1]), queries)
    base_times, _ = _time(lambda kq: base.search(kq[1]), queries)
    result["baseline"] = {"in_process_first": _summary(base_cold), "in_process": _summary(base_times),
                          "by_kind": _by_kind(queries, base_times), "totals": base_totals}
    print(f"  baseline: {result['baseline']['in_process']}", file=sys.stderr)
    result["tantivy"] = _measure_engine("tantivy", queries, client)
    planted = _planted_ids()
    result["tantivy"]["relevance"] = {pl: check_relevance(client, planted, pl) for pl in PLACEMENTS}
    result["tantivy"]["old_planted"] = _old_planted(client, old_ids)
    if not args.no_recall:
        result["tantivy"]["recall"] = _recall(RECALL_WORDS)
    if not args.no_sqlite:
        from django.conf import settings

        from gongkai.search.services import reindex

        settings.GONGKAI_SEARCH_BACKEND = "sqlite"
        t = time.perf_counter()
        count = reindex()
        seconds = time.perf_counter() - t
        result["sqlite_reindex"] = {"docs": count, "seconds": round(seconds, 1), "docs_per_s": round(count / seconds)}
        result["sqlite"] = _measure_engine("sqlite", queries, client)
        result["sqlite"]["relevance"] = {pl: check_relevance(client, planted, pl) for pl in PLACEMENTS}
        result["sqlite"]["old_planted"] = _old_planted(client, old_ids)
        settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    result["load_average"] = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    from .engines_report import report

    stem.with_suffix(".md").write_text(report(result), encoding="utf-8")
    print(report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
