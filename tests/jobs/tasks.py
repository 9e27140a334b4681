"""Tasks used by the tests of the task infrastructure (module level, so engines can import them)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from gongkai.jobs import Permanent, problem, progress, task
from gongkai.jobs.mail import send_once

CALLS: list[tuple] = []


@task(label="加法")
def add(a: int, b: int) -> int:
    CALLS.append(("add", a, b))
    return a + b


@task(label="回执", key="test.receipt:{number}")
def receipt(number: str, email: str) -> bool:
    CALLS.append(("receipt", number))
    return send_once(f"test.receipt:{number}", f"回执 {number}", f"您的申请 {number} 已收到。", [email])


@task(label="时好时坏", max_attempts=4, backoff=10)
def flaky(counter: str, fail_times: int) -> int:
    path = Path(counter)
    seen = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(seen))
    if seen <= fail_times:
        raise ConnectionError(f"邮件服务器暂时不可用（第{seen}次）")
    return seen


@task(label="总是失败", max_attempts=2, backoff=1)
def always_fails() -> None:
    raise ValueError("模板缺失")


@task(label="无法重试")
def permanent() -> None:
    raise Permanent("申请已删除")


@task(label="按行导入", queue_name="bulk")
def import_lines(lines: list[str]) -> dict:
    good = 0
    for number, line in enumerate(lines, start=1):
        if line.startswith("坏"):
            problem(number, f"第 {number} 行无法识别：{line}")
        else:
            good += 1
        progress(number, len(lines))
    return {"good": good}


@task(label="定时测试", key="test.tick:{period}")
def tick_task(period: str) -> str:
    CALLS.append(("tick", period))
    return period


@task(label="慢任务", key="test.slow:{marker}", takes_context=True, lease=2.0, max_attempts=3)
def slow_once(context, marker: str, email: str) -> str:
    """The first attempt announces its pid and sleeps (to be killed); later ones finish and mail once."""
    directory = Path(marker)
    if context.attempt == 1:
        (directory / "started").write_text(str(os.getpid()))
        time.sleep(60)
    with (directory / "runs").open("a") as handle:
        handle.write(f"{context.attempt}\n")
    send_once(f"test.slow:{marker}", "处理完成", "您的任务已完成。", [email])
    return "done"


@task(label="计数")
def append_line(path: str, value: int) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"{value}\n")
