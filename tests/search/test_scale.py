"""Large-result behaviour: capped counts are labelled, ranking runs on the first matches only,
date sorting still covers every match, and bulk indexing writes what single indexing writes."""

import datetime

import pytest

from gongkai.search.backends.base import boost, facets_of
from gongkai.search.services import index_documents, search

URL = "/api/v1/search"


@pytest.fixture
def small_caps(settings):
    settings.GONGKAI_SEARCH_COUNT_CAP = 4
    settings.GONGKAI_SEARCH_RANK_CAP = 3


def _many(make_doc, n, **fields):
    return [
        make_doc(f"第{i}号养殖场检查通知", "<p>开展养殖场安全检查。</p>", published_on=datetime.date(2015 + i, 1, 2), **fields)
        for i in range(n)
    ]


def test_total_is_exact_under_the_cap(make_doc, small_caps):
    _many(make_doc, 4)
    page = search("养殖场")
    assert (page.total, page.capped) == (4, False)


def test_total_over_the_cap_is_a_labelled_lower_bound(client, make_doc, small_caps):
    _many(make_doc, 6)
    page = search("养殖场")
    assert (page.total, page.capped) == (4, True)
    assert sum(page.facets["year"].values()) == 4
    data = client.get(URL, {"q": "养殖场"}).json()
    assert (data["total"], data["total_capped"]) == (4, True)
    html = client.get("/search/", {"q": "养殖场"}).content.decode()
    assert "共 4+ 条" in html and "匹配的文件超过 4 件" in html


def test_date_sort_covers_every_match(make_doc, small_caps):
    docs = _many(make_doc, 6)
    newest = max(docs, key=lambda d: d.published_on)
    assert search("养殖场", sort="date").results[0][0].pk == newest.pk


def test_phrase_checked_on_ranked_window(make_doc, small_caps):
    exact = make_doc("秸秆禁烧工作通知", "<p>做好秸秆禁烧工作。</p>")
    make_doc("禁烧通知", "<p>禁烧工作与秸秆还田同步。</p>")
    page = search('"秸秆禁烧工作"')
    assert [d.pk for d, _h in page.results] == [exact.pk]
    assert (page.total, page.capped) == (1, False)


@pytest.mark.parametrize("as_ids", [True, False])
def test_bulk_indexing_matches_single_indexing(make_doc, as_ids):
    docs = [make_doc(f"关于做好河长制巡河工作的通知{i}", "<p>河长制<b>巡河</b>。</p>", index=False) for i in range(3)]
    assert index_documents([d.pk for d in docs] if as_ids else docs) == 3
    page = search("巡河")
    assert page.total == 3 and "<mark>巡河</mark>" in page.results[0][1].snippet


@pytest.mark.parametrize(
    "validity,year,expected",
    [("in_force", datetime.date.today().year, 1.1 * 1.15), ("repealed", 1990, 0.9), ("", None, 1.0)],
)
def test_boost(validity, year, expected):
    assert boost(validity, year) == pytest.approx(expected)


def test_facets_of_counts_each_field():
    rows = [(1, 10, 2023, "通知"), (2, 10, 2022, ""), (3, 11, None, "通知")]
    assert facets_of(rows) == {"org": {10: 2, 11: 1}, "year": {2023: 1, 2022: 1}, "genre": {"通知": 2}}
