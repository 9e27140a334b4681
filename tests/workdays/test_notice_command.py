"""`gongkai workdays notice FILE --year YYYY [--dry-run]`: parse, record the notice, recompute deadlines."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEntry
from gongkai.workdays import services
from gongkai.workdays.models import DayOverride, HolidayNotice

DATA = Path(__file__).parent / "data"


def run(*args) -> str:
    out = StringIO()
    call_command("workdays", "notice", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_parses_and_writes_nothing():
    out = run(str(DATA / "notice_2025.txt"), "--year", "2025", "--dry-run")
    assert out.splitlines()[:2] == ["国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）",
                                    "2025年：放假28天，调休上班5天。"]
    assert "春节：1月28日至2月4日放假；1月26日（星期日）、2月8日（星期六）上班" in out
    assert "试运行，未写入" in out
    assert not HolidayNotice.objects.exists() and not DayOverride.objects.exists()


def test_entering_records_the_notice_with_its_reference_and_date(transactional_db):
    out = run(str(DATA / "notice_2024.txt"), "--year", "2024")
    notice = HolidayNotice.objects.get()
    assert (notice.year, notice.title, notice.reference, notice.published_on) == (
        2024, "国务院办公厅关于2024年部分节假日安排的通知", "国办发明电〔2023〕7号", date(2023, 10, 25))
    assert notice.days.count() == 28 + 8
    assert "已录入2024年节假日安排" in out and "变动的期限：0项" in out  # no open request
    entry = AuditEntry.objects.get(action="workdays.notice_entered")
    assert entry.actor is None and "命令行" in entry.actor_name
    assert services.get_calendar().is_workday(date(2024, 2, 18)) == (True, False)


EXAMPLE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
"""


@pytest.mark.django_db
def test_entering_a_2027_notice_ends_provisional_deadlines(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "2027.txt"
    path.write_text(EXAMPLE_2027, encoding="utf-8")
    assert services.get_calendar().is_workday(date(2027, 2, 9)) == (True, True)
    with django_capture_on_commit_callbacks(execute=True):
        out = run(str(path), "--year", "2027", "--reference", "国办发明电〔2026〕1号", "--published-on", "2026-11-20")
    assert "期限将在事务提交后重新计算" in out  # inside the test's transaction
    # The example leaves out five holidays: said so, and they keep their statutory days.
    assert "警告：通知没有“清明节、劳动节、端午节、中秋节、国庆节”的安排" in out
    assert HolidayNotice.objects.get().reference == "国办发明电〔2026〕1号"
    calendar = services.get_calendar()
    assert calendar.is_workday(date(2027, 2, 9)) == (False, False)
    assert calendar.is_workday(date(2027, 2, 20)) == (True, False)
    assert calendar.is_workday(date(2027, 6, 9)) == (False, False)  # 端午, statutory


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.txt", "--year", "2027"], "无法读取文件"),
        ([str(DATA / "notice_2026.txt"), "--year", "2027"], "与指定的2027年不一致"),
        ([str(DATA / "notice_2026.txt"), "--year", "2026", "--published-on", "2099-01-01"], "晚于今天"),
        ([str(DATA / "notice_2026.txt"), "--year", "2026", "--published-on", "2025-13-01"], "YYYY-MM-DD"),
    ],
)
@pytest.mark.django_db
def test_bad_input_is_a_usage_error(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert message in str(exc.value) and exc.value.returncode == 2
    assert not HolidayNotice.objects.exists()


@pytest.mark.django_db
def test_malformed_file_is_refused_with_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("国务院办公厅关于2027年部分节假日安排的通知\n二、春节：2月30日放假。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="通知无法识别：第2行：2027年2月30日不是有效的日期"):
        run(str(path), "--year", "2027")


@pytest.mark.django_db
def test_preview_marks_the_days_the_notice_changes_and_writes_nothing():
    from gongkai.workdays.notice import parse_notice
    from gongkai.workdays.preview import preview_notice

    preview = preview_notice(parse_notice(EXAMPLE_2027, 2027))
    # 9–12 Feb become days off and Saturday 20 Feb a working day; 元旦 and 除夕 are statutory already.
    assert preview.changed_days == 5
    assert not HolidayNotice.objects.exists() and services.get_calendar().is_workday(date(2027, 2, 9)) == (True, True)
