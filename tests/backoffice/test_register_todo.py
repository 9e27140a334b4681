"""The dashboard's 我的待办 includes the registers' work: expiring normative documents, clean-up reports due."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.catalog.models import Column
from gongkai.documents import services as documents
from gongkai.normative import services as normative
from gongkai.normative import services_cleanup as cleanup
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_expiring_documents_and_cleanup_items_are_on_the_dashboard(client, make_user, county, township, officer):
    admin = make_user("dash_admin", county, Role.OFFICE_ADMIN)
    today = timezone.localdate()
    doc = documents.mark_published(actor=officer, document=documents.create_draft(
        actor=officer, org=township, column=Column.objects.get(org=township, slug="normative"),
        title="龙家圈街道社区网格员管理办法（试行）", body="<p>正文。</p>", written_on=today - dt.timedelta(days=700)))
    normative.register(actor=officer, document=doc, responsible=officer)
    campaign = cleanup.create_campaign(actor=admin, org=county, title="年度清理", cutoff_on=today,
                                       deadline=today + dt.timedelta(days=30))
    cleanup.open_campaign(actor=admin, campaign=campaign)
    client.login(username="officer", password=PASSWORD)
    page = client.get("/staff/").content.decode()
    assert "规范性文件即将到期" in page and "龙家圈街道社区网格员管理办法（试行）" in page
    assert "1 件文件待报送清理意见" in page
    assert "<title>我的待办 · 政务公开工作台</title>" in page
