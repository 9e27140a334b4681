"""The request workflow through its services: clock events, steps, reply, audit."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.foi import letters, services, services_clock
from gongkai.foi.choices import Channel, FeeMethod, Outcome, Status
from gongkai.foi.deadlines import compute_due_date
from gongkai.foi.rules import RuleError
from gongkai.orgs.models import Role
from gongkai.workdays.services import get_calendar

D = dt.date
D2509 = D(2025, 9, 22)
FIELDS = {"applicant_type": "natural_person", "name": "赵敏", "id_type": "resident_id",
          "id_number": "11010519491231002X", "phone": "13905391234", "description": "申请公开2025年低保名单的公示情况",
          "delivery": "paper"}


@pytest.fixture
def handler(make_user, township):
    return make_user("handler", township, Role.REQUEST_HANDLER)


@pytest.fixture
def head(make_user, township):
    return make_user("head", township, Role.OFFICE_ADMIN)


def register(handler, township, *, channel=Channel.IN_PERSON, on=D2509, **dates):
    dates = dates or {"submitted_on": on}
    req, _code = services.register_request(backdate_reason="补录历史纸质申请", actor=handler, org=township, channel=channel, fields=FIELDS, **dates)
    return req


def expected(**kwargs):
    return compute_due_date(calendar=get_calendar(), **kwargs).due


@pytest.mark.django_db
def test_registration_uses_the_channel_receipt_rule(handler, township):
    req = register(handler, township, channel=Channel.MAIL_REGISTERED, submitted_on=D(2025, 9, 18),
                   signed_on=D(2025, 9, 22))
    assert req.received_on == D(2025, 9, 22)
    # 2025 National Day / Mid-Autumn holiday (Oct 1–8) is crossed; 9-28 and 10-11 are make-up workdays.
    assert req.due_on == expected(received=D(2025, 9, 22)) == D(2025, 10, 24)
    assert AuditEntry.objects.filter(action="foi.registered", object_id=str(req.pk)).exists()
    with pytest.raises(RuleError) as err:
        register(handler, township, channel=Channel.MAIL_ORDINARY, signed_on=D(2025, 9, 22))
    assert err.value.field == "confirmed_on"


@pytest.mark.django_db
def test_correction_restarts_the_clock_and_warns_when_late(handler, township):
    req = register(handler, township, on=D(2025, 3, 3))
    warning = services_clock.request_correction(req, actor=handler, on=D(2025, 3, 13), due_on=D(2025, 3, 28),
                                          note="请写明所需信息的年份")
    assert "第8个工作日" in warning
    req.refresh_from_db()
    assert req.status == Status.WAITING_CORRECTION and req.due_on is None
    with pytest.raises(RuleError, match="一次性"):
        services_clock.request_correction(req, actor=handler, on=D(2025, 3, 14), due_on=D(2025, 3, 28), note="再补")
    services_clock.receive_correction(req, actor="申请人", on=D(2025, 3, 17), text="2024年度")
    req.refresh_from_db()
    assert req.status == Status.REGISTERED
    assert req.due_on == expected(received=D(2025, 3, 3), correction_received=D(2025, 3, 17))


@pytest.mark.django_db
def test_timely_correction_has_no_warning(handler, township):
    req = register(handler, township, on=D(2025, 3, 3))
    assert services_clock.request_correction(req, actor=handler, on=D(2025, 3, 12), due_on=D(2025, 3, 28),
                                       note="请写明年份") is None


@pytest.mark.django_db
def test_consultation_time_is_not_counted(handler, township):
    req = register(handler, township, on=D(2025, 3, 3))
    consultation = services_clock.start_consultation(req, actor=handler, on=D(2025, 3, 10), party_kind="third_party",
                                               party_name="某建筑公司")
    req.refresh_from_db()
    assert req.status == Status.IN_CONSULTATION
    assert consultation.answer_due_on == D(2025, 3, 31)
    services_clock.answer_consultation(consultation, actor=handler, on=D(2025, 3, 14), answer="不同意公开报价明细")
    req.refresh_from_db()
    assert req.status == Status.REGISTERED
    assert req.due_on == expected(received=D(2025, 3, 3), consultations=[(D(2025, 3, 10), D(2025, 3, 14))])
    assert req.due_on == D(2025, 4, 8)  # 5 working days later than 2025-03-31 (4-4 清明 off)


@pytest.mark.django_db
def test_extension_needs_the_office_head_and_at_most_20_days(handler, head, township):
    req = register(handler, township, on=D(2025, 3, 3))
    with pytest.raises(RuleError, match="负责人"):
        services_clock.extend(req, actor=handler, on=D(2025, 3, 20), days=10, reason="需调取档案")
    with pytest.raises(RuleError, match="1至20"):
        services_clock.extend(req, actor=head, on=D(2025, 3, 20), days=21, reason="需调取档案")
    with pytest.raises(RuleError, match="届满前"):
        services_clock.extend(req, actor=head, on=D(2025, 4, 30), days=10, reason="需调取档案")
    services_clock.extend(req, actor=head, on=D(2025, 3, 20), days=10, reason="需调取档案")
    req.refresh_from_db()
    assert req.extension_days == 10
    assert req.due_on == expected(received=D(2025, 3, 3), extension=10)
    assert AuditEntry.objects.filter(action="foi.extend", object_id=str(req.pk)).exists()


@pytest.mark.django_db
def test_fee_notice_by_piece_counts_the_month(handler, township):
    reqs = [register(handler, township, on=D(2025, 5, 6)) for _ in range(11)]
    with pytest.raises(RuleError, match="应缴金额为零"):
        services_clock.issue_fee_notice(reqs[9], actor=handler, on=D(2025, 5, 7), method=FeeMethod.BY_PIECE,
                                  pay_by=D(2025, 6, 5))
    req = services_clock.issue_fee_notice(reqs[10], actor=handler, on=D(2025, 5, 7), method=FeeMethod.BY_PIECE,
                                    pay_by=D(2025, 6, 5))
    assert req.fee_amount == Decimal(100) and req.status == Status.WAITING_FEE
    req = services_clock.lapse(req, actor=handler, on=D(2025, 6, 6))
    assert req.outcome == Outcome.OTHER_FEE_UNPAID and req.status == Status.REPLIED


@pytest.mark.django_db
def test_fee_by_volume_with_waiver_then_paid(handler, township):
    req = register(handler, township, on=D(2025, 5, 6))
    with pytest.raises(RuleError, match="理由"):
        services_clock.issue_fee_notice(req, actor=handler, on=D(2025, 5, 7), method=FeeMethod.BY_VOLUME, pages=50,
                                  waived=Decimal(50), pay_by=D(2025, 6, 5))
    req = services_clock.issue_fee_notice(req, actor=handler, on=D(2025, 5, 7), method=FeeMethod.BY_VOLUME, pages=50,
                                    waived=Decimal(50), waiver_reason="低保家庭", pay_by=D(2025, 6, 5))
    assert req.fee_amount == Decimal(200) and req.fee_payable == Decimal(150)
    req = services_clock.fee_paid(req, actor=handler, on=D(2025, 5, 12))
    assert req.status == Status.REGISTERED
    assert req.due_on == expected(received=D(2025, 5, 6), consultations=[(D(2025, 5, 7), D(2025, 5, 12))])


@pytest.mark.django_db
def test_closed_loop_with_configured_steps(handler, head, township, make_user):
    reviewer = make_user("reviewer", township, Role.OFFICE_REVIEWER)
    lawyer = make_user("lawyer", township, Role.LEGAL_ADVISER)
    leader = make_user("leader", township, Role.LEADER_REVIEWER)
    req = register(handler, township)
    chain = ((handler, Status.SCREENING), (handler, Status.ASSIGNED), (handler, Status.DRAFT_REVIEW),
             (reviewer, Status.LEGAL_REVIEW), (lawyer, Status.LEADER_SIGNOFF))
    for actor, step in chain:
        if req.status == Status.ASSIGNED:  # the reply is drafted before it goes to review
            letters.draft_reply(req, actor=handler, outcome=Outcome.GRANTED)
        req = services.advance(req, actor=actor, comment="同意")
        assert req.status == step
    with pytest.raises(RuleError, match="意见"):
        services.advance(req, actor=leader, back=True)
    req = services.advance(req, actor=leader, back=True, comment="答复稿引用条款有误")
    assert req.status == Status.LEGAL_REVIEW
    with pytest.raises(RuleError, match="全部办理环节"):
        letters.reply(req, actor=handler, on=D(2025, 10, 9), outcome=Outcome.GRANTED)
    services.set_steps(actor=head, org=township, steps=["registered", "screening", "legal_review"])
    with pytest.raises(RuleError, match="“法律顾问把关”环节尚未通过"):
        letters.reply(req, actor=handler, on=D(2025, 10, 9), outcome=Outcome.GRANTED)
    with pytest.raises(RuleError, match="部分公开"):
        letters.draft_reply(req, actor=lawyer, outcome=Outcome.PARTIALLY_GRANTED)
    letters.draft_reply(req, actor=lawyer, outcome=Outcome.PARTIALLY_GRANTED, withheld_notes="第三方个人信息已遮盖")
    req = services.advance(req, actor=lawyer, comment="同意")
    assert req.status == Status.LEGAL_REVIEW and services.is_approved(req)
    req = letters.reply(req, actor=handler, on=D(2025, 10, 9))
    assert (req.status, req.outcome, req.replied_on) == (Status.REPLIED, "partially_granted", D(2025, 10, 9))
    req = services.archive(req, actor=handler)
    assert req.status == Status.ARCHIVED
    steps = list(req.events.values_list("to_status", flat=True))
    assert steps[0] == Status.REGISTERED and steps[-1] == Status.ARCHIVED
    # one register entry per step, plus the two draftings of the reply letter (handler, then legal adviser)
    assert AuditEntry.objects.filter(object_type="foi.disclosurerequest", object_id=str(req.pk)).count() == len(steps) + 2


@pytest.mark.django_db
def test_on_the_spot_answer(handler, township):
    req = register(handler, township)
    req = letters.reply(req, actor=handler, on=D(2025, 9, 22), outcome=Outcome.GRANTED, on_the_spot=True)
    assert req.on_the_spot and req.status == Status.REPLIED


@pytest.mark.django_db
def test_repeated_requests_are_found(handler, township):
    first = register(handler, township)
    letters.reply(first, actor=handler, on=D(2025, 9, 22), outcome=Outcome.GRANTED, on_the_spot=True)
    second = register(handler, township, on=D(2025, 10, 9))
    repeats = services.find_repeats(second)
    assert [r.pk for r, _score in repeats] == [first.pk]


@pytest.mark.django_db
def test_calendar_change_recomputes_open_due_dates(handler, township, django_capture_on_commit_callbacks):
    from gongkai.workdays.services import set_day

    req = register(handler, township, on=D(2025, 9, 22))
    assert req.due_on == D(2025, 10, 24)
    with django_capture_on_commit_callbacks(execute=True):
        set_day(actor=handler, day=D(2025, 10, 20), is_workday=False, name="地方节日")
    req.refresh_from_db()
    assert req.due_on == D(2025, 10, 27)
    assert AuditEntry.objects.filter(action="foi.due_recomputed", object_id=str(req.pk)).exists()
