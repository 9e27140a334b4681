"""Reads of the gazette: the 20-working-day tracking list, staff lists, public issues and search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from gongkai.documents.models import Document, public_q
from gongkai.orgs.models import Organization
from gongkai.orgs.permissions import Capability, org_ids_with
from gongkai.workdays.services import get_calendar

from . import rules
from .models import GazetteEntry, GazetteIssue, IssueStatus


def candidates(org: Organization) -> QuerySet[Document]:
    """Published documents of ``org`` and its units that must reach its gazette (rules.should_reach_gazette)."""
    formal = (Q(org__kind__in=list(rules.GOVERNMENT_KINDS)) & ~Q(doc_number="")
              & ~Q(genre__in=list(rules.NOT_GAZETTE_GENRES)))
    return (Document.objects.public().filter(org_id__in=org.descendant_ids(), written_on__isnull=False)
            .filter(formal | Q(genre=rules.NORMATIVE_GENRE)).select_related("org"))


@dataclass
class TrackRow:
    document: Document
    due: dt.date
    provisional: bool
    issue: GazetteIssue | None
    state: str

    @property
    def label(self) -> str:
        return rules.TIMELINESS_LABELS[self.state]


_STATE_ORDER = {rules.Timeliness.OVERDUE: 0, rules.Timeliness.DUE_SOON: 1, rules.Timeliness.PENDING: 2,
                rules.Timeliness.LATE: 3, rules.Timeliness.ON_TIME: 4}


def tracking(org: Organization, *, today: dt.date | None = None, since: dt.date | None = None) -> list[TrackRow]:
    """Every candidate formed since ``since`` (default: a year ago) with its due date and state, overdue first.

    A document counts as printed when its issue is published; an issue still being edited does not.
    """
    today = today or timezone.localdate()
    since = since or today - dt.timedelta(days=366)
    calendar = get_calendar(org)  # the government's own calendar (local days included)
    docs = list(candidates(org).filter(written_on__gte=since).select_related("gazette_entry__issue"))
    rows = []
    for doc in docs:
        due, provisional = rules.due_date(doc.written_on, calendar)
        entry = getattr(doc, "gazette_entry", None)
        issue = entry.issue if entry is not None else None
        printed_on = issue.issue_date if issue is not None and issue.status == IssueStatus.PUBLISHED else None
        rows.append(TrackRow(doc, due, provisional, issue, rules.timeliness(due, printed_on, today)))
    rows.sort(key=lambda r: (_STATE_ORDER[r.state], r.due, r.document.pk))
    return rows


def overdue(org: Organization, *, today: dt.date | None = None) -> list[TrackRow]:
    return [r for r in tracking(org, today=today) if r.state == rules.Timeliness.OVERDUE]


def gazette_orgs_for(user) -> QuerySet[Organization]:
    """Governments whose gazette ``user`` may edit (an office or officer role there or above)."""
    return Organization.objects.filter(pk__in=org_ids_with(user, Capability.EDIT_GAZETTE),
                                       kind="county_government").order_by("position", "id")


def issues_for(user) -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(org_id__in=org_ids_with(user, Capability.EDIT_GAZETTE)).select_related("org")


def issue_for(user, pk) -> GazetteIssue:
    try:
        return issues_for(user).get(pk=pk)
    except (GazetteIssue.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("公报不存在") from exc


def issue_sections(issue: GazetteIssue) -> list[tuple[str, list[GazetteEntry]]]:
    """The issue's entries grouped by category, in the table of contents' order."""
    entries = list(issue.entries.select_related("document", "document__org"))
    order = {p.key: i for i, p in enumerate(rules.toc_order(
        rules.Placed(e.category, e.position, e.pk) for e in entries))}
    entries.sort(key=lambda e: order[e.pk])
    return [(category, list(group)) for category, group in groupby(entries, key=lambda e: e.category)]


def addable(issue: GazetteIssue, *, today: dt.date | None = None) -> list[TrackRow]:
    """Candidates not yet in any issue, the most urgent first (what the editor adds to this issue)."""
    return [r for r in tracking(issue.org, today=today) if r.issue is None]


# ---------------------------------------------------------------------------------------------
# Public
# ---------------------------------------------------------------------------------------------


def public_issues(org: Organization) -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(org=org, status=IssueStatus.PUBLISHED).select_related("org")


def public_years(org: Organization) -> list[int]:
    return sorted(set(public_issues(org).values_list("year", flat=True)), reverse=True)


def public_issue(org: Organization, year: int, number: int) -> GazetteIssue:
    try:
        return public_issues(org).get(year=year, number=number)
    except GazetteIssue.DoesNotExist as exc:
        raise Http404("公报不存在") from exc


def printed_in(document: Document) -> GazetteIssue | None:
    """The published gazette issue that printed ``document`` (for the document page), or None."""
    entry = (GazetteEntry.objects.filter(document=document, issue__status=IssueStatus.PUBLISHED)
             .select_related("issue__org").first())
    return entry.issue if entry else None


def search(org: Organization, q: str) -> QuerySet[GazetteEntry]:
    """Full-text search within the published gazette: title, 发文字号 and text of every printed document."""
    words = [w for w in q.split() if w][:5]
    qs = GazetteEntry.objects.filter(public_q("document__"), issue__org=org, issue__status=IssueStatus.PUBLISHED)
    for word in words:
        qs = qs.filter(Q(document__title__icontains=word) | Q(document__doc_number__icontains=word)
                       | Q(document__body__icontains=word))
    return qs.select_related("issue", "issue__org", "document", "document__org").order_by(
        "-issue__year", "-issue__number", "position")
