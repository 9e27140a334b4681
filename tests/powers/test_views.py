"""Power-list staff screens (import included) and public pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.powers import services
from gongkai.powers.models import PowerCategory, PowerList
from tests.conftest import PASSWORD

from .conftest import make_xlsx, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, admin):
    client.login(username="powers_admin", password=PASSWORD)
    return client


def xlsx(data, name="权责清单.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_import_then_publish_from_the_screens(logged_in, township):
    logged_in.post("/staff/powers/adjust/", {"org": township.code})
    draft = PowerList.objects.get()
    good = make_xlsx([row(1, "XK-001", "公共场所卫生许可", flow="申请→受理→决定"), row(2, "CF-001", "对违法建设的处罚", "行政处罚")])
    response = logged_in.post(f"/staff/powers/{draft.pk}/import/", {"file": xlsx(good)})
    assert response.status_code == 302 and draft.items.count() == 2
    bad = make_xlsx([row(1, "XK-009", "新事项"), row(2, "XK-010", "", "行政审核")])
    response = logged_in.post(f"/staff/powers/{draft.pk}/import/", {"file": xlsx(bad)})
    page = response.content.decode()
    assert response.status_code == 400 and "第4行 C列（事项名称）：请填写事项名称。" in page
    assert sorted(draft.items.values_list("code", flat=True)) == ["CF-001", "XK-001"]  # nothing from the bad file
    response = logged_in.post(f"/staff/powers/{draft.pk}/import/", {"file": xlsx(b"%PDF-1.4", "清单.pdf")})
    assert response.status_code == 400 and "请上传 .xlsx 格式" in response.content.decode()
    response = logged_in.post(f"/staff/powers/{draft.pk}/publish/", {"published_on": dt.date.today().isoformat(),
                                                                     "reason": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_item_form_errors_are_a_400(logged_in, admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    response = logged_in.post(f"/staff/powers/{draft.pk}/", {"code": "XK 1", "name": "", "category": "licensing"})
    body = response.content.decode()
    assert response.status_code == 400 and "这个字段是必填项" in body


def test_template_download(logged_in):
    response = logged_in.get("/staff/powers/template.xlsx")
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_other_units_cannot_reach_a_list(client, admin, township, make_user, other_township):
    draft = services.start_adjustment(actor=admin, org=township)
    make_user("other_p", other_township, "office_admin")
    client.login(username="other_p", password=PASSWORD)
    assert client.get(f"/staff/powers/{draft.pk}/").status_code == 404
    assert client.post(f"/staff/powers/{draft.pk}/publish/", {"published_on": "2025-01-01"}).status_code == 404


@pytest.fixture
def published(admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    common = {"basis": "《中华人民共和国行政处罚法》", "subject": "龙家圈街道办事处", "responsibilities": "立案、调查、决定",
              "accountability": "违法实施处罚的追究责任"}
    services.save_item(actor=admin, power_list=draft, code="CF-001", name="对乱倒垃圾的处罚",
                       category=PowerCategory.PENALTY, **common)
    services.save_item(actor=admin, power_list=draft, code="JC-001", name="安全生产检查",
                       category=PowerCategory.INSPECTION, flow_steps="制定计划→现场检查→出具意见", **common)
    return services.publish(actor=admin, power_list=draft, reason="", published_on=dt.date(2025, 3, 1))


def test_public_list_filters_searches_and_shows_flowcharts(client, township, published):
    page = client.get(f"/gk/{township.code}/powers/").content.decode()
    assert "对乱倒垃圾的处罚" in page and "行政检查（1）" in page
    page = client.get(f"/gk/{township.code}/powers/?category=inspection").content.decode()
    assert "安全生产检查" in page and "对乱倒垃圾的处罚" not in page
    page = client.get(f"/gk/{township.code}/powers/?q=垃圾").content.decode()
    assert "对乱倒垃圾的处罚" in page and "安全生产检查" not in page
    item = client.get(f"/gk/{township.code}/powers/items/JC-001/").content.decode()
    assert "<svg" in item and "现场检查" in item and "通用流程" not in item
    standard = client.get(f"/gk/{township.code}/powers/items/CF-001/").content.decode()
    assert "行政处罚通用流程" in standard and "陈述申辩或听证" in standard
    svg = client.get(f"/gk/{township.code}/powers/items/JC-001/flowchart.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert client.get(f"/gk/{township.code}/powers/items/NOPE/").status_code == 404
    history = client.get(f"/gk/{township.code}/powers/history/").content.decode()
    assert "第1版" in history and "新增 2 项" in history
