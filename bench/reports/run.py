"""Annual report generation benchmark: one organization with 100,000 requests and 50,000 documents.

Builds the data in a dedicated PostgreSQL database (dropped and recreated; default
postgres://postgres@127.0.0.1:5432/gongkai_bench_reports), then times every output format of
`gongkai.reports` for the busiest year, several rounds each, and writes bench/results/reports.{json,md}.
Target (issue 5): JSON under 2 s on PostgreSQL.

    .venv/bin/python -m bench.reports.run [--requests N] [--documents N] [--rounds N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parents[1] / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench_reports"
TARGET_JSON_SECONDS = 2.0
YEAR = 2024


def _recreate_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup_django(url: str) -> None:
    os.environ["GONGKAI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _populate(n_requests: int, n_documents: int, seed: int = 5) -> dict:
    from gongkai.catalog.models import Column
    from gongkai.catalog.services import apply_template
    from gongkai.documents.models import Document, ValidityEvent
    from gongkai.foi.choices import ApplicantType, Channel, Outcome
    from gongkai.foi.models import DisclosureRequest
    from gongkai.orgs.models import Organization, OrgKind
    from gongkai.reports.models import AnnualFigures, ReviewCase

    rnd = random.Random(seed)
    org = Organization.objects.create(code="bench-county", name="基准测试县人民政府", kind=OrgKind.COUNTY_GOVERNMENT)
    apply_template(org)
    columns = list(Column.objects.filter(org=org))
    applicant_types = ApplicantType.values
    weights = [70, 12, 2, 3, 8, 5]
    outcomes = Outcome.values
    channels = Channel.values
    start = date(YEAR - 2, 1, 1)
    t0 = time.perf_counter()
    batch = []
    for i in range(n_requests):
        received = start + timedelta(days=rnd.randrange(3 * 365))
        replied = received + timedelta(days=rnd.randrange(1, 45)) if rnd.random() < 0.97 else None
        if replied and replied > date(YEAR + 1, 6, 30):
            replied = None
        batch.append(DisclosureRequest(
            org=org, number=f"B{i:07d}", applicant_type=rnd.choices(applicant_types, weights)[0],
            channel=rnd.choice(channels), received_on=received, replied_on=replied,
            outcome=rnd.choice(outcomes) if replied else "", status="replied" if replied else "registered",
            due_on=received + timedelta(days=28), imported=True,
        ))
        if len(batch) == 5000:
            DisclosureRequest.objects.bulk_create(batch)
            batch = []
    DisclosureRequest.objects.bulk_create(batch)
    requests_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    genres = ["行政规范性文件"] * 5 + ["规章"] + ["通知"] * 40 + ["工作动态"] * 54
    batch = []
    for i in range(n_documents):
        written = start + timedelta(days=rnd.randrange(3 * 365))
        batch.append(Document(
            org=org, column=rnd.choice(columns), title=f"基准文件{i}", agency=org.name, genre=rnd.choice(genres),
            validity="in_force", written_on=written, published_on=written + timedelta(days=rnd.randrange(0, 10)),
            status="published", index_number=f"bench/{i:07d}",
        ))
        if len(batch) == 5000:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    normative = list(Document.objects.filter(org=org, genre__in=["规章", "行政规范性文件"]).values_list("pk", flat=True))
    events = [ValidityEvent(document_id=pk, status=rnd.choice(["repealed", "expired", "amended"]),
                            effective_on=date(YEAR - 1, 1, 1) + timedelta(days=rnd.randrange(2 * 365)))
              for pk in rnd.sample(normative, len(normative) // 5)]
    ValidityEvent.objects.bulk_create(events)
    documents_seconds = time.perf_counter() - t0
    AnnualFigures.objects.create(org=org, year=YEAR, licensing=1203, penalty=88, enforcement=6, fees_wan_yuan="12.40")
    ReviewCase.objects.bulk_create([ReviewCase(org=org, year=YEAR, kind=k, result=r)
                                    for k in ("reconsideration", "litigation_direct") for r in ("upheld", "pending")])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"org": org, "populate_requests_s": round(requests_seconds, 2),
            "populate_documents_s": round(documents_seconds, 2), "validity_events": len(events)}


def _time(fn, rounds: int) -> dict:
    samples = []
    result = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t0)
    return {"median_s": round(statistics.median(samples), 4), "max_s": round(max(samples), 4),
            "min_s": round(min(samples), 4), "rounds": rounds, "bytes": len(result) if result else 0}


def _measure(org, rounds: int) -> dict:
    from django.db import connection

    from gongkai.reports import exports, selectors

    def json_only():
        annual = selectors.annual_data(org, YEAR)
        return exports.to_json(exports.ReportContent(org.name, YEAR, annual.data))

    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        json_only()
    out = {"json": {**_time(json_only, rounds), "queries": len(executed)}}
    for fmt in ("html", "docx", "xlsx", "pdf"):
        out[fmt] = _time(lambda fmt=fmt: exports.render(selectors.report_content(org, YEAR)[1], fmt), rounds)
    data = selectors.annual_data(org, YEAR)
    out["_checks_ok"] = not data.failing
    out["_totals"] = {"new": data.data["requests"]["rows"]["new"][-1],
                      "processed": data.data["requests"]["rows"]["total_processed"][-1],
                      "carried_forward": data.data["requests"]["rows"]["carried_forward"][-1],
                      "normative_documents": data.data["proactive"]["normative_documents"]}
    return out


def _markdown(result: dict) -> str:
    lines = [
        "# Annual report generation benchmark",
        "",
        f"One organization, {result['requests']:,} requests and {result['documents']:,} documents, year {YEAR}, "
        f"PostgreSQL ({result['database']}). Median of {result['rounds']} rounds.",
        "",
        "| format | median s | max s | size (bytes) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for fmt in ("json", "html", "docx", "xlsx", "pdf"):
        r = result["timings"][fmt]
        lines.append(f"| {fmt} | {r['median_s']:.3f} | {r['max_s']:.3f} | {r['bytes']:,} |")
    t = result["timings"]
    lines += [
        "",
        f"JSON: {t['json']['queries']} SQL queries; target < {TARGET_JSON_SECONDS} s: "
        f"{'met' if result['json_target_met'] else 'NOT met'}. Consistency checks pass: {t['_checks_ok']}.",
        f"Year totals: {json.dumps(t['_totals'], ensure_ascii=False)}.",
        f"Data load: requests {result['populate']['populate_requests_s']} s, documents "
        f"{result['populate']['populate_documents_s']} s. Machine: {result['machine']}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("GONGKAI_BENCH_REPORTS_URL", DEFAULT_URL))
    parser.add_argument("--output", type=Path, default=RESULTS_DIR)
    parser.add_argument("--quick", action="store_true", help="10,000 requests, 5,000 documents, 2 rounds")
    args = parser.parse_args(argv)
    if args.quick:
        args.requests, args.documents, args.rounds = 10_000, 5_000, 2
    _recreate_database(args.database_url)
    _setup_django(args.database_url)
    populate = _populate(args.requests, args.documents)
    org = populate.pop("org")
    timings = _measure(org, args.rounds)
    result = {
        "benchmark": "reports", "requests": args.requests, "documents": args.documents, "rounds": args.rounds,
        "year": YEAR, "database": "postgresql", "timings": timings, "populate": populate,
        "json_target_s": TARGET_JSON_SECONDS, "json_target_met": timings["json"]["median_s"] < TARGET_JSON_SECONDS,
        "machine": f"{platform.machine()} {os.cpu_count()} CPU, Python {platform.python_version()}",
    }
    args.output.mkdir(parents=True, exist_ok=True)
    suffix = "" if not args.quick else "-quick"
    (args.output / f"reports{suffix}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                                       encoding="utf-8")
    (args.output / f"reports{suffix}.md").write_text(_markdown(result), encoding="utf-8")
    print(_markdown(result))
    return 0 if result["json_target_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
