"""Engines for the task tests: the database queue (in this process), RQ on a private Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from gongkai.jobs.config import rq_queues, tasks_settings


def engine_settings(settings, engine: str, **env) -> None:
    # django_tasks resets its backends when TASKS changes (a setting_changed receiver).
    settings.TASKS = tasks_settings({"GONGKAI_TASKS_ENGINE": engine, **env})


@pytest.fixture
def db_engine(settings):
    engine_settings(settings, "db")


def run_db_worker(limit: int = 50) -> None:
    """Run what is due on the database queue, in this process (the real django-tasks-db worker)."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(queue_names=["*"], interval=0, batch=True, backend_name="engine", startup_delay=False,
           max_tasks=limit, worker_id="test-worker", excluded_queue_names=[]).run()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def private_redis(tmp_path_factory):
    """A redis-server of our own on a free loopback port, so RQ's keys never meet another suite's."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server (Debian package redis-server) is needed for the RQ engine tests"
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def rq_engine(settings, private_redis):
    import redis

    redis.Redis.from_url(private_redis).flushdb()
    settings.RQ_QUEUES = rq_queues({"GONGKAI_TASKS_REDIS_URL": private_redis})
    engine_settings(settings, "rq")
    return private_redis


def run_rq_worker() -> None:
    """Run what is queued on RQ, in this process (burst mode; the real RQ worker loop, no fork)."""
    import django_rq
    from rq import SimpleWorker

    from gongkai.jobs.config import QUEUES

    queues = [django_rq.get_queue(name, job_class="django_tasks_rq.backend.Job") for name in QUEUES]
    SimpleWorker(queues, connection=queues[0].connection, job_class="django_tasks_rq.backend.Job").work(burst=True)


@pytest.fixture(scope="session")
def template_installation(tmp_path_factory):
    from tests.installation import cleanup, make_template

    install = make_template(tmp_path_factory.mktemp("template"))
    yield install
    cleanup(install)


@pytest.fixture
def installation(template_installation, tmp_path):
    from tests.installation import cleanup, copy_of

    install = copy_of(template_installation, tmp_path / "site")
    yield install
    cleanup(install)
