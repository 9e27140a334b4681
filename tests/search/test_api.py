"""GET /api/v1/search and the /search/ page."""

import pytest

from gongkai.documents.models import Status
from gongkai.search.services import index_document

URL = "/api/v1/search"


def test_api_shape(client, make_doc):
    doc = make_doc("政务公开实施方案", "<p>推进政务公开。</p>", doc_number="龙街办发〔2023〕12号")
    resp = client.get(URL, {"q": "政务公开"})
    assert resp.status_code == 200
    data = resp.json()
    assert data["total"] == 1
    [item] = data["results"]
    assert {"id", "title", "url", "agency", "doc_number", "published_on", "snippet"} <= set(item)
    assert item["id"] == doc.pk and item["doc_number"] == "龙街办发〔2023〕12号"
    assert item["published_on"] == "2023-06-03"
    assert item["url"].endswith(f"/gk/longjiaquan/doc/{doc.pk}/")
    assert "<mark>" in item["snippet"]
    assert data["facets"]["org"][0]["value"] == "longjiaquan"


def test_api_filters(client, make_doc, other_township):
    make_doc("政务公开实施方案", "<p>政务公开</p>")
    other = make_doc("政务公开工作要点", "<p>政务公开</p>", org=other_township)
    data = client.get(URL, {"q": "政务公开", "org": "shagou"}).json()
    assert [r["id"] for r in data["results"]] == [other.pk]
    data = client.get(URL, {"q": "政务公开", "org": "shagou", "column": other.column.slug}).json()
    assert [r["id"] for r in data["results"]] == [other.pk]
    data = client.get(URL, {"q": "政务公开", "column": str(other.column_id), "year": "2023", "page": "1"}).json()
    assert [r["id"] for r in data["results"]] == [other.pk]


@pytest.mark.parametrize(
    "params,field",
    [
        ({"q": ""}, "q"),
        ({}, "q"),
        ({"q": "公" * 101}, "q"),
        ({"q": "公开", "org": "nowhere"}, "org"),
        ({"q": "公开", "year": "20x3"}, "year"),
        ({"q": "公开", "year": "1800"}, "year"),
        ({"q": "公开", "page": "0"}, "page"),
        ({"q": "公开", "page": "-1"}, "page"),
        ({"q": "公开", "page": "99999999999999999999"}, "page"),
        ({"q": "公开", "column": "policy"}, "column"),
        ({"q": "公开", "org": "longjiaquan", "column": "no-such"}, "column"),
        ({"q": "公开", "genre": "诗歌"}, "genre"),
        ({"q": "公开", "sort": "random"}, "sort"),
    ],
)
def test_api_bad_params(client, township, params, field):
    resp = client.get(URL, params)
    assert resp.status_code == 400
    errors = resp.json()["errors"]
    assert field in errors
    assert any("\u4e00" <= ch <= "\u9fff" for ch in errors[field])


@pytest.mark.parametrize("q", ['"', "NEAR(", "((a", "😀", "*", "AND", "x" * 1000, "政务\x00公开"])
def test_api_never_500(client, make_doc, q):
    make_doc("政务公开", "<p>政务公开</p>")
    resp = client.get(URL, {"q": q})
    assert resp.status_code in (200, 400)


def test_withdrawn_disappears_from_api(client, make_doc):
    doc = make_doc("双随机一公开抽查结果公告", "<p>双随机一公开</p>")
    assert client.get(URL, {"q": "双随机一公开"}).json()["total"] == 1
    doc.status = Status.WITHDRAWN
    doc.save()
    index_document(doc)
    assert client.get(URL, {"q": "双随机一公开"}).json() == {
        "total": 0, "total_capped": False, "results": [], "page": 1, "pages": 1,
        "facets": {"org": [], "year": [], "genre": []},
    }


def test_search_page(client, make_doc):
    make_doc('放管服改革<img src=x onerror=alert(1)>通知', "<p>深化放管服改革。</p>")
    resp = client.get("/search/", {"q": "放管服"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<h1>信息检索</h1>" in html
    assert '<label for="id_q">' in html
    assert "<mark>放管服" in html
    assert "<img src=x" not in html
    assert "共 1 条" in html


def test_search_page_messages(client, township):
    assert "请输入检索词" in client.get("/search/", {"q": ""}).content.decode()
    assert "不能超过 100" in client.get("/search/", {"q": "公" * 200}).content.decode()
    assert client.get("/search/").status_code == 200
    assert "没有代码为" in client.get("/search/", {"q": "公开", "org": "x"}).content.decode()
