"""The demo platform carries the seeds' real metadata and every staff role."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEntry, ChainCheck
from gongkai.audit.verify import anchor_file, read_anchors
from gongkai.demo.build import ACCOUNTS, build
from gongkai.documents.models import Document
from gongkai.orgs.models import Membership, Organization, Role


@pytest.mark.django_db
def test_demo_has_seed_documents_with_their_exact_metadata():
    result = build(today=date(2026, 11, 26))
    assert result["orgs"] == 7
    seed001 = Document.objects.get(index_number="yishuiljqz2322108/2023-0000352")
    assert seed001.title == "龙街办发〔2023〕12号龙家圈街道办事处 2023年度政务公开工作实施方案"
    assert (seed001.agency, seed001.doc_number) == ("沂水县龙家圈镇", "龙街办发〔2023〕12号")
    assert seed001.published_on == date(2023, 6, 3)
    seed004 = Document.objects.get(doc_number="青委〔2017〕35号")
    assert (seed004.written_on, seed004.published_on) == (date(2017, 6, 15), date(2017, 6, 16))
    assert Document.objects.filter(title="沙沟镇2021年度政务公开工作计划").exists()
    # Seed 003's real tree for one township.
    sgz = Organization.objects.get(code="yishuisgz")
    assert {"乡镇概况", "公开目录及指南", "四项制度及社会评价", "政府财政管理", "办事程序及服务"} <= set(
        sgz.columns.filter(parent=None).values_list("name", flat=True)
    )
    assert Document.objects.count() > 300
    # Every role has a demo account.
    assert {r for _, _, roles, _ in ACCOUNTS for r in roles} == set(Role.values)
    assert Membership.objects.count() >= len(ACCOUNTS)
    # The register was verified intact and its head anchored, as after the daily job.
    check = ChainCheck.objects.get()
    assert check.intact and check.entries == AuditEntry.objects.count() > 300
    assert read_anchors(anchor_file())[-1].hash == check.head_hash


@pytest.mark.django_db
def test_demo_is_idempotent():
    build(today=date(2026, 11, 26))
    count = Document.objects.count()
    again = build(today=date(2026, 11, 26))
    assert again["documents"] == 0 and Document.objects.count() == count


@pytest.mark.django_db
def test_demo_has_work_in_every_queue():
    from gongkai.documents.models import Status
    from gongkai.foi.models import DisclosureRequest

    build(today=date(2026, 11, 26))
    ljq = Organization.objects.get(code="yishuiljqz2322108")
    statuses = set(Document.objects.filter(org=ljq).values_list("status", flat=True))
    assert {Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.PUBLISHED} <= statuses
    requests = DisclosureRequest.objects.filter(org=ljq)
    assert requests.filter(replied_on__year=2025).count() >= 10  # the imported ledger
    assert requests.filter(replied_on=None).count() == 5  # open requests in the queues
    assert requests.filter(replied_on=None, due_on__lt=date(2026, 11, 26)).exists()  # one overdue
    # ... and the handler's to-do list shows it overdue (issue 13: it said 「共 0 项」)
    from django.contrib.auth import get_user_model

    from gongkai.foi.selectors import todo_for
    from gongkai.workdays.services import get_calendar

    handler = get_user_model().objects.get(username="ljq_handler")
    todo = todo_for(handler, today=date(2026, 11, 26), calendar=get_calendar())
    assert any(req.number == "2026-000001" and left is not None and left < 0 for req, left in todo)


@pytest.mark.django_db
def test_demo_has_public_participation_to_show():
    from gongkai.interaction.models import Message, Solicitation, Survey

    build(today=date(2026, 11, 26))
    assert Message.objects.filter(published=True).count() == 1  # one answered and published, one waiting
    assert Message.objects.filter(published=False).count() == 1
    assert Solicitation.objects.exists() and Survey.objects.get().responses.count() == 5


@pytest.mark.django_db
def test_demo_publishes_past_years_annual_reports_from_its_records(client):
    from gongkai.reports.models import AnnualReport

    build(today=date(2026, 11, 26))
    reports = AnnualReport.objects.filter(published_document__status="published").select_related("org")
    assert {(r.org.code, r.year) for r in reports} >= {("yishuiljqz2322108", 2024), ("yishuiljqz2322108", 2025),
                                                       ("yishuisgz", 2024), ("yishuisgz", 2025)}
    listing = client.get("/reports/").content.decode()
    assert "2025年度" in listing and "2024年度" in listing
    report = reports.get(org__code="yishuiljqz2322108", year=2025)
    page = client.get(f"/gk/yishuiljqz2322108/doc/{report.published_document_id}/").content.decode()
    assert "年度报告（PDF 版）" in page


@pytest.mark.django_db
def test_demo_has_a_county_local_day_and_the_2027_notice_ready():
    from gongkai.demo.holidays import LOCAL_DAY_NAME, NOTICE_2027_EXAMPLE
    from gongkai.foi.services import due_date_for
    from gongkai.workdays.models import DayOverride, HolidayNotice
    from gongkai.workdays.notice import parse_notice
    from gongkai.workdays.services import get_calendar

    build(today=date(2026, 11, 26))
    local = DayOverride.objects.get(org__code="yishui")
    assert (local.name, local.is_workday, local.include_units) == (LOCAL_DAY_NAME, False, True)
    township = Organization.objects.get(code="yishuiljqz2322108")
    assert get_calendar(township).is_workday(local.date)[0] is False
    assert get_calendar(Organization.objects.get(code="shaxianqzz")).is_workday(local.date)[0] is True
    # The township's open requests count the county's day, and their explanation says whose it is.
    crossing = [r for r in township.disclosure_requests.filter(replied_on=None)
                if (due := due_date_for(r)) and r.received_on < local.date <= due.due]
    assert crossing and all(f"{LOCAL_DAY_NAME}（沂水县地方性安排）放假" in due_date_for(r).explanation() for r in crossing)
    # 2027 is not entered: its example text is ready, and reads without a single warning.
    assert not HolidayNotice.objects.filter(year=2027).exists()
    example = parse_notice(NOTICE_2027_EXAMPLE.read_text(encoding="utf-8"), 2027)
    assert example.warnings == [] and (len(example.days_off), len(example.workdays)) == (28, 5)
    extended = township.disclosure_requests.get(extension_days=15)
    assert extended.due_on.year == 2027 and extended.due_provisional
