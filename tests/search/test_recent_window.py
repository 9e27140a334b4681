"""The candidate window is the NEWEST matches (publication date, then id), on both backends.

Counts, facets and relevance ranking read a bounded window of matches; these tests shrink the window
(settings) and check that it holds the newest documents whatever order they were created in, that
title matches still lead inside it, and that exact 发文字号 look-ups and date sorting reach past it.
"""

import datetime

import pytest

from gongkai.search.backends.postgres import walk_is_cheaper
from gongkai.search.services import index_document, search

D = datetime.date


def ids(page):
    return [doc.pk for doc, _hit in page.results]


@pytest.fixture
def window(settings):
    """Count 4 matches; rank the page's worth (10 on page 1; RANK_CAP below the page size)."""
    settings.GONGKAI_SEARCH_COUNT_CAP = 4
    settings.GONGKAI_SEARCH_RANK_CAP = 3


PAGE_WINDOW = 10


def _body_matches(make_doc, dates):
    """Documents matching 秸秆禁烧 in the body only, created in the given date order."""
    return [make_doc("专项工作安排", "<p>做好秸秆禁烧巡查。</p>", published_on=day) for day in dates]


# 14 distinct dates created in a scrambled order, so document ids say nothing about age.
DATES = [D(2025, 5, 1) - datetime.timedelta(days=97 * k) for k in (5, 0, 11, 3, 8, 13, 1, 9, 4, 12, 2, 7, 10, 6)]


def test_window_is_the_newest_matches(make_doc, window):
    docs = _body_matches(make_doc, DATES)
    newest = sorted(docs, key=lambda d: d.published_on, reverse=True)
    page = search("秸秆禁烧")
    assert ids(page) == [d.pk for d in newest[:PAGE_WINDOW]]  # equal texts: newest first
    assert (page.total, page.capped) == (4, True)
    assert page.facets["year"] == {y: sum(d.published_on.year == y for d in newest[:4]) for y in {d.published_on.year for d in newest[:4]}}


def test_same_day_newer_id_first_and_undated_last(make_doc, window):
    undated = make_doc("专项工作安排", "<p>做好秸秆禁烧巡查。</p>", published_on=None)
    same_day = _body_matches(make_doc, [D(2020, 1, 1)] * (PAGE_WINDOW + 1))
    assert ids(search("秸秆禁烧")) == [d.pk for d in reversed(same_day)][:PAGE_WINDOW]
    by_date = search("秸秆禁烧", page=2, sort="date")
    assert ids(by_date) == [same_day[0].pk, undated.pk]


def test_old_title_match_inside_the_window_ranks_first(make_doc, window):
    by_age = sorted(DATES, reverse=True)
    newer, older = by_age[: PAGE_WINDOW - 1], by_age[PAGE_WINDOW - 1 :]
    _body_matches(make_doc, older)  # outside the window
    titled = make_doc("关于秸秆禁烧的通告", "<p>全域禁止焚烧。</p>", published_on=older[0] + datetime.timedelta(days=1))
    _body_matches(make_doc, newer)
    page = search("秸秆禁烧")
    assert ids(page)[0] == titled.pk
    assert len(ids(page)) == PAGE_WINDOW


def test_title_match_older_than_the_window_is_found_by_date_and_narrower_words(make_doc, window):
    _body_matches(make_doc, [D(2025, 1, 1) + datetime.timedelta(days=k) for k in range(PAGE_WINDOW)])
    titled = make_doc("关于秸秆禁烧的通告", "<p>全域禁止焚烧。</p>", published_on=D(2014, 4, 1))
    assert titled.pk not in ids(search("秸秆禁烧"))
    assert ids(search("秸秆禁烧", page=2, sort="date")) == [titled.pk]
    assert ids(search("秸秆禁烧 焚烧")) == [titled.pk]


def test_exact_doc_number_outside_the_window_still_first(make_doc, window):
    old = make_doc("秸秆禁烧工作方案", "<p>秸秆禁烧</p>", published_on=D(2013, 2, 1), doc_number="龙街办发〔2013〕4号")
    _body_matches(make_doc, DATES)
    assert ids(search("龙街办发【2013】4号"))[0] == old.pk


def test_changing_the_date_moves_the_document(make_doc, window):
    docs = _body_matches(make_doc, [D(2025, 1, 1) - datetime.timedelta(days=k) for k in range(PAGE_WINDOW + 1)])
    old = docs[-1]
    assert old.pk not in ids(search("秸秆禁烧"))
    old.published_on = D(2026, 1, 1)
    old.save()
    index_document(old)
    page = search("秸秆禁烧")
    assert ids(page)[0] == old.pk
    assert "<mark>" in page.results[0][1].snippet
    assert search("秸秆禁烧", page=2, sort="date").total == 4  # counted once: re-indexed, not added
    assert len(ids(search("秸秆禁烧", page=2, sort="date"))) == 1


@pytest.mark.parametrize(
    "matches,rows,window,walk",
    [
        (900_000, 1_000_000, 2001, True),  # a word in 90 % of documents: ~2,200 rows tested
        (100_000, 1_000_000, 2001, False),  # 10 %: 20,000 rows tested would cost more than 100,000 matches
        (300_000, 1_000_000, 2001, True),
        (5, 1_000_000, 10, False),  # a rare word: never walk the whole index for it
        (50_000, 100_000, 11, True),  # sort by date, one page: a short walk
        (0, 1_000_000, 2001, False),
        (1000, 0, 2001, False),  # no statistics yet (reltuples -1 or 0): the bitmap is bounded by the matches
        (1000, -1, 2001, False),
    ],
)
def test_walk_or_bitmap(matches, rows, window, walk):
    assert walk_is_cheaper(matches, rows, window) is walk
