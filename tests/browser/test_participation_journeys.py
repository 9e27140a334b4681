"""Citizen journeys of 互动交流 in Debian's chromium: ask and read the published answer, report an error
from the footer link, answer a survey once per phone and read its results."""

from __future__ import annotations

import re

import pytest

from gongkai.interaction.models import ErrorReport, Message
from gongkai.orgs.models import Role

from .support import blocking, run_axe
from .test_journeys import _answer_challenge, _login

pytestmark = pytest.mark.django_db(transaction=True)
ANSWER = "您好：困难群众参保个人缴费部分由财政全额资助，请携带低保证到社区便民服务点登记，无需自行缴纳。"


def test_citizen_asks_staff_answers_and_publishes_and_the_answer_is_public(page, site, make_user):
    make_user("ljq_gk", site.township, Role.OFFICER)
    topic = "低保户医保缴费有没有资助"
    page.goto(site.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我要咨询").click()
    page.wait_for_url(re.compile(r"/ask/"))
    # Submitting nothing: a summary naming each problem, errors tied to their fields, a fresh question.
    page.get_by_role("button", name="提交留言").click()
    assert "提交未成功" in page.get_by_role("alert").inner_text()
    topic_field = page.locator("#id_topic")
    assert topic_field.get_attribute("aria-invalid") == "true"
    assert "请填写主题" in page.locator(f"#{topic_field.get_attribute('aria-describedby')}").inner_text()
    assert not blocking(run_axe(page))

    page.get_by_label("咨询机构").select_option(site.township.code)
    page.get_by_label("类别").select_option("consult")
    page.get_by_label("主题").fill(topic)
    page.get_by_label("留言内容").fill("我家是低保户，今年城乡居民医保的个人缴费部分能否减免？需要办什么手续？")
    page.get_by_label("姓名").fill("孙玉梅")
    page.get_by_label("联系电话或电子邮箱").fill("13905397788")
    page.locator("#id_answer").fill(_answer_challenge(page))
    page.get_by_role("button", name="提交留言").click()

    assert page.get_by_role("heading", level=1).inner_text() == "留言已提交"
    number = page.locator("dl.receipt dd").nth(0).inner_text().strip()
    code = page.locator(".query-code").inner_text().strip()
    assert number and code
    assert site.township.name in page.locator("dl.receipt").inner_text()
    assert not blocking(run_axe(page))

    # The officer answers and publishes from the staff queue.
    _login(page, site.url, "ljq_gk")
    page.get_by_role("link", name="咨询留言").first.click()
    page.get_by_role("table").get_by_role("link", name=number).click()
    page.get_by_label("答复内容").fill(ANSWER)
    page.get_by_role("button", name="保存答复").click()
    assert "答复已保存" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="公开留言和答复").click()
    assert "留言和答复已公开" in page.get_by_role("status").inner_text()
    message = Message.objects.get(number=number)
    assert message.published and message.status == "answered"

    # The public list of answers shows it (the page cache was refreshed), without the citizen's name.
    page.context.clear_cookies()
    page.goto(f"{site.url}/gk/{site.township.code}/messages/")
    page.get_by_role("link", name=topic).click()
    assert page.get_by_role("heading", level=1).inner_text() == topic
    main = page.locator("main").inner_text()
    assert ANSWER in main and "孙玉梅" not in main and "13905397788" not in main
    assert not blocking(run_axe(page))

    # The citizen follows it with the number and the query code.
    page.goto(site.url + "/ask/track/")
    page.get_by_label("留言编号").fill(number)
    page.get_by_label("查询码").fill("WRONG1")
    page.get_by_role("button", name="查询").click()
    assert "不正确" in page.get_by_role("alert").inner_text()
    page.get_by_label("留言编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", level=2).inner_text() == topic
    assert ANSWER in page.locator("main").inner_text()
    assert not blocking(run_axe(page))


def test_footer_error_link_prefills_the_page_and_gives_a_reference_number(page, site):
    doc = site.docs["notice"]
    page.goto(site.doc_url("notice"))
    page.get_by_role("contentinfo").get_by_role("link", name="我要纠错").click()
    page.wait_for_url(re.compile(r"/report-error/\?url="))
    assert page.get_by_label("出错页面网址").input_value() == f"/gk/{site.township.code}/doc/{doc.pk}/"
    radios = page.get_by_role("group", name="问题类型")
    radios.get_by_label("内容有错误").check()
    page.get_by_label("问题描述").fill("正文中“每人每年400元”与县医保局公布的标准不一致，请核实。")
    page.locator("#id_answer").fill(_answer_challenge(page))
    page.get_by_role("button", name="提交纠错").click()

    assert page.get_by_role("heading", level=1).inner_text() == "纠错已提交"
    report = ErrorReport.objects.get()
    assert report.number in page.get_by_role("status").inner_text()
    assert report.org == site.township and report.page_url.endswith(f"/doc/{doc.pk}/")
    assert not blocking(run_axe(page))


def test_report_error_without_a_kind_names_the_radio_group(page, site):
    page.goto(site.url + "/report-error/?url=/")
    page.get_by_role("button", name="提交纠错").click()
    summary = page.get_by_role("alert")
    assert "请选择问题类型" in summary.inner_text()
    # The summary's link leads to the group, which carries the error as its description.
    summary.get_by_role("link", name=re.compile("问题类型")).click()
    group = page.get_by_role("group", name="问题类型")
    assert group.get_attribute("aria-describedby") == "id_kind-error"
    assert not blocking(run_axe(page))


def _fill_survey(page, phone: str) -> None:
    page.get_by_role("group", name=re.compile("窗口服务态度")).get_by_label("满意", exact=True).check()
    page.get_by_role("group", name=re.compile("了解办事指南")).get_by_label("政府网站").check()
    page.get_by_label("您的其他建议").fill("希望周末也能办理社保业务。")
    page.get_by_label(re.compile("手机号码")).fill(phone)
    page.locator("#id_answer").fill(_answer_challenge(page))
    page.get_by_role("button", name="提交问卷").click()


def test_citizen_answers_a_survey_once_per_phone_and_reads_the_results(page, participation):
    site, survey = participation.site, participation.survey
    page.goto(f"{site.url}/gk/{site.township.code}/surveys/")
    page.get_by_role("link", name=survey.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == survey.title
    _fill_survey(page, "139 0539 4567")
    assert page.get_by_role("heading", level=1).inner_text() == "问卷已提交"
    assert not blocking(run_axe(page))

    # The same phone again: refused, with the reason in Chinese on the phone field.
    page.goto(f"{site.url}{survey.get_absolute_url()}")
    _fill_survey(page, "13905394567")
    assert "每人只能提交一次" in page.get_by_role("alert").inner_text()
    phone = page.locator("#id_phone")
    assert phone.get_attribute("aria-invalid") == "true"
    assert "已经参与过本次调查" in page.locator(f"#{phone.get_attribute('aria-describedby')}").inner_text()
    assert survey.responses.count() == 4
    assert not blocking(run_axe(page))

    # The results: a chart per choice question with a text alternative, and the same figures as a table.
    page.get_by_role("link", name="查看结果").click()
    assert "共收到答卷 4 份" in page.locator("main").inner_text()
    chart = page.get_by_role("img", name=re.compile("您对窗口服务态度是否满意"))
    assert chart.evaluate("e => e.tagName") == "svg"
    alternative = chart.get_attribute("aria-label")
    assert "满意 3 票" in alternative and "基本满意 1 票" in alternative and "不满意 0 票" in alternative
    section = page.get_by_role("region", name=re.compile("您对窗口服务态度是否满意"))
    section.get_by_text("以表格查看本题结果").click()
    table = section.get_by_role("table")
    assert table.get_by_role("row", name=re.compile("^满意 3 75%")).is_visible()
    assert not blocking(run_axe(page))
