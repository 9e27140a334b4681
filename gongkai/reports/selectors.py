"""Reads for the annual report: aggregate SQL into the row shapes of rules.py.

Each section is one GROUP BY query with conditional counts, so a report over 100,000 requests and
50,000 documents costs a handful of queries whatever the volume (bench/reports measures it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from gongkai.documents.models import Document, Status, ValidityEvent
from gongkai.foi.models import DisclosureRequest
from gongkai.normative.selectors import annual_counts as normative_counts
from gongkai.orgs.models import Organization

from . import rules
from .models import AnnualFigures, AnnualReport, ReviewCase


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def request_counts(org_ids: Iterable[int], year: int, *, by_org: bool = False) -> list:
    """Per (applicant type, outcome) counts of ``year``; with ``by_org`` a list of (org_id, RequestCount)."""
    start, end = _bounds(year)
    replied_in_year = Q(replied_on__gte=start, replied_on__lte=end)
    open_at_start = Q(replied_on__isnull=True) | Q(replied_on__gte=start)
    open_at_end = Q(replied_on__isnull=True) | Q(replied_on__gt=end)
    keys = ["org_id", "applicant_type", "outcome"] if by_org else ["applicant_type", "outcome"]
    qs = (
        DisclosureRequest.objects.filter(org_id__in=list(org_ids), received_on__lte=end)
        .filter(Q(received_on__gte=start) | open_at_start)
        .values(*keys)
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_over=Count("pk", filter=Q(received_on__lt=start) & open_at_start),
            processed=Count("pk", filter=replied_in_year),
            carried_forward=Count("pk", filter=open_at_end),
        )
        .order_by(*keys)
    )
    out = []
    for row in qs:
        count = rules.RequestCount(row["applicant_type"], row["outcome"] or "", row["new"], row["carried_over"],
                                   row["processed"], row["carried_forward"])
        out.append((row["org_id"], count) if by_org else count)
    return out


def _issued_on():
    return Coalesce(F("written_on"), F("published_on"))


def document_counts(org_ids: Iterable[int], year: int) -> list[rules.DocumentCount]:
    """规章 / 行政规范性文件: issued, repealed and in force.

    A 行政规范性文件 is counted from the normative register (its dated lifecycle: 施行, 修改, 废止, 失效); a
    规章, or a normative-genre document the register does not hold (nothing published since the register
    exists is in that case), from the documents and their validity history.
    """
    org_ids = list(org_ids)
    counts = {c.genre: c for c in _history_counts(org_ids, year)}
    issued, repealed, in_force = normative_counts(org_ids, year)
    legacy = counts.get(rules.NORMATIVE_GENRE, rules.DocumentCount(rules.NORMATIVE_GENRE))
    counts[rules.NORMATIVE_GENRE] = rules.DocumentCount(rules.NORMATIVE_GENRE, legacy.issued + issued,
                                                        legacy.repealed + repealed, legacy.in_force + in_force)
    return [counts[g] for g in sorted(counts)]


def _history_counts(org_ids: list[int], year: int) -> list[rules.DocumentCount]:
    start, end = _bounds(year)
    ended = list(rules.ENDED_VALIDITY)
    events = ValidityEvent.objects.filter(document=OuterRef("pk"))
    state_at_end = Coalesce(
        Subquery(events.filter(effective_on__lte=end).order_by("-effective_on", "-id").values("status")[:1]),
        # Before its first recorded change a document was in force; without any, its current validity.
        Case(When(Exists(events), then=Value("in_force")), default=F("validity")),
    )
    qs = (
        Document.objects.filter(org_id__in=org_ids, status=Status.PUBLISHED)
        .filter(Q(genre=rules.RULE_GENRE) | Q(genre=rules.NORMATIVE_GENRE, normative__isnull=True))
        .annotate(issued_on=_issued_on())
        .filter(issued_on__isnull=False, issued_on__lte=end)
        .annotate(
            state_at_end=state_at_end,
            repealed_in_year=Exists(events.filter(effective_on__gte=start, effective_on__lte=end, status__in=ended)),
        )
        .values("genre")
        .annotate(
            issued=Count("pk", filter=Q(issued_on__gte=start)),
            repealed=Count("pk", filter=Q(repealed_in_year=True)),
            in_force=Count("pk", filter=~Q(state_at_end__in=ended)),
        )
        .order_by("genre")
    )
    return [rules.DocumentCount(r["genre"], r["issued"], r["repealed"], r["in_force"]) for r in qs]


def review_rows(org_ids: Iterable[int], year: int) -> list[tuple[str, str, int]]:
    qs = (ReviewCase.objects.filter(org_id__in=list(org_ids), year=year)
          .values("kind", "result").annotate(n=Count("pk")).order_by("kind", "result"))
    return [(r["kind"], r["result"], r["n"]) for r in qs]


def figures_sum(org_ids: Iterable[int], year: int) -> dict:
    agg = AnnualFigures.objects.filter(org_id__in=list(org_ids), year=year).aggregate(
        licensing=Coalesce(Sum("licensing"), 0), penalty=Coalesce(Sum("penalty"), 0),
        enforcement=Coalesce(Sum("enforcement"), 0), fees_wan_yuan=Sum("fees_wan_yuan"),
    )
    agg["fees_wan_yuan"] = agg["fees_wan_yuan"] or Decimal("0")
    return agg


@dataclass
class AnnualData:
    """Everything the report shows: the contract JSON, the raw request table and the checks."""

    org: Organization
    year: int
    data: dict
    request_table: rules.RequestTable
    checks: list[rules.Check]

    @property
    def failing(self) -> list[rules.Check]:
        return rules.failing(self.checks)


def annual_data(org: Organization, year: int, *, org_ids: Iterable[int] | None = None) -> AnnualData:
    """The report of ``org`` for ``year``; ``org_ids`` sums several units (a county's roll-up)."""
    ids = list(org_ids) if org_ids is not None else [org.pk]
    table = rules.request_table(request_counts(ids, year))
    proactive = rules.proactive_section(document_counts(ids, year), **figures_sum(ids, year))
    reviews = rules.review_section(review_rows(ids, year))
    data = rules.annual_json(org=org.code, year=year, proactive=proactive, requests=table.rows, reviews=reviews)
    checks = rules.check_report(data, missing_outcome=table.missing_outcome[-1],
                                unknown=table.unknown_outcome + table.unknown_applicant_type)
    return AnnualData(org=org, year=year, data=data, request_table=table, checks=checks)


def report_for(org: Organization, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(org=org, year=year).select_related("published_document").first()


def published_on(report: AnnualReport | None) -> date | None:
    """The day the report reached the portal, or None while it has not."""
    doc = report.published_document if report else None
    if doc is not None and doc.status == Status.PUBLISHED:
        return doc.published_on
    return None


def report_content(org: Organization, year: int):
    """(AnnualData, exports.ReportContent): the figures plus the saved texts, or prefilled ones."""
    from .exports import ReportContent
    from .texts import prefill

    annual = annual_data(org, year)
    report = report_for(org, year)
    texts = prefill(org, year, annual.data)
    if report is not None:
        texts = {key: getattr(report, key) or texts[key] for key in texts}
    return annual, ReportContent(org_name=org.name, year=year, data=annual.data, **texts)
