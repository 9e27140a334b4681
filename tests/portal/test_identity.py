"""Site identity (主办单位, 网站标识码, 备案 numbers, 党政机关标识) per host name, and the page meta tags."""

from __future__ import annotations

import re

import pytest

from gongkai.portal.identity import for_host

pytestmark = pytest.mark.django_db

COUNTY_SITE = {
    "name": "沂水县人民政府",
    "org_code": "yishui",
    "sponsor": "沂水县人民政府办公室",
    "site_code": "3713230001",
    "icp": "鲁ICP备11111111号",
    "psb": "鲁公网安备 37132302000111号",
    "psb_code": "37132302000111",
    "conac_url": "https://bszs.conac.cn/sitename?id=1",
    "phone": "0539-2200001",
}
TOWN_SITE = {
    "name": "龙家圈街道",
    "org_code": "longjiaquan",
    "sponsor": "沂水县龙家圈街道办事处",
    "site_code": "3713230002",
    "icp": "鲁ICP备22222222号",
    "psb": "鲁公网安备 37132302000222号",
}


@pytest.fixture
def two_sites(settings):
    settings.ALLOWED_HOSTS = ["www.yishui.example", "ljq.yishui.example", "testserver"]
    settings.GONGKAI_SITES = {"www.yishui.example": COUNTY_SITE, "ljq.yishui.example": TOWN_SITE, "*": COUNTY_SITE}


def metas(page: str) -> dict[str, str]:
    return dict(re.findall(r'<meta name="(\w+)" content="([^"]*)">', page))


def test_two_host_names_show_two_identities(client, two_sites, county, township):
    county_page = client.get("/", HTTP_HOST="www.yishui.example").content.decode()
    town_page = client.get("/", HTTP_HOST="ljq.yishui.example").content.decode()
    assert "主办单位：沂水县人民政府办公室" in county_page and "网站标识码：<span class=\"site-code\">3713230001" in county_page
    assert "鲁ICP备11111111号" in county_page and "鲁公网安备 37132302000111号" in county_page
    assert 'alt="党政机关网站标识"' in county_page and 'href="https://bszs.conac.cn/sitename?id=1"' in county_page
    assert "主办单位：沂水县龙家圈街道办事处" in town_page and "3713230002" in town_page
    assert "鲁ICP备22222222号" in town_page and "鲁ICP备11111111号" not in town_page
    # Each host's pages are cached apart: the county's footer never leaks onto the town's host.
    again = client.get("/", HTTP_HOST="ljq.yishui.example")
    assert again["X-Portal-Cache"] == "hit" and "沂水县龙家圈街道办事处" in again.content.decode()
    assert metas(county_page)["SiteDomain"] == "www.yishui.example"
    assert metas(town_page)["SiteIDCode"] == "3713230002"


def test_home_guide_and_catalog_links_go_to_the_sites_own_organization(client, two_sites, county, township):
    # The township's site links to its own guide and catalog, not to the first top-level organization.
    page = client.get("/", HTTP_HOST="ljq.yishui.example").content.decode()
    assert 'href="/gk/longjiaquan/guide/">政府信息公开指南' in page
    assert 'href="/gk/longjiaquan/">政府信息公开目录' in page
    page = client.get("/", HTTP_HOST="www.yishui.example").content.decode()
    assert 'href="/gk/yishui/guide/">政府信息公开指南' in page


def test_unknown_host_gets_the_default_identity_and_its_own_domain(two_sites):
    identity = for_host("other.example:8443")
    assert identity.sponsor == "沂水县人民政府办公室" and identity.domain == "other.example"


def test_unknown_setting_keys_are_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.GONGKAI_SITES = {"*": {"sponsorr": "x"}}
    with pytest.raises(ImproperlyConfigured):
        for_host("testserver")


def test_home_carries_the_site_tags_only(client, two_sites, county):
    tags = metas(client.get("/").content.decode())
    assert tags["SiteName"] == "沂水县人民政府" and tags["SiteIDCode"] == "3713230001"
    assert tags["SiteDomain"] == "testserver"
    assert "ColumnName" not in tags and "ArticleTitle" not in tags


def test_column_page_carries_the_column_tags(client, two_sites, township, make_doc):
    make_doc(township, "notices")
    tags = metas(client.get("/gk/longjiaquan/col/notices/").content.decode())
    assert {"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
            "ColumnType"} <= set(tags)
    assert tags["ColumnType"] == "信息公开" and tags["ColumnName"]
    assert "ArticleTitle" not in tags


def test_document_page_carries_the_article_tags_and_description(client, two_sites, township, make_doc):
    doc = make_doc(township, "notices", title="龙家圈街道防汛工作通知", summary="部署今年汛期的值守与转移安置。",
                   agency="沂水县龙家圈街道办事处")
    page = client.get(f"/gk/longjiaquan/doc/{doc.pk}/").content.decode()
    tags = metas(page)
    assert tags["ArticleTitle"] == "龙家圈街道防汛工作通知"
    assert tags["PubDate"].startswith(doc.published_on.isoformat())
    assert tags["ContentSource"] == "沂水县龙家圈街道办事处"
    assert tags["Description"] == "部署今年汛期的值守与转移安置。"
    assert tags["Url"].endswith(f"/gk/longjiaquan/doc/{doc.pk}/")
    assert tags["description"] == "部署今年汛期的值守与转移安置。"
    assert "内容概述：</strong>部署今年汛期的值守与转移安置。" in page
    assert "申请无障碍格式" in page or not doc.attachments.exists()


def test_other_apps_pages_get_their_column_tags(client, two_sites, county):
    tags = metas(client.get("/ask/").content.decode())
    assert tags["ColumnName"] == "互动交流" and tags["ColumnType"] == "互动交流"
    assert tags["SiteIDCode"] == "3713230001"


def test_html_site_map_lists_organizations_columns_interaction_and_services(client, county, township, make_doc):
    make_doc(township, "notices", title="有内容的栏目")
    page = client.get("/map/").content.decode()
    assert "<h1>网站地图</h1>" in page
    assert 'href="/gk/yishui/"' in page and 'href="/gk/longjiaquan/guide/"' in page
    assert 'href="/gk/longjiaquan/col/notices/"' in page
    assert 'href="/hudong/consultations/"' in page and 'href="/foi/apply/"' in page
    assert 'href="/sitemap.xml"' in page
    # Columns without public content are not listed for the public.
    assert 'href="/gk/shagou/col/notices/"' not in page and 'href="/gk/yishui/col/notices/"' not in page
    # Every page's footer and navigation reach the HTML map.
    assert 'href="/map/">网站地图' in client.get("/").content.decode()


def test_org_home_has_exactly_the_four_foi_entries_and_statutory_content_below(client, township, make_doc):
    make_doc(township, "notices", title="通知一则")
    page = client.get("/gk/longjiaquan/").content.decode()
    entries = page.split('class="foi-entries"')[1].split("</nav>")[0]
    import re as _re

    labels = _re.findall(r"<a [^>]*>([^<]+)</a>", entries)
    assert labels == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开工作年度报告"]
    assert 'href="/gk/longjiaquan/col/foi-rules/"' in entries
    statutory = page.split('id="h-statutory"')[1].split("</section>")[0]
    assert 'href="/gk/longjiaquan/col/notices/"' in statutory
    # Guide, rules and reports are their own entries, never mixed into 法定主动公开内容; empty columns are hidden.
    for slug in ("guide", "foi-rules", "annual-reports", "plans"):
        assert f"/col/{slug}/" not in statutory


def test_an_empty_column_with_the_offices_explanation_is_shown_with_it(client, township):
    from gongkai.catalog.models import Column

    Column.objects.filter(org=township, slug="plans").update(empty_note="本单位未涉及该领域")
    statutory = client.get("/gk/longjiaquan/").content.decode().split('id="h-statutory"')[1].split("</section>")[0]
    assert 'href="/gk/longjiaquan/col/plans/"' in statutory and "本单位未涉及该领域" in statutory
    assert "/col/enforcement/" not in statutory


def test_a_repealed_document_says_so_on_itself_with_the_date_and_the_note(client, township, make_doc):
    import datetime as dt

    from gongkai.documents.models import Validity, ValidityEvent

    doc = make_doc(township, "notices", title="旧的管理办法", validity=Validity.REPEALED)
    ValidityEvent.objects.create(document=doc, status=Validity.REPEALED, effective_on=dt.date(2025, 3, 1),
                                 note="由《龙家圈街道新管理办法》（龙街办发〔2025〕2号）代替。")
    page = client.get(f"/gk/longjiaquan/doc/{doc.pk}/").content.decode()
    assert "本文件已于 2025年3月1日 废止。由《龙家圈街道新管理办法》（龙街办发〔2025〕2号）代替。" in page


def test_column_page_filters_by_year_and_lists_its_sibling_columns(client, township, make_doc):
    import datetime as dt

    make_doc(township, "notices", title="二〇二三年的通知", published_on=dt.date(2023, 6, 1))
    make_doc(township, "notices", title="二〇二四年的通知", published_on=dt.date(2024, 6, 1))
    make_doc(township, "news", title="一条动态")
    page = client.get("/gk/longjiaquan/col/notices/").content.decode()
    assert 'href="?year=2024">2024年' in page and 'href="?year=2023">2023年' in page
    filtered = client.get("/gk/longjiaquan/col/notices/", {"year": "2023"}).content.decode()
    assert "二〇二三年的通知" in filtered and "二〇二四年的通知" not in filtered
    assert '<span aria-current="page">2023年</span>' in filtered
    # Nonsense in the year is read as no filter, never an error.
    nonsense = client.get("/gk/longjiaquan/col/notices/", {"year": "abc"})
    assert nonsense.status_code == 200 and "二〇二四年的通知" in nonsense.content.decode()
    sidebar = page.split('id="h-siblings"')[1].split("</nav>")[0]
    assert 'href="/gk/longjiaquan/col/news/"' in sidebar and '<span aria-current="page">通知公告</span>' in sidebar
    assert "/col/plans/" not in sidebar  # empty siblings stay hidden
