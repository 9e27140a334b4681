"""Staff statistics: counts the annual report and the county's oversight quote, as charts and CSV.

Every chart is a `Chart` of (label, value) rows computed with one GROUP BY query; the template draws
it as server-side SVG with the same numbers in a table, and the CSV view writes the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth

from gongkai.documents.models import Document, Status
from gongkai.foi.choices import ApplicantType, Channel, Outcome
from gongkai.foi.choices import Status as RequestStatus
from gongkai.foi.models import DisclosureRequest
from gongkai.orgs.models import Organization

BAR_WIDTH = 360  # px of the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int
    y: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    rows: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(v for _l, v in self.rows)

    @property
    def bars(self) -> list[Bar]:
        """Bar geometry for the SVG: widths proportional to the largest value, 24 px per row."""
        top = max((v for _l, v in self.rows), default=0) or 1
        return [Bar(label, value, round(value * BAR_WIDTH / top), i * 24) for i, (label, value) in
                enumerate(self.rows)]

    @property
    def height(self) -> int:
        return max(24 * len(self.rows), 24)


def _labelled(rows: Iterable[tuple[str, int]], labels: dict[str, str]) -> list[tuple[str, int]]:
    counts = dict(rows)
    ordered = [(labels[k], counts.get(k, 0)) for k in labels]
    ordered += [(k or "（未填）", v) for k, v in counts.items() if k not in labels]
    return ordered


def _requests(org_ids: list[int], year: int):
    return DisclosureRequest.objects.filter(org_id__in=org_ids, received_on__year=year)


def _documents(org_ids: list[int], year: int):
    return Document.objects.filter(org_id__in=org_ids, status=Status.PUBLISHED, published_on__year=year)


def charts(org_ids: Iterable[int], year: int, *, today: date) -> list[Chart]:
    ids = list(org_ids)
    docs = _documents(ids, year)
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))
    by_org = docs.values("org_id").annotate(n=Count("pk")).order_by("-n")
    by_column = (docs.values("org_id", "column__name").annotate(n=Count("pk")).order_by("-n")[:20])
    by_month = dict(docs.annotate(m=ExtractMonth("published_on")).values("m").annotate(n=Count("pk"))
                    .values_list("m", "n"))
    reqs = _requests(ids, year)

    def grouped(field: str) -> list[tuple[str, int]]:
        return list(reqs.values(field).annotate(n=Count("pk")).order_by(field).values_list(field, "n"))

    outcome_rows = [(o, n) for o, n in grouped("outcome") if o]
    open_requests = DisclosureRequest.objects.filter(org_id__in=ids, replied_on__isnull=True)
    overdue = [
        ("未答复且已超期", open_requests.filter(due_on__lt=today).count()),
        ("未答复、未超期", open_requests.filter(Q(due_on__gte=today) | Q(due_on__isnull=True)).count()),
        ("本年答复超期", DisclosureRequest.objects.filter(org_id__in=ids, replied_on__year=year,
                                                       replied_on__gt=F("due_on")).count()),
    ]
    multi = len(ids) > 1
    return [
        Chart("items_by_org", "各机构主动公开信息数（条）",
              [(names.get(r["org_id"], str(r["org_id"])), r["n"]) for r in by_org]),
        Chart("items_by_column", "各栏目发布信息数（前20个栏目，条）",
              [((f"{names.get(r['org_id'], '')} · " if multi else "") + (r["column__name"] or ""), r["n"])
               for r in by_column]),
        Chart("items_by_month", "每月发布信息数（条）", [(f"{m}月", by_month.get(m, 0)) for m in range(1, 13)]),
        Chart("requests_by_status", "依申请公开：办理状态（件）",
              _labelled(grouped("status"), {k: str(v) for k, v in RequestStatus.choices})),
        Chart("requests_by_outcome", "依申请公开：办理结果（件）",
              _labelled(outcome_rows, {k: str(v) for k, v in Outcome.choices})),
        Chart("requests_by_channel", "依申请公开：申请渠道（件）",
              _labelled(grouped("channel"), {k: str(v) for k, v in Channel.choices})),
        Chart("requests_by_applicant", "依申请公开：申请人类型（件）",
              _labelled(grouped("applicant_type"), {k: str(v) for k, v in ApplicantType.choices})),
        Chart("requests_overdue", "依申请公开：超期情况（件）", overdue),
    ]


CHART_KEYS = ("items_by_org", "items_by_column", "items_by_month", "requests_by_status", "requests_by_outcome",
              "requests_by_channel", "requests_by_applicant", "requests_overdue")
