"""The request clock (rules.md §3, contracts.md "Request deadlines"): one computation, explained."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.foi.deadlines import (
    DeadlineError,
    compute_due_date,
    consultation_deadline,
    correction_deadline,
    working_days_left,
)
from gongkai.workdays.rules import Calendar

CAL = Calendar()
D = date.fromisoformat


def due(received, *, correction=None, consultations=(), extension=0, calendar=CAL):
    return compute_due_date(
        received=D(received),
        correction_received=D(correction) if correction else None,
        consultations=[(D(a), D(b)) for a, b in consultations],
        extension=extension,
        calendar=calendar,
    )


CASES = [
    # id, received, correction, consultations, extension, expected due, provisional
    ("spring-2026", "2026-02-10", None, (), 0, "2026-03-16", False),  # 2/14 and 2/28 worked, 2/15–23 off
    ("spring-2024", "2024-02-01", None, (), 0, "2024-03-05", False),  # 2/4 and 2/18 (Sundays) worked
    ("spring-2025", "2025-01-20", None, (), 0, "2025-02-21", False),  # 1/26 and 2/8 worked, 1/28–2/4 off
    ("national-day-2025", "2025-09-22", None, (), 0, "2025-10-24", False),  # 10/1–8 off, 9/28 and 10/11 worked
    ("received-on-holiday", "2026-10-03", None, (), 0, "2026-11-03", False),
    ("correction-restarts", "2026-03-02", "2026-03-09", (), 0, "2026-04-07", False),  # 清明 4/4–4/6
    ("plain", "2026-03-02", None, (), 0, "2026-03-30", False),
    ("consultation", "2026-03-02", None, [("2026-03-09", "2026-03-13")], 0, "2026-04-07", False),
    ("overlapping-consultations", "2026-03-02", None,
     [("2026-03-10", "2026-03-13"), ("2026-03-09", "2026-03-11")], 0, "2026-04-07", False),
    ("consultation-before-start", "2026-03-02", None, [("2026-02-01", "2026-02-10")], 0, "2026-03-30", False),
    ("consultation-over-holiday", "2026-09-14", None, [("2026-09-28", "2026-10-09")], 0, "2026-10-23", False),
    ("extension", "2026-03-02", None, (), 10, "2026-04-14", False),
    ("everything", "2026-09-20", "2026-09-24", [("2026-10-12", "2026-10-16")], 5, "2026-11-12", False),
    ("provisional-2027", "2026-12-10", None, (), 0, "2027-01-08", True),  # 2027-01-01 statutory
    ("spring-2027-provisional", "2027-01-25", None, (), 0, "2027-02-24", True),  # 2/5 and 2/8 off
    ("extension-into-2027", "2026-11-20", None, (), 20, "2027-01-18", True),
]


@pytest.mark.parametrize("received, correction, consultations, extension, expected, provisional",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_due_date(received, correction, consultations, extension, expected, provisional):
    result = due(received, correction=correction, consultations=consultations, extension=extension)
    assert (result.due, result.provisional) == (D(expected), provisional)


def test_explanation_names_every_holiday_makeup_day_pause_and_extension():
    result = due("2026-02-10", consultations=[("2026-03-02", "2026-03-06")], extension=3)
    text = result.explanation()
    assert "2026年2月10日（星期二）收到申请" in text
    assert "收到当日不计入" in text
    assert "2026年2月14日（星期六）春节调休上班，计为第4个工作日" in text
    assert "2026年2月15日（星期日）至2026年2月23日（星期一）春节放假" in text
    assert "2026年2月28日（星期六）春节调休上班" in text
    assert "其间5个工作日不计入答复期限（条例第三十三条）" in text
    assert "即原答复期限" in text and "经批准延长3个工作日" in text
    assert result.steps[-1].text == f"答复期限：{result.due.year}年3月26日（星期四）。"
    days = [s.day for s in result.steps if s.day]
    assert days == sorted(days)


def test_explanation_of_a_correction_and_a_provisional_year():
    text = due("2026-12-01", correction="2026-12-10").explanation()
    assert "收到补正后的申请，答复期限自该日重新计算（条例第三十条）" in text
    assert "2027年1月1日（星期五）元旦放假，不计为工作日（按法定节假日暂定）" in text
    assert "2027年的节假日安排尚未公布" in text


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"extension": 21}, "1至20"),
        ({"extension": -1}, "1至20"),
        ({"correction": "2026-02-01"}, "不能早于"),
        ({"consultations": [("2026-03-10", "2026-03-09")]}, "结束日期早于开始日期"),
    ],
)
def test_bad_input_is_refused_in_chinese(kwargs, message):
    with pytest.raises(DeadlineError, match=message):
        due("2026-02-10", **kwargs)


def test_correction_and_consultation_deadlines():
    assert correction_deadline(D("2026-02-10"), CAL).due == D("2026-02-26")  # 7 working days
    assert consultation_deadline(D("2026-09-28"), CAL).due == D("2026-10-23")  # 15 working days
    late = correction_deadline(D("2026-12-28"), CAL)
    assert late.due == D("2027-01-07") and late.provisional


@pytest.mark.parametrize(
    "due_on, today, left",
    [
        ("2026-03-16", "2026-02-10", 20),
        ("2026-03-16", "2026-03-13", 1),
        ("2026-03-16", "2026-03-16", 0),
        ("2026-03-16", "2026-03-17", -1),
        ("2026-03-13", "2026-03-14", -1),  # the Saturday after a Friday deadline is already overdue
        ("2026-03-13", "2026-03-17", -2),
    ],
)
def test_working_days_left(due_on, today, left):
    assert working_days_left(D(due_on), D(today), CAL) == left


# --- properties ----------------------------------------------------------------------------------------

received_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))
periods = st.lists(
    st.tuples(st.integers(-10, 60), st.integers(0, 25)).map(lambda t: (t[0], t[0] + t[1])), max_size=3
)


def _periods(received, offsets):
    return [(received + timedelta(days=a), received + timedelta(days=b)) for a, b in offsets]


@settings(max_examples=300, deadline=None)
@given(received=received_days, correction_after=st.none() | st.integers(0, 30), offsets=periods,
       extension=st.integers(0, 20))
def test_due_date_properties(received, correction_after, offsets, extension):
    corrected = received + timedelta(days=correction_after) if correction_after is not None else None
    result = compute_due_date(received=received, correction_received=corrected,
                              consultations=_periods(received, offsets), extension=extension, calendar=CAL)
    plain = compute_due_date(received=received, calendar=CAL)
    assert CAL.is_workday(result.due)[0]
    assert result.due >= plain.due  # corrections, consultations and extensions never bring it forward
    assert result.provisional == (result.due.year >= 2027)
    assert working_days_left(plain.due, received, CAL) == 20


@settings(max_examples=200, deadline=None)
@given(received=received_days, offsets=periods, a=st.integers(0, 20), b=st.integers(0, 20))
def test_more_extension_is_never_earlier(received, offsets, a, b):
    a, b = sorted((a, b))
    common = {"received": received, "consultations": _periods(received, offsets), "calendar": CAL}
    assert compute_due_date(extension=a, **common).due <= compute_due_date(extension=b, **common).due


# --- the command ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).parent / "gongkai")


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    # An empty embedded database: the calendar then answers from the notices and statutory holidays.
    tmp = tmp_path_factory.mktemp("deadline-cli")
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DATABASE_URL"}
    env.update(GONGKAI_SQLITE_PATH=str(tmp / "cli.sqlite3"), GONGKAI_VAR_DIR=str(tmp))
    return env


def run(env, *args):
    return subprocess.run([GONGKAI, "requests", "due-date", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize(
    "args, stdout",
    [
        (["--received", "2026-02-10"], '{"due": "2026-03-16", "provisional": false}\n'),
        (["--received", "2026-09-20", "--correction-received", "2026-09-24", "--consultation",
          "2026-10-12..2026-10-16", "--extension", "5"], '{"due": "2026-11-12", "provisional": false}\n'),
        (["--received", "2026-03-02", "--consultation", "2026-03-10..2026-03-13", "--consultation",
          "2026-03-09..2026-03-11"], '{"due": "2026-04-07", "provisional": false}\n'),
        (["--received", "2026-12-10"], '{"due": "2027-01-08", "provisional": true}\n'),
    ],
)
def test_command_prints_the_json_object(cli_env, args, stdout):
    result = run(cli_env, *args)
    assert (result.returncode, result.stdout, result.stderr) == (0, stdout, "")


def test_command_explains(cli_env):
    result = run(cli_env, "--received", "2026-02-10", "--explain")
    lines = result.stdout.splitlines()
    assert json.loads(lines[0]) == {"due": "2026-03-16", "provisional": False}
    assert any("春节调休上班" in line for line in lines[1:])
    assert lines[-1] == "答复期限：2026年3月16日（星期一）。"


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--received", "2026-2-10"],
        ["--received", "2026-02-30"],
        ["--received", "2026-02-10", "--extension", "21"],
        ["--received", "2026-02-10", "--extension", "-3"],
        ["--received", "2026-02-10", "--extension", "五"],
        ["--received", "2026-02-10", "--consultation", "2026-03-01"],
        ["--received", "2026-02-10", "--consultation", "2026-03-05..2026-03-01"],
        ["--received", "2026-02-10", "--correction-received", "2026-02-01"],
        ["--received", "2040-12-20", "--extension", "20"],
    ],
)
def test_command_bad_arguments_exit_2_with_one_line(cli_env, args):
    result = run(cli_env, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
