"""Suggestion and proposal replies: the reply check, publication, pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.proposals import rules, selectors, services
from gongkai.proposals.models import Kind, ProposalStatus, ResultCategory
from tests.conftest import PASSWORD

D = dt.date
REPLY = "经研究，已将城区老旧小区加装电梯纳入2026年民生实事，首批12个小区已完成可行性论证，年内启动施工。"


@pytest.mark.parametrize("result, reply, replied, errors", [
    (ResultCategory.PLANNED, REPLY, D(2026, 5, 1), {}),
    ("", REPLY, D(2026, 5, 1), {"result": "请选择办理结果类别。"}),
    (ResultCategory.SOLVED, "已办理。", D(2026, 5, 1), {"reply": "答复内容过短，请写明办理情况（至少20字）。"}),
    (ResultCategory.SOLVED, REPLY, None, {"replied_on": "请填写答复日期。"}),
    (ResultCategory.SOLVED, REPLY, D(2026, 7, 1), {"replied_on": "答复日期不能晚于今天。"}),
    (ResultCategory.SOLVED, REPLY, D(2025, 12, 1), {"replied_on": "答复日期不能早于2026年。"}),
])
def test_reply_rules(result, reply, replied, errors):
    assert rules.reply_errors(result, reply, replied, year=2026, today=D(2026, 6, 1)) == errors


@pytest.mark.parametrize("status, has_reply, error", [
    (ProposalStatus.HANDLING, True, ""),
    (ProposalStatus.HANDLING, False, "请先填写答复，再公开办理结果。"),
    (ProposalStatus.PUBLISHED, True, "办理结果已经公开。"),
])
def test_publish_rule(status, has_reply, error):
    assert rules.publish_error(status, has_reply) == error


@pytest.fixture
def handler(make_user, county):
    return make_user("pr_officer", county, "officer")


@pytest.mark.django_db
def test_register_reply_publish(handler, county, make_user, other_township):
    item = services.register(actor=handler, org=county, year=2026, kind=Kind.NPC_SUGGESTION, number="第0123号",
                             title="关于加快老旧小区加装电梯的建议", proposer="王某某等5名代表")
    with pytest.raises(ValidationError, match="已经登记"):
        services.register(actor=handler, org=county, year=2026, kind=Kind.NPC_SUGGESTION, number="第0123号",
                          title="重复", proposer="某")
    with pytest.raises(ValidationError, match="请先填写答复"):
        services.publish(actor=handler, proposal=item)
    services.reply(actor=handler, proposal=item, result=ResultCategory.PLANNED, reply=REPLY,
                   replied_on=dt.date.today())
    services.publish(actor=handler, proposal=item)
    with pytest.raises(ValidationError, match="不能再修改"):
        services.reply(actor=handler, proposal=item, result=ResultCategory.SOLVED, reply=REPLY,
                       replied_on=dt.date.today())
    assert list(selectors.public_proposals(county, kind=Kind.NPC_SUGGESTION)) == [item]
    assert list(selectors.public_proposals(county, kind=Kind.CPPCC_PROPOSAL)) == []
    outsider = make_user("pr_out", other_township, "officer")
    with pytest.raises(PermissionDenied):
        services.register(actor=outsider, org=county, year=2026, kind=Kind.CPPCC_PROPOSAL, number="1",
                          title="t", proposer="p")


@pytest.mark.django_db
def test_pages(client, handler, county):
    client.login(username="pr_officer", password=PASSWORD)
    response = client.post("/staff/proposals/", {"org": county.code, "year": 2026, "kind": Kind.CPPCC_PROPOSAL,
                                                  "number": "第045号", "title": "关于发展乡村旅游的提案",
                                                  "proposer": "李某某委员"})
    assert response.status_code == 302
    detail = response.url
    response = client.post(detail, {"result": ResultCategory.SOLVED, "replied_on": "2026-13-01", "reply": REPLY})
    assert response.status_code == 400
    client.post(detail, {"result": ResultCategory.SOLVED, "replied_on": dt.date.today().isoformat(), "reply": REPLY})
    client.post(f"{detail}publish/")
    client.logout()
    listing = client.get(f"/gk/{county.code}/proposals/?kind=cppcc_proposal").content.decode()
    assert "关于发展乡村旅游的提案" in listing
    item = selectors.public_proposals(county).get()
    page = client.get(f"/gk/{county.code}/proposals/{item.pk}/").content.decode()
    assert "A类：所提问题已经解决或基本解决" in page and "加装电梯" in page
    assert client.get(f"/gk/{county.code}/proposals/?year=abc&kind=x").status_code == 200
