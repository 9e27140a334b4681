"""Staff screens: drafting from the outline, editing links, uploading images, scoping by organization."""

import pytest

from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def logged_in(client, officer):
    client.login(username="officer", password=PASSWORD)
    return client


def test_new_form_prefills_the_policy_and_creates_a_draft(logged_in, officer, township):
    policy = draft(officer, township, needs_interpretation=True)
    page = logged_in.get(f"/staff/interpretation/new/?policy={policy.pk}")
    assert page.status_code == 200 and "一、决策背景和依据" in page.content.decode()
    response = logged_in.post("/staff/interpretation/new/", {
        "org": township.code, "title": "政策解读", "form": "text", "policies": str(policy.pk),
        "part_0": "背景说明。", "part_4": "三项任务。"})
    item = Interpretation.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/interpretation/{item.pk}/"
    assert "背景说明。" in item.document.body
    detail = logged_in.get(response.url).content.decode()
    assert "正文中还缺少这些标准部分：制定意义和总体考虑、研判和起草过程、工作目标、创新举措" in detail
    assert policy.title in detail


def test_bad_input_is_a_400_with_chinese_messages(logged_in, township):
    response = logged_in.post("/staff/interpretation/new/", {"org": township.code, "title": "", "form": "video",
                                                             "policies": "nope/2024-1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "请填写解读标题。" in body and "找不到可以关联的政策文件" in body


def test_video_without_url_is_reported_on_the_field(logged_in, officer, township):
    policy = draft(officer, township)
    response = logged_in.post("/staff/interpretation/new/", {"org": township.code, "title": "视频解读",
                                                             "form": "video", "policies": str(policy.pk)})
    assert response.status_code == 400 and "视频或动漫解读须填写播放网址。" in response.content.decode()


def test_image_upload_requires_alt_text(logged_in, officer, township):
    from gongkai.interpretation import services

    item = services.create_interpretation(actor=officer, org=township, title="图解", form="graphic",
                                          policies=[draft(officer, township)])
    from django.core.files.uploadedfile import SimpleUploadedFile

    logged_in.post(f"/staff/interpretation/{item.pk}/images/", {"file": SimpleUploadedFile("a.png", PNG),
                                                                 "alt_text": ""})
    assert not item.images.exists()
    logged_in.post(f"/staff/interpretation/{item.pk}/images/", {"file": SimpleUploadedFile("a.png", PNG),
                                                                 "alt_text": "示意图"})
    assert item.images.get().alt_text == "示意图"


def test_other_organizations_interpretations_are_not_found(client, officer, township, other_township, make_user):
    from gongkai.interpretation import services

    item = services.create_interpretation(actor=officer, org=township, title="解读", form="text",
                                          policies=[draft(officer, township)])
    make_user("outsider", other_township, Role.OFFICER)
    client.login(username="outsider", password=PASSWORD)
    assert client.get(f"/staff/interpretation/{item.pk}/").status_code == 404
    assert client.post(f"/staff/interpretation/{item.pk}/images/", {}).status_code == 404


def test_list_and_pending_pages_render(logged_in, officer, township):
    from gongkai.interpretation import services

    services.create_interpretation(actor=officer, org=township, title="图解乡村振兴", form="graphic",
                                   policies=[draft(officer, township, needs_interpretation=True)])
    assert "图解乡村振兴" in logged_in.get("/staff/interpretation/").content.decode()
    assert "应与政策同步发布" in logged_in.get("/staff/interpretation/pending/").content.decode()


def test_anonymous_staff_pages_redirect_to_login(client):
    for url in ("/staff/interpretation/", "/staff/interpretation/pending/", "/staff/interpretation/new/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/staff/login/")
