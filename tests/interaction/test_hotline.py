"""12345 work orders: CSV import with line-numbered errors, manual entry, rates per period and unit."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.interaction import hotline_csv
from gongkai.interaction.models import WorkOrder
from gongkai.interaction.services import hotline
from gongkai.orgs.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

CSV = """工单编号,热线,受理日期,诉求类别,诉求内容,回复日期,办结日期,满意度,承办单位代码
GD001,12345,2026-03-02 09:10:00,城乡建设,路灯不亮,2026-03-03,2026-03-05,满意,
GD002,12345,2026/3/15,社会保障,咨询医保,2026-03-16,,基本满意,
GD003,12345,2026-04-01,环境保护,噪音扰民,,,,
GD004,12345,2026-13-01,其他,日期错误,,,,
GD005,110,2026-04-02,其他,热线错误,,,,
GD006,12345,2026-04-03,其他,早于受理,2026-04-01,,,
GD007,12345,2026-04-03,其他,满意度错误,,,很好,
GD001,12345,2026-04-03,其他,重复,,,,
,12345,2026-04-03,其他,缺编号,,,,
GD008,12345,2026-04-04,农业农村,灌溉,2026-04-05,2026-04-06,不满意,shagou
GD009,12345,2026-04-04,农业农村,别的县,,,,elsewhere
"""


def test_parse_reports_every_bad_line_with_its_number():
    parsed = hotline_csv.parse(CSV)
    assert [r.values["number"] for r in parsed.rows] == ["GD001", "GD002", "GD003", "GD008", "GD009"]
    assert [line for line, _m in parsed.errors] == [5, 6, 7, 8, 9, 10]
    messages = dict(parsed.errors)
    assert "受理日期“2026-13-01”不是有效日期" in messages[5]
    assert "不是 12345 或 96128" in messages[6]
    assert messages[7] == "回复日期早于受理日期"
    assert "满意度“很好”" in messages[8]
    assert messages[9] == "工单编号 GD001 与第 2 行重复"
    assert messages[10] == "缺少工单编号"
    assert parsed.rows[0].values["received_on"] == dt.date(2026, 3, 2)


@pytest.mark.parametrize(("text", "message"), [
    ("", "文件为空，缺少表头"),
    ("诉求内容,满意度\n路灯,满意\n", "表头缺少“工单编号、受理日期”列"),
])
def test_bad_headers(text, message):
    assert hotline_csv.parse(text).errors == [(1, message)]


def test_gbk_exports_are_read():
    assert hotline_csv.decode(CSV.encode("gb18030")) == CSV
    assert hotline_csv.decode(b"\xef\xbb\xbf" + CSV.encode()) == CSV


def test_import_routes_units_and_updates_on_reimport(county, township, other_township):
    result = hotline.import_csv(data=CSV.encode(), org=county)
    assert (result.created, result.updated) == (4, 0)
    assert result.errors[-1] == (12, "承办单位代码“elsewhere”不是 yishui 或其下属单位")
    assert WorkOrder.objects.get(number="GD008").org == other_township
    again = hotline.import_csv(data=CSV.replace("噪音扰民,,,", "噪音扰民,2026-04-02,2026-04-03,满意").encode(),
                               org=county)
    assert (again.created, again.updated) == (0, 4)
    assert WorkOrder.objects.get(number="GD003").satisfaction == "satisfied"


def test_rates_per_period_and_unit(county, other_township):
    hotline.import_csv(data=CSV.encode(), org=county)
    rows = hotline.rate_table(county.descendant_ids(), dt.date(2026, 1, 1), dt.date(2026, 12, 31), "month")
    table = {(r.period, r.unit.code): (r.rates.reply_rate, r.rates.closure_rate, r.rates.satisfaction_rate)
             for r in rows}
    assert table == {
        ("2026-03", "yishui"): (100.0, 50.0, 100.0),
        ("2026-04", "yishui"): (0.0, 0.0, None),
        ("2026-04", "shagou"): (100.0, 100.0, 0.0),
    }
    [q1] = [r for r in hotline.rate_table({county.pk}, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "quarter")
            if r.period == "2026-Q1"]
    assert q1.rates.total == 2


def test_command_imports_and_reports_bad_rows(county, tmp_path, capsys):
    path = tmp_path / "orders.csv"
    path.write_text(CSV, encoding="utf-8")
    call_command("hotline", "import", str(path), "--org", "yishui")
    out, err = capsys.readouterr()
    assert "新增 3 条" in out and "错误 8 行" in out  # shagou is not set up here
    assert "第 5 行：受理日期“2026-13-01”不是有效日期" in err
    call_command("hotline", "rates", "--org", "yishui", "--from", "2026-01-01", "--to", "2026-12-31",
                 "--period", "quarter")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {"period": "2026-Q1", "unit": "yishui", "total": 2, "replied": 2, "closed": 1, "rated": 2,
                        "satisfied": 2, "reply_rate": 100.0, "closure_rate": 50.0, "satisfaction_rate": 100.0}


@pytest.mark.parametrize("args", [
    ["import", "/nonexistent.csv", "--org", "yishui"],
    ["import", "FILE", "--org", "nobody"],
    ["rates", "--org", "yishui", "--from", "2026-02-30", "--to", "2026-03-01"],
])
def test_command_usage_errors_exit_2(county, tmp_path, args):
    path = tmp_path / "f.csv"
    path.write_text(CSV, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("hotline", *[str(path) if a == "FILE" else a for a in args])
    assert exc.value.returncode == 2


def test_console_script_missing_org_option_is_one_line_exit_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "hotline", "import", "x.csv"],
                            capture_output=True, text=True, env={"GONGKAI_VAR_DIR": str(tmp_path), "PATH": ""})
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_manual_entry(client, officer, township):
    order = hotline.enter_work_order(actor=officer, org=township, number="M1", line="12345",
                                     received_on=dt.date(2026, 5, 1), category="", summary="",
                                     replied_on=None, closed_on=None, satisfaction="")
    with pytest.raises(ValidationError):
        hotline.enter_work_order(actor=officer, org=township, number="M1", received_on=dt.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        hotline.enter_work_order(actor=officer, org=township, number="M2", received_on=dt.date(2026, 5, 2),
                                 closed_on=dt.date(2026, 5, 1))
    assert order.closed_on is None
    client.login(username="officer", password=PASSWORD)
    response = client.post("/staff/interaction/hotline/", {"org": township.code, "number": "M3", "line": "12345",
                                                           "received_on": "2026-05-03", "closed_on": "2026-05-04",
                                                           "satisfaction": "satisfied"})
    assert response.status_code == 302
    page = client.get("/staff/interaction/hotline/?from=2026-01-01&to=2026-12-31&period=year").content.decode()
    assert "50.00%" in page  # 办结率: M3 closed, M1 not
    bad = client.post("/staff/interaction/hotline/", {"org": township.code, "number": "", "received_on": "x"})
    assert bad.status_code == 400 and "受理日期格式应为 YYYY-MM-DD。" in bad.content.decode()


def test_entry_needs_a_handler_role(make_user, township, client):
    make_user("reviewer", township, Role.OFFICE_REVIEWER)
    client.login(username="reviewer", password=PASSWORD)
    response = client.post("/staff/interaction/hotline/", {"org": township.code, "number": "X"})
    assert response.status_code == 403
