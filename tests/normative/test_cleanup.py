"""The clean-up campaign end to end: scope, reports by the units, the office's review, publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.normative import selectors, services, services_cleanup
from gongkai.normative.models import CampaignStatus, Decision, ItemStatus, Lifecycle, RegisterAction
from gongkai.normative.rules import LifecycleAction

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def register(publish):
    def make(actor, org, **kwargs):
        return services.register(actor=actor, document=publish(actor, org, **kwargs))

    return make


@pytest.fixture
def campaign(county_admin, county):
    return services_cleanup.create_campaign(actor=county_admin, org=county, title="2026年度规范性文件清理",
                                            cutoff_on=D(2025, 12, 31), deadline=D(2026, 11, 30))


def test_scope_is_every_in_force_document_of_the_units_issued_by_the_cutoff(
        campaign, county_admin, officer, other_officer, township, other_township, register, make_org):
    a = register(officer, township, written_on=D(2023, 3, 1))
    b = register(other_officer, other_township, written_on=D(2025, 12, 31))
    register(officer, township, written_on=D(2026, 1, 2))  # after the cut-off
    gone = register(officer, township, written_on=D(2022, 1, 1))
    services.change_lifecycle(actor=officer, normative=gone, action=LifecycleAction.EXPIRE,
                              effective_on=D(2025, 1, 1), reason="届满")
    elsewhere = make_org("elsewhere")  # not below the county
    from gongkai.orgs.models import Membership
    Membership.objects.create(user=officer, org=elsewhere, role="officer")
    register(officer, elsewhere, written_on=D(2023, 3, 1))
    services_cleanup.open_campaign(actor=county_admin, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN
    assert {(i.normative, i.unit) for i in campaign.items.all()} == {(a, township), (b, other_township)}
    assert AuditEntry.objects.get(action=RegisterAction.CAMPAIGN_OPEN).data == {"documents": 2}


def test_only_the_office_opens_and_units_mark_only_their_own(campaign, county_admin, officer, other_officer,
                                                             township, register):
    register(officer, township)
    with pytest.raises(PermissionDenied):
        services_cleanup.open_campaign(actor=officer, campaign=campaign)
    services_cleanup.open_campaign(actor=county_admin, campaign=campaign)
    item = campaign.items.get()
    with pytest.raises(PermissionDenied):
        services_cleanup.mark_item(actor=other_officer, item=item, decision=Decision.CONTINUE, reason="仍适用")
    with pytest.raises(ValidationError) as err:
        services_cleanup.mark_item(actor=officer, item=item, decision="", reason="")
    assert set(err.value.message_dict) == {"decision", "reason"}
    services_cleanup.mark_item(actor=officer, item=item, decision=Decision.CONTINUE, reason="仍适用")
    item.refresh_from_db()
    assert (item.status, item.decision, item.marked_by) == (ItemStatus.MARKED, Decision.CONTINUE, officer)


def test_full_campaign_applies_decisions_on_publication(campaign, county_admin, officer, township, register):
    keep = register(officer, township, written_on=D(2023, 1, 1))
    amend = register(officer, township, written_on=D(2023, 2, 1))
    repeal = register(officer, township, written_on=D(2023, 3, 1))
    expire = register(officer, township, written_on=D(2023, 4, 1))
    services_cleanup.open_campaign(actor=county_admin, campaign=campaign)
    items = {i.normative_id: i for i in campaign.items.all()}
    decisions = {keep: Decision.CONTINUE, amend: Decision.AMEND, repeal: Decision.REPEAL,
                 expire: Decision.DECLARE_EXPIRED}
    for normative, decision in decisions.items():
        services_cleanup.mark_item(actor=officer, item=items[normative.pk], decision=decision, reason="经评估")
    with pytest.raises(ValidationError, match="退回时请写明"):
        services_cleanup.review_item(actor=county_admin, item=items[repeal.pk], approve=False)
    services_cleanup.review_item(actor=county_admin, item=items[repeal.pk], approve=False, comment="请补充废止依据")
    with pytest.raises(ValidationError, match="还有 4 件文件的清理意见未审定"):
        services_cleanup.approve_campaign(actor=county_admin, campaign=campaign)
    services_cleanup.mark_item(actor=officer, item=items[repeal.pk], decision=Decision.REPEAL,
                               reason="所依据的上位法已废止")
    for item in campaign.items.all():
        services_cleanup.review_item(actor=county_admin, item=item, approve=True)
    services_cleanup.approve_campaign(actor=county_admin, campaign=campaign)
    with pytest.raises(ValidationError, match="不在进行中"):
        services_cleanup.mark_item(actor=officer, item=items[keep.pk], decision=Decision.REPEAL, reason="改主意")
    services_cleanup.publish_campaign(actor=county_admin, campaign=campaign, published_on=D(2026, 11, 20),
                                      result_note="共清理4件。")
    for n in decisions:
        n.refresh_from_db()
    assert [n.lifecycle for n in decisions] == [Lifecycle.IN_FORCE, Lifecycle.IN_FORCE, Lifecycle.REPEALED,
                                                Lifecycle.EXPIRED]
    assert amend.to_amend and not keep.to_amend
    assert repeal.lifecycle_on == D(2026, 11, 20) and repeal.events.get().campaign == campaign
    assert "所依据的上位法已废止" in repeal.events.get().reason
    campaign.refresh_from_db()
    assert (campaign.status, campaign.result_note) == (CampaignStatus.PUBLISHED, "共清理4件。")
    grouped = selectors.campaign_results(campaign)
    assert [i.normative for i in grouped[Decision.REPEAL]] == [repeal]
    assert list(selectors.public_campaigns(campaign.org)) == [campaign]
    actions = list(AuditEntry.objects.filter(object_type="normative.cleanupcampaign").values_list("action", flat=True))
    assert actions == [RegisterAction.CAMPAIGN_CREATE, RegisterAction.CAMPAIGN_OPEN, RegisterAction.CAMPAIGN_APPROVE,
                       RegisterAction.CAMPAIGN_PUBLISH]


def test_opening_an_empty_scope_is_refused(campaign, county_admin):
    with pytest.raises(ValidationError, match="没有现行有效的规范性文件"):
        services_cleanup.open_campaign(actor=county_admin, campaign=campaign)


def test_campaign_input_is_checked(county_admin, county):
    with pytest.raises(ValidationError) as err:
        services_cleanup.create_campaign(actor=county_admin, org=county, title=" ", cutoff_on=D(2026, 1, 1),
                                         deadline=D(2025, 1, 1))
    assert set(err.value.message_dict) == {"title", "deadline"}
