"""Repealing a published document: dated, recorded, shown on the portal, counted by the annual report."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.documents.models import Document, Status, Validity, ValidityEvent
from gongkai.documents.services import mark_published
from gongkai.orgs.models import Role
from tests.backoffice.test_views import login
from tests.documents.factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(staff, township):
    doc = draft(staff[Role.OFFICER], township, title="关于印发村级公益事业建设管理办法的通知")
    Document.objects.filter(pk=doc.pk).update(status=Status.APPROVED, validity=Validity.IN_FORCE)
    doc.refresh_from_db()
    return mark_published(actor=staff[Role.OFFICER], document=doc)


def test_officer_repeals_a_published_document_with_its_effective_date(client, staff, published):
    login(client, staff[Role.OFFICER])
    page = client.get(f"/staff/documents/{published.pk}/").content.decode()
    assert "登记效力变更" in page
    response = client.post(f"/staff/documents/{published.pk}/validity/", {
        "status": Validity.REPEALED, "effective_on": "2025-03-01", "note": "龙街办发〔2025〕3号废止",
    }, follow=True)
    assert "已变更效力状态" in response.content.decode()
    published.refresh_from_db()
    assert published.validity == Validity.REPEALED
    event = ValidityEvent.objects.get(document=published, status=Validity.REPEALED)
    assert event.effective_on == dt.date(2025, 3, 1)
    public = client.get(published.get_absolute_url()).content.decode()
    assert "废止" in public


def test_bad_input_gets_a_chinese_message_and_changes_nothing(client, staff, published):
    login(client, staff[Role.OFFICER])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    for data, message in (
        ({"status": "", "effective_on": "2025-03-01"}, "请选择效力状态"),
        ({"status": Validity.REPEALED, "effective_on": "2025-13-01"}, "生效日期格式"),
        ({"status": Validity.REPEALED, "effective_on": tomorrow}, "不能晚于今天"),
    ):
        response = client.post(f"/staff/documents/{published.pk}/validity/", data, follow=True)
        assert message in response.content.decode()
    published.refresh_from_db()
    assert published.validity == Validity.IN_FORCE


def test_reviewers_cannot_change_validity(client, staff, published):
    login(client, staff[Role.LEADER_REVIEWER])
    response = client.post(f"/staff/documents/{published.pk}/validity/",
                           {"status": Validity.REPEALED, "effective_on": "2025-03-01"}, follow=True)
    assert "只有本机构的信息员" in response.content.decode()
    published.refresh_from_db()
    assert published.validity == Validity.IN_FORCE
