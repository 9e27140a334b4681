"""scan_markings(): secrecy markings (密级标志) and the operator's sensitive words."""

import pytest

from gongkai.pii.secrecy import scan_markings


def marks(text, words=()):
    return [(f.kind, f.text) for f in scan_markings(text, words)]


MARKED = [
    ("秘密★1年\n关于……的通知", ["秘密★1年"]),
    ("机密★长期", ["机密★长期"]),
    ("绝密★", ["绝密★"]),
    ("绝密☆启用前", ["绝密☆启用前"]),
    ("秘密 ★ 6个月", ["秘密 ★ 6个月"]),
    ("秘密★十年", ["秘密★十年"]),
    ("秘密★１年", ["秘密★１年"]),  # full-width digit
    ("秘密\u3000★\u3000１年", ["秘密\u3000★\u3000１年"]),
    ("【内部】abc", ["内部"]),
    ("内部资料 注意保存", ["内部资料", "注意保存"]),
    ("本刊为内部资料，请勿外传", ["内部资料"]),
    ("仅供内部参考", ["仅供内部"]),
    ("内部文件", ["内部文件"]),
    ("【内部】", ["内部"]),
    ("（内部事项）", ["内部事项"]),
    ("内部\n关于调整……", ["内部"]),
    ("  不得公开  \n", ["不得公开"]),
    ("[不得公开]", ["不得公开"]),
    ("此件不得公开", ["不得公开"]),
    ("本文件注意保密。", ["注意保密"]),
    ("注意保密", ["注意保密"]),
    ("★内部★", ["内部"]),
]


@pytest.mark.parametrize("text, expected", MARKED)
def test_markings(text, expected):
    assert [t for k, t in marks(text)] == expected
    assert {k for k, t in marks(text)} == {"secret_marking"}


NOT_MARKED = [
    "不得泄露商业秘密",
    "涉及国家秘密的，不得公开。",  # the legal rule in running text
    "属于国家秘密（第十四条）",
    "机密文件应当妥善保管",
    "加强内部管理，健全内部控制制度",
    "推进内部事务公开",
    "编制、完善内部保密审查制度",
    "工作人员要注意保密纪律和注意保密工作",
    "内部审计",
    "秘密",
    "",
]


@pytest.mark.parametrize("text", NOT_MARKED)
def test_not_markings(text):
    assert marks(text) == []


def test_offsets_slice_the_original_text():
    text = "文件头\n秘密★１年\n正文内部资料"
    for f in scan_markings(text):
        assert text[f.start : f.end] == f.text
    assert [(f.start, f.end) for f in scan_markings(text)] == [(4, 9), (12, 16)]


def test_longest_marking_wins():
    assert marks("【内部资料】") == [("secret_marking", "内部资料")]


SENSITIVE = [
    ("某某工程选址方案", ["某某工程"], [("sensitive_word", "某某工程")]),
    ("代号ABC-1项目", ["abc-1"], [("sensitive_word", "ABC-1")]),  # ASCII case-insensitive
    ("代号ＡＢＣ-1项目", ["abc-1"], [("sensitive_word", "ＡＢＣ-1")]),  # full-width folded
    ("甲乙丙甲乙ABC", ["abc"], [("sensitive_word", "ABC")]),
    ("项目代号ＡＢＣ", ["ABC"], [("sensitive_word", "ＡＢＣ")]),
    ("某—工程", ["某-工程"], [("sensitive_word", "某—工程")]),  # dash look-alike
    ("甲乙丙甲乙", ["甲乙", "乙丙"], [("sensitive_word", "甲乙"), ("sensitive_word", "甲乙")]),
    ("没有命中", ["某某工程"], []),
    ("空词不会匹配一切", ["", "  "], []),
    # the operator's word is reported even where it is part of a marking
    ("秘密★1年", ["秘密"], [("sensitive_word", "秘密"), ("secret_marking", "秘密★1年")]),
]


@pytest.mark.parametrize("text, words, expected", SENSITIVE)
def test_sensitive_words(text, words, expected):
    assert marks(text, words) == expected


def test_word_lists_do_not_leak_between_calls():
    assert marks("某某工程", ["某某工程"]) == [("sensitive_word", "某某工程")]
    assert marks("某某工程", []) == []
