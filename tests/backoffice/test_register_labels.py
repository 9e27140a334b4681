"""The 登记簿 (screen and CSV) names every action in Chinese, imported documents included."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from gongkai.audit import vocabulary
from gongkai.audit.services import history
from gongkai.documents.models import Document
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROW = {
    "title": "关于做好2024年秸秆禁烧工作的通知", "body": "各村（居）：\n请做好秸秆禁烧工作。",
    "agency": "沂水县龙家圈街道办事处", "doc_number": "龙街办发[2024]3号", "published_on": "2024-05-06",
    "written_on": "2024-05-01", "validity": "有效", "genre": "通知", "column": "news",
}


def test_a_document_imported_by_the_command_shows_a_chinese_action(client, tmp_path, township, officer):
    path = tmp_path / "old-catalog.jsonl"
    path.write_text(json.dumps(ROW, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("importdata", "documents", str(path), "--org", township.code, stdout=io.StringIO())
    doc = Document.objects.get(org=township)
    assert [e.action for e in history(doc)] == ["document.import"]  # the code the demo's 324 entries carry

    assert client.post("/staff/login/", {"username": officer.username, "password": PASSWORD}).status_code == 302
    page = client.get(f"/staff/documents/{doc.pk}/").content.decode()
    register = page[page.index("登记簿"):]
    assert "<td>导入" in register and "document.import" not in page

    response = client.get(f"/staff/documents/{doc.pk}/register.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2] == "导入"


def test_every_register_row_of_a_full_document_workflow_is_labelled(client, township, officer):
    from tests.backoffice.test_views import act, form_data, login

    login(client, officer)
    client.post("/staff/documents/new/", form_data(township))
    doc = Document.objects.get()
    act(client, doc, "submit")
    response = client.get(f"/staff/documents/{doc.pk}/register.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert [r[2] for r in rows] == ["新建草稿", "提交审核"]
    assert all(vocabulary.is_declared(e.action) for e in history(doc))
