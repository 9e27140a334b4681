"""The letters in the back office (draft, edit, attach, preview, issue, download) and on the tracking page."""

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.foi import services, services_clock
from gongkai.foi.choices import Channel
from gongkai.foi.models import Letter, LetterKind
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

FIELDS = {"applicant_type": "natural_person", "name": "刘芳", "description": "2025年龙家圈街道道路维修工程合同",
          "delivery": "electronic"}


@pytest.fixture
def handler(make_user, township):
    return make_user("handler", township, Role.REQUEST_HANDLER)


@pytest.fixture
def registered(handler, township):
    return services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel=Channel.IN_PERSON, fields=FIELDS,
                                     submitted_on=services.today())


@pytest.mark.django_db
def test_staff_draft_edit_attach_preview_issue_download(client, registered, handler):
    req, _code = registered
    client.login(username="handler", password=PASSWORD)
    base = f"/staff/requests/{req.number}"
    bad = client.post(f"{base}/letter/draft/", {"outcome": "partially_granted", "withheld_notes": ""}, follow=True)
    assert "第三十七条" in bad.content.decode()
    client.post(f"{base}/letter/draft/", {"outcome": "partially_granted",
                                          "withheld_notes": "中标单位银行账号——商业秘密"})
    letter = Letter.objects.get(kind=LetterKind.REPLY)
    page = client.get(f"{base}/").content.decode()
    assert "中标单位银行账号——商业秘密" in page and "保存答复书" in page and "预览PDF" in page
    client.post(f"{base}/letters/{letter.pk}/edit/", {"body": letter.body + "\n联系人：王明，电话0539-2250001。"})
    letter.refresh_from_db()
    assert "联系人：王明" in letter.body
    upload = SimpleUploadedFile("维修合同（已遮盖）.pdf", b"%PDF-1.4 contract", content_type="application/pdf")
    client.post(f"{base}/letters/{letter.pk}/attach/", {"file": upload})
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post(f"{base}/letters/{letter.pk}/attach/", {"file": exe}, follow=True).content.decode()
    assert "只能上传" in refused and letter.disclosed.count() == 1
    preview = client.get(f"{base}/letters/{letter.pk}/preview.pdf")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert not Letter.objects.get(pk=letter.pk).is_issued

    client.post(f"{base}/reply/", {"replied_on": services.today().isoformat(), "on_the_spot": "on"})
    letter.refresh_from_db()
    assert letter.is_issued and letter.request.outcome == "partially_granted"
    pdf = client.get(f"{base}/letters/{letter.pk}.pdf")
    assert hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest() == letter.pdf_sha256
    docx = client.get(f"{base}/letters/{letter.pk}.docx")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    assert client.get(f"{base}/letters/{letter.pk}.exe").status_code == 404


@pytest.mark.django_db
def test_letters_of_another_township_are_out_of_scope(client, registered, make_user, other_township, handler):
    req, _code = registered
    notice_req = services_clock.request_correction(req, actor=handler, on=services.today(),
                                                   due_on=services.today() + dt.timedelta(days=14), note="请写明路段")
    assert notice_req is None
    letter = Letter.objects.get()
    make_user("stranger", other_township, Role.REQUEST_HANDLER)
    client.login(username="stranger", password=PASSWORD)
    assert client.get(f"/staff/requests/{req.number}/letters/{letter.pk}.pdf").status_code == 404


@pytest.mark.django_db
def test_applicant_sees_and_downloads_issued_letters(client, registered, handler, make_user, township):
    req, code = registered
    head = make_user("head", township, Role.OFFICE_ADMIN)
    services_clock.extend(req, actor=head, on=services.today(), days=10, reason="需要向多个村居核实")
    notice = Letter.objects.get(kind=LetterKind.EXTENSION)
    url = f"/foi/track/{req.number}/letters/{notice.pk}.pdf"
    assert client.get(url).status_code == 404  # this browser has not given the code yet
    page = client.post("/foi/track/", {"number": req.number, "code": code}, follow=True).content.decode()
    assert "延长政府信息公开申请答复期限告知书" in page and url in page
    assert FIELDS["name"] not in page
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == notice.pdf_sha256


@pytest.mark.django_db
def test_disclosed_files_are_offered_only_once_the_reply_is_issued(client, registered, handler):
    from gongkai.foi import letters

    req, code = registered
    letter = letters.draft_reply(req, actor=handler, outcome="granted")
    attachment = letters.attach_disclosed(letter, actor=handler, upload=SimpleUploadedFile("合同.pdf", b"%PDF-1.4"))
    client.post("/foi/track/", {"number": req.number, "code": code})
    file_url = f"/foi/track/{req.number}/files/{attachment.pk}/"
    assert client.get(file_url).status_code == 404
    letters.reply(req, actor=handler, on=services.today(), on_the_spot=True)
    page = client.get(f"/foi/track/{req.number}/").content.decode()
    assert file_url in page and "政府信息公开申请答复书" in page
    assert b"".join(client.get(file_url).streaming_content) == b"%PDF-1.4"


@pytest.mark.django_db
def test_api_status_lists_issued_letters(client, registered, handler):
    req, code = registered
    services_clock.request_correction(req, actor=handler, on=services.today(),
                                      due_on=services.today() + dt.timedelta(days=14), note="请写明路段")
    body = client.get(f"/api/v1/requests/{req.number}?code={code}").json()
    assert body["letters"] == [{"kind": "correction", "title": "政府信息公开申请补正告知书",
                                "issued_on": services.today().isoformat()}]
