"""Who may act at each step of the closed loop: the table in rules.py, and its enforcement in the services."""

import datetime as dt

import pytest

from gongkai.foi import letters, rules, services, services_clock
from gongkai.foi.choices import Channel, Outcome, Status
from gongkai.foi.rules import Action, RuleError
from gongkai.orgs.models import Role

S = Status
HANDLER, REVIEWER, LEGAL, LEADER, ADMIN = (Role.REQUEST_HANDLER, Role.OFFICE_REVIEWER, Role.LEGAL_ADVISER,
                                           Role.LEADER_REVIEWER, Role.OFFICE_ADMIN)
ALL = (HANDLER, REVIEWER, LEGAL, LEADER, ADMIN, Role.OFFICER, Role.SECRECY_REVIEWER, Role.SYSTEM_ADMIN)

# (action, status) → the roles that may take it; every other role is refused.
TABLE = [
    (Action.ADVANCE, S.REGISTERED, {HANDLER, ADMIN}),  # 登记
    (Action.ADVANCE, S.SCREENING, {HANDLER, ADMIN}),  # 初审
    (Action.ADVANCE, S.ASSIGNED, {HANDLER, ADMIN}),  # 分办
    (Action.ADVANCE, S.DRAFT_REVIEW, {REVIEWER, ADMIN}),  # 答复稿审核
    (Action.RETURN, S.DRAFT_REVIEW, {REVIEWER, ADMIN}),
    (Action.ADVANCE, S.LEGAL_REVIEW, {LEGAL, ADMIN}),  # 法律顾问把关
    (Action.RETURN, S.LEGAL_REVIEW, {LEGAL, ADMIN}),
    (Action.RETURN, S.LEADER_SIGNOFF, {LEADER, ADMIN}),  # 领导审签
    (Action.REPLY, S.LEADER_SIGNOFF, {HANDLER, ADMIN}),  # 答复
    (Action.ARCHIVE, S.REPLIED, {HANDLER, ADMIN}),  # 归档
    (Action.REQUEST_CORRECTION, S.SCREENING, {HANDLER, ADMIN}),
    (Action.RECEIVE_CORRECTION, S.WAITING_CORRECTION, {HANDLER, ADMIN}),
    (Action.START_CONSULTATION, S.LEGAL_REVIEW, {HANDLER, ADMIN}),
    (Action.ISSUE_FEE_NOTICE, S.ASSIGNED, {HANDLER, ADMIN}),
    (Action.FEE_LAPSED, S.WAITING_FEE, {HANDLER, ADMIN}),
    (Action.EXTEND, S.LEADER_SIGNOFF, {ADMIN}),  # 条例 Art. 33: the head of the disclosure office
]


@pytest.mark.parametrize(("action", "status", "allowed"), TABLE)
@pytest.mark.parametrize("role", ALL)
def test_role_table(action, status, allowed, role):
    assert rules.may_act(action, status=status, roles={role}) is (role in allowed)


def test_role_codes_are_real_roles():
    used = set().union(*rules.STEP_ROLES.values(), rules.ANY_STEP_ROLES, *rules.ACTION_ROLES.values())
    assert used <= set(Role.values)
    assert set(rules.STEP_ROLES) == {*rules.WORKING_STEPS, S.REPLIED, S.ARCHIVED}


def test_actions_offered_follow_the_roles():
    at_legal = rules.allowed_actions(status=S.LEGAL_REVIEW, steps=rules.WORKING_STEPS, roles={LEGAL})
    assert at_legal == [Action.ADVANCE, Action.RETURN]
    assert rules.allowed_actions(status=S.LEGAL_REVIEW, steps=rules.WORKING_STEPS, roles={LEADER}) == []
    assert Action.EXTEND in rules.allowed_actions(status=S.LEGAL_REVIEW, steps=rules.WORKING_STEPS, roles={ADMIN})


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        (Action.ADVANCE, S.LEGAL_REVIEW, "“法律顾问把关”环节须由法律顾问、政务公开办管理员办理"),
        (Action.ADVANCE, S.LEADER_SIGNOFF, "“领导审签”环节须由分管领导、政务公开办管理员办理"),
        (Action.REPLY, S.LEADER_SIGNOFF, "“作出答复”须由依申请公开经办人、政务公开办管理员办理"),
        (Action.EXTEND, S.SCREENING, "政府信息公开工作机构负责人同意"),
    ],
)
def test_refusals_say_who_may(action, status, message):
    assert message in rules.role_error(action, status=status)


# --- enforced in the services ---------------------------------------------------------------------------

STEPS = (S.REGISTERED, S.SCREENING, S.ASSIGNED, S.DRAFT_REVIEW, S.LEGAL_REVIEW, S.LEADER_SIGNOFF)
FIELDS = {"applicant_type": "natural_person", "name": "陈静", "description": "2025年城乡低保资金发放情况",
          "delivery": "paper"}


@pytest.fixture
def people(make_user, township, county):
    users = {role: make_user(f"u_{role}", township, role) for role in ALL}
    users["county_admin"] = make_user("county_admin", county, ADMIN)
    return users


def at_step(people, township, step):
    req, _ = services.register_request(backdate_reason="补录历史纸质申请", actor=people[HANDLER], org=township, channel=Channel.IN_PERSON,
                                       fields=FIELDS, submitted_on=dt.date(2025, 9, 22))
    for _ in range(STEPS.index(step)):
        if req.status == S.ASSIGNED:  # the handler drafts the reply before it goes to review
            letters.draft_reply(req, actor=people[HANDLER], outcome=Outcome.GRANTED)
        req = services.advance(req, actor=people[ADMIN], comment="同意")
    assert req.status == step
    return req


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("role", [*ALL, "county_admin"])
def test_advancing_each_step_is_enforced(people, township, step, role):
    req = at_step(people, township, step)
    if step == S.ASSIGNED:
        letters.draft_reply(req, actor=people[HANDLER], outcome=Outcome.GRANTED)
    allowed = role == "county_admin" or role in rules.roles_for(Action.ADVANCE, status=step)
    if allowed:
        req = services.advance(req, actor=people[role], comment="同意")
        if step == STEPS[-1]:  # 领导审签：通过 is the sign-off; the reply may follow
            assert req.status == step and services.is_approved(req)
        else:
            assert req.status == STEPS[STEPS.index(step) + 1] and not services.is_approved(req)
    else:
        with pytest.raises(RuleError) as err:
            services.advance(req, actor=people[role], comment="同意")
        assert err.value.field == "actor" and "您没有相应岗位" in err.value.message
        req.refresh_from_db()
        assert req.status == step and req.events.count() == STEPS.index(step) + 1


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS[1:])
@pytest.mark.parametrize("role", [*ALL, "county_admin"])
def test_returning_each_step_is_enforced(people, township, step, role):
    req = at_step(people, township, step)
    allowed = role == "county_admin" or role in rules.roles_for(Action.RETURN, status=step)
    if allowed:
        assert services.advance(req, actor=people[role], comment="请补充依据", back=True).status == \
            STEPS[STEPS.index(step) - 1]
    else:
        with pytest.raises(RuleError, match="您没有相应岗位"):
            services.advance(req, actor=people[role], comment="请补充依据", back=True)


@pytest.mark.django_db
def test_clock_events_reply_and_archive_are_enforced(people, township):
    req = at_step(people, township, S.SCREENING)
    for role in (LEGAL, LEADER, REVIEWER, Role.OFFICER):
        with pytest.raises(RuleError, match="没有相应岗位"):
            services_clock.request_correction(req, actor=people[role], on=dt.date(2025, 9, 23),
                                              due_on=dt.date(2025, 10, 20), note="请写明年度")
        with pytest.raises(RuleError, match="没有相应岗位"):
            letters.reply(req, actor=people[role], on=dt.date(2025, 9, 23), outcome=Outcome.GRANTED,
                          on_the_spot=True)
    with pytest.raises(RuleError, match="负责人"):
        services_clock.extend(req, actor=people[HANDLER], on=dt.date(2025, 9, 23), days=5, reason="档案调取")
    req = letters.reply(req, actor=people[HANDLER], on=dt.date(2025, 9, 23), outcome=Outcome.GRANTED,
                        on_the_spot=True)
    with pytest.raises(RuleError, match="没有相应岗位"):
        services.archive(req, actor=people[LEADER])
    assert services.archive(req, actor=people[HANDLER]).status == S.ARCHIVED


@pytest.mark.django_db
def test_only_the_applicant_acts_without_an_account(people, township):
    req = at_step(people, township, S.REGISTERED)
    with pytest.raises(RuleError, match="登录"):
        services.advance(req, actor="某人", comment="同意")
    services_clock.request_correction(req, actor=people[HANDLER], on=dt.date(2025, 9, 23),
                                      due_on=dt.date(2025, 10, 20), note="请写明年度")
    req = services_clock.receive_correction(req, actor="申请人（网上补正）", on=dt.date(2025, 9, 25), text="2025年")
    assert req.status == S.REGISTERED
