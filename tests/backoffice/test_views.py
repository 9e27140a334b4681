"""The back office through the test client: login, drafting, review, publication, scoping, register."""

import csv
import io

import pytest
from django.test import Client

from gongkai.audit.services import history
from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD
from tests.documents.factories import column_of, draft

pytestmark = pytest.mark.django_db


def login(client, user):
    response = client.post("/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def form_data(township, **extra):
    data = {
        "org": township.code, "column": column_of(township).pk, "title": "龙家圈街道2024年政务公开工作要点",
        "subject": "综合政务", "agency": township.name, "written_on": "2024-03-01", "doc_number": "龙街办发[2024]5号",
        "genre": "通知", "published_on": "", "validity": "in_force", "unified_number": "", "attribute": "proactive",
        "not_disclosed_ground": "", "summary": "", "body": "一、总体要求\n二、重点任务",
    }
    data.update(extra)
    return data


def act(client, doc, action, comment=""):
    return client.post(f"/staff/documents/{doc.pk}/action/", {"action": action, "comment": comment}, follow=True)


def test_login_page_is_chinese_and_anonymous_users_are_sent_there(client):
    page = client.get("/staff/login/")
    assert page.status_code == 200 and "工作人员登录" in page.content.decode()
    assert client.get("/staff/").url.startswith("/staff/login/")
    bad = client.post("/staff/login/", {"username": "x", "password": "y"})
    assert "用户名或密码不正确" in bad.content.decode()


def test_whole_flow_from_draft_to_publication(client, staff, township):
    login(client, staff[Role.OFFICER])
    response = client.post("/staff/documents/new/", form_data(township))
    doc = Document.objects.get()
    assert response.url == f"/staff/documents/{doc.pk}/"
    assert doc.doc_number == "龙街办发〔2024〕5号" and doc.body == "<p>一、总体要求</p>\n<p>二、重点任务</p>"
    page = act(client, doc, "submit").content.decode()
    assert "已提交审核" in page
    for role in (Role.OFFICE_REVIEWER, Role.LEADER_REVIEWER, Role.SECRECY_REVIEWER):
        reviewer = login(Client(), staff[role])
        assert doc.title in reviewer.get("/staff/").content.decode()  # 待我审核
        assert "已审核通过" in act(reviewer, doc, "approve", "同意").content.decode()
    assert doc.title in client.get("/staff/").content.decode()  # 审核通过待发布
    page = act(client, doc, "publish").content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED and doc.index_number == f"longjiaquan/{doc.published_on.year}-0000001"
    assert doc.index_number in page
    entries = list(history(doc))
    assert len(entries) >= 5
    assert [e.action for e in entries] == ["create", "submit", "approve", "approve", "approve", "publish"]
    assert len({e.actor_id for e in entries if e.action == "approve"}) == 3


def test_form_errors_are_shown_in_chinese(client, staff, township):
    login(client, staff[Role.OFFICER])
    page = client.post("/staff/documents/new/", form_data(township, doc_number="第五号", attribute="not_disclosed"))
    text = page.content.decode()
    assert page.status_code == 200 and Document.objects.count() == 0
    assert "发文字号" in text and "法定理由" in text


def test_column_select_lists_only_the_organization_columns(client, staff, township, other_township):
    login(client, staff[Role.OFFICER])
    text = client.get("/staff/documents/new/").content.decode()
    assert f'value="{column_of(township).pk}"' in text
    assert f'value="{column_of(other_township).pk}"' not in text
    forged = client.post("/staff/documents/new/", form_data(township, column=column_of(other_township).pk))
    assert forged.status_code == 200 and Document.objects.count() == 0


def test_return_needs_a_comment_and_the_draft_is_editable_again(client, staff, township):
    doc = draft(staff[Role.OFFICER], township)
    login(client, staff[Role.OFFICER])
    act(client, doc, "submit")
    reviewer = login(Client(), staff[Role.OFFICE_REVIEWER])
    assert "必须填写意见" in act(reviewer, doc, "return").content.decode()
    act(reviewer, doc, "return", "请补充发文字号")
    doc.refresh_from_db()
    assert doc.status == Status.RETURNED
    assert reviewer.get(f"/staff/documents/{doc.pk}/edit/").status_code == 302  # reviewers do not edit
    response = client.post(f"/staff/documents/{doc.pk}/edit/", form_data(township, title="修改后的标题"))
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "修改后的标题"


def test_other_township_gets_404_on_every_document_url(client, staff, township, other_township, make_user):
    doc = draft(staff[Role.OFFICER], township)
    stranger = make_user("shagou_rev", other_township, Role.OFFICE_REVIEWER, Role.OFFICER)
    login(client, stranger)
    base = f"/staff/documents/{doc.pk}/"
    for url in (base, base + "edit/", base + "register.csv"):
        assert client.get(url).status_code == 404, url
    for url in (base + "action/", base + "mask/", base + "attachments/", base + "confirm-findings/"):
        assert client.post(url, {"action": "approve", "comment": "x"}).status_code == 404, url
    doc.refresh_from_db()
    assert doc.status == Status.DRAFT


def test_lists_never_show_other_organizations_drafts(client, staff, township, other_township, make_user):
    ours = draft(staff[Role.OFFICER], township, title="本街道草稿")
    other_officer = make_user("shagou_officer", other_township, Role.OFFICER)
    draft(other_officer, other_township, title="沙沟镇草稿")
    login(client, staff[Role.OFFICER])
    for url in ("/staff/", "/staff/documents/", "/staff/documents/?status=draft", "/staff/documents/?org=shagou"):
        text = client.get(url).content.decode()
        assert "沙沟镇草稿" not in text, url
    assert ours.title in client.get("/staff/documents/").content.decode()


def test_attachment_upload_rejects_wrong_types_in_chinese(client, staff, township, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = draft(staff[Role.OFFICER], township)
    login(client, staff[Role.OFFICER])
    bad = io.BytesIO(b"MZ\x90\x00")
    bad.name = "tool.exe"
    text = client.post(f"/staff/documents/{doc.pk}/attachments/", {"file": bad}, follow=True).content.decode()
    assert "不支持的附件类型" in text
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    good = io.BytesIO()
    writer.write(good)
    good.seek(0)
    good.name = "方案.pdf"
    client.post(f"/staff/documents/{doc.pk}/attachments/", {"file": good}, follow=True)
    assert doc.attachments.get().original_name == "方案.pdf"


def test_findings_are_shown_with_masked_suggestion_and_mask_all_works(client, staff, township):
    doc = draft(staff[Role.OFFICER], township, body="<p>联系人电话13812345678</p>")
    login(client, staff[Role.OFFICER])
    text = client.get(f"/staff/documents/{doc.pk}/").content.decode()
    assert "13812345678" in text and "138****5678" in text and "一键遮盖" in text
    assert "不能提交审核" in act(client, doc, "submit").content.decode()
    text = client.post(f"/staff/documents/{doc.pk}/mask/", follow=True).content.decode()
    assert "已遮盖正文中的 1 处个人信息" in text
    doc.refresh_from_db()
    assert "138****5678" in doc.body
    assert [e.action for e in history(doc)][-1] == "mask"


def test_secrecy_reviewer_can_confirm_findings_in_the_page(client, staff, township):
    doc = draft(staff[Role.OFFICER], township, body="<p>办公室电话0539-2251234</p>")
    reviewer = login(Client(), staff[Role.SECRECY_REVIEWER])
    assert "确认检查结果" in reviewer.get(f"/staff/documents/{doc.pk}/").content.decode()
    reviewer.post(f"/staff/documents/{doc.pk}/confirm-findings/", {"comment": "机关办公电话，可以公开"})
    login(client, staff[Role.OFFICER])
    act(client, doc, "submit")
    doc.refresh_from_db()
    assert doc.status == Status.IN_REVIEW


def test_register_csv_export(client, staff, township):
    doc = draft(staff[Role.OFFICER], township)
    login(client, staff[Role.OFFICER])
    act(client, doc, "submit")
    response = client.get(f"/staff/documents/{doc.pk}/register.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "操作人", "操作", "审核环节", "原状态", "新状态", "意见"]
    assert [r[2] for r in rows[1:]] == ["新建草稿", "提交审核"]
    assert rows[2][4:6] == ["草稿", "审核中"]


def test_posts_need_csrf(staff, township):
    doc = draft(staff[Role.OFFICER], township)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff[Role.OFFICER])
    assert client.post(f"/staff/documents/{doc.pk}/action/", {"action": "submit"}).status_code == 403
    page = client.get(f"/staff/documents/{doc.pk}/").content.decode()
    assert page.count("csrfmiddlewaretoken") >= 2


def test_pages_render_for_every_role(staff, township):
    doc = draft(staff[Role.OFFICER], township)
    for user in staff.values():
        client = Client()
        client.force_login(user)
        for url in ("/staff/", "/staff/documents/", f"/staff/documents/{doc.pk}/"):
            assert client.get(url).status_code == 200, (user.username, url)


def test_admin_lists_documents_and_review_steps(admin_client, staff, township):
    draft(staff[Role.OFFICER], township)
    assert admin_client.get("/admin/documents/document/").status_code == 200
    assert admin_client.get("/admin/review/reviewstep/").status_code == 200
    assert admin_client.get("/admin/review/reviewstep/add/").status_code == 200
