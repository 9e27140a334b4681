"""The demo shows each register in a realistic state."""

from datetime import date

import pytest

from gongkai.demo.build import build
from gongkai.demo.registers import build_registers
from gongkai.gazette import selectors as gazette
from gongkai.gazette.models import GazetteIssue
from gongkai.guides import selectors as guides
from gongkai.normative import selectors as normative
from gongkai.normative.models import CleanupCampaign, Lifecycle, NormativeDocument
from gongkai.orgs.models import Organization
from gongkai.powers import selectors as powers
from gongkai.proposals.models import Proposal

TODAY = date(2026, 11, 26)


@pytest.mark.django_db
def test_demo_registers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    build(today=TODAY)
    assert build_registers(TODAY)["created"]
    orgs = {o.code: o for o in Organization.objects.all()}
    assert set(NormativeDocument.objects.values_list("lifecycle", flat=True)) == set(Lifecycle.values)
    campaign = CleanupCampaign.objects.get(status="open")
    assert CleanupCampaign.objects.filter(status="published").exists()
    assert campaign.status == "open" and set(campaign.items.values_list("status", flat=True)) >= {"pending", "marked",
                                                                                               "approved"}
    from django.contrib.auth import get_user_model

    ljq_officer = get_user_model().objects.get(username="ljq_officer")
    assert normative.expiring_for(ljq_officer, today=TODAY)  # the 试行 document nearing its end
    assert GazetteIssue.objects.filter(status="published").count() == 2
    assert gazette.overdue(orgs["yishui"], today=TODAY)
    assert powers.current_list(orgs["yishuiljqz2322108"]).items.count() == 30
    assert [v.version for v in powers.history(orgs["yishuiljqz2322108"])] == [2, 1]
    assert guides.public_guides(orgs["yishuiljqz2322108"]).count() == 9
    assert guides.guide_check(orgs["yishuiljqz2322108"]).failed is False
    assert Proposal.objects.filter(status="published").count() == 4
    assert build_registers(TODAY) == {"created": False}
