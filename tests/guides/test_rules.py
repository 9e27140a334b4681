"""Key elements of a service guide and its status table."""

import pytest

from gongkai.guides import rules
from gongkai.guides.models import GuideStatus

from .conftest import COMPLETE


@pytest.mark.parametrize("change, missing", [
    ({}, []),
    ({"basis": ""}, ["设定依据"]),
    ({"materials": "  "}, ["办理材料"]),
    ({"conditions": "无"}, ["申请条件"]),
    ({"process": "详见附件"}, ["办理流程"]),
    ({"phone": "12345"}, ["联系电话"]),  # not a phone number
    ({"phone": "0539-2200030转8001"}, []),
    ({"name": "", "location": "—", "hours": "待定"}, ["事项名称", "办理地点", "办理时间"]),
    ({"time_limit": "", "fees": ""}, []),  # not veto elements
])
def test_missing_elements(change, missing):
    assert rules.missing_elements({**COMPLETE, **change}) == missing


def test_key_elements_are_the_eight_the_checks_name():
    assert [label for _name, label in rules.KEY_ELEMENTS] == [
        "事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程"]


P, W, E = rules.GuideAction.PUBLISH, rules.GuideAction.WITHDRAW, rules.GuideAction.EDIT
BLOCKED = "办事指南缺少要素：联系电话。缺少要素的指南不能公开（网站检查单项否决项）。"


@pytest.mark.parametrize("action, status, missing, error", [
    (P, GuideStatus.DRAFT, [], ""),
    (P, GuideStatus.WITHDRAWN, [], ""),
    (P, GuideStatus.DRAFT, ["联系电话"], BLOCKED),
    (P, GuideStatus.PUBLISHED, [], "办事指南当前为“已发布”，不能执行此操作。"),
    (W, GuideStatus.PUBLISHED, [], ""),
    (W, GuideStatus.DRAFT, [], "办事指南当前为“草稿”，不能执行此操作。"),
    (E, GuideStatus.DRAFT, ["联系电话"], ""),  # drafts may be incomplete
    (E, GuideStatus.PUBLISHED, [], ""),
    (E, GuideStatus.PUBLISHED, ["联系电话"], BLOCKED),  # a published guide must stay complete
])
def test_transitions(action, status, missing, error):
    assert rules.transition_error(action, status, missing) == error
