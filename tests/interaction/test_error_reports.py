"""网民纠错: a link on every public page, routed to the page's organization, answered and counted."""

import datetime as dt

import pytest

from gongkai.interaction import selectors
from gongkai.interaction.models import ErrorReport, MessageStatus
from gongkai.interaction.services import messages as services
from tests.conftest import PASSWORD

from .conftest import solved

pytestmark = pytest.mark.django_db


def test_every_public_page_links_to_the_error_form_with_its_address(client, township):
    html = client.get(f"/gk/{township.code}/guide/").content.decode()
    assert f'href="/report-error/?url=/gk/{township.code}/guide/"' in html
    form = client.get(f"/report-error/?url=/gk/{township.code}/guide/").content.decode()
    assert f'value="/gk/{township.code}/guide/"' in form


@pytest.mark.parametrize(("url", "org_code"), [
    ("/gk/shagou/doc/9/", "shagou"),
    ("/gk/longjiaquan/col/news/", "longjiaquan"),
    ("/search/?q=低保", "yishui"),
    ("/gk/unknown-org/", "yishui"),
])
def test_reports_are_routed_to_the_pages_organization(client, township, other_township, url, org_code):
    data = {"page_url": url, "kind": "broken_link", "description": "附件链接打不开。", "contact": "0539-2251234"}
    response = client.post("/report-error/", solved(client, "/report-error/", data))
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.org.code == org_code and report.number.startswith("JC") and report.contact == "0539-2251234"
    assert "纠错编号" in client.get(response.url).content.decode()


@pytest.mark.parametrize(("change", "message"), [
    ({"page_url": "javascript:alert(1)"}, "请填写以 http:// 或 https:// 开头的网址"),
    ({"kind": ""}, "请选择问题类型。"),
    ({"description": ""}, "请填写问题描述。"),
    ({"contact": "123"}, "请填写11位手机号码"),
])
def test_bad_reports_get_precise_messages(client, township, change, message):
    data = {"page_url": "/", "kind": "outdated", "description": "信息过时。", **change}
    response = client.post("/report-error/", solved(client, "/report-error/", data))
    assert response.status_code == 400 and message in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_reports_must_be_answered_and_count(township, officer, client):
    report = services.submit_error_report(page_url="/gk/longjiaquan/", kind="wrong_content", description="电话号码有误")
    ErrorReport.objects.filter(pk=report.pk).update(received_on=dt.date(2026, 1, 5), due_on=dt.date(2026, 1, 12))
    client.login(username="officer", password=PASSWORD)
    assert "严重逾期" in client.get("/staff/interaction/errors/?state=overdue").content.decode()
    client.post(f"/staff/interaction/errors/{report.pk}/answer/", {"answer": "已更正，感谢指出。"})
    report.refresh_from_db()
    assert report.status == MessageStatus.ANSWERED and report.answered_by == officer
    counts = selectors.counts_for_error_reports({township.pk}, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (counts.received, counts.answered, counts.answered_late) == (1, 1, 1)


def test_report_without_any_organization_is_a_clear_error(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="尚未配置任何机构"):
        services.route_error_report("/")


def test_admin_lists_submissions_read_only(client, township, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    services.submit_error_report(page_url="/", kind="other", description="说明")
    client.login(username="root", password=PASSWORD)
    page = client.get("/admin/interaction/errorreport/")
    assert page.status_code == 200 and "JC" in page.content.decode()
    assert client.get("/admin/interaction/errorreport/add/").status_code == 403
