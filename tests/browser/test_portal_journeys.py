"""Citizen journeys through the portal's site-wide entries: an open consultation found from the home page,
last year's annual report downloaded as PDF, and 长者模式's first screen on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.documents.models import Document
from gongkai.documents.models import Status as DocStatus
from gongkai.interaction.models import Comment
from gongkai.orgs.models import Role

from .support import blocking, run_axe, set_prefs
from .test_journeys import _answer_challenge

pytestmark = pytest.mark.django_db(transaction=True)


def test_citizen_finds_an_open_consultation_from_home_and_comments(page, participation):
    site, item = participation.site, participation.solicitation
    page.goto(f"{site.url}/")
    page.get_by_role("region", name="互动交流").get_by_role("link", name="意见征集").click()
    assert page.get_by_role("heading", level=1).inner_text() == "意见征集"
    open_now = page.get_by_role("region", name="正在征集")
    assert not blocking(run_axe(page))
    open_now.get_by_role("link", name=item.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == item.title
    page.get_by_label("意见建议").fill("建议在每个村的收集点旁设置分类指引牌，方便老年人识别。")
    page.get_by_label("姓名").fill("王秀英")
    page.locator("#id_answer").fill(_answer_challenge(page))
    page.get_by_role("button", name="提交意见").click()
    assert "您的意见已提交" in page.locator("main").inner_text()
    comment = Comment.objects.get(solicitation=item, name="王秀英")
    assert "分类指引牌" in comment.content


def test_citizen_downloads_last_years_annual_report_as_pdf(page, site, make_user):
    from gongkai.reports import services

    year = timezone.localdate().year - 1
    officer = make_user("ljq_report", site.township, Role.OFFICER)
    doc = services.publish_report(actor=officer, org=site.township, year=year)
    Document.objects.filter(pk=doc.pk).update(status=DocStatus.PUBLISHED, published_on=dt.date(year + 1, 1, 20))
    page.goto(f"{site.url}/")
    page.get_by_role("link", name="政府信息公开工作年度报告").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "政府信息公开工作年度报告"
    assert not blocking(run_axe(page))
    page.get_by_role("region", name=f"{year}年度").get_by_role("link", name=doc.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == doc.title
    with page.expect_download() as info:
        page.get_by_role("link", name=f"{year}年度报告（PDF 版）").click()
    download = info.value
    assert download.suggested_filename == f"{site.township.code}-{year}-annual-report.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_elder_mode_on_a_phone_shows_title_and_first_paragraph_on_the_first_screen(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    set_prefs(page.context, site.url, {"gk_elder": "1"})
    page.goto(site.doc_url("notice"))
    h1 = page.get_by_role("heading", level=1).bounding_box()
    first = page.locator(".doc-body p").first.bounding_box()
    assert h1 is not None and first is not None
    assert h1["y"] >= 0 and h1["y"] + h1["height"] <= 740, h1
    assert first["y"] + min(first["height"], 40) <= 740, first  # at least its first line is on screen
    body_px = page.locator(".doc-body p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert body_px >= 18
