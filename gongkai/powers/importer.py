"""Read a power list from the .xlsx layout units keep (one row per item, a header row with the usual names).

Every problem is reported with its row and column ("第7行 D列（权力类型）：…"); a file with any problem
imports nothing. Merged cells (a 实施依据 shared by several sub-items) count for every row they cover.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from gongkai.core import archives

from . import rules

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 6
# Header texts seen in units' sheets → field.
HEADERS: dict[str, str] = {
    "事项编码": "code", "编码": "code", "权力编码": "code", "事项代码": "code",
    "事项名称": "name", "权力事项名称": "name", "权力名称": "name", "职权名称": "name",
    "子项名称": "sub_item", "子项": "sub_item",
    "权力类型": "category", "事项类型": "category", "权力类别": "category", "职权类别": "category", "类别": "category",
    "实施依据": "basis", "设定依据": "basis", "法律依据": "basis", "依据": "basis",
    "实施主体": "subject", "责任主体": "subject", "承办机构": "subject",
    "责任事项": "responsibilities",
    "追责情形": "accountability", "责任追究情形": "accountability", "追责情形及依据": "accountability",
    "运行流程": "flow_steps", "办理流程": "flow_steps", "流程": "flow_steps",
    "备注": "remarks",
}
REQUIRED_COLUMNS = rules.REQUIRED


class ImportFailed(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors[:3]))
        self.errors = errors


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    sheet: str = ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t\u3000]+", " ", str(value)).strip()


def _header_key(text: str) -> str:
    return re.sub(r"[\s*＊（）()]", "", text)


def parse(data: bytes, filename: str = "清单.xlsx") -> Parsed:
    """Parse ``data``; raises ImportFailed with every error found (and then imports nothing)."""
    from openpyxl import load_workbook

    if not filename.lower().endswith(".xlsx"):
        raise ImportFailed(["请上传 .xlsx 格式的权责清单（Excel 2007 及以上）；.xls 请先另存为 .xlsx。"])
    if len(data) > MAX_BYTES:
        raise ImportFailed([f"文件超过 {MAX_BYTES // 1048576} MB，请拆分后分别导入。"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not any(n.startswith("xl/") for n in archive.namelist()):
                raise zipfile.BadZipFile
        archives.check_zip(data)  # before openpyxl inflates anything
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except archives.ArchiveRefused as exc:
        raise ImportFailed([str(exc)]) from None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise ImportFailed(["文件不是有效的 .xlsx 表格，无法打开。"]) from None
    sheet = workbook.worksheets[0]
    grid = _grid(sheet)
    header_row, columns = _find_header(grid)
    if header_row is None:
        raise ImportFailed([f"前{HEADER_SEARCH_ROWS}行中没有找到表头（须包含“事项名称”和“权力类型”等列）。"])
    missing = [rules.FIELD_LABELS[f] for f in REQUIRED_COLUMNS if f not in columns.values()]
    if missing:
        raise ImportFailed([f"第{header_row}行表头缺少这些列：{'、'.join(missing)}。"])
    errors: list[str] = []
    rows: list[dict] = []
    seen: dict[str, int] = {}
    data_rows = grid[header_row:]
    if len(data_rows) > MAX_ROWS:
        raise ImportFailed([f"表格超过 {MAX_ROWS} 行，请拆分后分别导入。"])
    for offset, cells in enumerate(data_rows):
        number = header_row + offset + 1
        values = {f: _text(cells[c - 1] if c - 1 < len(cells) else None) for c, f in columns.items()}
        if not any(values.values()):
            continue
        raw_category = values.get("category", "")
        if raw_category:
            values["category"] = rules.parse_category(raw_category) or raw_category
        for name, message in rules.item_errors(values).items():
            column = next(c for c, f in columns.items() if f == name)
            if name == "category" and raw_category:
                message = f"“{raw_category}”不是国家规定的权力类型，应为：" + "、".join(
                    str(label) for label in rules.LABELS.values()) + "。"
            errors.append(f"第{number}行 {get_column_letter(column)}列（{rules.FIELD_LABELS[name]}）：{message}")
        code = values.get("code", "")
        if code:
            if code in seen:
                column = next(c for c, f in columns.items() if f == "code")
                errors.append(f"第{number}行 {get_column_letter(column)}列（事项编码）：“{code}”与第{seen[code]}行重复。")
            else:
                seen[code] = number
        rows.append(values)
    if not rows and not errors:
        errors.append("表格中没有权责事项。")
    if errors:
        raise ImportFailed(errors)
    return Parsed(rows=rows, sheet=sheet.title)


def _grid(sheet) -> list[list]:
    """The sheet's values with each merged range's value copied into every cell it covers."""
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = values[merged.min_row - 1][merged.min_col - 1] if merged.min_row - 1 < len(values) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(values))):
            row = values[r]
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(row):
                    row[c] = top
    return values


def _find_header(grid: list[list]) -> tuple[int | None, dict[int, str]]:
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS], start=1):
        columns: dict[int, str] = {}
        for col, value in enumerate(cells, start=1):
            key = HEADERS.get(_header_key(_text(value)))
            if key and key not in columns.values():
                columns[col] = key
        if "name" in columns.values() and "category" in columns.values():
            return index, columns
    return None, {}


TEMPLATE_HEADERS = ("序号", "事项编码", "事项名称", "子项名称", "权力类型", "实施依据", "实施主体", "责任事项",
                    "追责情形", "运行流程", "备注")


def template_xlsx() -> bytes:
    """An empty sheet in the layout this importer reads, with one example row written for the template."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    ws.append(["权责清单（导入模板）"])
    ws.append(list(TEMPLATE_HEADERS))
    ws.append([1, "XK-001", "示例：公共场所卫生许可", "", "行政许可", "《公共场所卫生管理条例》第八条",
               "本机关", "受理责任、审查责任、决定责任、送达责任、事后监管责任",
               "对符合条件不予受理或者不在法定期限内作出决定的，依法追究责任", "申请→受理→审查→决定→送达", ""])
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, width in zip("ABCDEFGHIJK", (6, 14, 28, 18, 12, 40, 16, 36, 36, 30, 12), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
