"""Pure pieces: segmentation, stored form, highlighting, query parsing."""

import pytest

from gongkai.core.extract import html_to_text
from gongkai.search.highlight import highlight
from gongkai.search.query import parse_query
from gongkai.search.segment import Segmenter, shipped_terms, visible_html, visible_text


@pytest.fixture(scope="module")
def seg():
    return Segmenter(shipped_terms())


@pytest.mark.parametrize("term", ["政务公开", "依申请公开", "放管服", "双随机一公开", "河长制", "索引号", "发文字号"])
def test_dictionary_terms_stay_whole(seg, term):
    assert term in seg.query_tokens(f"关于推进{term}工作")


@pytest.mark.parametrize("text", ["推进政务公开工作，中华人民共和国", "<b>a&b</b> 2023年 😀", ""])
def test_stored_form_gives_text_back(seg, text):
    assert visible_text(seg.index_form(text)) == text


def test_html_to_text():
    assert html_to_text("<p>第一段&amp;</p><script>x()</script><p>第二段</p>") == "第一段&\n第二段"


def test_visible_html_escapes_and_marks():
    stored = "\ue000<x>\ue001\u200b政务公开\u2063政务\u200b\ue000公开\ue001\u2064"
    assert visible_html(stored) == "<mark>&lt;x&gt;</mark><mark>政务公开</mark>" .replace("</mark><mark>", "")


@pytest.mark.parametrize(
    "text,terms,expected",
    [
        ("<b>公开</b>", ["公开"], "&lt;b&gt;<mark>公开</mark>&lt;/b&gt;"),
        ("abc", [], "abc"),
        ("ABC abc", ["abc"], "<mark>ABC</mark> <mark>abc</mark>"),
    ],
)
def test_highlight(text, terms, expected):
    assert highlight(text, terms, width=0) == expected


@pytest.mark.parametrize(
    "raw,terms,phrases,doc_number",
    [
        ("政务公开", ["政务公开"], [], ""),
        ('"政务公开 工作" 方案', ["政务公开", "工作", "方案"], ["政务公开 工作"], ""),
        ("龙街办发【2023】12号", None, [], "龙街办发〔2023〕12号"),
        ('"', [], [], ""),
    ],
)
def test_parse_query(seg, raw, terms, phrases, doc_number):
    parsed = parse_query(raw, seg.query_tokens)
    if terms is not None:
        assert parsed.terms == terms
    assert parsed.phrases == phrases
    assert parsed.doc_number == doc_number
