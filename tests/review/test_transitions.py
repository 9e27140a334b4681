"""The review chain (seed 003: 党政办初审 → 分管领导复审 → 保密审查 → 发布) enforced by review.services."""

import pytest

from gongkai.audit.services import history
from gongkai.documents import services as documents
from gongkai.documents.models import Status
from gongkai.orgs.models import Role
from gongkai.review.models import ReviewStep
from gongkai.review.rules import Action
from gongkai.review.services import TransitionError, available_actions, chain_for, transition
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db

ACTIONS = (Action.SUBMIT, Action.APPROVE, Action.RETURN, Action.REJECT, Action.PUBLISH, Action.WITHDRAW)
OF, OR, LR, SR, OA, RH = (Role.OFFICER, Role.OFFICE_REVIEWER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER,
                         Role.OFFICE_ADMIN, Role.REQUEST_HANDLER)
REVIEW = {Action.APPROVE, Action.RETURN, Action.REJECT}

# (role, status, review step) → the actions that role may take; every other action must be refused.
TABLE = [
    (OF, Status.DRAFT, 0, {Action.SUBMIT}),
    (OF, Status.RETURNED, 0, {Action.SUBMIT}),
    (OF, Status.IN_REVIEW, 0, set()),
    (OF, Status.APPROVED, 3, {Action.PUBLISH, Action.RETURN}),
    (OF, Status.PUBLISHED, 3, set()),
    (OF, Status.REJECTED, 0, set()),
    (OR, Status.DRAFT, 0, set()),
    (OR, Status.IN_REVIEW, 0, REVIEW),
    (OR, Status.IN_REVIEW, 1, set()),
    (OR, Status.APPROVED, 3, set()),
    (LR, Status.IN_REVIEW, 0, set()),
    (LR, Status.IN_REVIEW, 1, REVIEW),
    (LR, Status.IN_REVIEW, 2, set()),
    (SR, Status.IN_REVIEW, 1, set()),
    (SR, Status.IN_REVIEW, 2, REVIEW),
    (SR, Status.APPROVED, 3, set()),
    (SR, Status.PUBLISHED, 3, {Action.WITHDRAW}),
    (OA, Status.DRAFT, 0, {Action.SUBMIT}),
    (OA, Status.IN_REVIEW, 0, set()),
    (OA, Status.APPROVED, 3, {Action.PUBLISH, Action.RETURN}),
    (OA, Status.PUBLISHED, 3, {Action.WITHDRAW}),
    (OA, Status.WITHDRAWN, 3, set()),
    (RH, Status.DRAFT, 0, set()),
    (RH, Status.IN_REVIEW, 0, set()),
    (RH, Status.APPROVED, 3, set()),
]


def _doc_in(officer, township, status, step):
    doc = draft(officer, township)
    doc.status, doc.review_step = status, step
    doc.save()
    return doc


@pytest.mark.parametrize(("role", "status", "step", "allowed"), TABLE)
def test_each_role_may_take_exactly_its_actions(staff, township, role, status, step, allowed):
    user = staff[role]
    doc = _doc_in(staff[OF], township, status, step)
    assert set(available_actions(user, doc)) == allowed
    for action in ACTIONS:
        doc = _doc_in(staff[OF], township, status, step)
        if action in allowed:
            after = transition(actor=user, document=doc, action=action, comment="同意")
            assert history(after).last().action == action
        else:
            with pytest.raises(TransitionError) as exc:
                transition(actor=user, document=doc, action=action, comment="同意")
            assert exc.value.message  # a Chinese reason for the user
            doc.refresh_from_db()
            assert (doc.status, doc.review_step) == (status, step)


@pytest.mark.parametrize(
    ("action", "status", "step", "role"),
    [(Action.RETURN, Status.IN_REVIEW, 0, OR), (Action.REJECT, Status.IN_REVIEW, 1, LR),
     (Action.WITHDRAW, Status.PUBLISHED, 3, SR), (Action.RETURN, Status.APPROVED, 3, OF)],
)
def test_comment_is_required_for_return_reject_and_withdraw(staff, township, action, status, step, role):
    doc = _doc_in(staff[OF], township, status, step)
    with pytest.raises(TransitionError, match="必须填写意见"):
        transition(actor=staff[role], document=doc, action=action, comment="  ")


def test_full_chain_to_publication_records_every_step(staff, township):
    doc = draft(staff[OF], township)
    transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    for role, name in ((OR, "党政办初审"), (LR, "分管领导复审"), (SR, "保密审查")):
        doc = transition(actor=staff[role], document=doc, action=Action.APPROVE, comment=f"{name}同意")
    assert doc.status == Status.APPROVED
    doc = transition(actor=staff[OF], document=doc, action=Action.PUBLISH)
    assert doc.status == Status.PUBLISHED
    assert doc.index_number == f"{township.code}/{doc.published_on.year}-0000001"
    entries = list(history(doc))
    assert [e.action for e in entries] == ["create", "submit", "approve", "approve", "approve", "publish"]
    assert [e.data.get("step") for e in entries[2:5]] == ["党政办初审", "分管领导复审", "保密审查"]
    assert entries[2].from_state == Status.IN_REVIEW and entries[4].to_state == Status.APPROVED
    assert entries[-1].data["index_number"] == doc.index_number
    assert entries[3].actor == staff[LR] and entries[3].comment == "分管领导复审同意"


def test_returned_draft_is_editable_and_restarts_the_chain(staff, township):
    doc = draft(staff[OF], township)
    transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    transition(actor=staff[OR], document=doc, action=Action.APPROVE)
    doc = transition(actor=staff[LR], document=doc, action=Action.RETURN, comment="数据需核实")
    assert (doc.status, doc.review_step) == (Status.RETURNED, 0)
    documents.update_draft(actor=staff[OF], document=doc, body="<p>已核实的数据。</p>")
    doc = transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    assert (doc.status, doc.review_step) == (Status.IN_REVIEW, 0)
    assert available_actions(staff[LR], doc) == []
    assert set(available_actions(staff[OR], doc)) == REVIEW


def test_rejected_document_is_final(staff, township):
    doc = draft(staff[OF], township)
    transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    doc = transition(actor=staff[OR], document=doc, action=Action.REJECT, comment="属于内部事务信息")
    assert doc.status == Status.REJECTED
    for user in staff.values():
        assert available_actions(user, doc) == []


def test_reviewer_of_another_township_cannot_act(staff, township, other_township, make_user):
    stranger = make_user("stranger", other_township, OR)
    doc = draft(staff[OF], township)
    transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    assert available_actions(stranger, doc) == []
    with pytest.raises(TransitionError, match="其他机构"):
        transition(actor=stranger, document=doc, action=Action.APPROVE)


def test_county_office_admin_oversees_township_publication(staff, township, county, make_user):
    admin = make_user("county_admin", county, OA)
    doc = _doc_in(staff[OF], township, Status.APPROVED, 3)
    assert transition(actor=admin, document=doc, action=Action.PUBLISH).status == Status.PUBLISHED


def test_organization_chain_replaces_the_default(staff, township):
    ReviewStep.objects.create(org=township, position=1, name="主要领导审签", role=LR)
    assert [s.name for s in chain_for(township)] == ["主要领导审签"]
    doc = draft(staff[OF], township)
    transition(actor=staff[OF], document=doc, action=Action.SUBMIT)
    assert available_actions(staff[OR], doc) == []
    doc = transition(actor=staff[LR], document=doc, action=Action.APPROVE)
    assert doc.status == Status.APPROVED


def test_unknown_action_is_refused(staff, township):
    with pytest.raises(TransitionError, match="未知"):
        transition(actor=staff[OF], document=draft(staff[OF], township), action="delete")
