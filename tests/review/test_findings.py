"""Personal information and secrecy markings block submission and publication unless overridden."""

import json

import pytest

from gongkai.audit.services import history
from gongkai.documents import services as documents
from gongkai.documents.models import Status
from gongkai.orgs.models import Membership, Role
from gongkai.review.rules import Action
from gongkai.review.services import TransitionError, confirm_findings, transition
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db

ID_NUMBER = "371323198506128434"  # valid GB 11643 check digit
BODY = f"<p>申请人王某，身份证号{ID_NUMBER}，联系电话13812345678。</p>"


def _approved(staff, township, body=BODY):
    doc = draft(staff[Role.OFFICER], township, body="<p>无个人信息。</p>")
    transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT)
    for role in (Role.OFFICE_REVIEWER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER):
        transition(actor=staff[role], document=doc, action=Action.APPROVE)
    doc.refresh_from_db()
    doc.body = body  # e.g. changed by an import or an admin after approval
    doc.save()
    return doc


def test_findings_block_submission_with_a_chinese_message(staff, township):
    doc = draft(staff[Role.OFFICER], township, body=BODY)
    with pytest.raises(TransitionError) as exc:
        transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT)
    assert "个人信息" in exc.value.message
    assert {f["kind"] for f in exc.value.findings} == {"id_card", "mobile"}
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT
    assert [e.action for e in history(doc)] == ["create"]


def test_secret_marking_blocks_submission(staff, township):
    doc = draft(staff[Role.OFFICER], township, body="<p>机密★1年</p><p>会议纪要内容。</p>")
    with pytest.raises(TransitionError):
        transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT)


def test_officer_cannot_override(staff, township):
    doc = draft(staff[Role.OFFICER], township, body=BODY)
    with pytest.raises(TransitionError):
        transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT, override_findings=True)


def test_masking_clears_the_block(staff, township):
    doc = draft(staff[Role.OFFICER], township, body=BODY)
    assert documents.mask_personal_information(actor=staff[Role.OFFICER], document=doc) == 2
    doc.refresh_from_db()
    assert "3713**********8434" in doc.body
    assert transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT).status == Status.IN_REVIEW


def test_secrecy_reviewer_confirmation_is_recorded_and_lets_submission_pass(staff, township):
    doc = draft(staff[Role.OFFICER], township, body=BODY)
    with pytest.raises(TransitionError, match="必须填写意见"):
        confirm_findings(actor=staff[Role.SECRECY_REVIEWER], document=doc, comment="")
    with pytest.raises(TransitionError, match="保密审查人"):
        confirm_findings(actor=staff[Role.OFFICE_REVIEWER], document=doc, comment="可以公开")
    confirm_findings(actor=staff[Role.SECRECY_REVIEWER], document=doc, comment="申请人同意公开")
    entry = history(doc).last()
    assert entry.action == "override_findings" and entry.actor == staff[Role.SECRECY_REVIEWER]
    kinds = {f["kind"] for f in entry.data["override"]["findings"]}
    assert kinds == {"id_card", "mobile"}
    assert ID_NUMBER not in json.dumps(entry.data)  # the register keeps personal data masked only
    assert transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT).status == Status.IN_REVIEW


def test_editing_the_body_voids_an_earlier_confirmation(staff, township):
    doc = draft(staff[Role.OFFICER], township, body=BODY)
    confirm_findings(actor=staff[Role.SECRECY_REVIEWER], document=doc, comment="同意")
    documents.update_draft(actor=staff[Role.OFFICER], document=doc, body=BODY + "<p>补充 13912345678</p>")
    with pytest.raises(TransitionError):
        transition(actor=staff[Role.OFFICER], document=doc, action=Action.SUBMIT)


def test_findings_block_publication_again(staff, township):
    doc = _approved(staff, township)
    with pytest.raises(TransitionError, match="不能发布"):
        transition(actor=staff[Role.OFFICER], document=doc, action=Action.PUBLISH)
    doc.refresh_from_db()
    assert doc.status == Status.APPROVED and doc.index_number == ""


def test_explicit_override_at_publication_is_recorded_with_the_findings(staff, township, make_user):
    publisher = staff[Role.OFFICER]
    Membership.objects.create(user=publisher, org=township, role=Role.SECRECY_REVIEWER)
    doc = _approved(staff, township)
    doc = transition(actor=publisher, document=doc, action=Action.PUBLISH, override_findings=True, comment="经审查可公开")
    assert doc.status == Status.PUBLISHED and doc.pii_override
    entry = history(doc).last()
    assert entry.action == "publish" and entry.comment == "经审查可公开"
    assert [f["masked"] for f in entry.data["override"]["findings"] if f["kind"] == "id_card"] == ["3713**********8434"]
