"""The embedded engine at scale, against a plain tantivy baseline built from the same tokens in the same run.

    python -m bench.search.engine_scale --n 200000
    python -m bench.search.engine_scale --n 1000000

No database: the generated corpus (``generate.py``, the 30 planted relevance documents and five old
documents first) is segmented once; each document's tokens go to both indexes:

- the engine (``gongkai.search.engine``): words, character bigrams, validity/recency boost, facets;
- the baseline (``baseline._schema``): words only — BM25 over every match, exact count, facets over
  every match, highlighted snippets: the ratio to beat.

Then the 200 queries of ``run._queries`` (numbers as text queries, filtered ones on org and year) run
in-process on both, twice (the engine's first pass includes computing recall gaps), with facets
(org, year, genre) and snippets of page 1 on both. Build figures: documents per second of the engine
writer including segmentation. Results: bench/results/search-engine-scale-<N>.{json,md}.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

from .run import BENCH_DIR, RESULTS, _pct

OLD = [
    ("乡村振兴 资金", "乡村振兴衔接资金使用管理办法"),
    ("安全生产 考核", "安全生产责任制考核细则"),
    ("食品安全 监测", "食品安全风险监测工作规范"),
    ("义务教育 招生", "义务教育阶段学校招生入学办法"),
    ("河长制 整改", "河长制问题整改销号制度"),
]
GENRES: dict[str, int] = {}


def _django(index_dir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ["GONGKAI_SQLITE_PATH"] = str(BENCH_DIR / "engine-scale-empty.sqlite3")
    import django

    django.setup()
    from django.conf import settings

    settings.GONGKAI_SEARCH_INDEX_DIR = str(index_dir)


def _corpus(n: int):
    from .generate import AGENCIES, generate

    orgs = {code: k + 1 for k, (_name, _p, code) in enumerate(AGENCIES)}
    ref = 0
    for k, (_q, title) in enumerate(OLD):
        ref += 1
        yield ref, orgs["yishui"], {"title": title, "body": f"<p>{title}，自印发之日起施行。</p>", "agency": "沂水县人民政府",
                                    "doc_number": f"沂政发〔2013〕{90 + k}号", "published_on": f"2013-0{k + 1}-15",
                                    "genre": "意见", "validity": "in_force", "subject": "综合政务"}
    for code, doc in generate(n - len(OLD)):
        ref += 1
        yield ref, orgs[code], doc


def build(n: int, engine_dir: Path, base_dir: Path) -> dict:
    import tantivy

    from gongkai.core.extract import html_to_text
    from gongkai.search.engine import index as ei
    from gongkai.search.segment import clean_text, get_segmenter

    from .baseline import _schema

    seg = get_segmenter()
    for d in (engine_dir, base_dir):
        shutil.rmtree(d, ignore_errors=True)
    base_dir.mkdir(parents=True)
    base = tantivy.Index(_schema(), path=str(base_dir))
    base.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    bw = base.writer(heap_size=400_000_000, num_threads=1)
    timings = {"segment": 0.0, "engine": 0.0, "baseline": 0.0}
    started = time.perf_counter()
    with ei.rebuilding() as writer:
        engine_dir_used = writer.path
        batch: list = []
        for ref, org, d in _corpus(n):
            t0 = time.perf_counter()
            title, body = clean_text(d["title"]), clean_text(html_to_text(d["body"]))
            meta = clean_text(" ".join(p for p in (d["agency"], d["doc_number"], d.get("subject", "")) if p))
            tt, bt, mt = (seg.index_tokens(x, cleaned=True) for x in (title, body, meta))
            published = datetime.date.fromisoformat(d["published_on"])
            t1 = time.perf_counter()
            batch.append(ei.Record(kind="document", ref=ref, title=title, body=body, meta=meta, title_tokens=tt,
                                   body_tokens=bt, meta_tokens=mt, org=org, column=org, published=published,
                                   genre=d.get("genre", ""), validity=d.get("validity", ""), subject=d.get("subject", "")))
            if len(batch) >= 1000:
                writer.upsert(batch)
                batch = []
            t2 = time.perf_counter()
            doc = tantivy.Document()
            doc.add_unsigned("id", ref)
            doc.add_text("title", " ".join(tt))
            doc.add_text("body", " ".join(bt))
            doc.add_text("meta", " ".join(mt))
            doc.add_unsigned("org", org)
            doc.add_unsigned("year", published.year)
            if d.get("genre"):
                doc.add_text("genre", d["genre"])
            doc.add_text("title_text", title)
            doc.add_text("body_text", body)
            bw.add_document(doc)
            t3 = time.perf_counter()
            timings["segment"] += t1 - t0
            timings["engine"] += t2 - t1
            timings["baseline"] += t3 - t2
            if ref % 100_000 == 0:
                print(f"  {ref:,} documents, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        writer.upsert(batch)
        t = time.perf_counter()
    engine_commit = time.perf_counter() - t
    t = time.perf_counter()
    bw.commit()
    bw.wait_merging_threads()
    base_commit = time.perf_counter() - t
    seg_s, eng_s, base_s = timings["segment"], timings["engine"] + engine_commit, timings["baseline"] + base_commit
    return {
        "docs": n, "segment_seconds": round(seg_s, 1), "engine_seconds": round(eng_s, 1),
        "baseline_seconds": round(base_s, 1),
        "engine_docs_per_s": round(n / (seg_s + eng_s)), "baseline_docs_per_s": round(n / (seg_s + base_s)),
        "engine_mb": round(sum(p.stat().st_size for p in Path(engine_dir_used).iterdir() if p.is_file()) / 1e6, 1),
        "baseline_mb": round(sum(p.stat().st_size for p in base_dir.iterdir() if p.is_file()) / 1e6, 1),
    }


def _queries(count: int) -> list[tuple[str, dict]]:
    from .generate import AGENCIES, TOPICS

    rng = random.Random(7)
    words = ["公开", "通知", "安全", "补贴", "监测", "招生", "整改", "考核", "资金", "宣传"]
    prefixes = [(p, code) for _n, p, code in AGENCIES]
    out = []
    for i in range(count):
        kind = ("word", "words", "phrase", "number", "filtered")[i % 5]
        if kind == "word":
            q = {"q": rng.choice(TOPICS + words)}
        elif kind == "words":
            q = {"q": f"{rng.choice(TOPICS)} {rng.choice(words)}"}
        elif kind == "phrase":
            q = {"q": f'"{rng.choice(TOPICS)}工作"'}
        elif kind == "number":
            prefix, _code = rng.choice(prefixes)
            q = {"q": f"{prefix}〔{rng.randint(2014, 2025)}〕{rng.randint(1, 400)}号"}
        else:
            q = {"q": rng.choice(TOPICS), "org": rng.randint(1, len(AGENCIES)), "year": rng.randint(2014, 2025)}
        out.append((kind, q))
    return out


class Engine:
    """The product's engine path, as the tantivy backend drives it (minus the database)."""

    def __init__(self):
        import tantivy

        from gongkai.search.engine.index import SCHEMA
        from gongkai.search.query import parse_query
        from gongkai.search.segment import get_segmenter

        self.tantivy, self.schema, self.parse = tantivy, SCHEMA, parse_query
        self.seg = get_segmenter()

    def search(self, params: dict, *, limit: int = 10) -> tuple[int, list[int]]:
        from gongkai.search.curation import normalize
        from gongkai.search.engine.search import Alternative, EngineQuery, Unit, run
        from gongkai.search.highlight import highlight

        parsed = self.parse(params["q"], self.seg.query_tokens)
        phrase_words = {t for p in parsed.phrases for t in self.seg.query_tokens(p)}
        units = [Unit([Alternative(text=normalize(t), tokens=[t])]) for t in parsed.terms if t not in phrase_words]
        units += [Unit([Alternative(text=normalize(p), tokens=self.seg.query_tokens(p))]) for p in parsed.phrases]
        Q = self.tantivy.Query
        must = []
        if params.get("org"):
            must.append(Q.term_query(self.schema, "org", params["org"]))
        if params.get("year"):
            must.append(Q.term_query(self.schema, "year", params["year"]))
        found = run(EngineQuery(units=units, phrase_text=normalize("".join(parsed.terms)), must=must, limit=limit,
                                facets=("org", "year", "genre")))
        terms = [*parsed.terms, *parsed.phrases]
        for h in found.hits:
            highlight(h.title, terms, width=0)
            highlight(h.body, terms)
        return found.total, [h.ref for h in found.hits]


class Base:
    def __init__(self, path: Path):
        import tantivy

        from gongkai.search.segment import get_segmenter

        self.t = tantivy
        self.index = tantivy.Index.open(str(path))
        self.index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self.schema, self.searcher, self.seg = self.index.schema, self.index.searcher(), get_segmenter()

    def search(self, params: dict, *, limit: int = 10) -> tuple[int, list[int]]:
        from gongkai.search.highlight import highlight

        Q, s = self.t.Query, self.schema
        MUST, SHOULD = self.t.Occur.Must, self.t.Occur.Should
        quoted = params["q"].startswith('"') and params["q"].endswith('"')
        terms = self.seg.query_tokens(params["q"].replace('"', " "))

        def field(name: str):
            if quoted and len(terms) > 1:  # a quoted phrase: the words as a phrase, like the engine
                return Q.phrase_query(s, name, terms)
            return None

        if quoted and len(terms) > 1:
            clauses = [(MUST, Q.boolean_query([(SHOULD, Q.boost_query(field("title"), 4.0)),
                                               (SHOULD, Q.boost_query(field("meta"), 2.0)),
                                               (SHOULD, field("body"))]))]
        else:
            clauses = [(MUST, Q.boolean_query([(SHOULD, Q.boost_query(Q.term_query(s, "title", t), 4.0)),
                                               (SHOULD, Q.boost_query(Q.term_query(s, "meta", t), 2.0)),
                                               (SHOULD, Q.term_query(s, "body", t))])) for t in terms]
        if params.get("org"):
            clauses.append((MUST, Q.term_query(s, "org", params["org"])))
        if params.get("year"):
            clauses.append((MUST, Q.term_query(s, "year", params["year"])))
        if not clauses:
            return 0, []
        query = Q.boolean_query(clauses)
        found = self.searcher.search(query, limit=limit, count=True)
        if found.count:
            self.searcher.aggregate(query, {n: {"terms": {"field": n, "size": 1000}} for n in ("org", "year", "genre")})
        refs = []
        for _score, address in found.hits:
            doc = self.searcher.doc(address)
            highlight(doc.get_first("title_text") or "", terms, width=0)
            highlight(doc.get_first("body_text") or "", terms)
            refs.append(int(doc.get_first("id")))
        return found.count, refs


def _timed(fn, queries) -> tuple[dict, list]:
    times, outs = [], []
    for _kind, q in queries:
        t = time.perf_counter()
        outs.append(fn(q))
        times.append((time.perf_counter() - t) * 1000)
    by_kind: dict[str, list[float]] = {}
    for (kind, _q), v in zip(queries, times, strict=True):
        by_kind.setdefault(kind, []).append(v)

    def summary(vs):
        return {"p50_ms": round(_pct(vs, 50), 2), "p95_ms": round(_pct(vs, 95), 2), "p99_ms": round(_pct(vs, 99), 2)}

    return {**summary(times), "by_kind": {k: summary(v) for k, v in by_kind.items()}}, outs


def checks(engine: Engine) -> dict:
    from .relevance import QUERIES

    rel = []
    for q, expected in QUERIES:
        total, top = engine.search({"q": q}, limit=3)
        ref = len(OLD) + 1 + expected
        rel.append({"q": q, "in_top3": ref in top, "first": bool(top) and top[0] == ref, "total": total})
    old = []
    for k, (q, _title) in enumerate(OLD):
        total, top = engine.search({"q": q}, limit=3)
        old.append({"q": q, "in_top3": k + 1 in top, "first": bool(top) and top[0] == k + 1, "total": total})
    return {"relevance": {"in_top3": sum(r["in_top3"] for r in rel), "first": sum(r["first"] for r in rel),
                          "queries": len(rel), "details": rel},
            "old_planted": {"in_top3": sum(r["in_top3"] for r in old), "first": sum(r["first"] for r in old), "details": old}}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=200_000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--phase", choices=["all", "query"], default="all")
    args = p.parse_args(argv)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    engine_dir, base_dir = BENCH_DIR / f"engine-scale-{args.n}", BENCH_DIR / f"engine-scale-{args.n}-baseline"
    _django(engine_dir)
    stem = RESULTS / f"search-engine-scale-{args.n}"
    result: dict = {"n": args.n, "date": datetime.date.today().isoformat()}
    if args.phase == "all":
        result["build"] = build(args.n, engine_dir, base_dir)
        print(f"  build: {result['build']}", file=sys.stderr)
    elif stem.with_suffix(".json").exists():
        result["build"] = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8")).get("build")
    from django.core.cache import cache

    from gongkai.search.engine.recall import recall_cache

    cache.clear()
    recall_cache.clear()
    queries = _queries(args.queries)
    engine, base = Engine(), Base(base_dir)
    for warm in ({"q": "公开"}, {"q": "监测"}):
        engine.search(warm)
        base.search(warm)
    result["baseline_first"], base_out = _timed(base.search, queries)
    result["engine_first"], eng_out = _timed(engine.search, queries)
    result["baseline"], _ = _timed(base.search, queries)
    result["engine"], eng_out2 = _timed(engine.search, queries)
    result["totals_differ"] = sum(1 for a, b in zip(base_out, eng_out2, strict=True) if a[0] != b[0])
    result["engine_more"] = sum(1 for a, b in zip(base_out, eng_out2, strict=True) if b[0] > a[0])
    result["engine_fewer"] = [q["q"] for (_k, q), a, b in zip(queries, base_out, eng_out2, strict=True) if b[0] < a[0]]
    result.update(checks(engine))
    result["load_average"] = " / ".join(f"{v:.2f}" for v in os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    stem.with_suffix(".md").write_text(report(result), encoding="utf-8")
    print(report(result))
    return 0


def report(r: dict) -> str:
    b = r.get("build") or {}
    base = r["baseline"]
    lines = [f"# Embedded engine vs tantivy baseline, N = {r['n']:,} (same tokens, same run)", ""]
    if b:
        lines += [
            f"- Build (segmentation {b['segment_seconds']} s shared): engine {b['engine_docs_per_s']:,} docs/s"
            f" ({b['engine_mb']} MB), baseline {b['baseline_docs_per_s']:,} docs/s ({b['baseline_mb']} MB)",
        ]
    lines += [f"- Load average at the end (2 cores shared with other engineers): {r['load_average']}", "",
              "| in-process, ms | p50 | p95 | p99 |", "| --- | --- | --- | --- |"]
    for name in ("baseline_first", "baseline", "engine_first", "engine"):
        f = r[name]
        ratio = "" if name.startswith("baseline") else \
            f" ({f['p50_ms'] / max(base['p50_ms'], 1e-9):.2f}x / {f['p95_ms'] / max(base['p95_ms'], 1e-9):.2f}x / {f['p99_ms'] / max(base['p99_ms'], 1e-9):.2f}x)"
        lines.append(f"| {name.replace('_first', ' (first pass)')}{ratio} | {f['p50_ms']} | {f['p95_ms']} | {f['p99_ms']} |")
    lines += ["", "| kind | baseline p95 | engine p95 | ratio |", "| --- | --- | --- | --- |"]
    for kind, fig in base["by_kind"].items():
        e = r["engine"]["by_kind"][kind]["p95_ms"]
        lines.append(f"| {kind} | {fig['p95_ms']} | {e} | {e / max(fig['p95_ms'], 1e-9):.2f}x |")
    rel, old = r["relevance"], r["old_planted"]
    lines += ["", f"- Planted relevance queries: {rel['in_top3']}/{rel['queries']} in the top 3 ({rel['first']} first)",
              f"- Five old documents (2013, before every generated one) whose titles hold both words of a broad query:"
              f" **{old['in_top3']}/5 in the top 3** ({old['first']} first)",
              *[f"  - {d['q']}: {'yes' if d['in_top3'] else 'NO'}, {d['total']:,} matches" for d in old["details"]],
              f"- Totals differing from the baseline's: {r['totals_differ']} of the queries; the engine finds more"
              f" for {r['engine_more']} (characters in sequence across segmentation), fewer for"
              f" {len(r['engine_fewer'])}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
