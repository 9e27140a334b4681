"""Behaviour of search on whichever backend the suite runs with (SQLite FTS5 or PostgreSQL)."""

import datetime

import pytest

from gongkai.documents.models import Status
from gongkai.search.models import SearchTerm
from gongkai.search.query import QueryError
from gongkai.search.services import Filters, index_document, reindex, search


def ids(page):
    return [doc.pk for doc, _hit in page.results]


def test_title_match_ranks_above_body_match(make_doc):
    body_only = make_doc("乡镇年度工作总结", "<p>今年继续抓好河长制落实，河长制巡河常态化，河长制台账齐全。</p>")
    in_title = make_doc("关于全面推行河长制的实施意见", "<p>各村要明确责任人。</p>")
    assert ids(search("河长制")) == [in_title.pk, body_only.pk]


def test_phrase_search_requires_the_exact_phrase(make_doc):
    exact = make_doc("通知", "<p>请做好秸秆禁烧工作。</p>")
    apart = make_doc("通知二", "<p>禁烧工作与秸秆还田同步推进。</p>")
    assert set(ids(search("秸秆 禁烧"))) == {exact.pk, apart.pk}
    assert ids(search('"秸秆禁烧工作"')) == [exact.pk]
    assert ids(search("“秸秆禁烧工作”")) == [exact.pk]


@pytest.mark.parametrize("typed", ["龙街办发〔2023〕12号", "龙街办发【2023】12号", "龙街办发[2023]12号", "文号：龙街办发(2023)012号"])
def test_doc_number_finds_document_first(make_doc, typed):
    make_doc("龙街办发〔2023〕13号相关工作通知", "<p>龙街办发 2023 12 号文件的落实情况。</p>", doc_number="龙街办发〔2023〕13号")
    target = make_doc("2023年度政务公开工作实施方案", "<p>正文</p>", doc_number="龙街办发〔2023〕12号")
    assert ids(search(typed))[0] == target.pk


def test_index_number_finds_document(make_doc):
    target = make_doc("方案", "<p>正文</p>", index_number="yishuiljqz2322108/2023-0000352")
    make_doc("其他", "<p>2023 0000352</p>")
    assert ids(search("YISHUILJQZ2322108/2023-0000352"))[0] == target.pk


def test_filters_and_facets(make_doc, township, other_township):
    a = make_doc("政务公开工作要点", "<p>政务公开</p>", genre="通知", published_on=datetime.date(2022, 3, 1))
    b = make_doc("政务公开实施方案", "<p>政务公开</p>", genre="方案", org=other_township)
    c = make_doc("政务公开年度报告", "<p>政务公开</p>", genre="报告", validity="repealed")
    page = search("政务公开")
    assert page.total == 3
    assert page.facets["org"] == {township.pk: 2, other_township.pk: 1}
    assert page.facets["year"] == {2022: 1, 2023: 2}
    assert page.facets["genre"] == {"通知": 1, "方案": 1, "报告": 1}
    assert ids(search("政务公开", Filters(org_id=other_township.pk))) == [b.pk]
    assert ids(search("政务公开", Filters(year=2022))) == [a.pk]
    assert ids(search("政务公开", Filters(genre="报告"))) == [c.pk]
    assert ids(search("政务公开", Filters(validity="repealed"))) == [c.pk]
    assert ids(search("政务公开", Filters(column_id=b.column_id))) == [b.pk]


def test_sort_by_date_and_pagination(make_doc):
    docs = [make_doc(f"防汛抗旱通知第{n}号", "<p>防汛</p>", published_on=datetime.date(2020, 1, n + 1)) for n in range(13)]
    first = search("防汛", sort="date")
    assert first.total == 13 and first.pages == 2
    assert ids(first) == [d.pk for d in reversed(docs)][:10]
    assert ids(search("防汛", page=2, sort="date")) == [d.pk for d in reversed(docs)][10:]


def test_in_force_and_recent_documents_slightly_favoured(make_doc):
    old = make_doc("安全生产检查通知", "<p>安全生产</p>", published_on=datetime.date(2014, 1, 1), validity="repealed")
    new = make_doc("安全生产检查通知", "<p>安全生产</p>", published_on=datetime.date.today(), validity="in_force")
    assert ids(search("安全生产")) == [new.pk, old.pk]


def test_only_public_documents_are_indexed(make_doc):
    from gongkai.documents.models import Attribute

    make_doc("森林防火通知", "<p>森林防火</p>", status=Status.DRAFT)
    make_doc("森林防火内部通知", "<p>森林防火</p>", attribute=Attribute.ON_REQUEST)
    public = make_doc("森林防火公告", "<p>森林防火</p>")
    assert ids(search("森林防火")) == [public.pk]
    assert reindex() == 1
    assert ids(search("森林防火")) == [public.pk]


def test_changed_document_is_reindexed(make_doc):
    doc = make_doc("人居环境整治通知", "<p>人居环境</p>")
    doc.title = "乡村振兴工作通知"
    doc.body = "<p>乡村振兴</p>"
    doc.save()
    index_document(doc)
    assert ids(search("乡村振兴")) == [doc.pk]
    assert search("人居环境").total == 0


def test_xss_is_escaped_in_snippets(make_doc):
    doc = make_doc('<script>alert("政务")</script>公开目录', "<p>&lt;img src=x onerror=alert(1)&gt; 政务公开 &lt;b&gt;</p>")
    [(found, hit)] = search("政务公开").results
    assert found.pk == doc.pk
    for html in (hit.snippet, hit.title_html):
        assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<mark>" in hit.snippet
    assert "&lt;img" in hit.snippet
    assert "&lt;script&gt;" in hit.title_html


def test_snippet_marks_short_word_inside_long_term(make_doc):
    make_doc("通知", "<p>各单位要推进政务公开标准化。</p>")
    [(_doc, hit)] = search("公开").results
    assert "<mark>政务公开</mark>" in hit.snippet or "<mark>公开</mark>" in hit.snippet


def test_operator_term_joins_the_dictionary(make_doc):
    SearchTerm.objects.create(word="龙泉湾片区", note="测试")
    doc = make_doc("龙泉湾片区改造公告", "<p>龙泉湾片区</p>")
    assert ids(search("龙泉湾片区")) == [doc.pk]


@pytest.mark.parametrize("raw", ["", "   "])
def test_empty_query_message(db, raw):  # the segmenter reloads its dictionary from the database now and then
    with pytest.raises(QueryError, match="请输入检索词"):
        search(raw)


def test_long_query_message(db):
    with pytest.raises(QueryError, match="不能超过 100"):
        search("公" * 101)


WEIRD = [
    '"', '""', '"政务', "政务*", "*", "NEAR(政务 公开)", "政务 AND OR NOT", "((政务", "政务)", "^公开",
    "title:公开", "{body}: x", "😀😀", "政务😀公开", "'; DROP TABLE search_fts; --", "%_%", "\\", "\u200b\u2063",
    "-公开", "+公开", "公开 -政务", "NEAR", "AND", "a" * 100, "：：", "【】", "[2023]", "〔〕号",
]


@pytest.mark.parametrize("raw", WEIRD)
def test_weird_queries_never_fail(make_doc, raw):
    make_doc("政务公开 NEAR AND", "<p>政务公开</p>")
    page = search(raw)
    assert page.total >= 0


@pytest.mark.parametrize("typed", ["沪府发〔1999〕043号", "沪府发〔1999〕43号", "沪府发[1999]43号"])
def test_a_number_with_leading_zeros_is_found_with_or_without_them(make_doc, typed):
    make_doc("其他通知", "<p>沪府发 1999 44 号</p>", doc_number="沪府发〔1999〕044号")
    target = make_doc("上海市人民政府关于印发的通知", "<p>正文</p>", doc_number="沪府发〔1999〕043号")
    assert target.doc_number == "沪府发〔1999〕043号"
    assert ids(search(typed))[0] == target.pk


@pytest.mark.parametrize(
    "stored, typed",
    [
        ("国家税务总局公告2018年第13号", "国家税务总局公告2018年第13号"),
        ("交通运输部令2016年第062号", "交通运输部令2016年第62号"),
        ("财政部 税务总局 海关总署公告2019年第39号", "财政部税务总局海关总署公告2019年第39号"),
        ("中华人民共和国主席令第三十一号", "中华人民共和国主席令第31号"),
    ],
)
def test_every_published_form_is_looked_up_as_a_number(make_doc, stored, typed):
    make_doc("有关公告的解读", "<p>2018 13 2016 62 2019 39 31 公告 令</p>")
    target = make_doc("公告正文", "<p>正文</p>", doc_number=stored)
    assert ids(search(typed))[0] == target.pk


def test_the_real_list_is_found_by_number_with_and_without_zeros(make_doc):
    from gongkai.documents.rules import doc_number_key
    from tests.documents.test_doc_number_rules import real_numbers

    numbers = real_numbers()
    docs = [make_doc(f"文件{i}", "<p>正文</p>", doc_number=n) for i, n in enumerate(numbers)]
    by_key: dict[str, set[int]] = {}
    for doc in docs:
        by_key.setdefault(doc_number_key(doc.doc_number), set()).add(doc.pk)
    for raw in numbers:
        key = doc_number_key(raw)
        for typed in {raw, key}:  # as published, and as the key (no zeros, no spaces)
            assert ids(search(typed))[0] in by_key[key], typed
