"""Every public page type renders in Chinese; only public documents are ever shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from gongkai.documents.models import Attachment, Attribute, Status, Validity

pytestmark = pytest.mark.django_db

META_LABELS = [
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "发文字号",
    "公文类型",
    "标题",
    "发布日期",
    "效力状态",
]


def html(response) -> str:
    return response.content.decode()


def test_home_lists_latest_directory_columns_and_request_links(
    client, county, township, other_township, make_doc
):
    doc = make_doc(township, title="龙家圈街道防汛工作通知")
    make_doc(county, "health", title="县医疗卫生信息")  # a sub-column of 重点领域信息
    page = html(client.get("/"))
    assert '<html lang="zh-CN">' in page
    assert "最新公开" in page and "龙家圈街道防汛工作通知" in page
    assert f'href="/gk/longjiaquan/doc/{doc.pk}/"' in page
    # Directory: the county with both townships nested below it.
    assert page.index('href="/gk/yishui/"') < page.index('href="/gk/longjiaquan/"')
    assert 'href="/gk/shagou/"' in page
    assert 'action="/search/"' in page and 'name="q"' in page
    assert 'href="/foi/apply/"' in page and 'href="/foi/track/"' in page
    assert 'href="/gk/yishui/col/key-domains/"' in page  # main columns of the county
    # Empty columns are not shown to the public, not as 「（0）」 either.
    assert 'href="/gk/yishui/col/plans/"' not in page and "（0）" not in page


def test_base_layout_has_landmarks_skip_link_and_toolbar(client, county):
    page = html(client.get("/gk/yishui/"))
    assert 'class="skip-link" href="#main"' in page
    assert '<main id="main"' in page
    assert '<header class="site-header">' in page and '<footer class="site-footer">' in page
    assert 'aria-label="主导航"' in page
    assert "长者模式" in page and "高对比度" in page
    assert '<script src="http' not in page and "fonts.googleapis" not in page  # no external assets


def test_org_home_shows_guide_catalog_counts_reports_and_contact(client, township, make_doc):
    township.phone = "0539-2251234"
    township.address = "沂水县龙家圈街道驻地"
    township.save()
    make_doc(township, "news", title="街道召开安全生产会议")
    make_doc(township, "annual-reports", title="2023年政府信息公开工作年度报告")
    make_doc(township, "news", title="草稿不应出现", status=Status.DRAFT)
    page = html(client.get("/gk/longjiaquan/"))
    assert 'href="/gk/longjiaquan/guide/"' in page
    assert '工作动态</a> <span class="count">（1）</span>' in page
    assert "2023年政府信息公开工作年度报告" in page and 'href="/gk/longjiaquan/col/annual-reports/"' in page
    assert "街道召开安全生产会议" in page and "草稿不应出现" not in page
    assert "0539-2251234" in page and "沂水县龙家圈街道驻地" in page


def test_parent_column_count_includes_sub_columns(client, township, make_doc):
    make_doc(township, "finance")
    make_doc(township, "education")
    page = html(client.get("/gk/longjiaquan/"))
    assert '重点领域信息</a> <span class="count">（2）</span>' in page


def test_guide_renders_org_facts_and_how_to_apply(client, township):
    township.office_name = "龙家圈街道党政办公室"
    township.office_hours = "工作日 8:30–12:00，13:30–17:30"
    township.fax = "0539-2250000"
    township.email = "ljq@example.gov.cn"
    township.postcode = "276400"
    township.save()
    page = html(client.get("/gk/longjiaquan/guide/"))
    for fact in ("龙家圈街道党政办公室", "工作日 8:30–12:00", "0539-2250000", "ljq@example.gov.cn", "276400"):
        assert fact in page
    assert "20 个工作日" in page and "7 个工作日" in page
    assert "国办函〔2020〕109号" in page and "每页 40 元" in page
    assert 'href="/foi/apply/?org=longjiaquan"' in page


def test_unknown_org_and_column_are_404(client, township):
    assert client.get("/gk/nowhere/").status_code == 404
    assert client.get("/gk/nowhere/guide/").status_code == 404
    assert client.get("/gk/longjiaquan/col/no-such-column/").status_code == 404


def test_column_lists_rows_with_number_and_date_and_sub_columns(client, township, make_doc):
    make_doc(
        township,
        "normative",
        title="关于规范村级财务管理的意见",
        doc_number="龙街办发〔2024〕7号",
        published_on=dt.date(2024, 3, 8),
    )
    page = html(client.get("/gk/longjiaquan/col/basis/"))
    assert "<h1>履职依据</h1>" in page
    assert 'href="/gk/longjiaquan/col/normative/"' in page  # sub-column
    assert "关于规范村级财务管理的意见" in page and "龙街办发〔2024〕7号" in page and "2024-03-08" in page
    assert '<th scope="col">发文字号</th>' in page
    # Breadcrumb of a sub-column names its parent.
    sub = html(client.get("/gk/longjiaquan/col/normative/"))
    assert (
        '<li><a href="/gk/longjiaquan/col/basis/">履职依据</a></li><li aria-current="page">行政规范性文件</li>'
        in sub
    )


def test_column_pagination_bounds(client, township, make_doc):
    for _ in range(45):
        make_doc(township, "news")
    first = html(client.get("/gk/longjiaquan/col/news/"))
    assert first.count("<tr><td>") == 20 and "共 45 条" in first and 'href="?page=2"' in first
    third = client.get("/gk/longjiaquan/col/news/?page=3")
    assert third.status_code == 200 and html(third).count("<tr><td>") == 5
    assert client.get("/gk/longjiaquan/col/news/?page=4").status_code == 404
    for bad in ("abc", "0", "-2", ""):
        response = client.get(f"/gk/longjiaquan/col/news/?page={bad}")
        assert response.status_code == 200 and html(response).count("<tr><td>") == 20


def test_document_page_metadata_table_and_body(client, township, make_doc):
    doc = make_doc(
        township,
        "normative",
        title="关于印发龙家圈街道农村人居环境整治方案的通知",
        doc_number="龙街办发〔2024〕12号",
        subject="城乡建设",
        genre="通知",
        validity=Validity.IN_FORCE,
        unified_number="SDYS-2024-0012",
        written_on=dt.date(2024, 4, 20),
        published_on=dt.date(2024, 4, 25),
        body="<p>各社区：</p><p>现将方案印发给你们。</p>",
    )
    page = html(client.get(f"/gk/longjiaquan/doc/{doc.pk}/"))
    for label in META_LABELS + ["统一编号"]:
        assert f'<th scope="row">{label}</th>' in page
    assert "龙街办发〔2024〕12号" in page and "2024-04-20" in page and "2024-04-25" in page
    assert "<td>有效</td>" in page and "SDYS-2024-0012" in page
    assert "<p>现将方案印发给你们。</p>" in page
    assert '<svg role="img" aria-label="本页网址二维码"' in page
    assert 'href="/prefs/?font=l' in page and ">打印本页<" in page


def test_unified_number_row_only_when_set(client, township, make_doc):
    doc = make_doc(township)
    assert "统一编号" not in html(client.get(f"/gk/longjiaquan/doc/{doc.pk}/"))


@pytest.mark.parametrize(
    ("status", "attribute"),
    [
        (Status.DRAFT, Attribute.PROACTIVE),
        (Status.IN_REVIEW, Attribute.PROACTIVE),
        (Status.APPROVED, Attribute.PROACTIVE),
        (Status.WITHDRAWN, Attribute.PROACTIVE),
        (Status.PUBLISHED, Attribute.ON_REQUEST),
        (Status.PUBLISHED, Attribute.NOT_DISCLOSED),
    ],
)
def test_non_public_documents_are_404_everywhere(client, township, make_doc, status, attribute):
    doc = make_doc(township, "news", title="不应公开的内部信息", status=status, attribute=attribute)
    assert client.get(f"/gk/longjiaquan/doc/{doc.pk}/").status_code == 404
    assert client.get(f"/gk/longjiaquan/doc/{doc.pk}/print/").status_code == 404
    for url in (
        "/",
        "/gk/longjiaquan/",
        "/gk/longjiaquan/col/news/",
        "/gk/longjiaquan/col/news/feed.atom",
        "/sitemap.xml",
    ):
        assert "不应公开的内部信息" not in html(client.get(url)), url
        assert f"/doc/{doc.pk}/" not in html(client.get(url)), url


def test_document_under_another_org_code_is_404(client, township, other_township, make_doc):
    doc = make_doc(township)
    assert client.get(f"/gk/shagou/doc/{doc.pk}/").status_code == 404


def test_titles_are_escaped(client, township, make_doc):
    doc = make_doc(township, "news", title="<script>alert('x')</script>通知")
    for url in (f"/gk/longjiaquan/doc/{doc.pk}/", "/gk/longjiaquan/col/news/", "/", "/gk/longjiaquan/"):
        page = html(client.get(url))
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;通知" in page, url


def test_body_is_cleaned_again_on_render(client, township, make_doc):
    doc = make_doc(
        township, body='<p onclick="steal()">正文</p><script>alert(1)</script><img src="x" onerror="y()">'
    )
    page = html(client.get(f"/gk/longjiaquan/doc/{doc.pk}/"))
    assert "onclick" not in page and "alert(1)" not in page and "onerror" not in page
    assert "正文" in page


def test_print_view(client, township, make_doc):
    doc = make_doc(township, title="打印测试通知")
    for url in (f"/gk/longjiaquan/doc/{doc.pk}/print/", f"/gk/longjiaquan/doc/{doc.pk}/?print=1"):
        page = html(client.get(url))
        assert 'class="font-m print-view"' in page and "打印测试通知" in page
        assert "相关信息" not in page and f"本页网址：{settings.SITE_URL}/gk/longjiaquan/doc/" in page
    assert 'media="print"' in html(client.get(f"/gk/longjiaquan/doc/{doc.pk}/"))


def test_related_items_same_column_and_subject(client, township, other_township, make_doc):
    doc = make_doc(township, "news", title="主文", subject="农业农村")
    make_doc(township, "news", title="同栏目信息")
    make_doc(other_township, "notices", title="同主题外镇信息", subject="农业农村")
    make_doc(other_township, "notices", title="无关信息", subject="教育")
    page = html(client.get(f"/gk/longjiaquan/doc/{doc.pk}/"))
    assert "同栏目信息" in page and "同主题外镇信息" in page and "无关信息" not in page


def test_attachment_download_only_for_public_documents(client, township, make_doc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = make_doc(township)
    draft = make_doc(township, status=Status.DRAFT)
    files = []
    for doc in (public, draft):
        item = Attachment(
            document=doc,
            original_name="实施方案.pdf",
            content_type="application/pdf",
            size=8,
            sha256="0" * 64,
        )
        item.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=True)
        files.append(item)
    page = html(client.get(f"/gk/longjiaquan/doc/{public.pk}/"))
    url = f"/gk/longjiaquan/doc/{public.pk}/file/{files[0].pk}/"
    assert f'href="{url}"' in page and "实施方案.pdf" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"
    assert "attachment" in response["Content-Disposition"]
    assert client.get(f"/gk/longjiaquan/doc/{draft.pk}/file/{files[1].pk}/").status_code == 404
    # An attachment id of another document is not reachable through a public one.
    assert client.get(f"/gk/longjiaquan/doc/{public.pk}/file/{files[1].pk}/").status_code == 404


def test_head_allowed_and_post_rejected(client, township):
    assert client.head("/gk/longjiaquan/").status_code == 200
    assert client.post("/gk/longjiaquan/").status_code == 405


@pytest.mark.django_db
def test_every_page_offers_the_online_question_channel(client, township):
    # Website checks fail a site outright without a working channel for questions (rules.md §4).
    home = client.get("/").content.decode()
    org_home = client.get(f"/gk/{township.code}/").content.decode()
    assert 'href="/ask/"' in home
    assert f'href="/ask/?org={township.code}"' in org_home
    for path in ("messages", "consultations", "surveys"):
        assert f'href="/gk/{township.code}/{path}/"' in org_home
        assert client.get(f"/gk/{township.code}/{path}/").status_code == 200
