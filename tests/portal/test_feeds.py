"""Atom feed per column and the sitemap are well-formed XML with the expected entries."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from gongkai.documents.models import Status

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_column_feed_is_atom_with_public_items_of_column_and_sub_columns(client, township, make_doc):
    newest = make_doc(township, "normative", title="规范性文件甲", doc_number="龙街办发〔2024〕3号")
    make_doc(township, "rules", title="规章乙")
    make_doc(township, "normative", title="草稿丙", status=Status.DRAFT)
    make_doc(township, "news", title="别的栏目")
    response = client.get("/gk/longjiaquan/col/basis/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "沂水县龙家圈街道办事处 · 履职依据"
    entries = root.findall(f"{ATOM}entry")
    titles = {e.find(f"{ATOM}title").text for e in entries}
    assert titles == {"规范性文件甲", "规章乙"}
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert f"http://testserver/gk/longjiaquan/doc/{newest.pk}/" in links
    summaries = [e.find(f"{ATOM}summary").text or "" for e in entries]
    assert any("龙街办发〔2024〕3号" in s for s in summaries)


def test_feed_of_unknown_column_is_404(client, township):
    assert client.get("/gk/longjiaquan/col/nothing/feed.atom").status_code == 404


def test_sitemap_lists_pages_and_public_documents_only(client, county, township, make_doc):
    public = make_doc(township, title="公开件")
    hidden = make_doc(township, title="撤回件", status=Status.WITHDRAWN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = {u.find(f"{SM}loc").text for u in root.findall(f"{SM}url")}
    expected = {
        "http://testserver/",
        "http://testserver/gk/yishui/",
        "http://testserver/gk/longjiaquan/guide/",
        "http://testserver/gk/longjiaquan/col/news/",
        f"http://testserver/gk/longjiaquan/doc/{public.pk}/",
    }
    assert expected <= locs
    assert f"http://testserver/gk/longjiaquan/doc/{hidden.pk}/" not in locs
