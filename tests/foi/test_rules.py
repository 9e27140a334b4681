"""Table-driven specifications of the pure request rules."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.foi import rules
from gongkai.foi.choices import Channel, Status
from gongkai.foi.rules import Action, RuleError

D = dt.date
DEFAULT = rules.WORKING_STEPS


@pytest.mark.parametrize(
    ("channel", "dates", "expected"),
    [
        (Channel.ONLINE, {"submitted_on": D(2026, 3, 2)}, D(2026, 3, 2)),
        (Channel.IN_PERSON, {"submitted_on": D(2026, 3, 3)}, D(2026, 3, 3)),
        (Channel.MAIL_REGISTERED, {"submitted_on": D(2026, 3, 1), "signed_on": D(2026, 3, 4)}, D(2026, 3, 4)),
        (Channel.MAIL_ORDINARY, {"signed_on": D(2026, 3, 4), "confirmed_on": D(2026, 3, 5)}, D(2026, 3, 5)),
        (Channel.FAX, {"submitted_on": D(2026, 3, 5), "confirmed_on": D(2026, 3, 6)}, D(2026, 3, 6)),
        (Channel.EMAIL, {"submitted_on": D(2026, 3, 5), "confirmed_on": D(2026, 3, 9)}, D(2026, 3, 9)),
    ],
)
def test_receipt_date_per_channel(channel, dates, expected):
    assert rules.receipt_date(channel, **dates) == expected
    assert rules.receipt_explanation(channel).endswith("为收到申请之日")


@pytest.mark.parametrize(
    ("channel", "dates", "field"),
    [
        (Channel.MAIL_REGISTERED, {"submitted_on": D(2026, 3, 1)}, "signed_on"),
        (Channel.MAIL_ORDINARY, {"signed_on": D(2026, 3, 1)}, "confirmed_on"),
        (Channel.ONLINE, {}, "submitted_on"),
        ("pigeon", {"submitted_on": D(2026, 3, 1)}, "channel"),
    ],
)
def test_receipt_date_missing_decisive_date(channel, dates, field):
    with pytest.raises(RuleError) as err:
        rules.receipt_date(channel, **dates)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("n", "price"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400), (71, 600)],
)
def test_piece_price_bands(n, price):
    assert rules.piece_price(n) == Decimal(price)


@pytest.mark.parametrize(
    ("earlier", "pieces", "fee"),
    [
        (0, 1, 0),
        (9, 1, 0),
        (10, 1, 100),
        (0, 12, 200),  # pieces 11 and 12
        (29, 2, 300),  # 30 → 100, 31 → 200
        (0, 40, 20 * 100 + 10 * 200),
        (45, 1, 300),
    ],
)
def test_fee_by_piece(earlier, pieces, fee):
    assert rules.fee_by_piece(earlier_in_month=earlier, pieces=pieces) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 70 * 10),
        (101, 700 + 20),
        (200, 700 + 100 * 20),
        (201, 700 + 2000 + 40),
        (250, 700 + 2000 + 50 * 40),
    ],
)
def test_fee_by_volume(pages, fee):
    assert rules.fee_by_volume(pages) == Decimal(fee)


@pytest.mark.parametrize("bad", [{"earlier_in_month": -1, "pieces": 1}, {"earlier_in_month": 0, "pieces": 0}])
def test_fee_by_piece_rejects_bad_counts(bad):
    with pytest.raises(RuleError):
        rules.fee_by_piece(**bad)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("11010519491231002X", None),
        ("11010519491231002x", None),
        ("110105194912310021", "校验位"),
        ("1101051949123100", "18位"),
        ("110105194902300021", "出生日期"),
        ("01010519491231002X", "格式"),
    ],
)
def test_resident_id(value, error):
    result = rules.resident_id_error(value)
    if error is None:
        assert result is None
    else:
        assert error in result


# Numbers the form used to accept although the personal-information scanner does not treat them as
# ID numbers (its own check digits said no): province 10 does not exist, nobody is born in 2099 or 1899.
ID_LOOK_ALIKES = ["100105194912310028", "110105209912310029", "110105189912310023"]


@pytest.mark.parametrize("value", ID_LOOK_ALIKES)
def test_form_refuses_what_the_scanner_does_not_recognize(value):
    from gongkai.pii.rules import scan_text

    assert [f.kind for f in scan_text(f"身份证号{value}。")] != ["id_card"]
    assert rules.resident_id_error(value) is not None


@pytest.mark.parametrize(
    "value", ["11010519491231002X", "371323198507178433", "110105194912310021", "1101051949123100", "91350100M000100Y43"]
    + ID_LOOK_ALIKES,
)
def test_form_and_scanner_agree_on_id_numbers(value):
    from gongkai.pii.rules import ID_CARD, scan_text

    scanned = [f.kind for f in scan_text(f"证件号码：{value}。")] == [ID_CARD]
    assert (rules.resident_id_error(value) is None) is scanned


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("13812345678", True),
        ("+86 138 1234 5678", True),
        ("0539-2251234", True),
        ("053922512345", True),
        ("12812345678", False),
        ("1381234567", False),
        ("2251234", False),
        ("phone", False),
    ],
)
def test_phone(value, ok):
    assert (rules.phone_error(value) is None) is ok


@pytest.mark.parametrize(
    ("value", "ok"),
    [("91350100M000100Y43", True), ("91350100M000100Y44", False), ("ABC", False),
     ("91350100m000100y43", True), ("913501A0M000100Y4X", False)],
)
def test_credit_code(value, ok):
    assert (rules.credit_code_error(value) is None) is ok


@pytest.mark.parametrize(
    ("a", "b", "repeat"),
    [
        ("申请公开2023年龙家圈街道财政预算", "申请公开2023年龙家圈街道财政预算。", True),
        ("申请公开 2023 年龙家圈街道财政预算", "申请公开2023年龙家圈街道财政预算", True),
        ("申请公开2023年龙家圈街道财政预算", "申请公开2024年龙家圈街道财政预算", False),
        ("请提供某村土地征收补偿标准", "申请公开2023年龙家圈街道财政预算", False),
    ],
)
def test_repeated_request_similarity(a, b, repeat):
    assert rules.is_repeat(a, b) is repeat


# --- state machine ----------------------------------------------------------------------------------
SHORT = (Status.REGISTERED, Status.SCREENING, Status.LEADER_SIGNOFF)


@pytest.mark.parametrize(
    ("action", "status", "steps", "resume", "expected"),
    [
        (Action.ADVANCE, Status.REGISTERED, DEFAULT, "", Status.SCREENING),
        (Action.ADVANCE, Status.LEGAL_REVIEW, DEFAULT, "", Status.LEADER_SIGNOFF),
        (Action.ADVANCE, Status.SCREENING, SHORT, "", Status.LEADER_SIGNOFF),
        (Action.RETURN, Status.DRAFT_REVIEW, DEFAULT, "", Status.ASSIGNED),
        (Action.REQUEST_CORRECTION, Status.SCREENING, DEFAULT, "", Status.WAITING_CORRECTION),
        (Action.RECEIVE_CORRECTION, Status.WAITING_CORRECTION, DEFAULT, Status.SCREENING, Status.SCREENING),
        (Action.CORRECTION_LAPSED, Status.WAITING_CORRECTION, DEFAULT, "", Status.REPLIED),
        (Action.START_CONSULTATION, Status.ASSIGNED, DEFAULT, "", Status.IN_CONSULTATION),
        (Action.FINISH_CONSULTATION, Status.IN_CONSULTATION, DEFAULT, Status.ASSIGNED, Status.ASSIGNED),
        (Action.ISSUE_FEE_NOTICE, Status.ASSIGNED, DEFAULT, "", Status.WAITING_FEE),
        (Action.FEE_PAID, Status.WAITING_FEE, DEFAULT, Status.ASSIGNED, Status.ASSIGNED),
        (Action.FEE_LAPSED, Status.WAITING_FEE, DEFAULT, "", Status.REPLIED),
        (Action.EXTEND, Status.DRAFT_REVIEW, DEFAULT, "", Status.DRAFT_REVIEW),
        (Action.ADVANCE, Status.LEADER_SIGNOFF, DEFAULT, "", Status.LEADER_SIGNOFF),  # the sign-off
        (Action.ARCHIVE, Status.REPLIED, DEFAULT, "", Status.ARCHIVED),
    ],
)
def test_transitions(action, status, steps, resume, expected):
    assert rules.next_state(action, status=status, steps=steps, resume_to=resume) == expected


@pytest.mark.parametrize(
    ("action", "status", "steps"),
    [
        (Action.REPLY, Status.LEADER_SIGNOFF, DEFAULT),  # last step not yet signed off
        (Action.RETURN, Status.REGISTERED, DEFAULT),
        (Action.REPLY, Status.SCREENING, DEFAULT),  # steps not finished
        (Action.REQUEST_CORRECTION, Status.LEGAL_REVIEW, DEFAULT),
        (Action.ARCHIVE, Status.SCREENING, DEFAULT),
        (Action.ADVANCE, Status.REPLIED, DEFAULT),
        (Action.ADVANCE, Status.ASSIGNED, SHORT),  # not a step of this organization
        (Action.EXTEND, Status.REPLIED, DEFAULT),
        ("fly", Status.REGISTERED, DEFAULT),
    ],
)
def test_refused_transitions(action, status, steps):
    with pytest.raises(RuleError):
        rules.next_state(action, status=status, steps=steps)


def test_reply_on_the_spot_skips_steps():
    assert rules.next_state(Action.REPLY, status=Status.REGISTERED, steps=DEFAULT, on_the_spot=True) == Status.REPLIED


def test_reply_follows_the_sign_off():
    assert rules.next_state(Action.REPLY, status=Status.LEADER_SIGNOFF, steps=DEFAULT, approved=True) == Status.REPLIED


def test_allowed_actions_come_from_the_same_table():
    assert rules.allowed_actions(status=Status.LEADER_SIGNOFF, steps=DEFAULT) == [
        Action.ADVANCE, Action.RETURN, Action.START_CONSULTATION, Action.ISSUE_FEE_NOTICE, Action.EXTEND,
    ]
    assert rules.allowed_actions(status=Status.LEADER_SIGNOFF, steps=DEFAULT, approved=True) == [
        Action.RETURN, Action.START_CONSULTATION, Action.ISSUE_FEE_NOTICE, Action.EXTEND, Action.REPLY,
    ]
    assert rules.allowed_actions(status=Status.REPLIED, steps=DEFAULT) == [Action.ARCHIVE]


@pytest.mark.parametrize(
    ("steps", "ok"),
    [
        (list(DEFAULT), True),
        ([Status.REGISTERED, Status.LEADER_SIGNOFF], True),
        ([Status.SCREENING], False),
        ([Status.REGISTERED, Status.LEADER_SIGNOFF, Status.SCREENING], False),
        ([Status.REGISTERED, Status.REPLIED], False),
        ([], False),
    ],
)
def test_validate_steps(steps, ok):
    if ok:
        assert rules.validate_steps(steps) == tuple(steps)
    else:
        with pytest.raises(RuleError):
            rules.validate_steps(steps)


def test_request_numbers():
    assert rules.format_number(2026, 123) == "2026-000123"
