"""Reading the .xlsx layout units keep: row- and column-numbered errors, and nothing imported from a bad file."""

import pytest

from gongkai.powers import importer, services
from gongkai.powers.models import PowerCategory

from .conftest import HEADER, make_xlsx, row


def test_a_good_file_gives_one_row_per_item_with_categories_mapped():
    data = make_xlsx([row(1, "XK-001", "公共场所卫生许可", flow="申请→受理→决定"),
                      row(2, "CF-001", "对违法建设的处罚", "处罚"),
                      [None] * 11,  # blank rows are skipped
                      row(3, 1003.0, "其他事项", "其他权力")])
    parsed = importer.parse(data, "权责清单.xlsx")
    assert [(r["code"], r["category"]) for r in parsed.rows] == [
        ("XK-001", PowerCategory.LICENSING), ("CF-001", PowerCategory.PENALTY), ("1003", PowerCategory.OTHER)]
    assert parsed.rows[0]["flow_steps"] == "申请→受理→决定"


def test_every_error_names_its_row_and_column():
    data = make_xlsx([row(1, "XK-001", "公共场所卫生许可"),
                      row(2, "XK-001", "重复编码的事项"),
                      row(3, "XK-003", "", "行政审核"),
                      row(4, "XK-004", "缺依据的事项", basis="")])
    with pytest.raises(importer.ImportFailed) as err:
        importer.parse(data, "清单.xlsx")
    assert err.value.errors == [
        "第4行 B列（事项编码）：“XK-001”与第3行重复。",
        "第5行 C列（事项名称）：请填写事项名称。",
        "第5行 E列（权力类型）：“行政审核”不是国家规定的权力类型，应为：行政许可、行政处罚、行政强制、行政征收、行政给付、"
        "行政检查、行政确认、行政奖励、行政裁决、其他行政权力。",
        "第6行 F列（实施依据）：请填写实施依据。",
    ]


def test_merged_cells_count_for_every_row_they_cover():
    rows = [row(1, "XK-001", "许可甲", sub="子项一"), row(2, "XK-002", "许可甲", sub="子项二", basis=None)]
    parsed = importer.parse(make_xlsx(rows, merges=["F3:F4"]), "清单.xlsx")
    assert parsed.rows[1]["basis"] == parsed.rows[0]["basis"] == "《中华人民共和国行政许可法》第十二条"


@pytest.mark.parametrize("data, name, message", [
    (b"not a zip", "清单.xlsx", "文件不是有效的 .xlsx 表格，无法打开。"),
    (b"PK\x03\x04rest", "清单.xlsx", "文件不是有效的 .xlsx 表格，无法打开。"),
    (b"\xd0\xcf\x11\xe0", "清单.xls", "请上传 .xlsx 格式的权责清单（Excel 2007 及以上）；.xls 请先另存为 .xlsx。"),
    (make_xlsx([], header=["序号", "名称"]), "清单.xlsx", "前6行中没有找到表头（须包含“事项名称”和“权力类型”等列）。"),
    (make_xlsx([row(1, "A", "甲")], header=[h for h in HEADER if h != "追责情形"] + [""]), "清单.xlsx",
     "第2行表头缺少这些列：追责情形。"),
    (make_xlsx([]), "清单.xlsx", "表格中没有权责事项。"),
])
def test_unreadable_files_are_explained(data, name, message):
    with pytest.raises(importer.ImportFailed) as err:
        importer.parse(data, name)
    assert err.value.errors == [message]


def test_the_template_reads_back():
    parsed = importer.parse(importer.template_xlsx(), "模板.xlsx")
    assert [r["code"] for r in parsed.rows] == ["XK-001"]


@pytest.mark.django_db
def test_a_bad_file_leaves_the_draft_untouched(admin, township):
    draft = services.start_adjustment(actor=admin, org=township)
    services.replace_items(actor=admin, power_list=draft,
                           rows=importer.parse(make_xlsx([row(1, "XK-001", "原有事项")])).rows)
    with pytest.raises(importer.ImportFailed):
        importer.parse(make_xlsx([row(1, "XK-009", "新事项"), row(2, "XK-010", "", "无")]))
    assert list(draft.items.values_list("name", flat=True)) == ["原有事项"]


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (30 * 1024 * 1024) + b"</worksheet>")
    with pytest.raises(importer.ImportFailed) as excinfo:
        importer.parse(buffer.getvalue(), "清单.xlsx")
    assert "压缩比异常" in excinfo.value.errors[0]
