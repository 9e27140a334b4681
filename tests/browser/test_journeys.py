"""Citizen and officer journeys through the real pages, in Debian's chromium."""

from __future__ import annotations

import re

import pytest

from gongkai.documents.models import Document, Status

from ..conftest import PASSWORD
from .support import blocking, run_axe

pytestmark = pytest.mark.django_db(transaction=True)


def _meta(page, label: str) -> str:
    """The value cell next to a header cell of the document's metadata table."""
    return page.locator(".meta-table tr", has=page.locator("th", has_text=label)).locator("td").inner_text()


def test_citizen_finds_a_document_by_column_and_reads_it(page, site):
    doc = site.docs["notice"]
    page.goto(site.url + "/")
    page.get_by_role("region", name="机构导航").get_by_role("link", name=site.township.name).click()
    assert page.get_by_role("heading", level=1).inner_text() == f"{site.township.name} · 政府信息公开"
    page.get_by_role("region", name="法定主动公开内容").get_by_role("link", name="通知公告").click()
    assert page.get_by_role("heading", level=1).inner_text() == "通知公告"
    page.get_by_role("table").get_by_role("link", name=doc.title).click()

    assert page.url.endswith(f"/gk/{site.township.code}/doc/{doc.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == doc.title
    table = page.locator(".meta-table")
    assert table.is_visible()
    assert _meta(page, "索引号") == doc.index_number
    assert _meta(page, "发文字号") == "龙街办发〔2025〕3号"
    assert _meta(page, "发文机关") == site.township.name
    assert _meta(page, "效力状态") == "有效"
    assert "每人每年400元" in page.locator(".doc-body").inner_text()
    # The breadcrumb leads back to the column.
    crumbs = page.get_by_role("navigation", name="当前位置")
    assert crumbs.get_by_role("link", name="通知公告").is_visible()


def test_citizen_finds_a_document_by_search(page, site):
    doc = site.docs["notice"]
    page.goto(site.url + "/")
    page.get_by_label("关键词").fill("医疗保险")
    page.get_by_label("关键词").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-results")
    assert results.get_by_role("link", name=re.compile("医疗保险")).count() == 1
    # A 发文字号 typed with ordinary brackets finds the document too.
    page.goto(site.url + "/search/?q=" + "龙街办发[2025]3号")
    results.get_by_role("link").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == doc.title
    assert _meta(page, "索引号") == doc.index_number


def test_elder_mode_and_toolbar_are_remembered_across_pages(page, site):
    page.goto(site.url + "/")
    base_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("region", name="无障碍工具").get_by_role("link", name="长者模式").click()
    assert "elder" in page.locator("body").get_attribute("class")
    elder_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert elder_size >= 22 > base_size

    # Another page, reached by a link: still in elder mode, and the toolbar offers the way back.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    assert "elder" in page.locator("body").get_attribute("class")
    toolbar = page.get_by_role("region", name="无障碍工具")
    assert toolbar.get_by_role("link", name="退出长者模式").is_visible()

    # High contrast on top of elder mode, kept on the next page.
    toolbar.get_by_role("link", name="高对比度").click()
    page.goto(site.doc_url("notice"))
    assert {"elder", "contrast"} <= set(page.locator("body").get_attribute("class").split())
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"

    # Browser-only aids: the reading guide and the large cursor are toggled and remembered.
    toolbar = page.get_by_role("region", name="无障碍工具")
    guide_button = toolbar.get_by_role("button", name="阅读辅助线")
    guide_button.click()
    assert guide_button.get_attribute("aria-pressed") == "true"
    assert page.locator(".reading-guide").is_visible()
    toolbar.get_by_role("button", name="大鼠标").click()
    page.reload()
    assert page.get_by_role("button", name="阅读辅助线").get_attribute("aria-pressed") == "true"
    assert "big-cursor" in page.locator("body").get_attribute("class")

    # Font size switches in place (JavaScript) and is remembered by the server on the next page.
    page.get_by_role("region", name="无障碍工具").get_by_role("link", name="小", exact=True).click()
    assert "font-s" in page.locator("body").get_attribute("class")
    page.get_by_role("region", name="无障碍工具").get_by_role("link", name="退出长者模式").click()
    classes = page.locator("body").get_attribute("class").split()
    assert "elder" not in classes and "font-s" in classes


def _answer_challenge(page) -> str:
    label = page.locator("label[for='id_answer']").inner_text()
    a, b = map(int, re.search(r"(\d+)\s*\+\s*(\d+)", label).groups())
    return str(a + b)


def test_citizen_submits_a_request_and_follows_it_with_the_query_code(page, site):
    page.goto(f"{site.url}/foi/apply/?org={site.township.code}")
    # Submitting nothing: a summary that names each problem, and errors tied to their fields.
    page.get_by_role("button", name="提交申请").click()
    summary = page.get_by_role("alert")
    assert "提交未成功" in summary.inner_text()
    name_field = page.locator("#id_name")
    assert name_field.get_attribute("aria-invalid") == "true"
    error_id = name_field.get_attribute("aria-describedby")
    assert "请填写" in page.locator(f"#{error_id}").inner_text()
    assert not blocking(run_axe(page))
    # The re-shown form asks a fresh arithmetic question the citizen can answer.
    assert re.search(r"\d+\s*\+\s*\d+", page.locator("label[for='id_answer']").inner_text())

    page.get_by_label("受理机关").select_option(site.township.code)
    page.get_by_label("申请人类型").select_option("natural_person")
    page.get_by_label("姓名/名称").fill("王秀英")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13905391234")
    page.get_by_label("所需政府信息的名称、文号或其他特征描述").fill("请公开2025年龙家圈街道耕地地力保护补贴的发放名单及标准")
    page.get_by_label("获取信息的方式").select_option("electronic")
    page.locator("#id_answer").fill(_answer_challenge(page))
    page.get_by_role("button", name="提交申请").click()

    assert page.get_by_role("heading", level=1).inner_text() == "申请已提交"
    number = page.locator("dl.receipt dd").nth(0).inner_text().strip()
    code = page.locator(".query-code").inner_text().strip()
    assert number and code
    assert not blocking(run_axe(page))

    # Later, in another browser session: the number and the code open the status page.
    page.context.clear_cookies()
    page.goto(site.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="申请查询").click()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill("WRONG1")
    page.get_by_role("button", name="查询").click()
    assert "不正确" in page.get_by_role("alert").inner_text()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", level=1).inner_text() == "申请办理进度"
    status = page.locator(".meta-table")
    assert number in status.inner_text()
    assert site.township.name in status.inner_text()
    assert not blocking(run_axe(page))


def test_keyboard_user_skips_to_content_with_visible_focus(page, site):
    page.goto(site.doc_url("notice"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    assert skip.evaluate("a => a === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # on screen once focused
    outline = skip.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab stop is inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def _login(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/staff/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/staff/$"))


def _act(page, base: str, pk: int, action: str) -> None:
    page.goto(f"{base}/staff/documents/{pk}/")
    page.get_by_role("button", name=action, exact=True).click()
    assert f"已{action}" in page.get_by_role("status").inner_text()


def test_officer_drafts_and_the_review_chain_publishes_to_the_portal(page, site, staff_chain):
    title = "龙家圈街道关于开展2025年冬季供暖安全检查的通知"
    _login(page, site.url, "ljq_officer")
    page.goto(site.url + "/staff/documents/new/")
    page.get_by_label("标题").fill(title)
    page.get_by_label("栏目").select_option(label="通知公告")
    page.get_by_label("发文字号").fill("龙街办发[2025]21号")
    page.get_by_label("正文").fill("为保障群众温暖过冬，街道将于11月开展供暖安全检查。\n请各社区做好配合工作。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url(re.compile(r"/staff/documents/\d+/$"))
    pk = int(re.search(r"/documents/(\d+)/", page.url).group(1))
    assert "草稿已保存" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="提交审核", exact=True).click()

    for reviewer in ("ljq_office", "ljq_leader", "ljq_secrecy"):
        _login(page, site.url, reviewer)
        _act(page, site.url, pk, "审核通过")
    _login(page, site.url, "ljq_officer")
    _act(page, site.url, pk, "发布")

    doc = Document.objects.get(pk=pk)
    assert doc.status == Status.PUBLISHED and doc.index_number
    # The citizen, not logged in, sees it in the column (the page cache was refreshed) and reads it.
    page.context.clear_cookies()
    page.goto(f"{site.url}/gk/{site.township.code}/col/notices/")
    page.get_by_role("table").get_by_role("link", name=title).click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert _meta(page, "索引号") == doc.index_number
    assert _meta(page, "发文字号") == "龙街办发〔2025〕21号"
