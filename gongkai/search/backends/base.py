"""The backend interface and the SQL both relational backends share (filters on search_searchentry)."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from ..models import SearchEntry

# Ranking multipliers (see docs in services.search): title hits first, in-force and recent favoured.
TITLE_BOOST = 3.0
VALIDITY_BOOST = {"in_force": 1.1, "expired": 0.9, "repealed": 0.9}
RECENCY_BOOST = 0.15  # up to +15 % for this year's documents, fading over ten years
FACETS = ("org", "year", "genre")


@dataclass
class IndexRow:
    """What a backend stores for one public document."""

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


def filter_sql(params: SearchParams, *, with_exclude: bool = True) -> tuple[str, list]:
    """WHERE fragments on alias ``e`` (search_searchentry) and ``d`` (documents_document)."""
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
    for phrase in params.phrases:
        pattern = "%" + phrase.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("(d.title LIKE %s ESCAPE '\\' OR d.body LIKE %s ESCAPE '\\')")
        args += [pattern, pattern]
    if with_exclude and params.exclude_ids:
        clauses.append(f"e.document_id NOT IN ({', '.join(['%s'] * len(params.exclude_ids))})")
        args += list(params.exclude_ids)
    return "".join(f" AND {c}" for c in clauses), args


def boost_sql(greatest: str = "MAX") -> str:
    """Multiplier for validity and recency, on alias ``e``."""
    year = datetime.date.today().year
    validity = " ".join(f"WHEN '{k}' THEN {v}" for k, v in VALIDITY_BOOST.items())
    return (
        f"(CASE e.validity {validity} ELSE 1.0 END)"
        f" * (1.0 + {RECENCY_BOOST} * {greatest}(0.0, 1.0 - ({year} - COALESCE(e.year, 1900)) / 10.0))"
    )


def join_sql(params: SearchParams) -> str:
    return " JOIN documents_document d ON d.id = e.document_id" if params.phrases else ""


def collect_facets(rows) -> tuple[int, dict[str, dict]]:
    """Total and per-facet counts from rows of (org_id, year, genre, count)."""
    total = 0
    facets: dict[str, dict] = {name: {} for name in FACETS}
    for org_id, year, genre, count in rows:
        total += count
        for name, key in zip(FACETS, (org_id, year, genre), strict=True):
            if key not in (None, ""):
                facets[name][key] = facets[name].get(key, 0) + count
    return total, facets
