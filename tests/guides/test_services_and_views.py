"""Service guides: drafting, the publication block, links to the power list, public pages, the self-check."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.guides import events, selectors, services
from gongkai.guides.models import GuideStatus, RegisterAction, ServiceGuide
from gongkai.powers import services as powers
from tests.conftest import PASSWORD

from .conftest import COMPLETE

pytestmark = pytest.mark.django_db


def test_an_incomplete_guide_is_saved_but_cannot_be_published(editor, township):
    guide = services.create_guide(actor=editor, org=township, **{**COMPLETE, "phone": "", "materials": "详见附件"})
    with pytest.raises(ValidationError) as err:
        services.publish_guide(actor=editor, guide=guide)
    assert err.value.messages == ["办事指南缺少要素：办理材料、联系电话。缺少要素的指南不能公开（网站检查单项否决项）。"]
    services.update_guide(actor=editor, guide=guide, phone="0539-2200030", materials="身份证原件")
    published = services.publish_guide(actor=editor, guide=guide)
    assert published.status == GuideStatus.PUBLISHED and published.published_at
    with pytest.raises(ValidationError, match="缺少要素：办理地点"):
        services.update_guide(actor=editor, guide=guide, location="")
    guide.refresh_from_db()
    assert guide.location == COMPLETE["location"]
    actions = list(AuditEntry.objects.filter(object_type="guides.serviceguide").values_list("action", flat=True))
    assert actions == [RegisterAction.CREATE, RegisterAction.UPDATE, RegisterAction.PUBLISH]


def test_withdraw_needs_a_reason_and_sends_events(editor, township, django_capture_on_commit_callbacks):
    got = []
    events.guide_published.connect(lambda sender, **kw: got.append(("published", kw["guide"])), weak=False,
                                   dispatch_uid="t1")
    events.guide_withdrawn.connect(lambda sender, **kw: got.append(("withdrawn", kw["guide"])), weak=False,
                                   dispatch_uid="t2")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            guide = services.publish_guide(actor=editor, guide=services.create_guide(actor=editor, org=township,
                                                                                      **COMPLETE))
        with pytest.raises(ValidationError):
            services.withdraw_guide(actor=editor, guide=guide, comment="")
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw_guide(actor=editor, guide=guide, comment="事项已取消")
    finally:
        events.guide_published.disconnect(dispatch_uid="t1")
        events.guide_withdrawn.disconnect(dispatch_uid="t2")
    assert got == [("published", guide.pk), ("withdrawn", guide.pk)]


def test_power_code_must_name_a_current_item(editor, township, make_user):
    admin = make_user("g_admin", township, "office_admin")
    with pytest.raises(ValidationError) as err:
        services.create_guide(actor=editor, org=township, power_code="QT-001", **COMPLETE)
    assert err.value.message_dict == {"power_code": ["本机构现行权责清单中没有编码为“QT-001”的事项。"]}
    draft = powers.start_adjustment(actor=admin, org=township)
    powers.save_item(actor=admin, power_list=draft, code="QT-001", name="最低生活保障审核", category="benefit",
                     basis="《社会救助暂行办法》", subject="本机关", responsibilities="受理、审核",
                     accountability="违规审批的追究责任")
    powers.publish(actor=admin, power_list=draft, reason="")
    guide = services.create_guide(actor=editor, org=township, power_code="QT-001", **COMPLETE)
    assert selectors.power_item(guide).name == "最低生活保障审核"


def test_other_units_cannot_edit(editor, township, make_user, other_township):
    guide = services.create_guide(actor=editor, org=township, **COMPLETE)
    outsider = make_user("g_out", other_township, "officer")
    with pytest.raises(PermissionDenied):
        services.update_guide(actor=outsider, guide=guide, name="改名")


def test_self_check_counts_published_guides_missing_elements(editor, township):
    assert selectors.guide_check(township).failed is None  # nothing published, nothing to judge
    services.publish_guide(actor=editor, guide=services.create_guide(actor=editor, org=township, **COMPLETE))
    assert selectors.guide_check(township).failed is False
    # A guide that lost an element outside the service (the admin, an old import) is what the check reports.
    ServiceGuide.objects.create(org=township, name="旧指南", status=GuideStatus.PUBLISHED)
    check = selectors.guide_check(township)
    assert (check.failed, check.count, check.published, check.incomplete) == (True, 1, 2, ("旧指南",))


def test_staff_and_public_pages(client, editor, township):
    client.login(username="guide_editor", password=PASSWORD)
    response = client.post("/staff/guides/new/", {"org": township.code, **{**COMPLETE, "hours": ""}})
    guide = ServiceGuide.objects.get()
    assert response.status_code == 302
    page = client.get(f"/staff/guides/{guide.pk}/").content.decode()
    assert "缺少要素：办理时间" in page
    client.post(f"/staff/guides/{guide.pk}/publish/")
    guide.refresh_from_db()
    assert guide.status == GuideStatus.DRAFT
    response = client.post(f"/staff/guides/{guide.pk}/", {**COMPLETE, "online_url": "javascript:alert(1)"})
    assert response.status_code == 400 and "输入一个有效的 URL" in response.content.decode()
    client.post(f"/staff/guides/{guide.pk}/", COMPLETE)
    client.post(f"/staff/guides/{guide.pk}/publish/")
    client.logout()
    public = client.get(f"/gk/{township.code}/guides/").content.decode()
    assert COMPLETE["name"] in public
    detail = client.get(f"/gk/{township.code}/guides/{guide.pk}/").content.decode()
    assert "入户调查" in detail and "0539-2200030" in detail and "打印本指南" in detail
    printable = client.get(f"/gk/{township.code}/guides/{guide.pk}/print/").content.decode()
    assert "print-view" in printable and "打印本指南" not in printable
    assert COMPLETE["name"] in client.get(f"/gk/{township.code}/guides/?q=最低生活 户口簿").content.decode()
    assert "没有找到" in client.get(f"/gk/{township.code}/guides/?q=护照").content.decode()
