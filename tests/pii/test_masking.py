"""mask_value() and mask(): how each kind is shown once masked (脱敏)."""

import pytest

from gongkai.pii.masking import mask, mask_value
from gongkai.pii.rules import Finding, scan_text


@pytest.mark.parametrize(
    "kind, value, masked",
    [
        ("id_card", "371323198507178433", "3713**********8433"),
        ("id_card", "11010519491231002X", "1101**********002X"),
        ("id_card", "３７１３２３１９８５０７１７８４３３", "３７１３**********８４３３"),
        ("mobile", "13812345678", "138****5678"),
        ("mobile", "138-1234-5678", "138-****-5678"),
        ("mobile", "138 1234 5678", "138 **** 5678"),
        ("mobile", "+86 138 1234 5678", "+86 138 **** 5678"),
        ("mobile", "8613812345678", "86138****5678"),
        ("mobile", "１３８１２３４５６７８", "１３８****５６７８"),
        ("landline", "0539-2251234", "0539-*****34"),
        ("landline", "010-87654321", "010-******21"),
        ("landline", "(0539)1234567转801", "(0539)*****67转801"),
        ("landline", "05392251234", "0539*****34"),
        ("landline", "（０５３９）２２５１２３４", "（０５３９）*****３４"),
        ("bank_card", "6222021234567890128", "6222***********0128"),
        ("bank_card", "6228 4800 1234 5671", "6228 **** **** 5671"),
        ("email", "zhang.san@163.com", "z***@163.com"),
        ("email", "a@b.cn", "a***@b.cn"),
        ("email", "ｚｈａｎｇ＠１６３．ｃｏｍ", "ｚ***＠１６３．ｃｏｍ"),
        ("secret_marking", "秘密★1年", "秘密★1年"),
        ("sensitive_word", "某某工程", "某某工程"),
    ],
)
def test_mask_value(kind, value, masked):
    assert mask_value(kind, value) == masked


def test_mask_replaces_every_finding_in_place():
    text = "张三，身份证371323198507178433，手机138-1234-5678，邮箱zs@qq.com。"
    assert mask(text, scan_text(text)) == "张三，身份证3713**********8433，手机138-****-5678，邮箱z***@qq.com。"


def test_mask_without_findings_is_identity():
    assert mask("没有个人信息", []) == "没有个人信息"


def test_mask_skips_overlaps_and_out_of_range_findings():
    text = "13812345678"
    findings = [Finding("mobile", 0, 11, text), Finding("mobile", 3, 11, text[3:]), Finding("email", 5, 50, "")]
    assert mask(text, findings) == "138****5678"


# --- HTML bodies: masking rewrites exactly the text the scanner read (core.extract) -----------------------

def test_mask_html_masks_a_number_split_by_tags_and_keeps_markup():
    from gongkai.pii.masking import mask_html

    body = '<p>电话<b>1381234</b>5678，<a href="mailto:x@y.cn">邮箱</a> zhang.san@example.com</p>'
    masked, kinds = mask_html(body)
    assert sorted(kinds) == ["email", "mobile"]
    assert masked == '<p>电话<b>138****</b>5678，<a href="mailto:x@y.cn">邮箱</a> z***@example.com</p>'


def test_mask_html_escapes_rewritten_text_and_leaves_other_text_as_written():
    from gongkai.pii.masking import mask_html

    masked, kinds = mask_html("<p>A &amp; B&nbsp;身份证371323198507178433</p><p>&lt;无&gt;</p>")
    assert kinds == ["id_card"]
    assert masked == "<p>A &amp; B\xa0身份证3713**********8433</p><p>&lt;无&gt;</p>"


def test_mask_html_without_findings_returns_the_body_unchanged():
    from gongkai.pii.masking import mask_html

    body = '<p title="a>b">没有个人信息</p>'
    assert mask_html(body) == (body, [])
