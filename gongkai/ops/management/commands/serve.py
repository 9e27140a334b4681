"""`gongkai serve`: run the site under gunicorn (a production WSGI server), static files by WhiteNoise.

The serve process stays as the parent of gunicorn and of one `gongkai worker` (background tasks and
periodic jobs such as the daily request reminder; docs/deployment.md). ``--no-worker`` or
GONGKAI_SERVE_WORKER=0 leaves the worker out, for app servers beside dedicated worker machines.
"""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from gongkai.core.commands import GongkaiCommand


def _migrate() -> None:
    """Migrate; through GONGKAI_MIGRATE_DATABASE_URL (the owner role) when the site runs as another role."""
    owner_url = settings.GONGKAI_MIGRATE_DATABASE_URL
    if not owner_url:
        call_command("migrate", interactive=False, verbosity=0)
        return
    env = {**os.environ, "GONGKAI_DATABASE_URL": owner_url}
    env.setdefault("GONGKAI_DATABASE_APP_ROLE", settings.DATABASES["default"].get("USER", ""))
    subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "--noinput", "-v", "0"], env=env, check=True)


class Command(GongkaiCommand):
    help = "启动网站（gunicorn），默认 http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GONGKAI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("GONGKAI_THREADS", "4")))
        parser.add_argument("--no-migrate", action="store_true", help="启动前不执行数据库迁移")
        parser.add_argument("--no-worker", action="store_true",
                            default=os.environ.get("GONGKAI_SERVE_WORKER", "1") == "0",
                            help="不在本机启动后台任务进程（另有 gongkai worker 时）")

    def handle(self, *args, bind, workers, threads, no_migrate, no_worker, **options):
        if not no_migrate:
            _migrate()
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"政务公开平台已启动：http://{bind}/  （Ctrl+C 停止）")
        self.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", str(threads),
            "--graceful-timeout", "10",
        ]
        # No --access-logfile means no access log at all; "/dev/null" still formatted one line per
        # request under a lock (about 12 % of a cached page's time in `make bench`).
        if settings.DEBUG or os.environ.get("GONGKAI_ACCESS_LOG"):
            argv += ["--access-logfile", os.environ.get("GONGKAI_ACCESS_LOG") or "-"]
        from gongkai.jobs.engines import engine_name

        if no_worker or engine_name() == "immediate":
            os.execv(sys.executable, argv)
        worker = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker"])
        server = subprocess.Popen(argv)

        def forward(signum, _frame):
            server.send_signal(signum)
            if signum == signal.SIGTERM:
                worker.send_signal(signum)

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, forward)
        try:
            code = server.wait()
        except KeyboardInterrupt:  # Ctrl+C reaches both children too (same process group); wait for them
            code = server.wait()
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        sys.exit(code)
