"""The portal shows the registers: marks on a document's own page, links where registers have content."""

import datetime as dt

import pytest

from gongkai.catalog.models import Column
from gongkai.documents import services as documents
from gongkai.gazette import services as gazette
from gongkai.normative import services as normative
from gongkai.normative.rules import LifecycleAction
from gongkai.orgs.models import Role

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def admin(make_user, county):
    return make_user("portal_admin", county, Role.OFFICE_ADMIN)


def _publish(actor, org, title, written_on, number):
    column = Column.objects.filter(org=org, slug="normative").first() or Column.objects.filter(org=org).first()
    doc = documents.create_draft(actor=actor, org=org, column=column, title=title, body="<p>正文。</p>",
                                 written_on=written_on, doc_number=number)
    return documents.mark_published(actor=actor, document=doc)


def test_a_repealed_document_is_marked_on_its_own_page(client, admin, township):
    item = normative.register(actor=admin, document=_publish(admin, township, "龙家圈街道集贸市场管理办法",
                                                             D(2021, 3, 1), "龙街办发〔2021〕4号"))
    repealing = _publish(admin, township, "关于废止《龙家圈街道集贸市场管理办法》的决定", D(2025, 6, 1), "龙街办发〔2025〕9号")
    normative.change_lifecycle(actor=admin, normative=item, action=LifecycleAction.REPEAL, effective_on=D(2025, 6, 10),
                               by_document=repealing, reason="市场已整体搬迁")
    page = client.get(f"/gk/{township.code}/doc/{item.document_id}/").content.decode()
    assert "效力变更" in page and "2025年6月10日起已废止" in page
    assert f'href="/gk/{township.code}/doc/{repealing.pk}/"' in page and "龙街办发〔2025〕9号" in page
    assert "<td>废止</td>" in page  # the catalog metadata's 效力状态 agrees
    back = client.get(f"/gk/{township.code}/doc/{repealing.pk}/").content.decode()
    assert "本文件修改或废止的文件" in back and "龙家圈街道集贸市场管理办法" in back


def test_a_printed_document_names_its_gazette_issue(client, admin, county):
    doc = _publish(admin, county, "沂水县人民政府关于做好防汛工作的通知", D(2025, 6, 2), "沂政发〔2025〕9号")
    issue = gazette.create_issue(actor=admin, org=county, year=2025, number=6, issue_date=D(2025, 6, 20))
    gazette.add_entry(actor=admin, issue=issue, document=doc)
    gazette.publish_issue(actor=admin, issue=issue, today=D(2025, 6, 21))
    page = client.get(f"/gk/{county.code}/doc/{doc.pk}/").content.decode()
    assert "本文已刊登于" in page and f'href="/gk/{county.code}/gazette/2025/6/"' in page


def test_org_pages_and_the_site_map_link_registers_with_content(client, admin, county, township):
    normative.register(actor=admin, document=_publish(admin, township, "街道办法", D(2024, 3, 1), "龙街办发〔2024〕2号"))
    home = client.get(f"/gk/{township.code}/").content.decode()
    assert f'href="/gk/{township.code}/normative/"' in home and f"/gk/{township.code}/gazette/" not in home
    # The county's catalog includes its units' documents, so the county links it too.
    assert f'href="/gk/{county.code}/normative/"' in client.get(f"/gk/{county.code}/").content.decode()
    site_map = client.get("/map/").content.decode()
    assert f'href="/gk/{township.code}/normative/"' in site_map
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/gk/{township.code}/normative/" in xml


def test_the_statutory_column_points_to_the_register(client, admin, township):
    _publish(admin, township, "街道办法", D(2024, 3, 1), "龙街办发〔2024〕2号")
    page = client.get(f"/gk/{township.code}/col/normative/")
    assert page.status_code == 200 and f'href="/gk/{township.code}/normative/"' in page.content.decode()
