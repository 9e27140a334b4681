"""`gongkai worker` as an operator runs it: kill -9 in the middle of a task loses nothing, and many
tasks on several worker processes each run exactly once — on the database queue and on RQ."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.installation import ROOT

pytestmark = pytest.mark.django_db  # the suite's own database is unused here, but set up as everywhere


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(params=["db", "rq"])
def engine_env(request, installation):
    env = {"GONGKAI_TASKS_ENGINE": request.param, "GONGKAI_WORKER_POLL": "0.2", "GONGKAI_LOG_LEVEL": "WARNING"}
    if request.param == "rq":
        import redis

        url = request.getfixturevalue("private_redis")
        redis.Redis.from_url(url).flushdb()
        env["GONGKAI_TASKS_REDIS_URL"] = url
    installation.env.update(env)
    return installation


def _start_worker(install, *args: str) -> subprocess.Popen:
    log = open(install.root / "worker.log", "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker", "--tick", "0.5", *args], cwd=ROOT,
                            env=install.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_kill_9_in_the_middle_of_a_task_loses_nothing_and_mails_once(engine_env):
    install = engine_env
    marker = install.root / "marker"
    marker.mkdir()
    job_id = install.shell(
        f"from tests.jobs import tasks; print(tasks.slow_once.enqueue({str(marker)!r}, 'zhang@example.cn').id)")
    worker = _start_worker(install)
    try:
        pid = int(_wait(lambda: (marker / "started").exists() and (marker / "started").read_text(), 60,
                        "the first attempt to start"))
        os.kill(pid, signal.SIGKILL)  # the process running the task, in the middle of it
        status = _wait(lambda: [r for r in install.query("SELECT status, attempts FROM jobs_job WHERE id = %s",
                                                            (job_id.replace("-", "") if install.engine == "sqlite"
                                                             else job_id,))
                                if r[0] == "SUCCESSFUL"], 60, "the rerun to finish")
    finally:
        _stop(worker)
    assert status == [("SUCCESSFUL", 2)]
    assert (marker / "runs").read_text() == "2\n"  # the killed attempt never got past its sleep
    assert install.query("SELECT state FROM jobs_sentmessage") == [("sent",)]
    mails = [p.read_text() for p in Path(install.env["GONGKAI_VAR_DIR"], "mail").glob("*")]
    assert sum(text.count("Message-ID:") for text in mails) == 1


def test_many_tasks_on_two_worker_processes_each_run_exactly_once(engine_env):
    install = engine_env
    out = install.root / "lines.txt"
    install.shell(f"from tests.jobs import tasks\nfor i in range(120): tasks.append_line.enqueue({str(out)!r}, i)")
    worker = _start_worker(install, "--processes", "2")
    try:
        _wait(lambda: install.query("SELECT COUNT(*) FROM jobs_job WHERE status = 'SUCCESSFUL'"
                                        " AND task_path LIKE '%%append_line'")[0][0] == 120,
              120, "120 tasks to finish")
    finally:
        _stop(worker)
    lines = out.read_text().split()
    assert sorted(map(int, lines)) == list(range(120))  # every task once: none lost, none twice
    rows = install.query("SELECT worker_ids FROM jobs_job WHERE task_path LIKE '%%append_line'")
    workers = {w for (ids,) in rows for w in (ids if isinstance(ids, list) else json.loads(ids))}
    assert len(workers) >= 2


def test_bad_worker_arguments_exit_2_with_one_line(installation):
    for args in (["--processes", "0"], ["--tick", "-1"], ["--processes", "many"]):
        result = installation.gongkai("worker", *args, check=False)
        assert result.returncode == 2, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
