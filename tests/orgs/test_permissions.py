"""The one permission policy: the capability table, the scope of each role, and the per-request memo."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.orgs.models import Membership, Organization, OrgKind, Role
from gongkai.orgs.permissions import (
    CAPABILITY_ROLES,
    Capability,
    may,
    org_ids_for,
    org_ids_with,
    request_scope,
    require,
    roles_in,
    roles_with,
)

R = Role
# capability → exactly the roles that hold it. A change of policy changes this table and nothing else.
EXPECTED = [
    (Capability.EDIT_DOCUMENT, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.PUBLISH_DOCUMENT, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.WITHDRAW_DOCUMENT, {R.OFFICE_ADMIN, R.SECRECY_REVIEWER}),
    (Capability.CONFIRM_FINDINGS, {R.SECRECY_REVIEWER}),
    (Capability.CHANGE_VALIDITY, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.EDIT_INTERPRETATION, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.EDIT_REPORT, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.OVERSEE_UNITS, {R.OFFICE_ADMIN}),
    (Capability.HANDLE_REQUEST, {R.REQUEST_HANDLER}),
    (Capability.REGISTER_REQUEST, {R.REQUEST_HANDLER, R.OFFICE_ADMIN}),
    (Capability.SEE_APPLICANT_IDENTITY, {R.REQUEST_HANDLER, R.OFFICE_REVIEWER, R.LEGAL_ADVISER, R.OFFICE_ADMIN}),
    (Capability.REVIEW_REPLY, {R.OFFICE_REVIEWER}),
    (Capability.LEGAL_CHECK, {R.LEGAL_ADVISER}),
    (Capability.SIGN_OFF_REPLY, {R.LEADER_REVIEWER}),
    (Capability.ACT_AT_ANY_STEP, {R.OFFICE_ADMIN}),
    (Capability.RECEIVE_REMINDERS, {R.REQUEST_HANDLER, R.OFFICE_ADMIN}),
    (Capability.HANDLE_SUBMISSION, {R.OFFICER, R.OFFICE_ADMIN, R.REQUEST_HANDLER}),
    (Capability.ASSIGN_SUBMISSION, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.TAKE_OVER_SUBMISSION, {R.OFFICE_ADMIN}),
    (Capability.PUBLISH_PARTICIPATION, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.EDIT_NORMATIVE, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.RUN_CLEANUP, {R.OFFICE_ADMIN}),
    (Capability.EDIT_GAZETTE, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.PUBLISH_GAZETTE, {R.OFFICE_ADMIN}),
    (Capability.EDIT_GUIDE, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.EDIT_POWERS, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.PUBLISH_POWERS, {R.OFFICE_ADMIN}),
    (Capability.EDIT_DECISIONS, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.PUBLISH_DECISIONS, {R.OFFICE_ADMIN}),
    (Capability.EDIT_PROPOSALS, {R.OFFICER, R.OFFICE_ADMIN}),
    (Capability.MANAGE_CALENDAR, {R.OFFICE_ADMIN}),
]


def test_every_capability_is_in_the_table_and_in_this_test():
    assert set(CAPABILITY_ROLES) == set(Capability) == {c for c, _roles in EXPECTED}
    assert all(c.label for c in Capability)


@pytest.mark.parametrize(("capability", "roles"), EXPECTED, ids=[c.value for c, _r in EXPECTED])
def test_capability_table(capability, roles):
    assert roles_with(capability) == {str(r) for r in roles}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize(("capability", "roles"), EXPECTED, ids=[c.value for c, _r in EXPECTED])
def test_may_follows_the_table_for_a_single_role(make_user, township, role, capability, roles):
    user = make_user(f"u_{role}", township, role)
    assert may(user, township, capability) is (role in roles)


def test_system_admin_holds_no_business_capability_by_role_alone():
    # 系统管理员 configures the system; it oversees units (scope) but drafts, reviews and answers nothing.
    assert not any(Role.SYSTEM_ADMIN in roles for roles in CAPABILITY_ROLES.values())


@pytest.fixture
def tree(make_org, county, township, other_township):
    village = make_org("dongshan", "龙家圈街道东山社区居委会", parent=township, kind=OrgKind.VILLAGE)
    return {"county": county, "township": township, "other": other_township, "village": village}


def test_org_ids_for_an_officer_is_its_own_unit_only(make_user, tree):
    user = make_user("o", tree["township"], Role.OFFICER)
    assert org_ids_for(user) == {tree["township"].pk}  # not the village below, not the county above
    assert org_ids_for(user, [Role.OFFICE_ADMIN]) == set()


@pytest.mark.parametrize("role", [Role.OFFICE_ADMIN, Role.SYSTEM_ADMIN])
def test_oversight_descends_to_every_subordinate_unit(make_user, tree, role):
    county_user = make_user("c", tree["county"], role)
    assert org_ids_for(county_user) == {o.pk for o in tree.values()}
    township_user = make_user("t", tree["township"], role)
    assert org_ids_for(township_user) == {tree["township"].pk, tree["village"].pk}
    # and the inherited role is a role in the unit below, not above
    assert role in roles_in(township_user, tree["village"])
    assert roles_in(township_user, tree["county"]) == set()


def test_only_oversight_roles_are_inherited(make_user, tree):
    user = make_user("mixed", tree["county"], Role.OFFICER, Role.OFFICE_ADMIN)
    assert roles_in(user, tree["county"]) == {Role.OFFICER, Role.OFFICE_ADMIN}
    assert roles_in(user, tree["village"]) == {Role.OFFICE_ADMIN}
    assert org_ids_for(user, [Role.OFFICER]) == {tree["county"].pk}
    assert org_ids_with(user, Capability.EDIT_DOCUMENT) == {o.pk for o in tree.values()}


def test_superuser_sees_every_organization_and_holds_every_role(make_user, tree):
    root = make_user("root", None, is_superuser=True)
    assert org_ids_for(root) == set(Organization.objects.values_list("pk", flat=True))
    assert roles_in(root, tree["other"]) == set(Role.values)
    assert all(may(root, tree["village"], c) for c in Capability)


def test_users_without_roles_and_anonymous_users_see_nothing(make_user, tree):
    from django.contrib.auth.models import AnonymousUser

    nobody = make_user("nobody")
    for user in (nobody, AnonymousUser(), None):
        assert org_ids_for(user) == set()
        assert roles_in(user, tree["township"]) == set()
        assert not may(user, tree["township"], Capability.EDIT_DOCUMENT)
    with pytest.raises(PermissionDenied, match="龙家圈"):
        require(nobody, tree["township"], Capability.EDIT_DOCUMENT)


def test_a_request_reads_memberships_and_the_tree_once(make_user, tree):
    user = make_user("c", tree["county"], Role.OFFICE_ADMIN)
    with request_scope(), CaptureQueriesContext(connection) as ctx:
        for _ in range(5):
            org_ids_for(user)
            roles_in(user, tree["village"])
            may(user, tree["township"], Capability.OVERSEE_UNITS)
    assert len(ctx.captured_queries) == 2  # memberships, organization tree


def test_a_role_granted_mid_request_is_seen_at_once(make_user, tree):
    user = make_user("late", tree["other"], Role.OFFICER)
    with request_scope():
        assert not may(user, tree["township"], Capability.EDIT_DOCUMENT)
        Membership.objects.create(user=user, org=tree["township"], role=Role.OFFICER)
        assert may(user, tree["township"], Capability.EDIT_DOCUMENT)
        Membership.objects.filter(user=user, org=tree["township"]).delete()  # queryset delete: signals still fire
        assert not may(user, tree["township"], Capability.EDIT_DOCUMENT)


def test_outside_a_request_nothing_is_memoized(make_user, tree):
    user = make_user("cli", tree["township"], Role.OFFICER)
    assert org_ids_for(user) == {tree["township"].pk}
    Membership.objects.create(user=user, org=tree["other"], role=Role.OFFICER)
    assert org_ids_for(user) == {tree["township"].pk, tree["other"].pk}
