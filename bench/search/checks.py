"""Result checks of the search benchmark: the relevance queries with the planted documents placed in
time (their own dates, newest, oldest), and how recent page 1 of a common one-word query is."""

from __future__ import annotations

import datetime

# Where the planted documents sit in time for a relevance pass: their own dates (2021–2024, among the
# generated 2014–2025), all newer than every other document, or all older.
PLACEMENTS = ("as_generated", "newest", "oldest")


def _place(planted: list[int | None], placement: str) -> dict[int, datetime.date | None]:
    """Move the planted documents' publication dates (and reindex them); returns the old dates."""
    from django.db.models import Max, Min

    from gongkai.documents.models import Document
    from gongkai.search.services import index_documents

    ids = [i for i in planted if i]
    before = dict(Document.objects.filter(pk__in=ids).values_list("pk", "published_on"))
    others = Document.objects.exclude(pk__in=ids).aggregate(lo=Min("published_on"), hi=Max("published_on"))
    day = datetime.timedelta(days=1)
    start = others["hi"] + day if placement == "newest" else others["lo"] - day * (len(ids) + 1)
    for k, pk in enumerate(ids):
        Document.objects.filter(pk=pk).update(published_on=start + day * k)
    index_documents(ids)
    return before


def _restore(before: dict) -> None:
    from gongkai.documents.models import Document
    from gongkai.search.services import index_documents

    for pk, published in before.items():
        Document.objects.filter(pk=pk).update(published_on=published)
    index_documents(list(before))


def check_relevance(client, planted: list[int | None], placement: str) -> dict:
    from django.core.cache import cache

    from .relevance import QUERIES

    before = _place(planted, placement) if placement != "as_generated" else None
    cache.clear()
    try:
        details = []
        for q, expected in QUERIES:
            data = client.get("/api/v1/search", {"q": q}).json()
            top = [r["id"] for r in data.get("results", [])[:3]]
            want = planted[expected]
            details.append({"q": q, "expected": want, "top3": top, "first": bool(top) and top[0] == want,
                            "in_top3": want in top, "total": data.get("total"),
                            "capped": data.get("total_capped", False)})
    finally:
        if before is not None:
            _restore(before)
            cache.clear()
    return {"queries": len(details), "first": sum(r["first"] for r in details),
            "in_top3": sum(r["in_top3"] for r in details), "details": details}


def page_one_dates(client) -> dict:
    """For the one-word topic queries (thousands of matches each): how recent page 1 is, against all matches."""
    from gongkai.search.models import SearchEntry

    from .generate import TOPICS

    page_one, capped = [], 0
    for topic in TOPICS:
        data = client.get("/api/v1/search", {"q": topic}).json()
        capped += bool(data.get("total_capped"))
        page_one += [r["published_on"] for r in data["results"]]
    page_one.sort()
    dates = SearchEntry.objects.exclude(published_on=None).order_by("published_on").values_list("published_on", flat=True)
    count = dates.count()
    return {
        "queries": len(TOPICS), "capped": capped,
        "page_one_median": page_one[len(page_one) // 2] if page_one else None,
        "page_one_oldest": page_one[0] if page_one else None,
        "corpus_median": dates[count // 2].isoformat() if count else None,
        "corpus_newest": dates[count - 1].isoformat() if count else None,
    }
