"""The embedded engine (tantivy) through the search service: ranking over every match, recall,
withdrawal at query time, synonyms, partial matches, exact counts and facets."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from gongkai.documents.models import Status, Validity
from gongkai.search.backends import SearchParams, get_backend
from gongkai.search.engine import index as engine_index
from gongkai.search.engine.recall import recall_cache
from gongkai.search.models import PendingRemoval, SynonymGroup
from gongkai.search.services import Filters, index_document, reindex, remove_document, search

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def engine(settings, tmp_path):
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "index")
    recall_cache.clear()
    yield
    recall_cache.clear()


def ids(page) -> list[int]:
    return [doc.pk for doc, _hit in page.results]


def test_backend_is_the_engine():
    assert get_backend().name == "tantivy"


def test_finds_and_ranks_title_first(make_doc):
    body_only = make_doc("关于做好防汛工作的通知", "各村要做好秸秆禁烧宣传。")
    in_title = make_doc("关于秸秆禁烧工作的通知", "加强巡查。")
    page = search("秸秆禁烧")
    assert page.total == 2
    assert ids(page) == [in_title.pk, body_only.pk]
    doc, hit = page.results[0]
    assert "<mark>" in hit.title_html


def test_characters_in_sequence_are_found_whatever_the_segmentation(make_doc):
    # 改革开放 is one dictionary word; in 深化改革开放 the segmenter cuts 深化改革/开放.
    split = make_doc("坚定不移深化改革开放", "推动高质量发展。")
    whole = make_doc("改革开放四十年", "回顾改革开放历程。")
    page = search("改革开放")
    assert set(ids(page)) == {split.pk, whole.pk}
    assert ids(page)[0] == whole.pk  # the whole-word match ranks first


def test_year_suffix_variant_is_found(make_doc):
    doc = make_doc("龙家圈街道2023年度政务公开工作实施方案", "为进一步规范街道政务公开工作，制定本方案。")
    page = search("2023年政务公开工作实施方案")
    assert ids(page) == [doc.pk]
    assert get_backend().search(SearchParams(terms=page.query.terms)).partial is False


def test_counts_and_facets_cover_every_match(make_doc, township, other_township):
    for i in range(25):
        make_doc(f"安全生产检查通知{i}", "安全生产", index=False, published_on=datetime.date(2015 + i % 5, 3, 1))
    for i in range(5):
        make_doc(f"安全生产月活动{i}", "安全生产", org=other_township, index=False)
    reindex()
    page = search("安全生产")
    assert page.total == 30
    assert page.capped is False
    assert page.facets["org"] == {township.pk: 25, other_township.pk: 5}
    assert sum(page.facets["year"].values()) == 30
    page3 = search("安全生产", page=3)
    assert len(page3.results) == 10


def test_old_document_with_both_words_in_title_beats_newer_body_matches(make_doc):
    for i in range(30):
        make_doc(f"关于第{i}批工作安排的通知", "做好森林防火，加强资金保障。", published_on=datetime.date(2025, 1, 1 + i % 28))
    old = make_doc("森林防火专项资金管理办法", "规定使用范围。", published_on=datetime.date(2012, 5, 1))
    page = search("森林防火 资金")
    assert ids(page)[0] == old.pk
    assert page.total == 31


def test_withdrawn_document_never_shows_even_before_the_index_commits(make_doc):
    doc = make_doc("许家湖镇蜜桃产业园招商政策", "租金减免。")
    assert ids(search("蜜桃产业园")) == [doc.pk]
    # A removal whose index write has not happened yet: only the pending-removal row exists.
    with transaction.atomic():
        PendingRemoval.objects.create(key=f"document:{doc.pk}")
    assert search("蜜桃产业园").total == 0
    PendingRemoval.objects.all().delete()
    doc.status = Status.WITHDRAWN
    doc.save()
    remove_document(doc.pk)
    assert search("蜜桃产业园").total == 0
    assert not PendingRemoval.objects.exists()  # cleared once the deletion was committed


def test_republished_document_comes_back(make_doc):
    doc = make_doc("沂水县地震应急避难场所名录", "位置和容纳人数。")
    remove_document(doc.pk)
    assert search("避难场所").total == 0
    index_document(doc)
    assert ids(search("避难场所")) == [doc.pk]


def test_synonyms_find_each_other(make_doc):
    doc = make_doc("高桥镇高龄津贴发放名单公示", "八十周岁以上老人。")
    assert search("老年人补贴").total == 0 or ids(search("老年人补贴")) != [doc.pk]
    SynonymGroup.objects.create(terms="老年人补贴，高龄津贴")
    from gongkai.search.curation import synonyms

    synonyms.invalidate()
    assert ids(search("老年人补贴")) == [doc.pk]


def test_partial_matches_when_nothing_matches_every_word(make_doc):
    doc = make_doc("农村供水工程冬季防冻预案", "入冬前防冻保温。")
    page = search("供水 防冻 火箭")
    assert ids(page) == [doc.pk]
    assert get_backend().search(SearchParams(terms=page.query.terms)).partial is True


def test_filters_and_date_sort(make_doc, township, other_township):
    a = make_doc("河长制工作方案", "河长制", published_on=datetime.date(2020, 1, 1), validity=Validity.IN_FORCE)
    b = make_doc("河长制巡河通知", "河长制", published_on=datetime.date(2024, 1, 1))
    c = make_doc("河长制考核", "河长制", org=other_township, published_on=datetime.date(2022, 1, 1))
    assert ids(search("河长制", Filters(org_id=township.pk), sort="date")) == [b.pk, a.pk]
    assert ids(search("河长制", Filters(year=2022))) == [c.pk]
    assert ids(search("河长制", Filters(validity="in_force"))) == [a.pk]


def test_quoted_phrase_is_exact(make_doc):
    near = make_doc("采砂规划", "沂河采砂，沂水段规划。")
    exact = make_doc("沂河沂水段采砂规划", "可采区。")
    page = search('"沂河沂水段采砂规划"')
    assert ids(page) == [exact.pk]
    assert near.pk not in ids(page)


def test_rebuild_switches_to_a_new_index(make_doc):
    doc = make_doc("沂水县献血点分布", "固定献血点。")
    before = engine_index.live_dir()
    reindex()
    after = engine_index.live_dir()
    assert ids(search("献血")) == [doc.pk]
    assert before is not None and after is not None


def test_long_document_about_the_subject_is_not_buried_under_short_mentions(make_doc):
    subject = "供给侧结构性改革"
    paragraphs = "".join(
        f"<p>第{i}部分：深入推进{subject}，{subject}是主线。坚持稳中求进，扩大有效需求，优化营商环境。</p>"
        for i in range(30)
    )
    report = make_doc("2017年政府工作报告", paragraphs + "<p>" + "其他各项工作全面推进。" * 200 + "</p>")
    for i in range(9):
        make_doc(f"关于第{i}号议案的决议", f"<p>会议同意报告，要求继续推进{subject}。</p>")
    page = search(subject)
    assert page.total == 10
    assert ids(page)[0] == report.pk
