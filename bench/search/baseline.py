"""The tantivy baseline: the same documents and segmenter tokens, the plain way (words only).

BM25 over every match (title x4, meta x2, body), exact count, facets (org, year, genre) over every
match, the page's stored texts highlighted. No recall fields, no boosts, no synonyms: the ratio to beat.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import tantivy

from gongkai.search.highlight import highlight

Q = tantivy.Query
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in ("title", "body", "meta"):
        sb.add_text_field(name, tokenizer_name="ws", index_option="position")
    for name in ("org", "year"):
        sb.add_unsigned_field(name, indexed=True, fast=True)
    sb.add_text_field("genre", fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("title_text", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("body_text", stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


class Baseline:
    def __init__(self, path: Path, count: int):
        self.path, self.count = path, count
        self.index = tantivy.Index.open(str(path))
        self.index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        from gongkai.orgs.models import Organization

        self.orgs = dict(Organization.objects.values_list("code", "pk"))

    @classmethod
    def build(cls, path: Path) -> Baseline:
        from gongkai.documents.models import Document
        from gongkai.search.segment import get_segmenter
        from gongkai.search.services import build_row

        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        schema = _schema()
        index = tantivy.Index(schema, path=str(path))
        index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        writer = index.writer(heap_size=400_000_000, num_threads=1)
        seg = get_segmenter()
        count = 0
        for doc in Document.objects.public().order_by("pk").iterator(chunk_size=2000):
            row = build_row(doc)
            d = tantivy.Document()
            d.add_unsigned("id", doc.pk)
            d.add_text("title", " ".join(seg.index_tokens(row.title, cleaned=True)))
            d.add_text("body", " ".join(seg.index_tokens(row.body, cleaned=True)))
            d.add_text("meta", " ".join(seg.index_tokens(row.meta, cleaned=True)))
            d.add_unsigned("org", doc.org_id)
            if row.entry.year:
                d.add_unsigned("year", row.entry.year)
            if doc.genre:
                d.add_text("genre", doc.genre)
            d.add_text("title_text", row.title)
            d.add_text("body_text", row.body)
            writer.add_document(d)
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        return cls(path, count)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def search(self, params: dict) -> int:
        from gongkai.search.segment import get_segmenter

        terms = get_segmenter().query_tokens(params["q"])
        if not terms:
            return 0
        s = self.schema
        clauses = []
        for t in terms:
            clauses.append((MUST, Q.boolean_query([
                (SHOULD, Q.boost_query(Q.term_query(s, "title", t), 4.0)),
                (SHOULD, Q.boost_query(Q.term_query(s, "meta", t), 2.0)),
                (SHOULD, Q.term_query(s, "body", t)),
            ])))
        if params.get("org"):
            clauses.append((MUST, Q.term_query(s, "org", self.orgs.get(params["org"], 0))))
        if params.get("year"):
            clauses.append((MUST, Q.term_query(s, "year", int(params["year"]))))
        query = Q.boolean_query(clauses)
        found = self.searcher.search(query, limit=10, count=True)
        self.searcher.aggregate(query, {n: {"terms": {"field": n, "size": 1000}} for n in ("org", "year", "genre")})
        for _score, address in found.hits:
            doc = self.searcher.doc(address)
            highlight(doc.get_first("title_text") or "", terms, width=0)
            highlight(doc.get_first("body_text") or "", terms)
        return found.count
