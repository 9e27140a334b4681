"""The outline template and the 三同步 state, as tables."""

import datetime as dt

import pytest

from gongkai.interpretation import rules
from gongkai.interpretation.rules import SyncState


def test_outline_has_the_eight_standard_parts_in_order():
    body = rules.outline_html()
    headings = [line for line in body.splitlines() if line.startswith("<h2>")]
    assert headings == [
        "<h2>一、决策背景和依据</h2>", "<h2>二、制定意义和总体考虑</h2>", "<h2>三、研判和起草过程</h2>",
        "<h2>四、工作目标</h2>", "<h2>五、主要任务</h2>", "<h2>六、创新举措</h2>", "<h2>七、保障措施</h2>",
        "<h2>八、下一步工作</h2>",
    ]
    assert body.count("（请填写本部分内容）") == 8


def test_outline_escapes_and_splits_the_drafters_text():
    body = rules.outline_html({0: "依据《条例》第二十条。\n<script>x</script>", 7: "年底前评估。"})
    assert "<p>依据《条例》第二十条。</p>" in body
    assert "&lt;script&gt;" in body and "<script>" not in body
    assert body.count("（请填写本部分内容）") == 6


@pytest.mark.parametrize(("text", "missing"), [
    ("", list(rules.OUTLINE_PARTS)),
    ("".join(f"{p}：有内容。" for p in rules.OUTLINE_PARTS), []),
    ("一、决策背景和依据 依据。四、工作目标 目标。五、主要任务 任务。",
     ["制定意义和总体考虑", "研判和起草过程", "创新举措", "保障措施", "下一步工作"]),
    ("一、决策背景和依据\n（请填写本部分内容）\n二、制定意义和总体考虑\n意义重大。",
     ["决策背景和依据", "研判和起草过程", "工作目标", "主要任务", "创新举措", "保障措施", "下一步工作"]),
])
def test_missing_parts(text, missing):
    assert rules.missing_parts(text) == missing


def test_a_fresh_outline_misses_every_part():
    from gongkai.core.extract import html_to_text

    assert rules.missing_parts(html_to_text(rules.outline_html({2: "两轮征求意见。"}))) == [
        p for p in rules.OUTLINE_PARTS if p != "研判和起草过程"]


TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(("published_on", "done", "state", "late"), [
    (None, False, SyncState.DUE_WITH_POLICY, 0),
    (TODAY, False, SyncState.OVERDUE, 0),
    (TODAY - dt.timedelta(days=9), False, SyncState.OVERDUE, 9),
    (TODAY - dt.timedelta(days=9), True, SyncState.DONE, 0),
    (None, True, SyncState.DONE, 0),
])
def test_sync_state(published_on, done, state, late):
    sync = rules.sync_state(policy_published_on=published_on, interpretation_published=done, today=TODAY)
    assert (sync.state, sync.days_late) == (state, late)
    assert sync.label
