"""Gazette staff screens and public pages."""

import datetime as dt

import pytest

from gongkai.gazette import services
from gongkai.gazette.models import GazetteIssue
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def logged_in(client, editor):
    client.login(username="gazette_admin", password=PASSWORD)
    return client


def test_staff_assemble_and_publish_an_issue(logged_in, editor, county, publish):
    doc = publish(editor, county, title="关于印发农村人居环境整治方案的通知", written_on=dt.date.today() - dt.timedelta(days=3))
    response = logged_in.post("/staff/gazette/", {"org": county.code, "year": 2026, "number": 1,
                                                  "issue_date": dt.date.today().isoformat()})
    issue = GazetteIssue.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/gazette/{issue.pk}/"
    page = logged_in.get(response.url).content.decode()
    assert "关于印发农村人居环境整治方案的通知" in page and f'value="{doc.pk}"' in page
    logged_in.post(f"/staff/gazette/{issue.pk}/add/", {"document": [str(doc.pk)]})
    assert issue.entries.get().document == doc
    logged_in.post(f"/staff/gazette/{issue.pk}/publish/")
    issue.refresh_from_db()
    assert issue.status == "published" and issue.pdf
    tracking = logged_in.get(f"/staff/gazette/tracking/?org={county.code}").content.decode()
    assert "按时刊登" in tracking


def test_duplicate_number_is_a_400_on_the_field(logged_in, editor, county):
    services.create_issue(actor=editor, org=county, year=2026, number=1, issue_date=D(2026, 1, 10))
    response = logged_in.post("/staff/gazette/", {"org": county.code, "year": 2026, "number": 1,
                                                  "issue_date": "2026-02-10"})
    assert response.status_code == 400 and "2026年第1期已经存在。" in response.content.decode()


def test_issues_of_other_governments_are_404(client, editor, county, make_org, make_user):
    issue = services.create_issue(actor=editor, org=county, year=2026, number=1, issue_date=D(2026, 1, 10))
    other = make_org("othercounty", kind="county_government")
    make_user("other_admin", other, "office_admin")
    client.login(username="other_admin", password=PASSWORD)
    assert client.get(f"/staff/gazette/{issue.pk}/").status_code == 404
    assert client.post(f"/staff/gazette/{issue.pk}/publish/").status_code == 404


def test_public_issue_pages_pdf_and_search(client, editor, county, office, publish):
    issue = services.create_issue(actor=editor, org=county, year=2025, number=11, issue_date=D(2025, 10, 28),
                                  total_number=123)
    doc = publish(editor, office, title="关于加强秸秆综合利用的通知", doc_number="沂政办发〔2025〕8号")
    services.add_entry(actor=editor, issue=issue, document=doc)
    assert client.get(f"/gk/{county.code}/gazette/2025/11/").status_code == 404  # not yet published
    services.publish_issue(actor=editor, issue=issue, today=D(2025, 11, 1))
    index = client.get(f"/gk/{county.code}/gazette/").content.decode()
    assert "2025年第11期" in index and "总第123期" in index
    page = client.get(f"/gk/{county.code}/gazette/2025/11/").content.decode()
    assert "政府办公室文件" in page and f"/gk/{office.code}/doc/{doc.pk}/" in page
    pdf = client.get(f"/gk/{county.code}/gazette/2025/11/issue.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    found = client.get(f"/gk/{county.code}/gazette/search/?q=秸秆").content.decode()
    assert "关于加强秸秆综合利用的通知" in found and "刊登于" in found
    assert "没有找到" in client.get(f"/gk/{county.code}/gazette/search/?q=无此内容").content.decode()
    assert client.get(f"/gk/{county.code}/gazette/2025/99/").status_code == 404
