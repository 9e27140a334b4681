"""The normative rules, table by table."""

import datetime as dt

import pytest

from gongkai.normative import rules
from gongkai.normative.models import CampaignStatus, Decision, ItemStatus, Lifecycle

D = dt.date
AMEND, REPEAL, EXPIRE = rules.LifecycleAction.AMEND, rules.LifecycleAction.REPEAL, rules.LifecycleAction.EXPIRE


@pytest.mark.parametrize("action, state, has_basis, error", [
    (AMEND, Lifecycle.IN_FORCE, True, ""),
    (AMEND, Lifecycle.AMENDED, True, ""),  # amended again
    (AMEND, Lifecycle.IN_FORCE, False, "标注“已修改”须选择作出修改或废止决定的文件。"),
    (AMEND, Lifecycle.REPEALED, True, "文件当前为“已废止”，不能再标注为“已修改”。"),
    (REPEAL, Lifecycle.IN_FORCE, True, ""),
    (REPEAL, Lifecycle.AMENDED, True, ""),
    (REPEAL, Lifecycle.IN_FORCE, False, "标注“已废止”须选择作出修改或废止决定的文件。"),
    (REPEAL, Lifecycle.EXPIRED, True, "文件当前为“已失效”，不能再标注为“已废止”。"),
    (EXPIRE, Lifecycle.IN_FORCE, False, ""),  # a period ends without another document
    (EXPIRE, Lifecycle.AMENDED, False, ""),
    (EXPIRE, Lifecycle.REPEALED, False, "文件当前为“已废止”，不能再标注为“已失效”。"),
    (EXPIRE, Lifecycle.EXPIRED, False, "文件当前为“已失效”，不能再标注为“已失效”。"),
    ("restore", Lifecycle.REPEALED, False, "未知的效力状态操作。"),
])
def test_lifecycle_table(action, state, has_basis, error):
    assert rules.lifecycle_error(action, state, has_basis=has_basis) == error


@pytest.mark.parametrize("state, actions", [
    (Lifecycle.IN_FORCE, [AMEND, REPEAL, EXPIRE]),
    (Lifecycle.AMENDED, [AMEND, REPEAL, EXPIRE]),
    (Lifecycle.REPEALED, []),
    (Lifecycle.EXPIRED, []),
])
def test_actions_offered_come_from_the_table(state, actions):
    assert rules.actions_for(state) == actions


@pytest.mark.parametrize("day, years, expected", [
    (D(2024, 3, 1), 5, D(2029, 3, 1)),
    (D(2024, 2, 29), 5, D(2029, 2, 28)),
    (D(2024, 2, 29), 4, D(2028, 2, 29)),
])
def test_add_years(day, years, expected):
    assert rules.add_years(day, years) == expected


@pytest.mark.parametrize("day, months, expected", [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2026, 12, 1), 6, D(2027, 6, 1)),
])
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


@pytest.mark.parametrize("title, effective, expected", [
    ("沂水县农村低保管理办法", D(2024, 3, 1), D(2029, 2, 28)),
    ("沂水县农村低保管理暂行办法", D(2024, 3, 1), D(2026, 2, 28)),
    ("关于试行网格化管理的意见（试行）", D(2024, 1, 1), D(2025, 12, 31)),
])
def test_default_period_is_five_years_or_two_for_provisional_documents(title, effective, expected):
    assert rules.default_valid_until(effective, title=title) == expected


@pytest.mark.parametrize("effective, until, title, errors", [
    (D(2024, 3, 1), D(2029, 2, 28), "办法", {}),
    (D(2024, 3, 1), None, "办法", {}),
    (None, None, "办法", {}),
    (None, D(2029, 2, 28), "办法", {"effective_from": "填写有效期至时，请同时填写施行日期。"}),
    (D(2024, 3, 1), D(2024, 2, 1), "办法", {"valid_until": "有效期至不能早于施行日期。"}),
    (D(2024, 3, 1), D(2029, 3, 1), "办法", {"valid_until": "规范性文件的有效期不得超过5年。"}),
    (D(2024, 3, 1), D(2026, 3, 1), "暂行办法", {"valid_until": "标注“暂行”“试行”的文件的有效期不得超过2年。"}),
])
def test_period_errors(effective, until, title, errors):
    assert rules.period_errors(effective, until, title=title) == errors


TODAY = D(2026, 12, 1)


@pytest.mark.parametrize("state, until, expected", [
    (Lifecycle.IN_FORCE, None, rules.ExpiryState.NONE),
    (Lifecycle.REPEALED, D(2026, 12, 5), rules.ExpiryState.NONE),
    (Lifecycle.IN_FORCE, D(2026, 11, 30), rules.ExpiryState.LAPSED),
    (Lifecycle.IN_FORCE, D(2026, 12, 1), rules.ExpiryState.EXPIRING),  # its last day
    (Lifecycle.AMENDED, D(2027, 6, 1), rules.ExpiryState.EXPIRING),  # exactly six months on
    (Lifecycle.IN_FORCE, D(2027, 6, 2), rules.ExpiryState.OK),
])
def test_expiry_state(state, until, expected):
    assert rules.expiry_state(state, until, TODAY) == expected


OPEN, APPROVE, PUBLISH = rules.CampaignAction.OPEN, rules.CampaignAction.APPROVE, rules.CampaignAction.PUBLISH
A, M, P, R = ItemStatus.APPROVED, ItemStatus.MARKED, ItemStatus.PENDING, ItemStatus.RETURNED


@pytest.mark.parametrize("action, status, items, error", [
    (OPEN, CampaignStatus.DRAFT, [], ""),
    (OPEN, CampaignStatus.OPEN, [], "清理工作当前为“清理中”，不能执行此操作。"),
    (APPROVE, CampaignStatus.OPEN, [A, A], ""),
    (APPROVE, CampaignStatus.OPEN, [A, M, P], "还有 2 件文件的清理意见未审定，不能审定清理结果。"),
    (APPROVE, CampaignStatus.OPEN, [], "清理范围内没有文件，无需审定。"),
    (APPROVE, CampaignStatus.DRAFT, [A], "清理工作当前为“筹备中”，不能执行此操作。"),
    (PUBLISH, CampaignStatus.APPROVED, [], ""),
    (PUBLISH, CampaignStatus.OPEN, [], "清理工作当前为“清理中”，不能执行此操作。"),
    (PUBLISH, CampaignStatus.PUBLISHED, [], "清理工作当前为“已公布”，不能执行此操作。"),
])
def test_campaign_table(action, status, items, error):
    assert rules.campaign_error(action, status, items) == error


MARK, IAPPROVE, RETURN = rules.ItemAction.MARK, rules.ItemAction.APPROVE, rules.ItemAction.RETURN


@pytest.mark.parametrize("action, status, campaign, error", [
    (MARK, P, CampaignStatus.OPEN, ""),
    (MARK, R, CampaignStatus.OPEN, ""),
    (MARK, M, CampaignStatus.OPEN, ""),  # revise before the office decides
    (MARK, A, CampaignStatus.OPEN, "该文件的清理意见当前为“已审定”，不能执行此操作。"),
    (MARK, P, CampaignStatus.APPROVED, "清理工作不在进行中，不能报送或审定清理意见。"),
    (IAPPROVE, M, CampaignStatus.OPEN, ""),
    (IAPPROVE, P, CampaignStatus.OPEN, "该文件的清理意见当前为“待报送”，不能执行此操作。"),
    (RETURN, M, CampaignStatus.OPEN, ""),
    (RETURN, A, CampaignStatus.OPEN, ""),  # the office may still reopen an approved item
    (RETURN, R, CampaignStatus.OPEN, "该文件的清理意见当前为“已退回”，不能执行此操作。"),
])
def test_item_table(action, status, campaign, error):
    assert rules.item_error(action, status, campaign) == error


@pytest.mark.parametrize("decision, effect", [
    (Decision.CONTINUE, None), (Decision.AMEND, None),
    (Decision.REPEAL, Lifecycle.REPEALED), (Decision.DECLARE_EXPIRED, Lifecycle.EXPIRED),
])
def test_decision_effects(decision, effect):
    assert rules.DECISION_EFFECT[decision] == effect


@pytest.mark.parametrize("decision, reason, errors", [
    (Decision.REPEAL, "上位法已废止", {}),
    ("", "理由", {"decision": "请选择清理意见：继续有效、修改、废止或宣布失效。"}),
    (Decision.CONTINUE, "  ", {"reason": "请填写清理理由。"}),
])
def test_decision_errors(decision, reason, errors):
    assert rules.decision_errors(decision, reason) == errors


def test_progress_counts_each_status():
    p = rules.progress([P, M, M, R, A])
    assert (p.total, p.pending, p.marked, p.returned, p.approved, p.reported) == (5, 1, 2, 1, 1, 3)


def record(issued, *events, lifecycle=Lifecycle.IN_FORCE):
    return rules.Record(issued, tuple(events), lifecycle)


@pytest.mark.parametrize("records, expected", [
    ([record(D(2025, 3, 1))], (1, 0, 1)),
    ([record(D(2024, 3, 1))], (0, 0, 1)),
    ([record(D(2026, 1, 5))], (0, 0, 0)),  # issued after the year
    ([record(D(2025, 3, 1), (D(2025, 9, 1), Lifecycle.REPEALED))], (1, 1, 0)),
    ([record(D(2020, 3, 1), (D(2025, 3, 1), Lifecycle.EXPIRED))], (0, 1, 0)),
    ([record(D(2020, 3, 1), (D(2026, 3, 1), Lifecycle.REPEALED))], (0, 0, 1)),  # still in force at the end of 2025
    ([record(D(2020, 3, 1), (D(2025, 3, 1), Lifecycle.AMENDED))], (0, 0, 1)),  # amended stays in force
    ([record(D(2019, 3, 1), lifecycle=Lifecycle.REPEALED)], (0, 0, 0)),  # registered already repealed
    ([record(None)], (0, 0, 0)),
])
def test_annual_counts(records, expected):
    assert rules.annual_counts(records, 2025) == expected
