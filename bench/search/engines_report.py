"""Markdown for bench/results/search-engines-<N>.json."""

from __future__ import annotations


def _row(name: str, figures: dict, base: dict | None) -> str:
    def ratio(key: str) -> str:
        if not base or not base.get(key):
            return ""
        return f" ({figures[key] / base[key]:.2f}x)"

    return (f"| {name} | {figures['p50_ms']}{ratio('p50_ms')} | {figures['p95_ms']}{ratio('p95_ms')} |"
            f" {figures['p99_ms']}{ratio('p99_ms')} |")


def report(r: dict) -> str:
    n = r["n"]
    imp = r.get("import") or {}
    base = r["baseline"]["in_process"]
    lines = [f"# Search engines side by side, N = {n:,}", ""]
    if imp:
        lines.append(f"- Import through `import_documents` with the tantivy backend: {imp['imported']:,} documents in"
                     f" {imp['import_seconds']} s = **{imp['import_docs_per_s']:,} docs/s** (register, search entries and"
                     " the engine's index included)")
    lines.append(f"- Index size: {r['index_size_mb']}; baseline built in {r['baseline_build']['seconds']} s")
    if "sqlite_reindex" in r:
        s = r["sqlite_reindex"]
        lines.append(f"- SQLite FTS5 rebuilt with `reindex`: {s['docs']:,} documents in {s['seconds']} s ({s['docs_per_s']:,} docs/s)")
    lines.append(f"- Load average at the end (2 cores shared with other engineers): {r.get('load_average')}")
    lines += ["", "Latency in ms over the 200 queries (ratio to the tantivy baseline's in-process figure):", "",
              "| engine | p50 | p95 | p99 |", "| --- | --- | --- | --- |",
              _row("tantivy baseline, in-process", base, None)]
    for name in ("tantivy", "sqlite"):
        if name not in r:
            continue
        e = r[name]
        lines.append(_row(f"{name}, in-process (first pass)", e["in_process_first"], base))
        lines.append(_row(f"{name}, in-process (second pass)", e["in_process"], base))
        lines.append(_row(f"{name}, API (test client)", e["api"], base))
    lines += ["", "By kind (in-process, second pass), p95 ms:", "",
              "| kind | baseline | " + " | ".join(k for k in ("tantivy", "sqlite") if k in r) + " |",
              "| --- | --- | " + " | ".join("---" for k in ("tantivy", "sqlite") if k in r) + " |"]
    for kind, fig in r["baseline"]["by_kind"].items():
        lines.append(f"| {kind} | {fig['p95_ms']} | " + " | ".join(str(r[k]["by_kind"][kind]["p95_ms"]) for k in ("tantivy", "sqlite") if k in r) + " |")
    for name in ("tantivy", "sqlite"):
        if name not in r:
            continue
        e = r[name]
        rel = e["relevance"]
        lines += ["", f"## {name}: result checks", ""]
        for placement, res in rel.items():
            lines.append(f"- planted relevance queries, documents {placement}: {res['in_top3']}/{res['queries']} in the top 3"
                         f" ({res['first']} first)")
        old = e["old_planted"]
        lines.append(f"- five old documents (dated before every other) whose titles hold both words of a broad query:"
                     f" **{old['in_top3']}/5 in the top 3** ({old['first']} first)")
        for d in old["details"]:
            lines.append(f"  - {d['q']}: {'yes' if d['in_top3'] else 'NO'} (total {d['total']:,})")
        if e.get("recall"):
            lines.append(f"- recall against an exact substring count over the searchable text (SQL LIKE over every public document; several-word queries are ANDed, so the engine may find more): **{e['recall']['recall']:.2%}**")
            for w in e["recall"]["words"]:
                lines.append(f"  - {w['word']}: substring {w['substring_count']:,}, engine {w['engine_total']:,}")
    return "\n".join(lines) + "\n"
