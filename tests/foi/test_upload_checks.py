"""Every foi upload goes through the one upload checker: a renamed executable is refused by its content."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.foi import services, services_clock
from gongkai.foi.choices import Channel
from gongkai.foi.models import DisclosureRequest, Letter, RequestAttachment
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48  # a Windows PE header


def renamed_exe(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE, content_type="application/pdf")


def _fields(payload):
    return {k: v for k, v in payload.items() if k != "org"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["补正材料.pdf", "补正.txt", "照片.jpg", "材料.docx"])
def test_applicant_correction_refuses_a_renamed_executable(client, payload, make_user, township, name):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    req, code = services.submit_online_request(org=township, fields=_fields(payload))
    today = services.today()
    services_clock.request_correction(req, actor=handler, on=today, due_on=today + dt.timedelta(days=15),
                                      note="请写明所需信息的具体年份")
    client.post("/foi/track/", {"number": req.number, "code": code})
    response = client.post(f"/foi/track/{req.number}/correction/", {"text": "所需为2024年度", "file": renamed_exe(name)})
    assert response.status_code == 400
    assert "不符" in response.content.decode()
    req.refresh_from_db()
    assert req.status == "waiting_correction" and not RequestAttachment.objects.filter(request=req).exists()


@pytest.mark.django_db
def test_staff_disclosed_file_refuses_a_renamed_executable(client, make_user, township, payload):
    handler = make_user("handler", township, Role.REQUEST_HANDLER)
    req, _code = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel=Channel.IN_PERSON,
                                           fields=_fields(payload), submitted_on=services.today())
    client.login(username="handler", password=PASSWORD)
    base = f"/staff/requests/{req.number}"
    client.post(f"{base}/letter/draft/", {"outcome": "granted"})
    letter = Letter.objects.get(request=req)
    page = client.post(f"{base}/letters/{letter.pk}/attach/", {"file": renamed_exe("合同.pdf")}, follow=True)
    assert "文件内容与扩展名“.pdf”不符" in page.content.decode()
    assert letter.disclosed.count() == 0
    real = SimpleUploadedFile("合同.pdf", b"%PDF-1.4 contract", content_type="application/pdf")
    client.post(f"{base}/letters/{letter.pk}/attach/", {"file": real})
    assert letter.disclosed.count() == 1


@pytest.mark.django_db
def test_staff_registration_scan_refuses_a_renamed_executable(client, make_user, township):
    make_user("town_handler", township, Role.REQUEST_HANDLER)
    client.login(username="town_handler", password=PASSWORD)
    data = {"org": township.code, "applicant_type": "natural_person", "name": "孙立", "description": "村道硬化工程验收资料",
            "delivery": "paper", "channel": "mail_registered", "signed_on": "2025-09-22", "phone": "",
            "id_type": "", "id_number": "", "backdate_reason": "历史纸质申请补录"}
    response = client.post("/staff/requests/new/", {**data, "scan": renamed_exe("扫描件.pdf")})
    assert response.status_code == 400 and "不符" in response.content.decode()
    assert not DisclosureRequest.objects.exists()
    scan = SimpleUploadedFile("扫描件.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, content_type="image/png")
    assert client.post("/staff/requests/new/", {**data, "scan": scan}).status_code == 302
    assert DisclosureRequest.objects.get().attachments.filter(kind="scan").count() == 1
