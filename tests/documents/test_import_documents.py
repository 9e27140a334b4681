"""`gongkai import documents` as an office migrating its old catalog would use it."""

import datetime
import io
import json

import pytest
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.documents.importer import import_documents
from gongkai.documents.models import Document, Status


def jsonl(*rows) -> io.StringIO:
    return io.StringIO("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows))


GOOD = {
    "title": "关于做好2024年秸秆禁烧工作的通知", "body": "各村（居）：\n请做好秸秆禁烧工作。",
    "agency": "沂水县龙家圈街道办事处", "doc_number": "龙街办发[2024]3号", "published_on": "2024-05-06",
    "written_on": "2024-05-01", "validity": "有效", "genre": "通知", "column": "news",
}


@pytest.mark.django_db
def test_good_lines_are_published_with_gap_free_index_numbers(township):
    summary = import_documents(jsonl(GOOD, {**GOOD, "title": "第二条", "doc_number": "龙街办发〔2024〕4号"}), township)
    assert (summary.imported, summary.errors) == (2, [])
    docs = list(Document.objects.filter(org=township).order_by("id"))
    assert [d.index_number for d in docs] == ["longjiaquan/2024-0000001", "longjiaquan/2024-0000002"]
    assert docs[0].doc_number == "龙街办发〔2024〕3号"  # [] normalized to 〔〕
    assert docs[0].status == Status.PUBLISHED and docs[0].column.slug == "news"
    assert docs[0].body == "<p>各村（居）：</p>\n<p>请做好秸秆禁烧工作。</p>"
    assert docs[0].validity == "in_force"
    assert AuditEntry.objects.filter(action="document.import").count() == 2


@pytest.mark.django_db
def test_bad_lines_are_reported_by_number_and_good_ones_kept(township):
    rows = [
        GOOD,
        "{not json",
        {**GOOD, "published_on": "2024-13-01"},
        {**GOOD, "doc_number": "龙街办发2024年3号", "title": "文号无法识别的一条"},
        {k: v for k, v in GOOD.items() if k != "title"},
        {**GOOD, "title": "题" * 301},
        {**GOOD, "validity": "大概有效"},
        {**GOOD, "title": "最后一条好的", "doc_number": "龙街办发〔2024〕9号"},
    ]
    summary = import_documents(jsonl(*rows), township)
    assert (summary.imported, summary.flagged) == (3, 1)
    assert [line for line, _ in summary.errors] == [2, 3, 5, 6, 7]
    messages = dict(summary.errors)
    assert "JSON" in messages[2]
    assert "published_on" in messages[3]
    assert "title" in messages[5]
    assert "300" in messages[6]
    assert "效力状态" in messages[7]
    # A number no form reads costs nothing: imported, published, kept as it came and flagged for review.
    assert summary.warnings == [(4, "发文字号“龙街办发2024年3号”无法识别（发文字号应写作“机关代字〔年份〕序号号”或“机关公告某年第N号”"
                                    "“机关令第N号”，例如：龙街办发〔2023〕12号、国家税务总局公告2018年第13号、交通运输部令2016年第62号、"
                                    "国务院令第732号。），已按原样保存并标记待核")]
    assert set(Document.objects.values_list("title", flat=True)) == {GOOD["title"], "文号无法识别的一条", "最后一条好的"}
    flagged = Document.objects.get(doc_number_flagged=True)
    assert (flagged.doc_number, flagged.status, flagged.title) == ("龙街办发2024年3号", Status.PUBLISHED, "文号无法识别的一条")


@pytest.mark.django_db
def test_given_index_numbers_are_kept_and_duplicates_rejected(township):
    row = {**GOOD, "index_number": "yishuiljqz2322108/2023-0000352"}
    first = import_documents(jsonl(row), township)
    again = import_documents(jsonl(row), township)
    assert first.imported == 1
    assert again.imported == 0 and "索引号已存在" in again.errors[0][1]


@pytest.mark.django_db
def test_unknown_column_falls_back_with_a_warning(township):
    summary = import_documents(jsonl({**GOOD, "column": "不存在的栏目"}), township)
    assert summary.imported == 1
    assert "不存在" in summary.warnings[0][1]


@pytest.mark.django_db
def test_html_bodies_are_sanitized(township):
    import_documents(jsonl({**GOOD, "body": '<p onclick="x()">正文</p><script>alert(1)</script>'}), township)
    body = Document.objects.get().body
    assert "script" not in body and "onclick" not in body and "正文" in body


@pytest.mark.django_db
def test_real_number_forms_are_imported_as_published(township):
    numbers = ["国家税务总局公告2018年第13号", "财政部公告2015年第3号", "交通运输部令2016年第62号",
               "上海市人民政府令2018年第8号", "沪府发〔1999〕043号"]
    rows = [{**GOOD, "title": f"文件{i}", "doc_number": n} for i, n in enumerate(numbers)]
    summary = import_documents(jsonl(*rows), township)
    assert (summary.imported, summary.errors) == (5, [])
    assert list(Document.objects.order_by("id").values_list("doc_number", flat=True)) == numbers


@pytest.mark.django_db
def test_the_same_number_twice_in_one_organization_is_a_warning_with_both_lines(township, other_township):
    rows = [{**GOOD, "doc_number": "沪府发〔1999〕043号"}, {**GOOD, "title": "二", "doc_number": "龙街办发〔2024〕5号"},
            {**GOOD, "title": "三", "doc_number": "沪府发[1999]43号"}]
    summary = import_documents(jsonl(*rows), township)
    assert summary.imported == 3 and summary.errors == []
    assert summary.warnings == [(3, "与第 1 行的发文字号相同：第 1 行“沪府发〔1999〕043号”，第 3 行“沪府发〔1999〕43号”")]
    # Against the organization's stored documents, too; another organization's numbers are its own.
    again = import_documents(jsonl({**GOOD, "title": "四", "doc_number": "龙街办发〔2024〕005号"}), township)
    assert again.warnings == [(1, "与本机构已有文件（longjiaquan/2024-0000002）的发文字号相同：“龙街办发〔2024〕005号”")]
    elsewhere = import_documents(jsonl({**GOOD, "title": "五", "doc_number": "龙街办发〔2024〕5号"}), other_township)
    assert elsewhere.warnings == []


@pytest.mark.django_db
def test_a_number_too_long_to_keep_is_refused_not_cut(township):
    summary = import_documents(jsonl({**GOOD, "doc_number": "文" * 101}), township)
    assert summary.imported == 0 and summary.errors == [(1, "doc_number 超过 100 个字符")]


@pytest.mark.django_db
def test_dates_that_cannot_be_true_are_refused_by_line(township):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    summary = import_documents(jsonl(
        {**GOOD, "published_on": tomorrow},
        {**GOOD, "title": "二", "doc_number": "", "written_on": "2024-05-07", "published_on": "2024-05-06"},
        {**GOOD, "title": "三", "doc_number": ""},
    ), township)
    assert summary.imported == 1
    assert summary.errors == [
        (1, f"published_on 晚于今天（{tomorrow}），已发布的文件不可能是这个日期"),
        (2, "written_on（2024-05-07）晚于 published_on（2024-05-06），成文日期不能晚于发布日期"),
    ]
