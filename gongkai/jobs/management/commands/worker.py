"""`gongkai worker`: run background tasks on this machine (any number of machines may run it).

The command is a small supervisor: it starts ``--processes`` engine workers (the database queue's
worker or RQ workers, whichever engine the configuration selects), restarts one that dies (e.g. after
``kill -9``), and runs the scheduler tick (periodic jobs, the sweep) itself every few seconds.
SIGTERM/SIGINT stop the workers gracefully (a running task is finished first).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import time

from django.conf import settings

from gongkai.core.commands import GongkaiCommand, UsageError

logger = logging.getLogger("gongkai.jobs")


class Command(GongkaiCommand):
    help = "运行后台任务（邮件、索引、导入、定时任务）；可在多台服务器上同时运行"

    def add_arguments(self, parser):
        parser.add_argument("--processes", type=int, default=int(os.environ.get("GONGKAI_WORKER_PROCESSES", "1")),
                            help="任务进程数（默认 1）")
        parser.add_argument("--tick", type=float, default=float(os.environ.get("GONGKAI_JOBS_TICK", "15")),
                            help="定时任务与巡检的间隔秒数（默认 15）")
        parser.add_argument("--no-scheduler", action="store_true", help="只执行任务，不运行定时任务与巡检")
        parser.add_argument("--engine-only", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, processes, tick, no_scheduler, engine_only, **options):
        from gongkai.jobs import engines

        if engine_only:
            engines.run_engine_worker()
            return
        if processes < 1 or processes > 32:
            raise UsageError("--processes 应在 1 到 32 之间")
        if tick <= 0:
            raise UsageError("--tick 应大于 0")
        logging.basicConfig(level=os.environ.get("GONGKAI_LOG_LEVEL", "INFO"))
        self.stdout.write(f"后台任务已启动：引擎 {engines.engine_name()}，{processes} 个任务进程"
                          + ("" if no_scheduler else f"，每 {tick:g} 秒巡检一次"))
        self.stdout.flush()
        Supervisor(processes, tick, scheduler=not no_scheduler).run()



class Supervisor:
    def __init__(self, processes: int, tick: float, *, scheduler: bool) -> None:
        self.processes, self.tick, self.scheduler = processes, tick, scheduler
        self.children: list[subprocess.Popen] = []
        self.stopping = False

    def spawn(self) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "gongkai.cli", "worker", "--engine-only"]
        return subprocess.Popen(cmd, cwd=os.getcwd(), env={**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE})

    def stop(self, signum, _frame) -> None:
        self.stopping = True
        for child in self.children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def run(self) -> None:
        from django.db import close_old_connections, connections

        from gongkai.jobs.scheduler import tick

        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.children = [self.spawn() for _ in range(self.processes)]
        next_tick = time.monotonic()
        while not self.stopping:
            for index, child in enumerate(self.children):
                if child.poll() is not None and not self.stopping:
                    logger.warning("task worker %s exited with %s; starting another", child.pid, child.returncode)
                    time.sleep(0.5)
                    self.children[index] = self.spawn()
            if self.scheduler and time.monotonic() >= next_tick:
                try:
                    close_old_connections()
                    tick()
                except Exception:  # noqa: BLE001 - the database may be restarting; try next round
                    logger.exception("scheduler tick failed")
                    connections.close_all()
                next_tick = time.monotonic() + self.tick
            time.sleep(min(0.5, self.tick))
        for child in self.children:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
