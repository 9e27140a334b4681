"""scan_text(): what is personal information and what only looks like it."""

from datetime import date

import pytest

from gongkai.pii.rules import (
    Finding,
    credit_code_defect,
    fold,
    id_check_char,
    id_number_defect,
    is_valid_credit_code,
    is_valid_id_number,
    luhn_ok,
    scan_text,
)

VALID_ID = "371323198507178433"
VALID_ID_X = "11010519491231002X"  # the worked example of GB 11643
ID_ALSO_LUHN = "371323198510152488"  # valid ID number that also passes the Luhn check
BANK_19 = "6222021234567890128"
BANK_16 = "6228480012345671"
USCC_LUHN = "123713230064623565"  # digits-only credit code, GB 32100-valid and Luhn-valid


def kinds_and_texts(text):
    return [(f.kind, f.text) for f in scan_text(text)]


@pytest.mark.parametrize(
    "first17, check",
    [
        ("11010519491231002", "X"),
        ("37132319850717843", "3"),
        ("44030619900101001", "4"),
        ("51010819770520123", "1"),
        ("37132320000229123", "8"),
    ],
)
def test_id_check_character(first17, check):
    assert id_check_char(first17) == check


@pytest.mark.parametrize(
    "value, valid",
    [
        (VALID_ID, True),
        (VALID_ID_X, True),
        ("11010519491231002x", True),  # lower-case x is accepted
        ("371323198507178431", False),  # wrong check digit
        ("371323198507178430", False),
        ("971323198507178433", False),  # region code cannot start with 9
        ("001323198507178433"[:17] + id_check_char("00132319850717843"), False),  # province 00
        ("37132319850230" + "1234"[:3] + id_check_char("37132319850230123"), False),  # 30 February
        ("37132320000229123" + id_check_char("37132320000229123"), True),  # leap day 2000
        ("37132319000229123" + id_check_char("37132319000229123"), False),  # 1900 was no leap year
        ("37132318990101123" + id_check_char("37132318990101123"), False),  # before 1900
        ("37132320991231123" + id_check_char("37132320991231123"), False),  # born in the future
        ("37132319851301123" + id_check_char("37132319851301123"), False),  # month 13
        ("3713231985071784", False),  # too short
    ],
)
def test_is_valid_id_number(value, valid):
    assert is_valid_id_number(value, today=date(2024, 6, 1)) is valid


@pytest.mark.parametrize(
    "value, defect",
    [
        (VALID_ID, None),
        ("3713231985071784", "length"),
        ("37132319850717843Y", "format"),
        ("３７１３２３１９８５０７１７８４３３", "format"),  # full-width digits: fold first
        ("001323198507178433"[:17] + id_check_char("00132319850717843"), "province"),
        ("37132319850230123" + id_check_char("37132319850230123"), "birth_date"),
        ("37132318990101123" + id_check_char("37132318990101123"), "birth_date"),
        ("37132320991231123" + id_check_char("37132320991231123"), "future"),
        ("371323198507178431", "check_digit"),
    ],
)
def test_id_number_defect(value, defect):
    assert id_number_defect(value, today=date(2024, 6, 1)) == defect


@pytest.mark.parametrize(
    "code, defect",
    [("913713235754241275", None), ("913713235754241276", "check_digit"), ("9137132357542412I5", "format"),
     ("91AB13235754241275", "format"), ("91371323575424127", "format")],
)
def test_credit_code_defect(code, defect):
    assert credit_code_defect(code) == defect


@pytest.mark.parametrize(
    "digits, ok",
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        (BANK_19, True),
        ("6222021234567890123", False),
        (BANK_16, True),
        ("79927398713", True),
        ("79927398710", False),
    ],
)
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize(
    "code, ok",
    [("913713235754241275", True), ("11371323004186123Q", True), ("11371323004186123R", False), (USCC_LUHN, True)],
)
def test_credit_code_check(code, ok):
    assert is_valid_credit_code(code) is ok


FOUND = [
    # ID numbers
    (f"身份证号：{VALID_ID}。", [("id_card", VALID_ID)]),
    (f"身份证号{VALID_ID_X}，", [("id_card", VALID_ID_X)]),
    (f"证件号码 {VALID_ID_X.lower()}", [("id_card", VALID_ID_X.lower())]),
    (f"{ID_ALSO_LUHN}", [("id_card", ID_ALSO_LUHN)]),  # not also a bank card
    # mobiles
    ("联系电话13812345678", [("mobile", "13812345678")]),
    ("电话：138-1234-5678。", [("mobile", "138-1234-5678")]),
    ("电话：138 1234 5678。", [("mobile", "138 1234 5678")]),
    ("电话：138－1234－5678。", [("mobile", "138－1234－5678")]),
    ("电话：138\u30001234\u30005678。", [("mobile", "138\u30001234\u30005678")]),
    ("电话：138-1234 5678", []),  # mixed separators: not one number
    ("+86 138 1234 5678", [("mobile", "+86 138 1234 5678")]),
    ("+8613912345678", [("mobile", "+8613912345678")]),
    ("8619912345678", [("mobile", "8619912345678")]),
    ("0086-13812345678", [("mobile", "0086-13812345678")]),
    ("13812345678/13912345678", [("mobile", "13812345678"), ("mobile", "13912345678")]),
    ("手机13812345678，13912345678", [("mobile", "13812345678"), ("mobile", "13912345678")]),
    # landlines
    ("办公电话：0539-2251234", [("landline", "0539-2251234")]),
    ("(0539)1234567", [("landline", "(0539)1234567")]),
    ("(0539) 2251234", [("landline", "(0539) 2251234")]),
    ("(010)-87654321", [("landline", "(010)-87654321")]),
    ("（0539）2251234", [("landline", "（0539）2251234")]),
    ("0539 2251234", [("landline", "0539 2251234")]),
    ("010-87654321", [("landline", "010-87654321")]),
    ("01087654321", [("landline", "01087654321")]),
    ("05392251234", [("landline", "05392251234")]),
    ("0539-2251234-8001", [("landline", "0539-2251234-8001")]),
    ("0539-2251234转801", [("landline", "0539-2251234转801")]),
    ("传真0539—2251234", [("landline", "0539—2251234")]),
    ("（0539）－2251234", [("landline", "（0539）－2251234")]),
    ("（010）87654321转1234", [("landline", "（010）87654321转1234")]),
    ("0539-2251234、13812345678", [("landline", "0539-2251234"), ("mobile", "13812345678")]),
    # bank cards
    (f"账号：{BANK_19}", [("bank_card", BANK_19)]),
    (f"卡号{BANK_16}", [("bank_card", BANK_16)]),
    ("卡号 6228 4800 1234 5671 请核对", [("bank_card", "6228 4800 1234 5671")]),
    ("6222 0212 3456 7890 128", [("bank_card", "6222 0212 3456 7890 128")]),
    ("4111111111111111", [("bank_card", "4111111111111111")]),
    # email
    ("邮箱：zhang.san@163.com。", [("email", "zhang.san@163.com")]),
    ("发送至ljq_gov+2023@yishui.gov.cn，", [("email", "ljq_gov+2023@yishui.gov.cn")]),
    ("邮箱Wang.Li@Example.COM.cn", [("email", "Wang.Li@Example.COM.cn")]),
    # several kinds, in order
    (
        f"张三，{VALID_ID}，13812345678，zs@qq.com",
        [("id_card", VALID_ID), ("mobile", "13812345678"), ("email", "zs@qq.com")],
    ),
]


@pytest.mark.parametrize("text, expected", FOUND)
def test_found(text, expected):
    assert kinds_and_texts(text) == expected


NOT_FOUND = [
    "龙街办发〔2023〕12号",
    "索  引  号: yishuiljqz2322108/2023-0000352",
    "索引号：113713230041861234/2023-00001",
    "统一社会信用代码：91371323MA3C4ABC1B",
    "统一社会信用代码：913713235754241275",
    f"统一社会信用代码：{USCC_LUHN}",
    "371323198507178431",  # wrong check digit
    f"9{VALID_ID}",  # a valid ID number inside a longer digit run
    f"{VALID_ID}5",
    f"ABC{VALID_ID}",
    f"{VALID_ID}abc",
    "发布日期: 2023-06-03",
    "成文日期：20230603",
    "2023年6月3日",
    "金额1234567.89元",
    "合计12,345,678元",
    "13812345678.50元",
    "总投资13812345678元",  # an amount, not a mobile number
    "项目资金 6222021234567890128 元",  # Luhn-valid digits written as money
    "￥13812345678",
    "2.13812345678",
    "12345678901",  # starts with 12: not a mobile prefix
    "1381234567",  # ten digits
    "138123456789",  # twelve digits
    "6222021234567890123",  # Luhn fails
    "1234567890123456",  # Luhn fails
    "00000000000000000000000",
    "0000000000000000",  # passes Luhn, but a placeholder
    "0000 0000 0000 0000",
    "0000352",
    "2023-0000352",
    "电话：0000-1234567",  # no such area code
    "0539-0251234",  # local numbers never start with 0
    "http://www.yishui.gov.cn/info/13812345678.html",
    f"https://example.com/?id={VALID_ID}&tel=13812345678",
    "www.yishui.gov.cn/art/2023/6/3/art_13812345678.html",
    "@163.com",
    "name@localhost",
    "2021 年度政务公开工作计划",
    "青委〔2017〕35号 2017年6月15日",
    "",
]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_not_found(text):
    assert scan_text(text) == []


FULLWIDTH = [
    ("电话：１３８１２３４５６７８。", "mobile", "１３８１２３４５６７８"),
    ("身份证３７１３２３１９８５０７１７８４３３", "id_card", "３７１３２３１９８５０７１７８４３３"),
    ("号码１１０１０５１９４９１２３１００２Ｘ", "id_card", "１１０１０５１９４９１２３１００２Ｘ"),
    ("座机（０５３９）－２２５１２３４", "landline", "（０５３９）－２２５１２３４"),
    ("邮箱ｚｈａｎｇ＠１６３．ｃｏｍ。", "email", "ｚｈａｎｇ＠１６３．ｃｏｍ"),
    ("手机１３８\u3000１２３４\u3000５６７８", "mobile", "１３８\u3000１２３４\u3000５６７８"),
]


@pytest.mark.parametrize("text, kind, found", FULLWIDTH)
def test_fullwidth_offsets_map_back_to_original(text, kind, found):
    findings = scan_text(text)
    assert [f.kind for f in findings] == [kind]
    f = findings[0]
    assert f.text == found
    assert text[f.start : f.end] == found


def test_fold_keeps_length_and_positions():
    text = "甲１３８　－（）＠．Ｘｘ—乙"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "甲138 -()@.Xx-乙"


def test_findings_are_sorted_frozen_and_slice_the_text():
    text = f"邮箱a@b.cn；{VALID_ID}；0539-2251234；{BANK_16}；13812345678"
    findings = scan_text(text)
    assert [f.kind for f in findings] == ["email", "id_card", "landline", "bank_card", "mobile"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for f in findings:
        assert isinstance(f, Finding)
        assert text[f.start : f.end] == f.text
    with pytest.raises(AttributeError):
        findings[0].kind = "x"


def test_offsets_count_characters_not_bytes():
    text = "联系人张三，电话13812345678"
    (f,) = scan_text(text)
    assert (f.start, f.end) == (8, 19)


def test_no_overlapping_findings_on_dense_text():
    text = "\n".join([VALID_ID, ID_ALSO_LUHN, BANK_19, "138-1234-5678", "+86 138 1234 5678"] * 50)
    findings = scan_text(text)
    assert len(findings) == 250
    for a, b in zip(findings, findings[1:], strict=False):
        assert a.end <= b.start
