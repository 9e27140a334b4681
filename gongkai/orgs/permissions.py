"""The permission policy: which roles hold which capability, and where a user holds it.

One table (``CAPABILITY_ROLES``) answers every "may this user do X in this organization?" of the product;
services, views and templates ask ``may()`` or the scope helpers instead of naming roles themselves.
Review chains (documents and requests) are configured per organization and name one role per step;
those steps stay with their chains, every other role list lives here.

Scope: a membership covers its organization; an oversight role (政务公开办管理员, 系统管理员) also covers
every unit below it; a superuser holds every role everywhere. The memberships of a user and the
organization tree are read once per request (see ``PermissionScopeMiddleware``) however often a page asks.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organization, Role

OVERSIGHT_ROLES = frozenset({Role.OFFICE_ADMIN, Role.SYSTEM_ADMIN})


class Capability(TextChoices):
    # Documents (主动公开)
    EDIT_DOCUMENT = "edit_document", _("起草和修改文件")
    PUBLISH_DOCUMENT = "publish_document", _("发布文件")
    WITHDRAW_DOCUMENT = "withdraw_document", _("撤回已发布文件")
    CONFIRM_FINDINGS = "confirm_findings", _("确认个人信息检查结果")
    CHANGE_VALIDITY = "change_validity", _("变更效力状态")
    EDIT_INTERPRETATION = "edit_interpretation", _("编辑政策解读")
    # Annual reports
    EDIT_REPORT = "edit_report", _("编辑年度报告")
    OVERSEE_UNITS = "oversee_units", _("查看下属单位汇总")
    # Disclosure requests (依申请公开): one capability per step of seed 002's loop
    HANDLE_REQUEST = "handle_request", _("办理依申请公开")
    REGISTER_REQUEST = "register_request", _("登记收到的申请并确定收到日期")
    SEE_APPLICANT_IDENTITY = "see_applicant_identity", _("查看申请人完整证件号码和电话")
    REVIEW_REPLY = "review_reply", _("审核答复稿")
    LEGAL_CHECK = "legal_check", _("法律审核")
    SIGN_OFF_REPLY = "sign_off_reply", _("领导审签")
    ACT_AT_ANY_STEP = "act_at_any_step", _("在任一环节办理申请")
    RECEIVE_REMINDERS = "receive_reminders", _("接收办理提醒")
    # Public participation (互动交流)
    HANDLE_SUBMISSION = "handle_submission", _("办理留言和工单")
    ASSIGN_SUBMISSION = "assign_submission", _("分办留言")
    TAKE_OVER_SUBMISSION = "take_over_submission", _("答复已分办给他人的留言")
    PUBLISH_PARTICIPATION = "publish_participation", _("发布互动内容")
    # Registers and catalogs
    EDIT_NORMATIVE = "edit_normative", _("登记行政规范性文件")
    RUN_CLEANUP = "run_cleanup", _("组织规范性文件清理")
    EDIT_GAZETTE = "edit_gazette", _("编辑政府公报")
    PUBLISH_GAZETTE = "publish_gazette", _("出版政府公报")
    EDIT_GUIDE = "edit_guide", _("编辑办事指南")
    EDIT_POWERS = "edit_powers", _("编辑权责清单")
    PUBLISH_POWERS = "publish_powers", _("公布权责清单")
    EDIT_DECISIONS = "edit_decisions", _("编辑重大行政决策事项")
    PUBLISH_DECISIONS = "publish_decisions", _("公布决策事项目录")
    EDIT_PROPOSALS = "edit_proposals", _("办理建议提案")
    # The working-day calendar: local days of one's units; at a top-level unit, the State Council notice
    MANAGE_CALENDAR = "manage_calendar", _("录入节假日安排和地方性安排")


_EDITORS = frozenset({Role.OFFICER, Role.OFFICE_ADMIN})

CAPABILITY_ROLES: dict[Capability, frozenset[str]] = {
    Capability.EDIT_DOCUMENT: _EDITORS,
    Capability.PUBLISH_DOCUMENT: _EDITORS,
    Capability.WITHDRAW_DOCUMENT: frozenset({Role.OFFICE_ADMIN, Role.SECRECY_REVIEWER}),
    Capability.CONFIRM_FINDINGS: frozenset({Role.SECRECY_REVIEWER}),
    Capability.CHANGE_VALIDITY: _EDITORS,
    Capability.EDIT_INTERPRETATION: _EDITORS,
    Capability.EDIT_REPORT: _EDITORS,
    Capability.OVERSEE_UNITS: frozenset({Role.OFFICE_ADMIN}),
    Capability.HANDLE_REQUEST: frozenset({Role.REQUEST_HANDLER}),
    Capability.REGISTER_REQUEST: frozenset({Role.REQUEST_HANDLER, Role.OFFICE_ADMIN}),
    # The roles of the request workflow; 信息员, 分管领导 and 保密审查人 see ID numbers and phones masked.
    Capability.SEE_APPLICANT_IDENTITY: frozenset(
        {Role.REQUEST_HANDLER, Role.OFFICE_REVIEWER, Role.LEGAL_ADVISER, Role.OFFICE_ADMIN}),
    Capability.REVIEW_REPLY: frozenset({Role.OFFICE_REVIEWER}),
    Capability.LEGAL_CHECK: frozenset({Role.LEGAL_ADVISER}),
    Capability.SIGN_OFF_REPLY: frozenset({Role.LEADER_REVIEWER}),
    Capability.ACT_AT_ANY_STEP: frozenset({Role.OFFICE_ADMIN}),
    Capability.RECEIVE_REMINDERS: frozenset({Role.REQUEST_HANDLER, Role.OFFICE_ADMIN}),
    Capability.HANDLE_SUBMISSION: frozenset({Role.OFFICER, Role.OFFICE_ADMIN, Role.REQUEST_HANDLER}),
    Capability.ASSIGN_SUBMISSION: _EDITORS,
    Capability.TAKE_OVER_SUBMISSION: frozenset({Role.OFFICE_ADMIN}),
    Capability.PUBLISH_PARTICIPATION: _EDITORS,
    Capability.EDIT_NORMATIVE: _EDITORS,
    Capability.RUN_CLEANUP: frozenset({Role.OFFICE_ADMIN}),
    Capability.EDIT_GAZETTE: _EDITORS,
    Capability.PUBLISH_GAZETTE: frozenset({Role.OFFICE_ADMIN}),
    Capability.EDIT_GUIDE: _EDITORS,
    Capability.EDIT_POWERS: _EDITORS,
    Capability.PUBLISH_POWERS: frozenset({Role.OFFICE_ADMIN}),
    Capability.EDIT_DECISIONS: _EDITORS,
    Capability.PUBLISH_DECISIONS: frozenset({Role.OFFICE_ADMIN}),
    Capability.EDIT_PROPOSALS: _EDITORS,
    Capability.MANAGE_CALENDAR: frozenset({Role.OFFICE_ADMIN}),
}


def roles_with(capability: Capability | str) -> frozenset[str]:
    """The roles that hold ``capability`` (plain role codes, for pure rule tables)."""
    return frozenset(str(r) for r in CAPABILITY_ROLES[Capability(capability)])


def grants(roles: Iterable[str], capability: Capability | str) -> bool:
    """Whether a set of roles holds ``capability`` (for callers that already know the roles)."""
    return bool(set(roles) & roles_with(capability))


# ---------------------------------------------------------------------------------------------------
# Per-request memo
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Memo:
    memberships: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # user id → (org id, role)
    parents: dict[int, int | None] | None = None  # org id → parent id


_scope: contextvars.ContextVar[_Memo | None] = contextvars.ContextVar("gongkai_permission_scope", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Read memberships and the organization tree at most once inside the block (one request, one command)."""
    token = _scope.set(_Memo())
    try:
        yield
    finally:
        _scope.reset(token)


def forget() -> None:
    """Drop what the current scope has read (a membership or the organization tree just changed)."""
    memo = _scope.get()
    if memo is not None:
        memo.memberships.clear()
        memo.parents = None


class PermissionScopeMiddleware:
    """Wraps each request in ``request_scope()``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)


def _memberships(user) -> list[tuple[int, str]]:
    memo = _scope.get()
    if memo is not None and user.pk in memo.memberships:
        return memo.memberships[user.pk]
    rows = [(org_id, role) for org_id, role in Membership.objects.filter(user_id=user.pk).values_list("org_id", "role")]
    if memo is not None:
        memo.memberships[user.pk] = rows
    return rows


def _parents() -> dict[int, int | None]:
    memo = _scope.get()
    if memo is not None and memo.parents is not None:
        return memo.parents
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    if memo is not None:
        memo.parents = parents
    return parents


def _descendants(org_id: int, parents: dict[int, int | None]) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in parents.items():
        children.setdefault(parent, []).append(pk)
    ids, frontier = {org_id}, [org_id]
    while frontier:
        frontier = [c for pk in frontier for c in children.get(pk, ()) if c not in ids]
        ids.update(frontier)
    return ids


def _chain(org_id: int, parents: dict[int, int | None]) -> list[int]:
    chain, node, seen = [], org_id, set()
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        node = parents.get(node)
    return chain


def _is_staff_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "pk", None) is not None


# ---------------------------------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------------------------------


def roles_in(user, org: Organization | int) -> set[str]:
    """Roles ``user`` holds for ``org``, including oversight roles inherited from an ancestor."""
    if not _is_staff_user(user):
        return set()
    if user.is_superuser:
        return {r.value for r in Role}
    org_id = org if isinstance(org, int) else org.pk
    memberships = _memberships(user)
    roles = {role for m_org, role in memberships if m_org == org_id}
    oversight = [(m_org, role) for m_org, role in memberships if role in OVERSIGHT_ROLES and m_org != org_id]
    if oversight:
        above = set(_chain(org_id, _parents())[1:])
        roles |= {role for m_org, role in oversight if m_org in above}
    return roles


def org_ids_for(user, roles: Iterable[str] | None = None) -> set[int]:
    """Ids of organizations where ``user`` holds one of ``roles`` (any role when None).

    Oversight roles extend to every unit below their organization. Superusers see everything.
    """
    if not _is_staff_user(user):
        return set()
    if user.is_superuser:
        return set(_parents())
    wanted = None if roles is None else {str(r) for r in roles}
    ids: set[int] = set()
    parents = None
    for org_id, role in _memberships(user):
        if wanted is not None and role not in wanted:
            continue
        if role in OVERSIGHT_ROLES:
            parents = parents if parents is not None else _parents()
            ids |= _descendants(org_id, parents)
        else:
            ids.add(org_id)
    return ids


def may(user, org: Organization | int, capability: Capability | str) -> bool:
    """Whether ``user`` holds ``capability`` in ``org``."""
    return grants(roles_in(user, org), capability)


def require(user, org: Organization, capability: Capability | str, message: str | None = None) -> set[str]:
    """Raise PermissionDenied (with ``message``, Chinese) unless ``user`` may; returns the user's roles there."""
    roles = roles_in(user, org)
    if not grants(roles, capability):
        raise PermissionDenied(message or f"您在“{org.name}”没有{Capability(capability).label}的权限。")
    return roles


def org_ids_with(user, capability: Capability | str | None = None) -> set[int]:
    """Ids of organizations where ``user`` holds ``capability`` (where they hold any role when None)."""
    return org_ids_for(user, None if capability is None else roles_with(capability))


def orgs_with(user, capability: Capability | str | None = None):
    """The organizations of ``org_ids_with``, in the catalog's order."""
    return Organization.objects.filter(pk__in=org_ids_with(user, capability)).order_by("position", "id")


def can_see(user, org_id: int) -> bool:
    """Whether ``org_id`` is inside ``user``'s scope (outside it, staff URLs answer 404)."""
    return org_id in org_ids_for(user)


def holders(org: Organization, capability: Capability | str):
    """Membership rows of ``org`` itself whose role holds ``capability`` (e.g. the assignable handlers)."""
    return Membership.objects.filter(org=org, role__in=sorted(roles_with(capability)))
