"""axe-core on every public page type of 互动交流 and 政策解读, in normal, elder and elder high-contrast modes."""

from __future__ import annotations

import pytest

from .support import MODES, PARTICIPATION_PAGE_NAMES, blocking, run_axe, set_prefs

pytestmark = pytest.mark.django_db(transaction=True)
# What each page must show, so that axe checks the page with its content and not an empty shell.
SHOWS = {
    "ask": "提交留言",
    "ask_track": "留言编号",
    "report_error": "出错页面网址",
    "messages": "城乡居民医保缴费时间",
    "message": "9月1日至12月31日",
    "consultations": "农村人居环境整治",
    "consultation": "建议收集点设在村口",
    "surveys": "便民服务中心满意度调查",
    "survey": "您通过哪些渠道了解办事指南",
    "survey_results": "共收到答卷 3 份",
    "policy_with_interpretation": "图解：龙家圈街道2025年耕地地力保护补贴怎么领",
    "interpretation": "耕地地力保护补贴发放情况公示",
}


@pytest.mark.parametrize("name", PARTICIPATION_PAGE_NAMES)
def test_axe_has_no_serious_violations(page, participation, name):
    url = participation.pages()[name]
    base = participation.site.url
    report = {}
    for mode, prefs in MODES.items():
        set_prefs(page.context, base, prefs)
        response = page.goto(url)
        assert response is not None and response.status == 200, (mode, url)
        assert SHOWS[name] in page.locator("main").inner_text(), (name, mode)
        violations = run_axe(page)
        report[mode] = violations
        print(f"axe {name} [{mode}]: {len(violations)} violations", [(v["id"], v["impact"]) for v in violations])
    failures = {mode: blocking(v) for mode, v in report.items() if blocking(v)}
    assert not failures, failures
