"""Keeping the index in step with documents, and running searches.

``index_document_id``/``remove_document`` run when the documents app announces a publication, change
or withdrawal (see signals.py); ``index_documents`` serves bulk imports; ``reindex`` rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from gongkai.core.extract import html_to_text
from gongkai.documents.models import Document
from gongkai.documents.rules import normalize_doc_number

from .backends import IndexRow, SearchParams, get_backend
from .backends.base import Hit
from .models import SearchEntry
from .query import ParsedQuery, parse_query
from .segment import clean_text, get_segmenter

BATCH_SIZE = 1000
PAGE_SIZE = 10


def _number_variants(value: str) -> str:
    """A 发文字号 as typed plus its canonical form and its bare parts (prefix, year, sequence)."""
    if not value:
        return ""
    norm = normalize_doc_number(value)
    parts = {value, norm, norm.replace("〔", " ").replace("〕", " ")}
    return " ".join(sorted(parts))


def build_row(document: Document) -> IndexRow:
    """The plain texts and filter fields of a public document; backends segment them as they need."""
    published = document.published_on
    entry = SearchEntry(
        document_id=document.pk,
        org_id=document.org_id,
        column_id=document.column_id,
        year=published.year if published else None,
        published_on=published,
        genre=document.genre,
        validity=document.validity,
        subject=document.subject[:60],
        doc_number=normalize_doc_number(document.doc_number)[:100],
        index_number=document.index_number.strip().lower()[:100],
    )
    meta = " ".join(
        p
        for p in (
            document.agency,
            _number_variants(document.doc_number),
            document.index_number,
            document.subject,
            document.summary,
        )
        if p
    )
    return IndexRow(entry=entry, title=clean_text(document.title), body=clean_text(html_to_text(document.body)), meta=clean_text(meta))


def index_document(document: Document) -> None:
    """Index a public document, or drop it from the index when it is not (or no longer) public."""
    if not document.is_public:
        remove_document(document.pk)
        return
    with transaction.atomic():
        get_backend().index([build_row(document)])


def index_document_id(document_id: int) -> None:
    """Index the document with this id as it is now (removed from the index when gone or not public)."""
    document = Document.objects.select_related("org", "column").filter(pk=document_id).first()
    if document is None:
        remove_document(document_id)
    else:
        index_document(document)


def remove_document(document_id: int) -> None:
    with transaction.atomic():
        get_backend().remove([document_id])


def index_documents(
    documents: Iterable[Document] | QuerySet | Iterable[int],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Index many documents in batches (non-public ones are removed); returns how many were indexed.

    Document instances are indexed as given (no second read); ids are loaded batch by batch.
    """
    if isinstance(documents, QuerySet):
        items: list = list(documents.values_list("pk", flat=True))
    else:
        items = list(documents)
    backend = get_backend()
    indexed = 0
    for start in range(0, len(items), batch_size):
        chunk = items[start : start + batch_size]
        given = [d for d in chunk if isinstance(d, Document)]
        ids = [d for d in chunk if not isinstance(d, Document)]
        docs = given + (list(Document.objects.filter(pk__in=ids)) if ids else [])
        public = [d for d in docs if d.is_public]
        found = {d.pk for d in docs}
        with transaction.atomic():
            backend.remove([d.pk for d in docs if not d.is_public] + [i for i in ids if i not in found])
            backend.index([build_row(d) for d in public])
        indexed += len(public)
        if progress:
            progress(min(start + batch_size, len(items)))
    return indexed


def reindex(progress: Callable[[int, int], None] | None = None, *, batch_size: int = BATCH_SIZE) -> int:
    """Rebuild the whole index from the public documents; ``progress(done, total)`` after each batch."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
    ids = list(Document.objects.public().order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    return index_documents(ids, batch_size=batch_size, progress=(lambda done: progress(done, total)) if progress else None)


@dataclass
class Filters:
    org_id: int | None = None
    column_id: int | None = None
    year: int | None = None
    genre: str = ""
    validity: str = ""
    subject: str = ""


@dataclass
class SearchPage:
    query: ParsedQuery
    total: int
    page: int
    results: list[tuple[Document, Hit]] = field(default_factory=list)
    facets: dict[str, dict] = field(default_factory=dict)
    # More matches than were counted: ``total`` and the facet counts are lower bounds ("2000+").
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _exact_matches(parsed: ParsedQuery, filters: Filters) -> list[int]:
    if not (parsed.doc_number or parsed.index_number):
        return []
    qs = SearchEntry.objects.all()
    qs = qs.filter(doc_number=parsed.doc_number) if parsed.doc_number else qs.filter(index_number=parsed.index_number)
    for name in ("org_id", "column_id", "year"):
        if getattr(filters, name) is not None:
            qs = qs.filter(**{name: getattr(filters, name)})
    for name in ("genre", "validity", "subject"):
        if getattr(filters, name):
            qs = qs.filter(**{name: getattr(filters, name)})
    return list(qs.order_by("-published_on", "-document_id").values_list("document_id", flat=True)[:50])


def search(q: str | None, filters: Filters | None = None, *, page: int = 1, sort: str = "relevance") -> SearchPage:
    """Run a search; raises query.QueryError for an empty or too long query.

    Ranking: documents whose 发文字号/索引号 equals the query come first; then bm25/ts_rank_cd with the
    title weighted above the body, ×3 when every word is in the title, and slight boosts for
    in-force and recent documents. ``sort="date"`` orders by publication date instead.
    """
    filters = filters or Filters()
    # The segmenter is asked only for a non-empty query: an empty one is refused without the database.
    parsed = parse_query(q, lambda text: get_segmenter().query_tokens(text))
    result = SearchPage(query=parsed, total=0, page=page)
    pinned = _exact_matches(parsed, filters)
    offset = (page - 1) * PAGE_SIZE
    hits: list[Hit] = [Hit(i, "", "") for i in pinned[offset : offset + PAGE_SIZE]]
    if parsed.terms:
        params = SearchParams(
            terms=parsed.terms,
            phrases=parsed.phrases,
            sort=sort,
            offset=max(0, offset - len(pinned)),
            limit=PAGE_SIZE - len(hits),
            exclude_ids=pinned,
            **filters.__dict__,
        )
        found = get_backend().search(params)
        overlap = len(pinned)  # pinned documents usually also match the words
        result.total = max(found.total, overlap) if pinned else found.total
        result.facets = found.facets
        result.capped = found.capped
        hits += found.hits if params.limit > 0 else []
    else:
        result.total = len(pinned)
    # The index holds public documents only; the filter also covers a withdrawal not yet reindexed.
    docs = Document.objects.public().select_related("org").in_bulk([h.document_id for h in hits])
    result.results = [(docs[h.document_id], h) for h in hits if h.document_id in docs]
    return result
