"""The backend interface and the SQL both relational backends share (filters on search_searchentry)."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.conf import settings

from ..models import SearchEntry

# Ranking multipliers (see docs in services.search): title hits first, in-force and recent favoured.
TITLE_BOOST = 3.0
VALIDITY_BOOST = {"in_force": 1.1, "expired": 0.9, "repealed": 0.9}
RECENCY_BOOST = 0.15  # up to +15 % for this year's documents, fading over ten years
FACETS = ("org", "year", "genre")
# A query reads at most COUNT_CAP matches, newest first (publication date, then document id), for its
# total and facet counts; beyond that the total is shown as "COUNT_CAP+" and facets count those newest
# matches. Relevance ranking (bm25 / ts_rank_cd, title boost, phrase check) runs on the newest RANK_CAP
# matches, so a common one-word query never ranks 100,000 rows and favours current documents; a rare
# query ranks all its matches whatever their age. Sorting by date always covers every match.
COUNT_CAP = 2000
RANK_CAP = 600


@dataclass
class IndexRow:
    """What a backend stores for one public document: filter fields and plain (cleaned) texts."""

    entry: SearchEntry
    title: str
    body: str
    meta: str


@dataclass
class SearchParams:
    terms: list[str]
    phrases: list[str] = field(default_factory=list)
    org_id: int | None = None
    column_id: int | None = None
    year: int | None = None
    genre: str = ""
    validity: str = ""
    subject: str = ""
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    exclude_ids: list[int] = field(default_factory=list)


@dataclass
class Hit:
    document_id: int
    title_html: str
    snippet: str


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict] = field(default_factory=dict)
    # True when there are more matches than were counted: ``total`` is then a lower bound.
    capped: bool = False
    # True when nothing matched every word and these are the best partial matches.
    partial: bool = False


class SearchBackend(ABC):
    name = ""

    @abstractmethod
    def index(self, rows: list[IndexRow]) -> None:
        """Insert or replace the rows (their entries included)."""

    def remove(self, document_ids: list[int]) -> None:
        SearchEntry.objects.filter(document_id__in=document_ids).delete()

    @abstractmethod
    def clear(self) -> None:
        """Empty the whole index."""

    @abstractmethod
    def search(self, params: SearchParams) -> SearchResult:
        """Run a parsed query; ``params.terms`` is never empty."""

    def size_bytes(self) -> int:
        """Approximate on-disk size of the index (for the benchmark report)."""
        return 0


class WindowedSqlBackend(SearchBackend):
    """A database full-text backend that ranks a window of candidates and checks quoted phrases in SQL.

    An engine that matches phrases in its own index (tantivy) does not derive from this class.
    """

    @abstractmethod
    def _phrase_filter(self, cursor, ids: list[int], phrases: list[str]) -> set[int]:
        """Ids among ``ids`` whose title or body contains every phrase literally (each backend's stored text)."""

    def phrase_window(self, cursor, rows: list, params: SearchParams, more: bool) -> tuple[list, bool]:
        """Keep, within the ranking window only, the candidate rows (id first) that contain the quoted phrases."""
        if not params.phrases:
            return rows, more
        window = rows[: rank_limit(params)]
        ok = self._phrase_filter(cursor, [r[0] for r in window], params.phrases)
        return [r for r in window if r[0] in ok], more or len(rows) > len(window)


def filter_sql(params: SearchParams, *, with_exclude: bool = True) -> tuple[str, list]:
    """WHERE fragments on alias ``e`` (search_searchentry); phrases are each backend's business."""
    clauses, args = [], []
    for column, value in (
        ("e.org_id", params.org_id),
        ("e.column_id", params.column_id),
        ("e.year", params.year),
    ):
        if value is not None:
            clauses.append(f"{column} = %s")
            args.append(value)
    for column, value in (("e.genre", params.genre), ("e.validity", params.validity), ("e.subject", params.subject)):
        if value:
            clauses.append(f"{column} = %s")
            args.append(value)
    if with_exclude and params.exclude_ids:
        clauses.append(f"e.document_id NOT IN ({', '.join(['%s'] * len(params.exclude_ids))})")
        args += list(params.exclude_ids)
    return "".join(f" AND {c}" for c in clauses), args


def like_pattern(phrase: str) -> str:
    return "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def boost(validity: str, year: int | None, this_year: int | None = None) -> float:
    """Multiplier for validity and recency (the Python twin of ``boost_sql``)."""
    fade = max(0.0, 1.0 - ((this_year or datetime.date.today().year) - (year or 1900)) / 10.0)
    return VALIDITY_BOOST.get(validity, 1.0) * (1.0 + RECENCY_BOOST * fade)


def boost_sql(greatest: str = "MAX") -> str:
    """Multiplier for validity and recency, on alias ``e``."""
    year = datetime.date.today().year
    validity = " ".join(f"WHEN '{k}' THEN {v}" for k, v in VALIDITY_BOOST.items())
    return (
        f"(CASE e.validity {validity} ELSE 1.0 END)"
        f" * (1.0 + {RECENCY_BOOST} * {greatest}(0.0, 1.0 - ({year} - COALESCE(e.year, 1900)) / 10.0))"
    )


def count_cap() -> int:
    """COUNT_CAP, or settings.GONGKAI_SEARCH_COUNT_CAP."""
    return int(getattr(settings, "GONGKAI_SEARCH_COUNT_CAP", COUNT_CAP))


def candidate_limit(params: SearchParams) -> int:
    """How many matches to read: enough to count up to the count cap and to fill the requested page."""
    return max(count_cap(), rank_limit(params))


def rank_limit(params: SearchParams) -> int:
    """How many of the newest matches are ranked: RANK_CAP (or settings.GONGKAI_SEARCH_RANK_CAP),
    more for deep pages."""
    return max(int(getattr(settings, "GONGKAI_SEARCH_RANK_CAP", RANK_CAP)), params.offset + params.limit)


def facets_of(rows) -> dict[str, dict]:
    """Per-facet counts from rows of (document_id, org_id, year, genre)."""
    facets: dict[str, dict] = {name: {} for name in FACETS}
    org, year, genre = facets["org"], facets["year"], facets["genre"]
    for _id, org_id, yr, gen in rows:
        if org_id is not None:
            org[org_id] = org.get(org_id, 0) + 1
        if yr is not None:
            year[yr] = year.get(yr, 0) + 1
        if gen:
            genre[gen] = genre.get(gen, 0) + 1
    return facets
