"""scan_document(): title, body (HTML stripped) and attachment text of a real document."""

import pytest
from django.core.files.base import ContentFile

from gongkai.documents.models import Attachment, Document
from gongkai.pii.models import SensitiveWord
from gongkai.pii.services import KIND_LABELS, find_all, scan_document

VALID_ID = "371323198507178433"


@pytest.fixture
def document(township, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Document.objects.create(
        org=township,
        column=township.columns.first(),
        title="关于张三（电话13812345678）的补助公示",
        body=f"<p>秘密★1年</p><p>经审核，<b>张三</b>，身份证号{VALID_ID}，</p><p>符合条件。某某工程另行通知。</p>",
        agency="沂水县龙家圈街道办事处",
    )


def attach(document, name, text):
    return Attachment.objects.create(
        document=document,
        file=ContentFile(b"x", name=name),
        original_name=name,
        content_type="application/octet-stream",
        size=1,
        sha256="0" * 64,
        text=text,
    )


def test_scan_document_sources_labels_masks_and_offsets(document):
    SensitiveWord.objects.create(word="某某工程", note="未公开项目")
    SensitiveWord.objects.create(word="停用的词", active=False)
    attach(document, "名单.xlsx", "王五\t6228480012345671\nzs@qq.com")
    attach(document, "说明.docx", "没有个人信息")

    results = scan_document(document)

    assert [(r["source"], r["kind"], r["label"]) for r in results] == [
        ("title", "mobile", "手机号"),
        ("body", "secret_marking", "密级标志"),
        ("body", "id_card", "身份证号"),
        ("body", "sensitive_word", "敏感词"),
        ("名单.xlsx", "bank_card", "银行卡号"),
        ("名单.xlsx", "email", "电子邮箱"),
    ]
    body_text = "秘密★1年\n经审核，张三，身份证号" + VALID_ID + "，\n符合条件。某某工程另行通知。"
    id_result = results[2]
    assert body_text[id_result["start"] : id_result["end"]] == VALID_ID
    assert id_result["text"] == VALID_ID
    assert id_result["masked"] == "3713**********8433"
    assert id_result["context"] == f"…★1年 经审核，张三，身份证号{VALID_ID}， 符合条件。某某工程另行通知…"
    assert results[0]["masked"] == "138****5678"
    assert results[5]["masked"] == "z***@qq.com"
    assert set(results[0]) == {"source", "kind", "label", "text", "masked", "start", "end", "context"}


def test_context_is_short_and_single_line(document):
    for result in scan_document(document, words=()):
        assert "\n" not in result["context"]
        assert len(result["context"]) <= 2 * 15 + len(result["text"]) + 2
        assert result["text"] in result["context"]


def test_clean_document_has_no_findings(township):
    doc = Document(org=township, column=township.columns.first(), title="政务公开工作要点", body="<p>坚持以公开为常态。</p>")
    assert scan_document(doc, words=()) == []


def test_kind_labels_cover_every_kind():
    assert {str(label) for label in KIND_LABELS.values()} == {
        "身份证号", "手机号", "固定电话", "银行卡号", "电子邮箱", "密级标志", "敏感词",
    }


def test_find_all_merges_and_sorts():
    text = "内部资料\n联系电话0539-2251234"
    assert [f.kind for f in find_all(text)] == ["secret_marking", "landline"]
