"""The annual report's tables and checks as pure functions over plain rows (rules.md §5, contracts.md).

Nothing here touches the database: selectors.py aggregates in SQL into the same row shapes
(`RequestCount`, `DocumentCount`), and tests feed hand-made records through the same code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gongkai.foi.choices import ApplicantType, Outcome

APPLICANT_COLUMNS: tuple[str, ...] = tuple(ApplicantType.values)
COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, "total")
OUTCOME_CODES: tuple[str, ...] = tuple(Outcome.values)
REQUEST_ROWS: tuple[str, ...] = ("new", "carried_over", *OUTCOME_CODES, "total_processed", "carried_forward")

RULE_GENRE = "规章"
NORMATIVE_GENRE = "行政规范性文件"
# A 规章 or 行政规范性文件 stops being in force when it is repealed (废止) or declared expired (失效);
# both count as 本年废止 — the 清理 of normative documents announces them together.
ENDED_VALIDITY = frozenset({"repealed", "expired"})

MIN_YEAR, MAX_YEAR = 2008, 2100  # the 条例 is in force since 2008-05-01

REVIEW_KINDS: tuple[str, ...] = ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
REVIEW_RESULTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")


# ---------------------------------------------------------------------------------------------
# Section 三: requests
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRecord:
    """One disclosure request as the report sees it."""

    applicant_type: str
    received_on: date
    replied_on: date | None = None
    outcome: str = ""


@dataclass(frozen=True)
class RequestCount:
    """Counts for one (applicant type, outcome) pair in a year — the shape SQL aggregation returns."""

    applicant_type: str
    outcome: str
    new: int = 0
    carried_over: int = 0
    processed: int = 0
    carried_forward: int = 0


@dataclass
class RequestTable:
    rows: dict[str, list[int]]
    missing_outcome: list[int] = field(default_factory=lambda: [0] * len(COLUMNS))
    unknown_applicant_type: int = 0
    unknown_outcome: int = 0


def classify_request(record: RequestRecord, year: int) -> RequestCount:
    """Where one request falls in ``year``'s table (contracts.md "Annual report").

    New in the year of receipt; carried over when received before the year and not replied before
    it started; processed in the year of its reply; carried forward while unreplied at year end.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    received, replied = record.received_on, record.replied_on
    return RequestCount(
        applicant_type=record.applicant_type,
        outcome=record.outcome or "",
        new=int(start <= received <= end),
        carried_over=int(received < start and (replied is None or replied >= start)),
        processed=int(replied is not None and start <= replied <= end),
        carried_forward=int(received <= end and (replied is None or replied > end)),
    )


def counts_from_records(records: Iterable[RequestRecord], year: int) -> list[RequestCount]:
    """Aggregate individual records into per-(applicant type, outcome) counts, like the SQL does."""
    totals: dict[tuple[str, str], list[int]] = {}
    for record in records:
        c = classify_request(record, year)
        if not (c.new or c.carried_over or c.processed or c.carried_forward):
            continue
        bucket = totals.setdefault((c.applicant_type, c.outcome), [0, 0, 0, 0])
        for i, v in enumerate((c.new, c.carried_over, c.processed, c.carried_forward)):
            bucket[i] += v
    return [RequestCount(a, o, *v) for (a, o), v in sorted(totals.items())]


def request_table(counts: Iterable[RequestCount]) -> RequestTable:
    """The 7-column request table (six applicant types + 总计) from aggregated counts."""
    rows = {name: [0] * len(COLUMNS) for name in REQUEST_ROWS}
    table = RequestTable(rows=rows)
    index = {code: i for i, code in enumerate(APPLICANT_COLUMNS)}
    outcomes = set(OUTCOME_CODES)
    for c in counts:
        col = index.get(c.applicant_type)
        if col is None:
            table.unknown_applicant_type += c.new + c.carried_over + c.processed + c.carried_forward
            continue
        rows["new"][col] += c.new
        rows["carried_over"][col] += c.carried_over
        rows["carried_forward"][col] += c.carried_forward
        if c.processed:
            if not c.outcome:
                table.missing_outcome[col] += c.processed
            elif c.outcome in outcomes:
                rows[c.outcome][col] += c.processed
            else:
                table.unknown_outcome += c.processed
    for code in OUTCOME_CODES:
        for col in range(len(APPLICANT_COLUMNS)):
            rows["total_processed"][col] += rows[code][col]
    for values in (*rows.values(), table.missing_outcome):
        values[-1] = sum(values[:-1])
    return table


def sum_request_rows(tables: Iterable[dict[str, list[int]]]) -> dict[str, list[int]]:
    """Column-wise sum of several request tables (a county's roll-up of its units)."""
    out = {name: [0] * len(COLUMNS) for name in REQUEST_ROWS}
    for rows in tables:
        for name in REQUEST_ROWS:
            out[name] = [a + b for a, b in zip(out[name], rows[name], strict=True)]
    return out


# ---------------------------------------------------------------------------------------------
# Section 二: proactive disclosure
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRecord:
    """A 规章 or 行政规范性文件: its genre, issue date, current validity and dated validity changes."""

    genre: str
    issued_on: date | None
    validity: str = "in_force"
    events: tuple[tuple[date, str], ...] = ()


@dataclass(frozen=True)
class DocumentCount:
    genre: str
    issued: int = 0
    repealed: int = 0
    in_force: int = 0


def validity_on(record: DocumentRecord, day: date) -> str:
    """The validity of a document at the end of ``day``.

    The latest event on or before ``day`` decides; before its first recorded change a document was in
    force; a document with no recorded change has its current validity (e.g. imported as repealed).
    """
    past = [e for e in record.events if e[0] <= day]
    if past:
        return max(past)[1]
    if record.events:
        return "in_force"
    return record.validity or "in_force"


def document_counts(records: Iterable[DocumentRecord], year: int) -> list[DocumentCount]:
    """本年制发件数, 本年废止件数, 现行有效件数 per genre."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    totals = {RULE_GENRE: [0, 0, 0], NORMATIVE_GENRE: [0, 0, 0]}
    for record in records:
        bucket = totals.get(record.genre)
        if bucket is None or record.issued_on is None:
            continue
        bucket[0] += int(start <= record.issued_on <= end)
        bucket[1] += int(any(start <= d <= end and s in ENDED_VALIDITY for d, s in record.events))
        bucket[2] += int(record.issued_on <= end and validity_on(record, end) not in ENDED_VALIDITY)
    return [DocumentCount(g, *v) for g, v in totals.items()]


def wan_yuan(value: Decimal | str | int | float | None) -> str:
    """An amount in 万元 as the report prints it: two decimals, e.g. "0.00"."""
    try:
        amount = Decimal(str(value if value is not None else 0))
    except InvalidOperation as exc:
        raise ValueError(f"收费金额“{value}”不是有效的数字。") from exc
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def proactive_section(
    documents: Iterable[DocumentCount], *, licensing: int = 0, penalty: int = 0, enforcement: int = 0,
    fees_wan_yuan: Decimal | str | int = 0,
) -> dict:
    by_genre = {d.genre: [d.issued, d.repealed, d.in_force] for d in documents}
    return {
        "rules": by_genre.get(RULE_GENRE, [0, 0, 0]),
        "normative_documents": by_genre.get(NORMATIVE_GENRE, [0, 0, 0]),
        "licensing": int(licensing),
        "penalty": int(penalty),
        "enforcement": int(enforcement),
        "fees_wan_yuan": wan_yuan(fees_wan_yuan),
    }


# ---------------------------------------------------------------------------------------------
# Section 四: administrative reconsideration and litigation
# ---------------------------------------------------------------------------------------------


def review_section(rows: Iterable[tuple[str, str, int]]) -> dict[str, list[int]]:
    """[维持, 纠正, 其他, 尚未审结, 总计] per kind from (kind, result, count) rows."""
    out = {kind: [0] * (len(REVIEW_RESULTS) + 1) for kind in REVIEW_KINDS}
    for kind, result, count in rows:
        if kind in out and result in REVIEW_RESULTS:
            out[kind][REVIEW_RESULTS.index(result)] += count
    for values in out.values():
        values[-1] = sum(values[:-1])
    return out


# ---------------------------------------------------------------------------------------------
# The whole report and its checks
# ---------------------------------------------------------------------------------------------


def annual_json(*, org: str, year: int, proactive: dict, requests: dict[str, list[int]],
                reviews: dict[str, list[int]]) -> dict:
    """The contracts.md JSON, keys in the documented order."""
    return {
        "org": org,
        "year": year,
        "proactive": {key: proactive[key] for key in
                      ("rules", "normative_documents", "licensing", "penalty", "enforcement", "fees_wan_yuan")},
        "requests": {"columns": list(COLUMNS), "rows": {name: list(requests[name]) for name in REQUEST_ROWS}},
        "reviews": {kind: list(reviews[kind]) for kind in REVIEW_KINDS},
    }


@dataclass(frozen=True)
class Check:
    code: str
    ok: bool
    message: str


def check_report(data: dict, *, missing_outcome: int = 0, unknown: int = 0) -> list[Check]:
    """The consistency checks printed with the tables; any failure blocks publishing."""
    rows = data["requests"]["rows"]
    labels = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    checks: list[Check] = []

    bad = [labels[i] for i in range(len(COLUMNS))
           if rows["new"][i] + rows["carried_over"][i] != rows["total_processed"][i] + rows["carried_forward"][i]]
    checks.append(Check("balance", not bad, "每一列均满足：一 + 二 = （七）总计 + 四。" if not bad
                        else f"以下列不满足“一 + 二 = （七）总计 + 四”：{'、'.join(bad)}。"))

    bad_rows = [name for name in REQUEST_ROWS if rows[name][-1] != sum(rows[name][:-1])]
    checks.append(Check("column_totals", not bad_rows, "总计列等于六类申请人之和。" if not bad_rows
                        else f"{len(bad_rows)} 行的总计列不等于各类申请人之和。"))

    sums = [sum(rows[code][i] for code in OUTCOME_CODES) for i in range(len(COLUMNS))]
    ok = sums == rows["total_processed"]
    checks.append(Check("processed_total", ok, "（七）总计等于各项办理结果之和。" if ok
                        else "（七）总计不等于各项办理结果之和。"))

    bad_kinds = [k for k, v in data["reviews"].items() if v[-1] != sum(v[:-1])]
    checks.append(Check("review_totals", not bad_kinds, "行政复议、行政诉讼的总计等于各项结果之和。" if not bad_kinds
                        else "行政复议或行政诉讼的总计不等于各项结果之和。"))

    negative = any(n < 0 for values in rows.values() for n in values)
    checks.append(Check("non_negative", not negative, "没有负数。" if not negative else "表中出现负数，请核对数据。"))

    checks.append(Check("outcomes", missing_outcome == 0 and unknown == 0,
                        "所有已答复的申请都有办理结果。" if missing_outcome == 0 and unknown == 0 else
                        f"有 {missing_outcome + unknown} 件已答复的申请没有有效的办理结果或申请人类型，请先补录。"))
    return checks


def failing(checks: Iterable[Check]) -> list[Check]:
    return [c for c in checks if not c.ok]


# ---------------------------------------------------------------------------------------------
# Deadlines (rules.md §5, 条例 Art. 49)
# ---------------------------------------------------------------------------------------------

# Kinds that publish on the government schedule (31 March); townships follow their county.
GOVERNMENT_KINDS = frozenset({"county_government", "township", "street_office", "village"})


def report_deadline(org_kind: str, year: int) -> date:
    """Last day to publish ``year``'s report: departments 31 January, governments 31 March."""
    if org_kind in GOVERNMENT_KINDS:
        return date(year + 1, 3, 31)
    return date(year + 1, 1, 31)


def report_state(*, org_kind: str, year: int, published_on: date | None, today: date) -> str:
    """"published", "published_late", "late" or "pending" for the county's roll-up."""
    deadline = report_deadline(org_kind, year)
    if published_on is not None:
        return "published" if published_on <= deadline else "published_late"
    return "late" if today > deadline else "pending"
