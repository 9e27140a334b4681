"""Staff screens and public pages of the normative register."""

import datetime as dt
import io

import pytest

from gongkai.documents.models import Document
from gongkai.normative import services, services_cleanup
from gongkai.normative.models import Decision, Lifecycle, NormativeDocument
from gongkai.normative.rules import LifecycleAction
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def logged_in(client, officer):
    client.login(username="officer", password=PASSWORD)
    return client


def test_register_from_the_pick_list(logged_in, officer, township, publish):
    doc = publish(officer, township, title="沂水县龙家圈街道农村集体资产管理办法", written_on=D(2024, 3, 1))
    pick = logged_in.get("/staff/normative/register/?q=集体资产")
    assert pick.status_code == 200 and f"?document={doc.pk}" in pick.content.decode()
    response = logged_in.post("/staff/normative/register/", {
        "document": doc.pk, "registration_number": "SDSD01-2024-0007", "effective_from": "2024-03-01",
        "valid_until": "", "filed_with": "沂水县人民政府", "filing_number": "", "filed_on": "", "responsible": ""})
    item = NormativeDocument.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/normative/{item.pk}/"
    page = logged_in.get(response.url).content.decode()
    assert "SDSD01-2024-0007" in page and "2029-02-28" in page and "登记规范性文件" in page


def test_bad_input_is_a_400_with_messages_on_the_fields(logged_in, officer, township, publish):
    doc = publish(officer, township, written_on=D(2024, 3, 1))
    response = logged_in.post("/staff/normative/register/", {
        "document": doc.pk, "effective_from": "2024-03-01", "valid_until": "2031-01-01"})
    assert response.status_code == 400 and "规范性文件的有效期不得超过5年。" in response.content.decode()
    response = logged_in.post("/staff/normative/register/", {"document": doc.pk, "effective_from": "2024-13-01"})
    assert response.status_code == 400 and "输入一个有效的日期" in response.content.decode()
    assert not NormativeDocument.objects.exists()


def test_lifecycle_form_marks_the_document(logged_in, officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township, written_on=D(2023, 3, 1)))
    repealing = publish(officer, township, title="关于废止的决定", written_on=D(2025, 5, 1))
    response = logged_in.post(f"/staff/normative/{item.pk}/lifecycle/", {
        "action": "repeal", "effective_on": "2025-05-10", "by_document": repealing.index_number, "reason": "已被取代"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.lifecycle == Lifecycle.REPEALED and item.replaced_by == repealing
    response = logged_in.post(f"/staff/normative/{item.pk}/lifecycle/", {
        "action": "expire", "effective_on": "2025-06-01", "reason": "届满"})
    assert response.status_code == 400 and "不能再标注为“已失效”" in response.content.decode()
    response = logged_in.post(f"/staff/normative/{item.pk}/lifecycle/", {
        "action": "amend", "effective_on": "2025-06-01", "by_document": "不存在/2025-1"})
    assert response.status_code == 400 and "没有找到该索引号或发文字号的已发布文件" in response.content.decode()


def test_other_units_get_404(client, officer, other_officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    client.login(username="other_officer", password=PASSWORD)
    assert client.get(f"/staff/normative/{item.pk}/").status_code == 404
    assert client.post(f"/staff/normative/{item.pk}/lifecycle/", {"action": "expire"}).status_code == 404
    assert item.document.title not in client.get("/staff/normative/").content.decode()


def test_expiring_page_lists_documents_near_their_end(logged_in, officer, township, publish):
    services.register(actor=officer, document=publish(officer, township, title="快到期的办法",
                                                      written_on=D(2021, 1, 1)),
                      valid_until=D(2025, 12, 31))
    page = logged_in.get("/staff/normative/expiring/").content.decode()
    assert "快到期的办法" in page and "已过有效期" in page


def test_public_catalog_filters_by_body_year_and_status(client, officer, other_officer, township, other_township,
                                                       county, publish):
    services.register(actor=officer, document=publish(officer, township, title="街道甲办法",
                                                          written_on=D(2024, 3, 1)))
    services.register(actor=other_officer, document=publish(other_officer, other_township, title="沙沟乙办法",
                                                            written_on=D(2025, 3, 1)))
    gone = services.register(actor=officer, document=publish(officer, township, title="街道丙办法",
                                                             written_on=D(2022, 3, 1)))
    services.change_lifecycle(actor=officer, normative=gone, action=LifecycleAction.EXPIRE,
                              effective_on=D(2025, 1, 1), reason="届满")
    page = client.get(f"/gk/{county.code}/normative/").content.decode()
    assert "街道甲办法" in page and "沙沟乙办法" in page and "街道丙办法" not in page
    page = client.get(f"/gk/{county.code}/normative/?body={township.code}").content.decode()
    assert "街道甲办法" in page and "沙沟乙办法" not in page
    page = client.get(f"/gk/{county.code}/normative/?year=2025").content.decode()
    assert "沙沟乙办法" in page and "街道甲办法" not in page
    page = client.get(f"/gk/{county.code}/normative/?status=expired").content.decode()
    assert "街道丙办法" in page and "街道甲办法" not in page
    # Unknown filter values are ignored rather than failing.
    response = client.get(f"/gk/{county.code}/normative/?body=nope&year=x&status=bogus&page=abc")
    assert response.status_code == 200 and "街道甲办法" in response.content.decode()
    assert client.get(f"/gk/{county.code}/normative/?page=9").status_code == 404


def test_unpublished_documents_stay_out_of_the_catalog(client, officer, township, publish):
    doc = publish(officer, township, title="已撤回的办法")
    services.register(actor=officer, document=doc)
    Document.objects.filter(pk=doc.pk).update(status="withdrawn")
    assert "已撤回的办法" not in client.get(f"/gk/{township.code}/normative/").content.decode()


def test_compilation_downloads_contain_the_documents_in_force(client, officer, township, publish):
    from docx import Document as Docx
    from pypdf import PdfReader

    services.register(actor=officer, document=publish(officer, township, title="街道网格化服务管理办法",
                                                      written_on=D(2024, 3, 1)))
    response = client.get(f"/gk/{township.code}/normative/compilation.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages]
    assert "共1件" in pages[0] and "本汇编收录" in pages[1] and pages[2].startswith("目\u3000录")
    toc_line = next(line for line in pages[2].splitlines() if "街道网格化服务管理办法" in line)
    assert toc_line.endswith(" 4") and pages[3].startswith(f"{township.name}\n街道网格化服务管理办法")
    response = client.get(f"/gk/{township.code}/normative/compilation.docx")
    docx = Docx(io.BytesIO(b"".join(response.streaming_content)))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [township.name, "街道网格化服务管理办法"]
    assert client.get(f"/gk/{township.code}/normative/compilation.odt").status_code == 404


def test_cleanup_screens_and_public_results(client, county_admin, county, officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township, title="待清理的办法",
                                                             written_on=D(2023, 3, 1)))
    client.login(username="county_admin", password=PASSWORD)
    response = client.post("/staff/normative/cleanup/", {"org": county.code, "title": "2026年清理",
                                                         "cutoff_on": "2025-12-31", "deadline": "2026-11-30"})
    assert response.status_code == 302
    campaign_url = response.url
    assert "待清理的办法" in client.get(campaign_url).content.decode()
    client.post(f"{campaign_url}open/")
    campaign = item.cleanup_items.get().campaign
    client.logout()
    client.login(username="officer", password=PASSWORD)
    cleanup_item = campaign.items.get()
    client.post(f"{campaign_url}items/{cleanup_item.pk}/mark/", {"decision": Decision.REPEAL, "reason": "已不适用"})
    cleanup_item.refresh_from_db()
    assert cleanup_item.decision == Decision.REPEAL
    assert client.post(f"{campaign_url}approve/").status_code == 403  # a unit cannot approve
    campaign.refresh_from_db()
    assert campaign.status == "open"
    assert client.get(f"/gk/{county.code}/normative/cleanup/{campaign.pk}/").status_code == 404
    services_cleanup.review_item(actor=county_admin, item=cleanup_item, approve=True)
    services_cleanup.approve_campaign(actor=county_admin, campaign=campaign)
    services_cleanup.publish_campaign(actor=county_admin, campaign=campaign)
    page = client.get(f"/gk/{county.code}/normative/cleanup/{campaign.pk}/").content.decode()
    assert "待清理的办法" in page and "已不适用" in page


def test_register_tables_show_chinese_action_labels(logged_in, officer, township, publish):
    item = services.register(actor=officer, document=publish(officer, township))
    page = logged_in.get(f"/staff/normative/{item.pk}/").content.decode()
    assert "<td>登记规范性文件</td>" in page and "normative.register" not in page
