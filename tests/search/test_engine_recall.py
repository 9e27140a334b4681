"""The engine's remembered recall gaps, bigram phrases and curation helpers."""

from __future__ import annotations

import datetime

import pytest

from gongkai.search.curation import expand, normalize, parse_terms, synonyms
from gongkai.search.engine import index as engine_index
from gongkai.search.engine import recall
from gongkai.search.engine.index import Record, bigram_text, boost_multiplier, boost_weight
from gongkai.search.engine.search import Alternative, EngineQuery, Unit, run


@pytest.fixture
def live(settings, tmp_path):
    settings.GONGKAI_SEARCH_INDEX_DIR = str(tmp_path / "ix")
    recall.recall_cache.clear()
    yield
    recall.recall_cache.clear()


def record(ref: int, title: str, body: str = "", tokens=None, **kw) -> Record:
    from gongkai.search.segment import Segmenter, shipped_terms

    seg = Segmenter(shipped_terms())
    return Record(kind="document", ref=ref, title=title, body=body, meta="",
                  title_tokens=tokens if tokens is not None else seg.index_tokens(title),
                  body_tokens=seg.index_tokens(body), meta_tokens=[], **kw)


def query(text: str, tokens: list[str]) -> EngineQuery:
    return EngineQuery(units=[Unit([Alternative(text=text, tokens=tokens)])], facets=())


def test_bigrams_start_at_every_character():
    assert bigram_text("政务 公开") == "政务 务_ _公 公开 开_"
    assert bigram_text("HPV") == "hp pv v_"


def test_boost_is_gentle_and_time_invariant():
    recent = boost_multiplier("", datetime.date(2025, 1, 1))
    decade = boost_multiplier("", datetime.date(2015, 1, 1))
    assert recent / decade == pytest.approx(1.15, rel=1e-3)
    assert boost_multiplier("in_force", datetime.date(2015, 1, 1)) > boost_multiplier("repealed", datetime.date(2015, 1, 1))
    assert boost_weight("repealed", datetime.date(1949, 10, 1)) == pytest.approx(0.0, abs=1e-9)


def test_gap_is_remembered_and_extended_for_later_writes(live, django_db_blocker):
    with engine_index.Writer() as w:
        # Tokens that never contain the word: only recall can find these.
        w.upsert([record(1, "深化改革开放", tokens=["深化改革", "开放"]), record(2, "改革开放", tokens=["改革开放"])])
    found = run(query("改革开放", ["改革开放"]))
    assert sorted(h.ref for h in found.hits) == [1, 2]
    assert found.hits[0].ref == 2  # the word match outranks the recall match
    gap = next(iter(recall.recall_cache._memory.values()))
    assert len(gap.title) == 1
    with engine_index.Writer() as w:
        w.upsert([record(3, "全面深化改革开放新局面", tokens=["全面", "深化改革", "开放"])])
    assert {h.ref for h in run(query("改革开放", ["改革开放"])).hits} == {1, 2, 3}
    # Past REFRESH newer versions the remembered gap is extended, not recomputed from scratch.
    old = recall.REFRESH
    recall.REFRESH = 0
    try:
        assert run(query("改革开放", ["改革开放"])).total == 3
        gap = next(iter(recall.recall_cache._memory.values()))
        assert len(gap.title) == 2
    finally:
        recall.REFRESH = old


def test_replaced_and_deleted_versions_do_not_come_back(live):
    with engine_index.Writer() as w:
        w.upsert([record(1, "深化改革开放", tokens=["深化改革", "开放"])])
    assert run(query("改革开放", ["改革开放"])).total == 1
    with engine_index.Writer() as w:
        w.upsert([record(1, "深化改革", tokens=["深化改革"])])
    assert run(query("改革开放", ["改革开放"])).total == 0
    with engine_index.Writer() as w:
        w.delete(["document:1"])
    assert run(query("深化改革", ["深化改革"])).total == 0


def test_one_character_words_and_empty_query(live):
    with engine_index.Writer() as w:
        w.upsert([record(1, "税费减免", published=datetime.date(2020, 1, 1)),
                  record(2, "通知", published=datetime.date(2024, 1, 1))])
    assert [h.ref for h in run(query("税", ["税"])).hits] == [1]
    listed = run(EngineQuery(units=[], facets=()))
    assert [h.ref for h in listed.hits] == [2, 1]  # no words: newest first


def test_curation_helpers(db):
    assert parse_terms("老年人补贴，高龄津贴、 高龄津贴") == ["老年人补贴", "高龄津贴"]
    assert normalize(" HPV 疫苗 ") == "hpv疫苗"
    from gongkai.search.models import SynonymGroup

    SynonymGroup.objects.create(terms="老年人补贴, 高龄津贴")
    synonyms.invalidate()
    assert expand(["老年人", "补贴", "申请"]) == [(["老年人", "补贴"], ["高龄津贴"]), (["申请"], [])]
    SynonymGroup.objects.all().delete()
    synonyms.invalidate()
