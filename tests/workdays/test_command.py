"""`gongkai workdays after|is-workday` exactly as contracts.md "Working days" states."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = str(Path(sys.executable).parent / "gongkai")


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DATABASE_URL"}
    env.update(GONGKAI_SQLITE_PATH=str(tmp / "cli.sqlite3"), GONGKAI_VAR_DIR=str(tmp))
    return env


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    """A database never migrated: the built-in calendar still answers."""
    return _env(tmp_path_factory.mktemp("workdays-fresh"))


@pytest.fixture(scope="module")
def migrated_env(tmp_path_factory):
    env = _env(tmp_path_factory.mktemp("workdays-migrated"))
    subprocess.run([GONGKAI, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT, timeout=300)
    return env


def run(env, *args):
    return subprocess.run([GONGKAI, "workdays", *args], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize(
    "args, stdout",
    [
        (["after", "2026-02-10", "20"], "2026-03-16\n"),
        (["after", "2026-02-13", "1"], "2026-02-14\n"),  # a make-up Saturday
        (["after", "2026-12-31", "1"], "2027-01-04\nprovisional\n"),
        (["after", "2026-12-31", "0"], "2026-12-31\n"),
        (["is-workday", "2026-02-14"], "true\n"),
        (["is-workday", "2026-02-28"], "true\n"),
        (["is-workday", "2026-02-16"], "false\n"),
        (["is-workday", "2026-03-07"], "false\n"),
        (["is-workday", "2027-02-05"], "false\nprovisional\n"),
        (["is-workday", "2027-03-01"], "true\nprovisional\n"),
    ],
)
def test_answers(fresh_env, args, stdout):
    result = run(fresh_env, *args)
    assert (result.returncode, result.stdout, result.stderr) == (0, stdout, "")


@pytest.mark.parametrize(
    "args",
    [
        ["after", "2026-02-10", "-1"],
        ["after", "2026-02-10", "二十"],
        ["after", "2026-02-30", "3"],
        ["after", "2026/02/10", "3"],
        ["after", "2026-02-10"],
        ["is-workday", "tomorrow"],
        ["is-workday", "2041-01-02"],
        ["after", "2040-12-20", "30"],
        ["sometime"],
        [],
    ],
)
def test_bad_arguments_exit_2_with_one_chinese_line(fresh_env, args):
    result = run(fresh_env, *args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])


def test_an_entered_notice_makes_2027_final(migrated_env):
    assert run(migrated_env, "is-workday", "2027-02-20").stdout == "false\nprovisional\n"
    script = (
        "from datetime import date\n"
        "from gongkai.workdays.services import enter_notice\n"
        "enter_notice(actor='命令行测试', year=2027, title='关于2027年部分节假日安排的通知', "
        "days=[(date(2027, 2, 20), True, '春节'), (date(2027, 2, 9), False, '春节')])\n"
    )
    subprocess.run([GONGKAI, "shell", "-c", script], env=migrated_env, check=True, cwd=ROOT, timeout=120)
    assert run(migrated_env, "is-workday", "2027-02-20").stdout == "true\n"
    assert run(migrated_env, "after", "2027-02-05", "1").stdout == "2027-02-10\n"
