"""`gongkai serve`: run the site under gunicorn (a production WSGI server), static files by WhiteNoise.

The serve process stays as gunicorn's parent and runs the daily request reminder in a thread
(gongkai.foi.reminders.start_daily_scheduler; GONGKAI_REMINDERS=0 turns it off, e.g. when cron runs
`gongkai requests remind`). Runs are idempotent per day, so both at once are harmless.
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

    def handle(self, *args, bind, workers, threads, no_migrate, **options):
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
        if os.environ.get("GONGKAI_REMINDERS", "1") == "0":
            os.execv(sys.executable, argv)
        from gongkai.foi.reminders import start_daily_scheduler

        start_daily_scheduler()
        server = subprocess.Popen(argv)
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda signum, _frame: server.send_signal(signum))
        try:
            code = server.wait()
        except KeyboardInterrupt:  # Ctrl+C reaches gunicorn too (same process group); wait for it to stop
            code = server.wait()
        sys.exit(code)
