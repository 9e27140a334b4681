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


# Pages grouped by family: one live-server site per group keeps the suite fast (each test flushes the database).
GROUPS = {
    "forms": ["ask", "ask_track", "report_error"],
    "messages": ["messages", "message"],
    "consultations": ["consultations", "consultation"],
    "surveys": ["surveys", "survey", "survey_results"],
    "interpretation": ["policy_with_interpretation", "interpretation"],
}


def test_groups_cover_every_page_type():
    assert sorted(n for names in GROUPS.values() for n in names) == sorted(PARTICIPATION_PAGE_NAMES) == sorted(SHOWS)


@pytest.mark.parametrize("group", GROUPS)
def test_axe_has_no_serious_violations(page, participation, group):
    base, pages = participation.site.url, participation.pages()
    failures = {}
    for name in GROUPS[group]:
        for mode, prefs in MODES.items():
            set_prefs(page.context, base, prefs)
            response = page.goto(pages[name])
            assert response is not None and response.status == 200, (name, mode)
            assert SHOWS[name] in page.locator("main").inner_text(), (name, mode)
            violations = run_axe(page)
            print(f"axe {name} [{mode}]: {len(violations)} violations", [(v["id"], v["impact"]) for v in violations])
            if blocking(violations):
                failures[(name, mode)] = blocking(violations)
    assert not failures, failures
