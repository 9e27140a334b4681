"""The document life cycle as data: who may do what, in which state.

One table, enforced by review.services.transition() and shown to users from the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.documents.models import Status
from gongkai.orgs.models import Role
from gongkai.orgs.permissions import Capability, roles_with


@dataclass(frozen=True)
class Step:
    name: str
    role: str


# Seed 003's chain: 党政办初审 → 分管领导复审 → 保密审查 → 发布 (the officer publishes).
DEFAULT_CHAIN: tuple[Step, ...] = (
    Step("党政办初审", Role.OFFICE_REVIEWER),
    Step("分管领导复审", Role.LEADER_REVIEWER),
    Step("保密审查", Role.SECRECY_REVIEWER),
)

# Who may do what outside the chain's steps comes from the one permission table (orgs.permissions).
EDITOR_ROLES = roles_with(Capability.EDIT_DOCUMENT)
PUBLISHER_ROLES = roles_with(Capability.PUBLISH_DOCUMENT)
WITHDRAWER_ROLES = roles_with(Capability.WITHDRAW_DOCUMENT)


class Action:
    SAVE = "save"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"


ACTION_LABELS = {
    Action.SAVE: "保存草稿",
    Action.SUBMIT: "提交审核",
    Action.APPROVE: "审核通过",
    Action.RETURN: "退回修改",
    Action.REJECT: "不予发布",
    Action.PUBLISH: "发布",
    Action.WITHDRAW: "撤回",
}

# (action, from states) → to state. APPROVE moves to the next step or, after the last, to APPROVED.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    Action.SAVE: (frozenset({Status.DRAFT, Status.RETURNED}), ""),
    Action.SUBMIT: (frozenset({Status.DRAFT, Status.RETURNED}), Status.IN_REVIEW),
    Action.APPROVE: (frozenset({Status.IN_REVIEW}), Status.IN_REVIEW),
    Action.RETURN: (frozenset({Status.IN_REVIEW, Status.APPROVED}), Status.RETURNED),
    Action.REJECT: (frozenset({Status.IN_REVIEW}), Status.REJECTED),
    Action.PUBLISH: (frozenset({Status.APPROVED}), Status.PUBLISHED),
    Action.WITHDRAW: (frozenset({Status.PUBLISHED}), Status.WITHDRAWN),
}

COMMENT_REQUIRED = frozenset({Action.RETURN, Action.REJECT, Action.WITHDRAW})


def allowed_actions(*, status: str, step_index: int, chain: tuple[Step, ...], roles: set[str]) -> list[str]:
    """Actions a user holding ``roles`` may take on a document in ``status`` at chain position ``step_index``."""
    actions = []
    for action, (sources, _target) in TRANSITIONS.items():
        if status not in sources:
            continue
        if action in (Action.SAVE, Action.SUBMIT):
            ok = bool(roles & EDITOR_ROLES)
        elif action in (Action.APPROVE, Action.REJECT) or (action == Action.RETURN and status == Status.IN_REVIEW):
            ok = step_index < len(chain) and chain[step_index].role in roles
        elif action == Action.RETURN:  # approved but not yet published: the publisher may send it back
            ok = bool(roles & PUBLISHER_ROLES)
        elif action == Action.PUBLISH:
            ok = bool(roles & PUBLISHER_ROLES)
        elif action == Action.WITHDRAW:
            ok = bool(roles & WITHDRAWER_ROLES)
        else:
            ok = False
        if ok:
            actions.append(action)
    return actions


def next_state(*, action: str, status: str, step_index: int, chain_length: int) -> tuple[str, int]:
    """The (status, step index) after ``action``; raises ValueError for a transition the table forbids."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise ValueError(f"{ACTION_LABELS[action]}不适用于当前状态")
    if action == Action.SAVE:
        return status, step_index
    if action == Action.SUBMIT:
        return (Status.IN_REVIEW, 0) if chain_length else (Status.APPROVED, 0)
    if action == Action.APPROVE:
        nxt = step_index + 1
        return (Status.APPROVED, nxt) if nxt >= chain_length else (Status.IN_REVIEW, nxt)
    if action == Action.RETURN:
        return Status.RETURNED, 0
    return target, step_index
