"""Versions of the power list: adjusting, publishing with date and reason, and what changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.powers import selectors, services
from gongkai.powers.models import ListStatus, PowerCategory, RegisterAction

pytestmark = pytest.mark.django_db
D = dt.date
ITEM = {"name": "公共场所卫生许可", "category": PowerCategory.LICENSING, "basis": "《公共场所卫生管理条例》第八条",
        "subject": "本机关", "responsibilities": "受理、审查、决定、送达", "accountability": "不依法履职的追究责任"}


def test_first_list_then_an_adjustment(admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    services.save_item(actor=admin, power_list=draft, code="XK-001", **ITEM)
    services.save_item(actor=admin, power_list=draft, code="XK-002", **{**ITEM, "name": "临时占道许可"})
    first = services.publish(actor=admin, power_list=draft, reason="", published_on=D(2025, 3, 1))
    assert first.status == ListStatus.PUBLISHED and first.changes["added"] == [["XK-001", "公共场所卫生许可"],
                                                                               ["XK-002", "临时占道许可"]]
    second = services.start_adjustment(actor=admin, org=township)
    assert sorted(second.items.values_list("code", flat=True)) == ["XK-001", "XK-002"]
    with pytest.raises(ValidationError, match="已有一份调整中的清单"):
        services.start_adjustment(actor=admin, org=township)
    with pytest.raises(ValidationError) as err:
        services.publish(actor=admin, power_list=second, reason="依据新法", published_on=D(2025, 6, 1))
    assert err.value.message_dict == {"__all__": ["本次调整与现行清单相比没有任何变化。"]}
    services.delete_item(actor=admin, item=second.items.get(code="XK-002"))
    services.save_item(actor=admin, power_list=second, code="CF-001",
                       **{**ITEM, "name": "对违法占道的处罚", "category": PowerCategory.PENALTY})
    with pytest.raises(ValidationError) as err:
        services.publish(actor=admin, power_list=second, reason=" ", published_on=D(2025, 6, 1))
    assert err.value.message_dict == {"reason": ["请填写本次调整的原因和依据。"]}
    services.publish(actor=admin, power_list=second, reason="根据县政府取消临时占道许可的决定调整",
                     published_on=D(2025, 6, 1))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ListStatus.SUPERSEDED and selectors.current_list(township) == second
    assert second.changes == {"added": [["CF-001", "对违法占道的处罚"]], "removed": [["XK-002", "临时占道许可"]],
                              "changed": []}
    assert [v.version for v in selectors.history(township)] == [2, 1]
    with pytest.raises(ValidationError, match="只有调整中的清单可以修改"):
        services.save_item(actor=admin, power_list=second, code="XK-009", **ITEM)
    publish_entry = AuditEntry.objects.filter(action=RegisterAction.PUBLISH).last()
    assert publish_entry.data == {"version": 2, "published_on": "2025-06-01", "added": 1, "removed": 1, "changed": 0}


def test_codes_are_unique_and_items_checked(admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    services.save_item(actor=admin, power_list=draft, code="XK-001", **ITEM)
    with pytest.raises(ValidationError) as err:
        services.save_item(actor=admin, power_list=draft, code="XK-001", **ITEM)
    assert err.value.message_dict == {"code": ["事项编码“XK-001”已在本清单中使用。"]}
    with pytest.raises(ValidationError) as err:
        services.save_item(actor=admin, power_list=draft, code="XK-002", **{**ITEM, "basis": "", "category": "行政审核"})
    assert set(err.value.message_dict) == {"basis", "category"}


def test_officers_edit_but_only_the_office_publishes(make_user, township, admin, other_township):
    officer = make_user("p_officer", township, "officer")
    draft = services.start_adjustment(actor=officer, org=township)
    services.save_item(actor=officer, power_list=draft, code="XK-001", **ITEM)
    with pytest.raises(PermissionDenied):
        services.publish(actor=officer, power_list=draft, reason="")
    outsider = make_user("p_out", other_township, "officer")
    with pytest.raises(PermissionDenied):
        services.save_item(actor=outsider, power_list=draft, code="XK-002", **ITEM)


def test_guides_find_the_current_item_by_code(admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    services.save_item(actor=admin, power_list=draft, code="XK-001", **ITEM)
    assert selectors.item_by_code(township, "XK-001") is None  # nothing public before publication
    services.publish(actor=admin, power_list=draft, reason="")
    assert selectors.item_by_code(township, "XK-001").name == "公共场所卫生许可"
