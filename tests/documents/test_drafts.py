"""Drafting: validation, normalization and sanitization in documents.services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.services import history
from gongkai.documents import services
from gongkai.documents.models import Attribute, NotDisclosedGround, Status
from gongkai.orgs.models import Role

from .factories import column_of, draft

pytestmark = pytest.mark.django_db


def test_create_draft_records_the_drafter_and_a_register_entry(officer, township):
    doc = draft(officer, township)
    assert doc.status == Status.DRAFT
    assert doc.created_by == officer
    assert doc.agency == township.name  # defaults to the organization
    assert doc.index_number == ""
    assert [(e.action, e.to_state) for e in history(doc)] == [("create", Status.DRAFT)]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("龙街办发[2023]12号", "龙街办发〔2023〕12号"),
        ("发文字号：龙街办发【2023】012号", "龙街办发〔2023〕012号"),  # leading zero kept as published
        (" 龙街办发（2023）12号\u200b", "龙街办发〔2023〕12号"),
        ("沂水县人民政府令第3号", "沂水县人民政府令第3号"),
        ("", ""),
    ],
)
def test_doc_number_is_stored_normalized(officer, township, raw, stored):
    assert draft(officer, township, doc_number=raw).doc_number == stored


def test_bad_doc_number_is_refused_with_a_chinese_message(officer, township):
    with pytest.raises(ValidationError) as exc:
        draft(officer, township, doc_number="龙街办发2023-12")
    assert "〔" in exc.value.message_dict["doc_number"][0]


def test_column_must_belong_to_the_organization(officer, township, other_township):
    with pytest.raises(ValidationError) as exc:
        services.create_draft(actor=officer, org=township, column=column_of(other_township), title="标题")
    assert exc.value.message_dict["column"] == ["所选栏目不属于本机构。"]


def test_not_disclosed_needs_its_legal_ground(officer, township):
    with pytest.raises(ValidationError) as exc:
        draft(officer, township, attribute=Attribute.NOT_DISCLOSED)
    assert "法定理由" in exc.value.message_dict["not_disclosed_ground"][0]
    doc = draft(officer, township, attribute=Attribute.NOT_DISCLOSED, not_disclosed_ground=NotDisclosedGround.PROCESS_INFO)
    assert doc.not_disclosed_ground == NotDisclosedGround.PROCESS_INFO


def test_ground_is_dropped_when_the_item_is_disclosed(officer, township):
    doc = draft(officer, township, attribute=Attribute.PROACTIVE, not_disclosed_ground=NotDisclosedGround.STATE_SECRET)
    assert doc.not_disclosed_ground == ""


@pytest.mark.parametrize(
    ("raw", "absent", "present"),
    [
        ("<p>正文</p><script>alert(1)</script>", ["<script", "alert(1)"], ["<p>正文</p>"]),
        ('<img src="x.png" onerror="alert(1)" alt="图">', ["onerror", "alert"], ['src="x.png"', 'alt="图"']),
        ('<p style="color:red" onclick="x()">文字</p>', ["style", "onclick"], ["<p>文字</p>"]),
        ("<style>p{}</style><h2>标题</h2>", ["<style", "p{}"], ["<h2>标题</h2>"]),
        ('<a href="javascript:alert(1)">链接</a>', ["javascript"], ["链接"]),
        ('<a href="https://www.gov.cn/">国务院</a>', [], ['href="https://www.gov.cn/"']),
        ("<table><tr><td>1</td></tr></table>", [], ["<td>1</td>"]),
        ("第一段\n第二段 <不是标签", [], ["<p>第一段</p>", "<p>第二段 &lt;不是标签</p>"]),
    ],
)
def test_body_is_sanitized(officer, township, raw, absent, present):
    body = draft(officer, township, body=raw).body
    for text in absent:
        assert text not in body
    for text in present:
        assert text in body


def test_only_information_officers_may_draft(make_user, township):
    reviewer = make_user("rev", township, Role.OFFICE_REVIEWER)
    with pytest.raises(PermissionDenied):
        draft(reviewer, township)


def test_officer_of_another_township_may_not_draft_here(make_user, township, other_township):
    stranger = make_user("stranger", other_township, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        draft(stranger, township)


def test_update_draft_records_changed_fields_and_sanitizes(officer, township):
    doc = draft(officer, township)
    services.update_draft(actor=officer, document=doc, title="新标题", body="<p>新</p><script>x</script>")
    doc.refresh_from_db()
    assert doc.title == "新标题" and doc.body == "<p>新</p>"
    entry = history(doc).last()
    assert entry.action == "update" and entry.data["fields"] == ["body", "title"]


def test_update_refused_once_submitted(officer, township):
    doc = draft(officer, township)
    doc.status = Status.IN_REVIEW
    doc.save()
    with pytest.raises(ValidationError, match="只有草稿或已退回的文件可以修改"):
        services.update_draft(actor=officer, document=doc, title="改")


def test_status_cannot_be_set_through_update(officer, township):
    doc = draft(officer, township)
    with pytest.raises(ValidationError):
        services.update_draft(actor=officer, document=doc, status=Status.PUBLISHED)


def test_mask_rewrites_personal_information_in_the_body(officer, township):
    doc = draft(officer, township, body='<p>联系人手机13812345678，<a href="https://x.cn/13812345678">链接</a></p>')
    assert services.mask_personal_information(actor=officer, document=doc) == 1
    doc.refresh_from_db()
    assert "13812345678，" not in doc.body and "138****5678" in doc.body
    assert 'href="https://x.cn/13812345678"' in doc.body  # markup untouched
    assert history(doc).last().action == "mask"
