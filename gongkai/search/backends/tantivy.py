"""The embedded engine (tantivy) behind the SearchBackend interface.

The database stays the truth: ``SearchEntry`` rows (filters, exact 发文字号/索引号 look-up) are written in
the caller's transaction; the engine's index is written after the commit (``write_records``), so a
rolled-back publication never reaches it. A removal also writes a ``PendingRemoval`` row in the same
transaction; every search excludes those keys until the writer has committed the deletion, so a
withdrawn document never shows after its withdrawal, whichever process runs the writer and whenever.
"""

from __future__ import annotations

import tantivy
from django.db import transaction

from ..curation import expand, normalize
from ..engine import index as engine_index
from ..engine.search import Alternative, EngineQuery, Unit, run
from ..highlight import highlight
from ..models import PendingRemoval, SearchEntry
from ..segment import get_segmenter
from .base import FACETS, Hit, IndexRow, SearchBackend, SearchParams, SearchResult

KIND = "document"
Q = tantivy.Query
ENTRY_FIELDS = (
    "document_id", "org_id", "column_id", "year", "published_on", "genre", "validity", "subject",
    "doc_number", "index_number",
)


def key_of(document_id: int) -> str:
    return f"{KIND}:{document_id}"


def to_record(row: IndexRow) -> engine_index.Record:
    seg = get_segmenter()
    e = row.entry
    return engine_index.Record(
        kind=KIND, ref=e.document_id, title=row.title, body=row.body, meta=row.meta,
        title_tokens=seg.index_tokens(row.title, cleaned=True),
        body_tokens=seg.index_tokens(row.body, cleaned=True),
        meta_tokens=seg.index_tokens(row.meta, cleaned=True),
        org=e.org_id, column=e.column_id, published=e.published_on, genre=e.genre, validity=e.validity,
        subject=e.subject,
    )


def write_records(records: list[engine_index.Record], removed_keys: list[str] = ()) -> None:
    """Apply upserts and deletions to the engine's index and commit (under the writer lock).

    The one function the indexing job calls; PendingRemoval rows of the deleted keys are cleared
    once the deletion is committed.
    """
    if not records and not removed_keys:
        return
    with engine_index.Writer() as writer:
        writer.delete(list(removed_keys))
        writer.upsert(records)
    if removed_keys:
        PendingRemoval.objects.filter(key__in=list(removed_keys)).delete()


class TantivyBackend(SearchBackend):
    name = "tantivy"

    def index(self, rows: list[IndexRow]) -> None:
        if not rows:
            return
        ids = [r.entry.document_id for r in rows]
        SearchEntry.objects.filter(document_id__in=ids).delete()
        SearchEntry.objects.bulk_create([r.entry for r in rows], batch_size=500)
        PendingRemoval.objects.filter(key__in=[key_of(i) for i in ids]).delete()
        records = [to_record(r) for r in rows]
        transaction.on_commit(lambda: write_records(records))

    def remove(self, document_ids: list[int]) -> None:
        if not document_ids:
            return
        super().remove(document_ids)
        keys = [key_of(i) for i in document_ids]
        existing = set(PendingRemoval.objects.filter(key__in=keys).values_list("key", flat=True))
        PendingRemoval.objects.bulk_create([PendingRemoval(key=k) for k in keys if k not in existing])
        transaction.on_commit(lambda: write_records([], keys))

    def clear(self) -> None:
        SearchEntry.objects.all().delete()

        def wipe() -> None:
            with engine_index.Writer() as writer:
                writer.delete_all()

        transaction.on_commit(wipe)

    def search(self, params: SearchParams) -> SearchResult:
        seg = get_segmenter()
        units = []
        # A quoted phrase is one unit (its words as a phrase, plus its characters in sequence); its
        # words, which the parser also lists as terms, are not required again on their own.
        phrase_words = {t for p in params.phrases for t in seg.query_tokens(p)}
        terms = [t for t in params.terms if t not in phrase_words]
        for words, alternatives in expand(terms):
            alts = [Alternative(text=normalize("".join(words)), tokens=words)]
            alts += [Alternative(text=a, tokens=seg.query_tokens(a)) for a in alternatives]
            units.append(Unit(alts))
        for phrase in params.phrases:
            units.append(Unit([Alternative(text=normalize(phrase), tokens=seg.query_tokens(phrase))]))
        query = EngineQuery(
            units=units,
            phrase_text=normalize("".join(params.terms)),
            must=self._filters(params),
            exclude_keys=[key_of(i) for i in params.exclude_ids] + list(PendingRemoval.objects.values_list("key", flat=True)),
            sort=params.sort,
            offset=params.offset,
            limit=params.limit,
            facets=FACETS,
        )
        found = run(query)
        terms = list(dict.fromkeys([*params.terms, *params.phrases]))
        hits = [
            Hit(h.ref, highlight(h.title, terms, width=0), highlight(h.body, terms))
            for h in found.hits
        ]
        return SearchResult(total=found.total, hits=hits, facets=found.facets, capped=False, partial=found.partial)

    @staticmethod
    def _filters(params: SearchParams) -> list:
        schema = engine_index.SCHEMA
        must = []  # every kind of record is searched; ``kind`` is a facet and a filter
        if getattr(params, "kind", ""):
            must.append(Q.term_query(schema, "kind", params.kind))
        for name, value in (("org", params.org_id), ("column", params.column_id), ("year", params.year)):
            if value is not None:
                must.append(Q.term_query(schema, name, value))
        for name in ("genre", "validity", "subject"):
            value = getattr(params, name)
            if value:
                must.append(Q.term_query(schema, name, value))
        return must

    def size_bytes(self) -> int:
        return engine_index.size_bytes()
