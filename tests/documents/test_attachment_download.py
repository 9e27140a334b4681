"""Staff open a draft's attachments through an authorized view; nothing under /media/ serves them."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.storage import NoPublicURL
from gongkai.documents import services
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

from .factories import draft
from .test_attachments import docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def attachment(officer, township):
    doc = draft(officer, township)
    return services.add_attachment(actor=officer, document=doc,
                                   uploaded_file=SimpleUploadedFile("工作要点.docx", docx_bytes("工作要点")))


def url(attachment) -> str:
    return f"/staff/documents/{attachment.document_id}/attachments/{attachment.pk}/"


def test_a_reviewer_downloads_a_draft_attachment_from_the_document_page(client, make_user, township, attachment):
    make_user("reviewer", township, Role.OFFICE_REVIEWER)
    client.login(username="reviewer", password=PASSWORD)
    page = client.get(f"/staff/documents/{attachment.document_id}/").content.decode()
    assert url(attachment) in page and "/media/" not in page
    response = client.get(url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == attachment.file.open("rb").read()
    assert "%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9.docx" in response["Content-Disposition"]  # 工作要点.docx
    assert "no-store" in response["Cache-Control"]


def test_outside_the_scope_it_is_a_404(client, make_user, other_township, attachment):
    make_user("stranger", other_township, Role.OFFICE_REVIEWER)
    client.login(username="stranger", password=PASSWORD)
    assert client.get(url(attachment)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, attachment):
    response = client.get(url(attachment))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_no_media_url_and_no_file_others_could_read(client, attachment):
    with pytest.raises(NoPublicURL):
        attachment.file.url  # noqa: B018 - the property is the point
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    path = attachment.file.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # a front server running as another user reads nothing
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
