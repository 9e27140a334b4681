"""Power-list rules and the flowchart, table by table."""

import pytest

from gongkai.powers import flowchart, rules
from gongkai.powers.models import ListStatus, PowerCategory

GOOD = {"code": "XK-001", "name": "公共场所卫生许可", "category": PowerCategory.LICENSING, "basis": "条例第八条",
        "subject": "本机关", "responsibilities": "受理、审查、决定", "accountability": "违法的追究责任"}


@pytest.mark.parametrize("raw, expected", [
    ("行政许可", PowerCategory.LICENSING), (" 行政 处罚 ", PowerCategory.PENALTY), ("许可", PowerCategory.LICENSING),
    ("行政强制措施", PowerCategory.ENFORCEMENT), ("其他权力", PowerCategory.OTHER),
    ("其他行政权力", PowerCategory.OTHER), ("行政监督检查", PowerCategory.INSPECTION), ("行政审核", None), ("", None),
])
def test_parse_category(raw, expected):
    assert rules.parse_category(raw) == expected


@pytest.mark.parametrize("change, errors", [
    ({}, {}),
    ({"name": " "}, {"name": "请填写事项名称。"}),
    ({"code": "XK 001"}, {"code": "事项编码只能由字母、数字和 . _ - 组成，且不超过60位。"}),
    ({"code": "XK/001"}, {"code": "事项编码只能由字母、数字和 . _ - 组成，且不超过60位。"}),
    ({"category": "audit"}, {"category": "权力类型应为：行政许可、行政处罚、行政强制、行政征收、行政给付、行政检查、行政确认、"
                                         "行政奖励、行政裁决、其他行政权力。"}),
    ({"accountability": ""}, {"accountability": "请填写追责情形。"}),
    ({"subject": "主" * 201}, {"subject": "实施主体不能超过200个字。"}),
    ({"flow_steps": "→".join(str(i) for i in range(13))}, {"flow_steps": "运行流程最多12个环节。"}),
])
def test_item_errors(change, errors):
    assert rules.item_errors({**GOOD, **change}) == errors


@pytest.mark.parametrize("text, steps", [
    ("申请\n受理\n\n审查", ["申请", "受理", "审查"]),
    ("申请→受理→决定", ["申请", "受理", "决定"]),
    ("申请 -> 受理 > 决定", ["申请", "受理", "决定"]),
    ("1、申请；", ["1、申请"]),
    ("", []),
])
def test_parse_steps(text, steps):
    assert rules.parse_steps(text) == steps


def test_flow_falls_back_to_the_category_standard():
    assert rules.flow_for(PowerCategory.PENALTY, "") == (list(rules.DEFAULT_FLOWS[PowerCategory.PENALTY]), True)
    assert rules.flow_for(PowerCategory.PENALTY, "立案→决定") == (["立案", "决定"], False)
    assert set(rules.DEFAULT_FLOWS) == set(PowerCategory.values)


def test_diff_matches_items_by_code():
    old = [dict(GOOD), {**GOOD, "code": "XK-002", "name": "乙"}, {**GOOD, "code": "XK-003", "name": "丙"}]
    new = [dict(GOOD), {**GOOD, "code": "XK-002", "name": "乙", "basis": "新依据"}, {**GOOD, "code": "CF-001", "name": "丁"}]
    changes = rules.diff(old, new)
    assert changes.added == [("CF-001", "丁")] and changes.removed == [("XK-003", "丙")]
    assert changes.changed == [("XK-002", "乙")] and not changes.empty
    assert rules.diff(old, old).empty


@pytest.mark.parametrize("status, count, reason, first, errors", [
    (ListStatus.DRAFT, 3, "", True, {}),
    (ListStatus.DRAFT, 3, "", False, {"reason": "请填写本次调整的原因和依据。"}),
    (ListStatus.DRAFT, 0, "依据新法", False, {"__all__": "清单中还没有权责事项。"}),
    (ListStatus.PUBLISHED, 3, "x", False, {"__all__": "只有调整中的清单可以公布。"}),
])
def test_publish_errors(status, count, reason, first, errors):
    assert rules.publish_errors(status, count, reason, first) == errors


@pytest.mark.parametrize("text, lines", [
    ("受理", ["受理"]),
    ("一二三四五六七八九十一二三四", ["一二三四五六七八九十一二三", "四"]),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", ["ABCDEFGHIJKLMNOPQRSTUVWXYZ"]),  # half-width letters count half
])
def test_wrap(text, lines):
    assert flowchart.wrap(text) == lines


def test_flowchart_escapes_text_and_grows_with_steps():
    short = flowchart.render("许可<事项>", ["申请", "决定"])
    long = flowchart.render("许可", ["申请", "受理", "审查", "决定", "送达"])
    assert "<事项>" not in short and "许可&lt;事项&gt;运行流程图" in short
    assert short.count("<rect") == 2 and long.count("<rect") == 5 and long.count("<path") == 4
    height = lambda svg: int(svg.split('viewBox="0 0 360 ')[1].split('"')[0])  # noqa: E731
    assert height(long) > height(short)
    assert 'role="img"' in short and "第2步 决定" in short
