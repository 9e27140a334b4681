"""`gongkai report annual` end to end through the console script, on its own SQLite file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.reports import rules

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def run(env, *args, check=True):
    proc = subprocess.run([GONGKAI, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DATABASE_URL"}
    env["GONGKAI_SQLITE_PATH"] = str(tmp / "db.sqlite3")
    run(env, "migrate", "--noinput", "-v", "0")
    run(env, "createorg", "cli-town", "测试镇人民政府")
    lines = [
        {"number": "Y2023-1", "applicant_type": "natural_person", "channel": "online",
         "received_on": "2023-12-20", "outcome": "granted", "replied_on": "2024-01-10"},
        {"number": "Y2024-1", "applicant_type": "commercial_enterprise", "channel": "in_person",
         "received_on": "2024-03-04", "outcome": "unavailable_not_held", "replied_on": "2024-03-20"},
        {"number": "Y2024-2", "applicant_type": "legal_service_org", "channel": "email",
         "received_on": "2024-12-23"},
    ]
    ledger = tmp / "requests.jsonl"
    ledger.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    run(env, "import", "requests", str(ledger), "--org", "cli-town")
    return env, tmp


def test_json_contract_shape(cli):
    env, _tmp = cli
    data = json.loads(run(env, "report", "annual", "--org", "cli-town", "--year", "2024", "--format", "json").stdout)
    assert list(data) == ["org", "year", "proactive", "requests", "reviews"]
    assert data["org"] == "cli-town" and data["year"] == 2024
    assert list(data["proactive"]) == ["rules", "normative_documents", "licensing", "penalty", "enforcement",
                                       "fees_wan_yuan"]
    assert data["proactive"]["rules"] == [0, 0, 0] and data["proactive"]["fees_wan_yuan"] == "0.00"
    assert data["requests"]["columns"] == ["natural_person", "commercial_enterprise", "research_institution",
                                           "public_interest_org", "legal_service_org", "other_org", "total"]
    rows = data["requests"]["rows"]
    assert list(rows) == ["new", "carried_over", *rules.OUTCOME_CODES, "total_processed", "carried_forward"]
    assert all(len(v) == 7 and all(type(n) is int for n in v) for v in rows.values())
    assert rows["new"] == [0, 1, 0, 0, 1, 0, 2]
    assert rows["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["unavailable_not_held"] == [0, 1, 0, 0, 0, 0, 1]
    assert rows["total_processed"] == [1, 1, 0, 0, 0, 0, 2]
    assert rows["carried_forward"] == [0, 0, 0, 0, 1, 0, 1]
    assert data["reviews"] == {"reconsideration": [0] * 5, "litigation_direct": [0] * 5,
                               "litigation_after_reconsideration": [0] * 5}


def test_previous_year_carries_forward(cli):
    env, _tmp = cli
    rows = json.loads(run(env, "report", "annual", "--org", "cli-town", "--year", "2023").stdout)["requests"]["rows"]
    assert rows["new"][-1] == 1 and rows["carried_forward"][-1] == 1 and rows["total_processed"][-1] == 0


def test_docx_and_xlsx_carry_the_national_labels(cli):
    from docx import Document
    from openpyxl import load_workbook

    env, tmp = cli
    run(env, "report", "annual", "--org", "cli-town", "--year", "2024", "--format", "docx",
        "--output", str(tmp / "r.docx"))
    doc = Document(str(tmp / "r.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    for title in ("一、总体情况", "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"):
        assert title in text
    for label in ("本年新收政府信息公开申请数量", "（一）予以公开", "四、结转下年度继续办理", "现行有效件数", "复议后起诉"):
        assert any(label in c for c in cells), label
    assert len(doc.tables) == 3 and len(doc.tables[1].rows) == 28
    requests = doc.tables[1]
    assert requests.cell(5, 0).text == requests.cell(26, 0).text == "三、本年度办理结果"  # merged vertically
    assert requests.cell(7, 1).text == requests.cell(14, 1).text == "（三）不予公开"
    assert requests.cell(3, 0).text == requests.cell(3, 2).text == "一、本年新收政府信息公开申请数量"
    assert [c.text for c in requests.rows[3].cells][3:] == ["0", "1", "0", "0", "1", "0", "2"]

    run(env, "report", "annual", "--org", "cli-town", "--year", "2024", "--format", "xlsx",
        "--output", str(tmp / "r.xlsx"))
    wb = load_workbook(tmp / "r.xlsx")
    ws = wb["三、依申请公开"]
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "一、本年新收政府信息公开申请数量" in values and "（一）予以公开" in values
    assert "四、结转下年度继续办理" in values
    assert "A7:A28" in {str(r) for r in ws.merged_cells.ranges}  # 三、本年度办理结果 spans its 22 rows
    new_row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "一、本年新收政府信息公开申请数量")
    assert list(new_row[3:10]) == [0, 1, 0, 0, 1, 0, 2]


def test_pdf_and_html(cli):
    from pypdf import PdfReader

    env, tmp = cli
    run(env, "report", "annual", "--org", "cli-town", "--year", "2024", "--format", "pdf", "--output", str(tmp / "r.pdf"))
    data = (tmp / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "予以公开" in text and "结转下年度继续办理" in text
    run(env, "report", "annual", "--org", "cli-town", "--year", "2024", "--format", "html", "--output", str(tmp / "r.html"))
    html = (tmp / "r.html").read_text(encoding="utf-8")
    assert 'rowspan="22"' in html and "三、收到和处理政府信息公开申请情况" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nope", "--year", "2024"], "机构代码不存在"),
        (["--org", "cli-town", "--year", "24"], "--year"),
        (["--org", "cli-town", "--year", "abcd"], "--year"),
        (["--org", "cli-town", "--year", "2024", "--format", "odt"], "--format"),
        (["--org", "cli-town", "--year", "2024", "--format", "docx"], "--output"),
        (["--org", "cli-town", "--year", "2024", "--format", "pdf", "--output", "/nonexistent/dir/r.pdf"], "无法写入"),
        (["--year", "2024"], "参数错误"),
    ],
)
def test_bad_arguments_exit_2(cli, args, message):
    env, _tmp = cli
    proc = run(env, "report", "annual", *args, check=False)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
