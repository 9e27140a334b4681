"""Staff report pages: scoping, editing, checks blocking publication, roll-up, statistics and CSV."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.documents.models import Document
from gongkai.documents.models import Status as DocStatus
from gongkai.orgs.models import OrgKind, Role
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportStatus, ReviewCase

from .factories import add_requests

D = date


@pytest.fixture
def office_admin(make_user, county):
    return make_user("admin", county, Role.OFFICE_ADMIN)


def _login(client, user):
    client.force_login(user)
    return client


def test_report_page_shows_tables_and_checks(client, officer, township):
    add_requests(township, [(2, "natural_person", "online", D(2024, 3, 1), D(2024, 3, 15), "granted")])
    resp = _login(client, officer).get(reverse("reports:annual", args=[township.code, 2024]))
    assert resp.status_code == 200
    body = resp.content.decode()
    for label in ("一、本年新收政府信息公开申请数量", "（七）总计", "数据校验", "生成发布稿并提交审核", "结转下年度继续办理"):
        assert label in body


def test_other_org_is_404(client, officer, other_township):
    client = _login(client, officer)
    assert client.get(reverse("reports:annual", args=[other_township.code, 2024])).status_code == 404
    assert client.get(reverse("reports:download", args=[other_township.code, 2024, "json"])).status_code == 404
    assert client.post(reverse("reports:publish", args=[other_township.code, 2024])).status_code == 404
    assert client.get(reverse("reports:statistics") + f"?org={other_township.code}").status_code == 404


def test_anonymous_redirects_to_login(client, township):
    resp = client.get(reverse("reports:annual", args=[township.code, 2024]))
    assert resp.status_code == 302


def test_edit_texts_and_figures(client, officer, township):
    client = _login(client, officer)
    url = reverse("reports:edit", args=[township.code, 2024])
    page = client.get(url)
    assert page.status_code == 200 and "2024年" in page.content.decode()  # prefilled overview
    resp = client.post(url, {"overview": "本年总体情况。", "problems": "问题与改进。", "other": "无。",
                             "licensing": "5", "penalty": "2", "enforcement": "0", "fees_wan_yuan": "0.35"})
    assert resp.status_code == 302
    report = AnnualReport.objects.get(org=township, year=2024)
    assert report.overview == "本年总体情况。"
    data = client.get(reverse("reports:download", args=[township.code, 2024, "json"])).json()
    assert data["proactive"]["licensing"] == 5 and data["proactive"]["fees_wan_yuan"] == "0.35"


def test_edit_rejects_bad_figures_with_422(client, officer, township):
    resp = _login(client, officer).post(reverse("reports:edit", args=[township.code, 2024]), {
        "overview": "x", "problems": "", "other": "", "licensing": "-1", "penalty": "a", "enforcement": "0",
        "fees_wan_yuan": "1.234"})
    assert resp.status_code == 422
    assert "两位小数" in resp.content.decode()


def test_downloads(client, officer, township):
    client = _login(client, officer)
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF-"), ("json", b"{")):
        resp = client.get(reverse("reports:download", args=[township.code, 2024, fmt]))
        assert resp.status_code == 200 and resp.content.startswith(magic), fmt
    assert client.get(f"/staff/reports/{township.code}/2024/report.exe").status_code == 404


def test_publish_creates_document_in_review(client, officer, township):
    resp = _login(client, officer).post(reverse("reports:publish", args=[township.code, 2024]))
    report = AnnualReport.objects.get(org=township, year=2024)
    doc = report.published_document
    assert resp.status_code == 302 and doc is not None
    assert doc.status == DocStatus.IN_REVIEW and doc.column.kind == "annual_report"
    assert doc.title == "沂水县龙家圈街道办事处2024年政府信息公开工作年度报告"
    assert "rowspan" in doc.body and "予以公开" in doc.body
    assert report.status == ReportStatus.IN_REVIEW
    # a second attempt is refused
    client.post(reverse("reports:publish", args=[township.code, 2024]))
    assert Document.objects.filter(org=township, column__kind="annual_report").count() == 1


def test_failing_check_blocks_publishing(client, officer, township):
    # a reply dated before the receipt breaks 一+二 = 总计+四
    add_requests(township, [(1, "natural_person", "online", D(2024, 1, 5), D(2023, 12, 28), "granted")])
    resp = _login(client, officer).post(reverse("reports:publish", args=[township.code, 2024]), follow=True)
    assert "不能提交发布" in resp.content.decode()
    assert not Document.objects.filter(org=township, column__kind="annual_report").exists()


def test_roll_up_lists_units_and_sums(client, office_admin, county, township, other_township, make_org):
    dept = make_org("jyj", "沂水县教育局", parent=county, kind=OrgKind.DEPARTMENT)
    add_requests(township, [(3, "natural_person", "online", D(2024, 3, 1), D(2024, 3, 20), "granted")])
    add_requests(dept, [(2, "commercial_enterprise", "online", D(2024, 5, 1), None, "")])
    ReviewCase.objects.create(org=dept, year=2024, kind="reconsideration", result="upheld")
    resp = _login(client, office_admin).get(reverse("reports:units", args=[county.code, 2024]))
    assert resp.status_code == 200
    rows = {r["org"].code: r for r in resp.context["rows"]}
    assert set(rows) == {township.code, other_township.code, dept.code}
    assert rows[dept.code]["deadline"] == D(2025, 1, 31)
    assert rows[township.code]["deadline"] == D(2025, 3, 31)
    total = resp.context["total"].data
    assert total["requests"]["rows"]["new"][-1] == 5 and total["requests"]["rows"]["carried_forward"][-1] == 2
    assert total["reviews"]["reconsideration"] == [1, 0, 0, 0, 1]


def test_roll_up_needs_office_admin(client, officer, township):
    assert _login(client, officer).get(reverse("reports:units", args=[township.code, 2024])).status_code == 403


def test_roll_up_marks_published_and_late(client, office_admin, county, township, other_township, make_user):
    officer = make_user("o3", township, Role.OFFICER)
    doc = services.publish_report(actor=officer, org=township, year=2020)
    Document.objects.filter(pk=doc.pk).update(status=DocStatus.PUBLISHED, published_on=D(2021, 3, 15))
    resp = _login(client, office_admin).get(reverse("reports:units", args=[county.code, 2020]))
    states = {r["org"].code: r["state"] for r in resp.context["rows"]}
    assert states[township.code] == "published"
    assert set(states.values()) == {"published", "late"}


def test_statistics_page_and_csv(client, office_admin, township):
    add_requests(township, [(4, "natural_person", "online", D(2024, 3, 1), D(2024, 3, 20), "granted"),
                            (1, "legal_service_org", "email", D(2024, 4, 1), None, "")])
    client = _login(client, office_admin)
    resp = client.get(reverse("reports:statistics") + "?year=2024")
    body = resp.content.decode()
    assert resp.status_code == 200 and "<svg" in body and "下载 CSV" in body and "数据表" in body
    csv = client.get(reverse("reports:statistics_csv", args=["requests_by_channel"]) + "?year=2024")
    text = csv.content.decode("utf-8-sig")
    assert "网上申请,4" in text and "电子邮件,1" in text
    assert client.get("/staff/reports/statistics/nope.csv").status_code == 404
    assert client.get(reverse("reports:statistics") + "?year=abc").status_code == 404


def test_add_review_case(client, officer, township):
    client = _login(client, officer)
    client.post(reverse("reports:add_case", args=[township.code, 2024]),
                {"kind": "litigation_direct", "result": "pending", "reference": "（2024）鲁1323行初5号"})
    data = client.get(reverse("reports:download", args=[township.code, 2024, "json"])).json()
    assert data["reviews"]["litigation_direct"] == [0, 0, 0, 1, 1]
