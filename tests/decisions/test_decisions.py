"""The decision catalog: the procedure table, services and pages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog.models import Column
from gongkai.decisions import rules, selectors, services
from gongkai.decisions.models import Stage, StageState
from gongkai.documents import services as documents
from tests.conftest import PASSWORD

D = dt.date
TODAY = D(2026, 6, 1)
S, X, P = StageState.DONE, StageState.NOT_APPLICABLE, StageState.PENDING
PP, EX, RK, LG, CD = (Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT, Stage.LEGALITY_REVIEW,
                      Stage.COLLECTIVE_DECISION)


@pytest.mark.parametrize("stage, state, states, completed, note, errors", [
    (PP, S, {}, D(2026, 3, 1), "", {}),
    (PP, S, {}, None, "", {"completed_on": "请填写完成日期。"}),
    (PP, S, {}, D(2026, 7, 1), "", {"completed_on": "完成日期不能晚于今天。"}),
    (RK, X, {}, None, "不涉及社会稳定风险", {}),
    (RK, X, {}, None, "", {"note": "标为不适用时，请说明不开展风险评估的理由。"}),
    (LG, X, {}, None, "理由", {"state": "合法性审查是每项重大行政决策的必经程序，不能标为不适用。"}),
    (CD, X, {}, None, "理由", {"state": "集体讨论决定是每项重大行政决策的必经程序，不能标为不适用。"}),
    (LG, S, {PP: S, EX: P, RK: X}, D(2026, 4, 1), "", {"state": "请先完成专家论证，再登记合法性审查。"}),
    (LG, S, {PP: S, EX: X, RK: X}, D(2026, 4, 1), "", {}),
    (CD, S, {LG: P}, D(2026, 5, 1), "", {"state": "请先完成合法性审查，再登记集体讨论决定。"}),
    (CD, S, {LG: S}, D(2026, 5, 1), "", {}),
    (LG, P, {LG: S, CD: S}, None, "", {"state": "集体讨论决定已经完成，不能撤回合法性审查。"}),
    ("hearing", S, {}, D(2026, 5, 1), "", {"stage": "未知的决策程序。"}),
])
def test_stage_rules(stage, state, states, completed, note, errors):
    assert rules.stage_error(stage, state, states, completed_on=completed, note=note, today=TODAY) == errors


@pytest.mark.parametrize("states, current, label", [
    ({}, PP, "尚未启动"),
    ({PP: S}, EX, "进行中：专家论证"),
    ({PP: S, EX: X, RK: X, LG: S}, CD, "进行中：集体讨论决定"),
    ({PP: S, EX: X, RK: X, LG: S, CD: S}, None, "已作出决策"),
])
def test_progress(states, current, label):
    assert rules.current_stage(states) == current and rules.progress_label(states) == label


@pytest.fixture
def admin(make_user, county):
    return make_user("dec_admin", county, "office_admin")


@pytest.mark.django_db
def test_an_item_through_its_procedure_to_its_decision(admin, county):
    catalog = services.create_catalog(actor=admin, org=county, year=2026)
    with pytest.raises(ValidationError, match="2026年度的目录已经存在"):
        services.create_catalog(actor=admin, org=county, year=2026)
    item = services.save_item(actor=admin, catalog=catalog, title="沂水县城区停车收费标准调整", sponsor="县发展和改革局",
                              planned="2026年第三季度", consultation_url="https://example.gov.cn/consult/12/")
    assert sorted(selectors.item_views(catalog)[0].stages, key=lambda s: s.pk)[0].stage == PP
    with pytest.raises(ValidationError, match="集体讨论决定完成后"):
        services.link_decision(actor=admin, item=item, document=None)
    for stage, state in ((PP, S), (EX, S), (RK, X), (LG, S), (CD, S)):
        services.set_stage(actor=admin, item=item, stage=stage, state=state, completed_on=D(2026, 1, 5) if state == S
                           else None, note="" if state == S else "不涉及重大风险")
    column = Column.objects.filter(org=county).first()
    doc = documents.mark_published(actor=admin, document=documents.create_draft(
        actor=admin, org=county, column=column, title="关于调整城区停车收费标准的通知", body="<p>自公布之日起施行。</p>"))
    services.link_decision(actor=admin, item=item, document=doc)
    services.publish_catalog(actor=admin, catalog=catalog, published_on=D(2026, 1, 10))
    assert selectors.item_views(catalog)[0].progress == "已作出决策"
    assert list(selectors.public_catalogs(county)) == [catalog]


@pytest.mark.django_db
def test_only_the_office_publishes(make_user, county, admin):
    officer = make_user("dec_officer", county, "officer")
    catalog = services.create_catalog(actor=officer, org=county, year=2026)
    services.save_item(actor=officer, catalog=catalog, title="事项", sponsor="单位")
    with pytest.raises(PermissionDenied):
        services.publish_catalog(actor=officer, catalog=catalog)
    with pytest.raises(ValidationError) as err:
        services.save_item(actor=officer, catalog=catalog, title=" ", sponsor="")
    assert set(err.value.message_dict) == {"title", "sponsor"}


@pytest.mark.django_db
def test_pages(client, admin, county):
    catalog = services.create_catalog(actor=admin, org=county, year=2026)
    assert client.get(f"/gk/{county.code}/decisions/2026/").status_code == 404
    item = services.save_item(actor=admin, catalog=catalog, title="县域学校布局调整规划", sponsor="县教育和体育局")
    client.login(username="dec_admin", password=PASSWORD)
    response = client.post(f"/staff/decisions/items/{item.pk}/stage/", {"stage": CD, "state": S,
                                                                        "completed_on": "2026-01-05"})
    assert response.status_code == 302
    assert "请先完成合法性审查" in client.get(f"/staff/decisions/items/{item.pk}/").content.decode()
    client.post(f"/staff/decisions/{catalog.pk}/publish/")
    client.logout()
    page = client.get(f"/gk/{county.code}/decisions/").content.decode()
    assert "县域学校布局调整规划" in page and "合法性审查" in page and "尚未启动" in page
