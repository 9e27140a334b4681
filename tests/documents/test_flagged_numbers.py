"""An imported 发文字号 no form reads: the document is published anyway, and the office reviews the number."""

import io
import json

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.documents.importer import import_documents
from gongkai.documents.models import Document, Status
from gongkai.orgs.models import Role
from gongkai.search.services import search

ROW = {"title": "关于做好2024年秸秆禁烧工作的通知", "body": "请做好秸秆禁烧工作。", "agency": "沂水县龙家圈街道办事处",
       "doc_number": "龙街办字(2024)第三号文", "published_on": "2024-05-06"}


def imported(org, **row) -> Document:
    summary = import_documents(io.StringIO(json.dumps({**ROW, **row}, ensure_ascii=False)), org)
    assert (summary.imported, summary.flagged) == (1, 1)
    return Document.objects.get(title=row.get("title", ROW["title"]))


@pytest.fixture
def officer(make_user, township):
    return make_user("ljq_officer", township, Role.OFFICER)


@pytest.mark.django_db
def test_the_flagged_number_is_published_as_it_came_and_listed(client, officer, township):
    doc = imported(township)
    assert (doc.status, doc.doc_number, doc.doc_number_flagged) == (Status.PUBLISHED, "龙街办字〔2024〕第三号文", True)
    client.force_login(officer)
    assert "发文字号待核 1 件" in client.get("/staff/documents/").content.decode()
    page = client.get("/staff/documents/numbers/").content.decode()
    assert "龙街办字〔2024〕第三号文" in page and doc.title in page


@pytest.mark.django_db
def test_correcting_needs_a_number_the_rules_read(client, officer, township, django_capture_on_commit_callbacks):
    doc = imported(township)
    client.force_login(officer)
    client.post(f"/staff/documents/numbers/{doc.pk}/", {"doc_number": "龙街办字第三号", "correct": ""})
    doc.refresh_from_db()
    assert doc.doc_number_flagged is True  # still to review
    with django_capture_on_commit_callbacks(execute=True):  # the index follows the corrected number on commit
        response = client.post(f"/staff/documents/numbers/{doc.pk}/",
                               {"doc_number": "龙街办字〔2024〕3号", "correct": ""}, follow=True)
    assert "已更正为“龙街办字〔2024〕3号”" in response.content.decode()
    doc.refresh_from_db()
    assert (doc.doc_number, doc.doc_number_flagged) == ("龙街办字〔2024〕3号", False)
    entry = AuditEntry.objects.get(action="doc_number_corrected")
    assert entry.data == {"before": "龙街办字〔2024〕第三号文", "after": "龙街办字〔2024〕3号"} and entry.actor == officer
    assert [d.pk for d, _hit in search("龙街办字〔2024〕3号").results][:1] == [doc.pk]
    assert "没有待核对的发文字号" in client.get("/staff/documents/numbers/").content.decode()


@pytest.mark.django_db
def test_keeping_the_number_as_published(client, officer, township):
    doc = imported(township)
    client.force_login(officer)
    client.post(f"/staff/documents/numbers/{doc.pk}/", {"doc_number": "", "keep": ""})
    doc.refresh_from_db()
    assert (doc.doc_number, doc.doc_number_flagged) == ("龙街办字〔2024〕第三号文", False)
    assert AuditEntry.objects.filter(action="doc_number_confirmed", object_id=str(doc.pk)).exists()
    assert client.post(f"/staff/documents/numbers/{doc.pk}/", {"keep": ""}).status_code == 404  # settled


@pytest.mark.django_db
def test_review_is_scoped_to_the_organizations_one_drafts_for(client, make_user, township, other_township):
    doc = imported(township)
    for user in (make_user("other_officer", other_township, Role.OFFICER),
                 make_user("handler", township, Role.REQUEST_HANDLER)):
        client.force_login(user)
        assert doc.title not in client.get("/staff/documents/numbers/").content.decode()
        assert client.post(f"/staff/documents/numbers/{doc.pk}/", {"keep": ""}).status_code == 404
    doc.refresh_from_db()
    assert doc.doc_number_flagged is True
