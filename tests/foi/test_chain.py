"""The request chain holds (issue 13): every role × step × decision, from an explicit table.

The expectations are written out here, not computed from rules.py, so a change of the chain's table has to
change this file too.
"""

import pytest

from gongkai.foi import rules
from gongkai.foi.choices import Status
from gongkai.foi.rules import Action, RuleError
from gongkai.orgs.models import Role

S = Status
HANDLER, REVIEWER, LEGAL, LEADER, ADMIN = (Role.REQUEST_HANDLER, Role.OFFICE_REVIEWER, Role.LEGAL_ADVISER,
                                           Role.LEADER_REVIEWER, Role.OFFICE_ADMIN)
ROLES = (HANDLER, REVIEWER, LEGAL, LEADER, ADMIN, Role.OFFICER, Role.SECRECY_REVIEWER, Role.SYSTEM_ADMIN)
CHAIN = rules.WORKING_STEPS

# step → who decides 通过 / 退回 there (the head of the disclosure office acts at any step)
DECIDES = {
    S.REGISTERED: {HANDLER, ADMIN},
    S.SCREENING: {HANDLER, ADMIN},
    S.ASSIGNED: {HANDLER, ADMIN},
    S.DRAFT_REVIEW: {REVIEWER, ADMIN},
    S.LEGAL_REVIEW: {LEGAL, ADMIN},
    S.LEADER_SIGNOFF: {LEADER, ADMIN},
}
# the reply is the handler's (or the office's), at whatever step, once the chain has passed
REPLIES = {HANDLER, ADMIN}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", CHAIN)
@pytest.mark.parametrize("action", [Action.ADVANCE, Action.RETURN, Action.REPLY])
def test_who_may_decide_at_each_step(action, step, role):
    expected = REPLIES if action == Action.REPLY else DECIDES[step]
    assert rules.may_act(action, status=step, roles={role}) is (role in expected)


# (step, action, approved, has draft) → resulting step, or a fragment of the refusal
OUTCOMES = [
    (S.REGISTERED, Action.ADVANCE, False, False, S.SCREENING),
    (S.SCREENING, Action.ADVANCE, False, False, S.ASSIGNED),
    (S.ASSIGNED, Action.ADVANCE, False, False, "“分办”环节须先起草答复书"),
    (S.ASSIGNED, Action.ADVANCE, False, True, S.DRAFT_REVIEW),
    (S.DRAFT_REVIEW, Action.ADVANCE, False, False, "“答复稿审核”环节须先起草答复书"),
    (S.DRAFT_REVIEW, Action.ADVANCE, False, True, S.LEGAL_REVIEW),
    (S.LEGAL_REVIEW, Action.ADVANCE, False, True, S.LEADER_SIGNOFF),
    (S.LEADER_SIGNOFF, Action.ADVANCE, False, False, "“领导审签”环节须先起草答复书"),
    (S.LEADER_SIGNOFF, Action.ADVANCE, False, True, S.LEADER_SIGNOFF),  # the sign-off itself
    (S.LEADER_SIGNOFF, Action.ADVANCE, True, True, "已通过，请作出答复"),
    (S.REGISTERED, Action.RETURN, False, False, "当前状态下不能执行“退回”"),
    (S.SCREENING, Action.RETURN, False, False, S.REGISTERED),
    (S.LEADER_SIGNOFF, Action.RETURN, False, True, S.LEGAL_REVIEW),
    (S.LEADER_SIGNOFF, Action.RETURN, True, True, S.LEGAL_REVIEW),  # a signed-off case may still go back
    # the reply: only at the last step, only once it has passed (the issue: offered at 登记 and before sign-off)
    (S.REGISTERED, Action.REPLY, False, False, "须完成全部办理环节"),
    (S.DRAFT_REVIEW, Action.REPLY, False, True, "须完成全部办理环节"),
    (S.LEADER_SIGNOFF, Action.REPLY, False, True, "“领导审签”环节尚未通过"),
    (S.LEADER_SIGNOFF, Action.REPLY, True, True, S.REPLIED),
]


@pytest.mark.parametrize(("step", "action", "approved", "has_draft", "expected"), OUTCOMES)
def test_each_decision_moves_the_chain(step, action, approved, has_draft, expected):
    if expected in S.values:
        assert rules.next_state(action, status=step, steps=CHAIN, approved=approved, has_draft=has_draft) == expected
    else:
        with pytest.raises(RuleError, match=expected):
            rules.next_state(action, status=step, steps=CHAIN, approved=approved, has_draft=has_draft)


SHORT = (S.REGISTERED, S.SCREENING)


def test_a_short_chain_ends_with_its_own_last_step():
    # 初审 is this organization's last step: passing it is the sign-off and needs the draft
    with pytest.raises(RuleError, match="“初审”环节须先起草答复书"):
        rules.next_state(Action.ADVANCE, status=S.SCREENING, steps=SHORT, has_draft=False)
    assert rules.next_state(Action.ADVANCE, status=S.SCREENING, steps=SHORT) == S.SCREENING
    assert rules.next_state(Action.REPLY, status=S.SCREENING, steps=SHORT, approved=True) == S.REPLIED
    # an on-the-spot answer (条例 第三十三条) needs no chain
    assert rules.next_state(Action.REPLY, status=S.REGISTERED, steps=SHORT, on_the_spot=True) == S.REPLIED


@pytest.mark.parametrize(
    ("action", "from_status", "to_status", "label"),
    [
        (Action.ADVANCE, S.REGISTERED, S.SCREENING, "登记：通过，转“初审”"),
        (Action.RETURN, S.LEADER_SIGNOFF, S.LEGAL_REVIEW, "领导审签：退回“法律顾问把关”"),
        (Action.ADVANCE, S.LEADER_SIGNOFF, S.LEADER_SIGNOFF, "领导审签：通过（审批完毕，可以答复）"),
        (Action.REPLY, S.LEADER_SIGNOFF, S.REPLIED, "领导审签：作出答复"),
        ("", "", S.REGISTERED, ""),
    ],
)
def test_the_log_names_step_and_decision(action, from_status, to_status, label):
    assert rules.decision_label(action, from_status=from_status, to_status=to_status) == label
