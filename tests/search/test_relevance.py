"""The benchmark's 30 relevance queries on a small generated corpus, with the planted documents dated
after every other document and before every other one, and a ranking window far smaller than a
common word's matches: the planted document must be in the top 3 either way (the window reaches
back as far as a query's matches are few)."""

import datetime
import random

import pytest

from bench.search.generate import make_document
from bench.search.relevance import PLANTED, QUERIES
from gongkai.documents.models import Attribute, Document, Status
from gongkai.search.services import index_documents, search

FILLER = 240
# A query the shipped dictionary cannot split the way its document is written (recorded in the bench
# reports since the first run); every other expected document must be found.
KNOWN_MISSES = {"信息公开申请表格"}


@pytest.fixture
def corpus(township, settings):
    settings.GONGKAI_SEARCH_COUNT_CAP = 40
    settings.GONGKAI_SEARCH_RANK_CAP = 20
    column = township.columns.order_by("id").first()
    rng = random.Random(5)
    seq: dict = {}
    docs = []
    for n in range(FILLER):
        raw = make_document(rng, n, seq)
        docs.append(Document(
            org=township, column=column, status=Status.PUBLISHED, attribute=Attribute.PROACTIVE,
            **{k: raw[k] for k in ("title", "body", "agency", "doc_number", "index_number", "subject", "genre", "validity")},
            published_on=datetime.date.fromisoformat(raw["published_on"]),
        ))
    Document.objects.bulk_create(docs)

    def plant(start: datetime.date) -> list[Document]:
        planted = [
            Document(
                org=township, column=column, status=Status.PUBLISHED, attribute=Attribute.PROACTIVE,
                **{k: p[k] for k in ("title", "body", "agency", "doc_number", "subject", "genre", "validity")},
                published_on=start + datetime.timedelta(days=k),
            )
            for k, p in enumerate(PLANTED)
        ]
        Document.objects.bulk_create(planted)
        index_documents(Document.objects.all())
        return planted

    return plant


@pytest.mark.parametrize("start", [datetime.date(2026, 1, 1), datetime.date(2013, 1, 1)], ids=["newest", "oldest"])
def test_planted_documents_in_top_three(corpus, start):
    planted = corpus(start)
    misses = set()
    for q, expected in QUERIES:
        top = [doc.pk for doc, _hit in search(q).results[:3]]
        if planted[expected].pk not in top:
            misses.add(q)
    assert misses <= KNOWN_MISSES


def test_common_word_page_one_comes_from_the_newest_matches(corpus):
    corpus(datetime.date(2013, 1, 1))
    page = search("公开")
    assert page.capped
    newest = {doc.pk for p in (1, 2) for doc, _hit in search("公开", page=p, sort="date").results}
    assert len(newest) == 20  # the ranking window: RANK_CAP
    assert {doc.pk for doc, _hit in page.results} <= newest
