"""Reading a 12345 hotline export (CSV): pure parsing with one Chinese message per bad line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

# Header → field. Hotline platforms export Chinese headers; the English names are accepted too.
HEADERS = {
    "工单编号": "number", "工单号": "number", "number": "number",
    "热线": "line", "line": "line",
    "受理日期": "received_on", "受理时间": "received_on", "received_on": "received_on",
    "诉求类别": "category", "category": "category",
    "诉求内容": "summary", "summary": "summary",
    "回复日期": "replied_on", "回复时间": "replied_on", "replied_on": "replied_on",
    "办结日期": "closed_on", "办结时间": "closed_on", "closed_on": "closed_on",
    "满意度": "satisfaction", "评价": "satisfaction", "satisfaction": "satisfaction",
    "承办单位代码": "unit", "unit": "unit",
}
REQUIRED = ("number", "received_on")
LABELS = {"number": "工单编号", "received_on": "受理日期", "replied_on": "回复日期", "closed_on": "办结日期"}
SATISFACTION = {
    "": "", "未评价": "", "none": "",
    "满意": "satisfied", "非常满意": "satisfied", "satisfied": "satisfied",
    "基本满意": "basically", "比较满意": "basically", "basically": "basically",
    "不满意": "dissatisfied", "dissatisfied": "dissatisfied",
}
LINES = frozenset({"12345", "96128"})


@dataclass
class ParsedRow:
    line_no: int
    values: dict


@dataclass
class Parsed:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or, as Excel saves it on Chinese Windows, GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _date(text: str) -> dt.date:
    # Exports carry "2026-03-01 09:12:00" or "2026/3/1"; the date part is what counts.
    text = text.strip().split(" ")[0].replace("/", "-")
    year, month, day = (int(p) for p in text.split("-"))
    return dt.date(year, month, day)


def _row(values: dict) -> dict:
    out: dict = {"line": "12345", "category": "", "summary": "", "unit": ""}
    for key, raw in values.items():
        out[key] = (raw or "").strip()
    for key in REQUIRED:
        if not out.get(key):
            raise ValueError(f"缺少{LABELS[key]}")
    if len(out["number"]) > 40:
        raise ValueError("工单编号超过40个字符")
    if out["line"] not in LINES:
        raise ValueError(f"热线“{out['line']}”不是 12345 或 96128")
    for key in ("received_on", "replied_on", "closed_on"):
        if out.get(key):
            try:
                out[key] = _date(out[key])
            except (ValueError, TypeError):
                raise ValueError(f"{LABELS[key]}“{out[key]}”不是有效日期（应为 YYYY-MM-DD）") from None
        else:
            out[key] = None
    for key in ("replied_on", "closed_on"):
        if out[key] and out[key] < out["received_on"]:
            raise ValueError(f"{LABELS[key]}早于受理日期")
    satisfaction = out.get("satisfaction", "")
    if satisfaction not in SATISFACTION:
        raise ValueError(f"满意度“{satisfaction}”应为满意、基本满意、不满意或留空")
    out["satisfaction"] = SATISFACTION[satisfaction]
    out["category"], out["summary"] = out["category"][:60], out["summary"][:5000]
    return out


def parse(text: str) -> Parsed:
    """Rows of a hotline CSV with their line numbers (the header is line 1); bad lines become errors."""
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        parsed.errors.append((1, "文件为空，缺少表头"))
        return parsed
    fields = [HEADERS.get(h.strip()) for h in header]
    missing = [LABELS[k] for k in REQUIRED if k not in fields]
    if missing:
        parsed.errors.append((1, f"表头缺少“{'、'.join(missing)}”列"))
        return parsed
    seen: dict[str, int] = {}
    for cells in reader:
        line_no = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        values = {f: c for f, c in zip(fields, cells, strict=False) if f}
        try:
            row = _row(values)
        except ValueError as exc:
            parsed.errors.append((line_no, str(exc)))
            continue
        if row["number"] in seen:
            parsed.errors.append((line_no, f"工单编号 {row['number']} 与第 {seen[row['number']]} 行重复"))
            continue
        seen[row["number"]] = line_no
        parsed.rows.append(ParsedRow(line_no, row))
    return parsed
