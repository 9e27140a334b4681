"""HTML of every public page type of 互动交流 and 政策解读 is valid; the forms read at 360 px wide."""

from __future__ import annotations

import pytest

from .support import MODES, PARTICIPATION_PAGE_NAMES, PHONE, set_prefs, validate_html
from .test_html_and_mobile import IGNORED_WARNING
from .test_journeys import _answer_challenge
from .test_participation_journeys import _fill_survey

pytestmark = pytest.mark.django_db(transaction=True)


def _posted(page, submit) -> bytes:
    """The HTML the server answered to the form post that ``submit`` makes (after any redirect)."""
    with page.expect_navigation() as navigation:
        submit()
    return navigation.value.body()


def _submitted_pages(page, participation) -> dict[str, bytes]:
    """Pages only reached by posting a form: each form re-shown with its errors, and each receipt."""
    pages = participation.pages()
    out = {}
    page.goto(pages["ask"])
    out["ask-errors"] = _posted(page, page.get_by_role("button", name="提交留言").click)
    page.get_by_label("主题").fill("村道路灯什么时候修")
    page.get_by_label("留言内容").fill("村东头的三盏路灯坏了一个多月，晚上出行不便。")
    page.get_by_label("类别").select_option("suggest")
    page.get_by_label("姓名").fill("钱志强")
    page.get_by_label("联系电话或电子邮箱").fill("13905391122")
    page.locator("#id_answer").fill(_answer_challenge(page))
    out["ask-done"] = _posted(page, page.get_by_role("button", name="提交留言").click)
    page.goto(pages["report_error"])
    out["report-error-errors"] = _posted(page, page.get_by_role("button", name="提交纠错").click)
    page.get_by_label("链接无法打开").check()
    page.get_by_label("问题描述").fill("附件链接打不开。")
    page.locator("#id_answer").fill(_answer_challenge(page))
    out["report-error-done"] = _posted(page, page.get_by_role("button", name="提交纠错").click)
    page.goto(pages["survey"])
    out["survey-errors"] = _posted(page, page.get_by_role("button", name="提交问卷").click)
    out["survey-done"] = _posted(page, lambda: _fill_survey(page, ""))
    for name, heading in (("ask", "留言已提交"), ("report-error", "纠错已提交"), ("survey", "问卷已提交")):
        assert f"<h1>{heading}</h1>" in out[f"{name}-done"].decode(), name
        assert "提交未成功" in out[f"{name}-errors"].decode(), name
    return out


def test_participation_pages_are_valid_html(page, participation, tmp_path):
    files = []
    for name, body in _submitted_pages(page, participation).items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        files.append(path)
    for mode in ("normal", "elder_contrast"):
        set_prefs(page.context, participation.site.url, MODES[mode])
        for name, url in participation.pages().items():
            response = page.request.get(url)
            assert response.status == 200, url
            path = tmp_path / f"{name}-{mode}.html"
            path.write_bytes(response.body())
            files.append(path)
    assert len(files) == 6 + 2 * len(PARTICIPATION_PAGE_NAMES)
    problems = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in validate_html(files)
        if not m["message"].startswith(IGNORED_WARNING)
    ]
    assert not problems, "\n".join(problems)


def test_no_horizontal_scroll_at_360_px(page, participation):
    """The forms, the results with their charts and tables, and a 图解 page; one site for all (fast flush)."""
    page.set_viewport_size(PHONE)
    pages, too_wide = participation.pages(), {}
    for name in ("ask", "consultation", "survey", "survey_results", "interpretation"):
        for mode in ("normal", "elder"):
            set_prefs(page.context, participation.site.url, MODES[mode])
            page.goto(pages[name])
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[(name, mode)] = width
    assert not too_wide, too_wide
