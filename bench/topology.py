"""A several-server Gongkai on this machine, started and stopped by one script.

    python -m bench.topology up      # start everything, print the addresses, wait for Ctrl+C
    python -m bench.topology check   # start, run the scale tests against it (pytest tests/scale), stop

What runs, all on 127.0.0.1 (ports from GONGKAI_TOPOLOGY_PORT, default 18400):

| port | process |
| --- | --- |
| +0 | nginx (Debian package) balancing the two app servers round-robin |
| +10 | a private PostgreSQL cluster (initdb into a temporary directory; never the machine's server) |
| +20 | a private Redis: page cache, sessions' cache, rate limits, the RQ queue |
| +31, +32 | app servers A and B: gunicorn, each with its own var/ directory, one shared media directory |
| — | two `gongkai worker` processes (RQ), each with the scheduler tick: two "worker machines" |

Everything is stopped when the ``with Topology()`` block ends (also on error or Ctrl+C).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import ProcessGroup, ensure_debian_packages, wait_http, which

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
SECRET = "topology-shared-secret-key-for-tests-only"

NGINX_CONF = """\
{user}worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp-body;
    proxy_temp_path {root}/tmp-proxy;
    fastcgi_temp_path {root}/tmp-fastcgi;
    uwsgi_temp_path {root}/tmp-uwsgi;
    scgi_temp_path {root}/tmp-scgi;
    upstream gongkai {{
        server {host}:{port_a};
        server {host}:{port_b};
        keepalive 16;
    }}
    server {{
        listen {host}:{port};
        client_max_body_size 60m;
        location / {{
            proxy_pass http://gongkai;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL server binaries not found ({name}); apt-get install postgresql")
    return found[-1]


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root: run them as the Debian package's postgres user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary directory, on ``port``; restartable at will."""

    workdir: Path
    port: int
    datadir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.datadir = self.workdir / "pgdata"

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/gongkai"

    def init(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.workdir, "postgres", "postgres")
        subprocess.run(_as_postgres([pg_bin("initdb"), "-D", str(self.datadir), "-U", "postgres", "--auth=trust",
                                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]), check=True,
                       stdout=subprocess.DEVNULL)
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.write(f"\nlisten_addresses = '{HOST}'\nport = {self.port}\nunix_socket_directories = '{self.workdir}'\n"
                       "max_connections = 300\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
        self.start()
        subprocess.run([pg_bin("createdb"), "-h", HOST, "-p", str(self.port), "-U", "postgres", "gongkai"], check=True)

    def _ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([pg_bin("pg_ctl"), "-D", str(self.datadir), "-l", str(self.workdir / "pg.log"),
                                     "-w", *args]), check=True, stdout=subprocess.DEVNULL)

    def start(self) -> None:
        self._ctl("start")

    def stop(self, mode: str = "fast") -> None:
        if (self.datadir / "postmaster.pid").exists():
            self._ctl("stop", "-m", mode)

    def restart(self, down_seconds: float) -> float:
        """Stop (fast: sessions are terminated), stay down ``down_seconds``, start; return the outage."""
        started = time.monotonic()
        self.stop()
        time.sleep(down_seconds)
        self.start()
        return time.monotonic() - started


class Topology:
    def __init__(self, *, base_port: int | None = None, workers: int = 2, keep: bool = False) -> None:
        self.base = base_port or int(os.environ.get("GONGKAI_TOPOLOGY_PORT", "18400"))
        self.workers, self.keep = workers, keep
        self.workdir = Path(tempfile.mkdtemp(prefix="gongkai-topology-"))
        self.workdir.chmod(0o755)  # the postgres user runs the cluster inside it
        self.group = ProcessGroup()
        self.pg = PrivatePostgres(self.workdir / "pg", self.base + 10)
        self.redis_port = self.base + 20
        self.ports = {"A": self.base + 31, "B": self.base + 32}
        self.media = self.workdir / "media"

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.base}"

    def server_url(self, name: str) -> str:
        return f"http://{HOST}:{self.ports[name]}"

    def env(self, name: str = "cli") -> dict[str, str]:
        var = self.workdir / f"var-{name}"
        var.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
        env.update(
            GONGKAI_DATABASE_URL=self.pg.url, GONGKAI_REDIS_URL=f"redis://{HOST}:{self.redis_port}/0",
            GONGKAI_SECRET_KEY=SECRET, GONGKAI_VAR_DIR=str(var), GONGKAI_MEDIA_ROOT=str(self.media),
            GONGKAI_STATIC_ROOT=str(self.workdir / "static"), GONGKAI_ALLOWED_HOSTS="127.0.0.1,localhost",
            GONGKAI_CSRF_TRUSTED_ORIGINS=",".join([self.url, *map(self.server_url, self.ports)]),
            GONGKAI_SITE_URL=self.url, GONGKAI_TASKS_ENGINE="rq", GONGKAI_JOBS_TICK="1", PYTHONPATH=str(ROOT),
            GONGKAI_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        )
        return env

    def gongkai(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([sys.executable, "-m", "gongkai.cli", *args], cwd=ROOT, env=self.env(),
                                capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise RuntimeError(f"gongkai {' '.join(args)} failed:\n{result.stderr[-2000:]}")
        return result

    def __enter__(self) -> Topology:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        missing = ensure_debian_packages("nginx=nginx-light", "redis-server=redis-server")
        if missing:
            raise RuntimeError(f"missing Debian packages: {' '.join(missing)}")
        self.media.mkdir()
        self.pg.init()
        self.group.start([which("redis-server"), "--port", str(self.redis_port), "--bind", HOST, "--save", "",
                          "--appendonly", "no", "--dir", str(self.workdir)], log=self.workdir / "redis.log")
        self.gongkai("migrate", "--noinput", "-v", "0")
        self.gongkai("collectstatic", "--noinput", "-v", "0")
        for name, port in self.ports.items():
            proc = self.group.start(
                [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--bind", f"{HOST}:{port}",
                 "--workers", "2", "--threads", "4", "--timeout", "60", "--graceful-timeout", "5"],
                log=self.workdir / f"gunicorn-{name}.log", env=self.env(name))
            wait_http(f"{self.server_url(name)}/healthz", timeout=60, process=proc)
        for index in range(self.workers):
            self.group.start([sys.executable, "-m", "gongkai.cli", "worker", "--tick", "1"],
                             log=self.workdir / f"worker-{index}.log",
                             env={**self.env(f"worker{index}"), "GONGKAI_WORKER_NAME": f"worker{index}"})
        self._start_nginx()

    def _start_nginx(self) -> None:
        root = self.workdir / "nginx"
        root.mkdir()
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(user=user, root=root, host=HOST, port=self.base, port_a=self.ports["A"],
                                          port_b=self.ports["B"]), encoding="utf-8")
        proc = self.group.start([which("nginx"), "-p", str(root), "-c", str(conf)], log=self.workdir / "nginx.log")
        wait_http(f"{self.url}/healthz", timeout=30, process=proc)

    def __exit__(self, *exc_info: object) -> None:
        self.group.__exit__(*exc_info)
        try:
            self.pg.stop("immediate")
        except (subprocess.CalledProcessError, FileNotFoundError):
            pass
        if not self.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else "up"
    if command == "check":
        return subprocess.call([sys.executable, "-m", "pytest", "tests/scale", "-p", "no:xdist", "-q"], cwd=ROOT)
    if command != "up":
        print("usage: python -m bench.topology up|check", file=sys.stderr)
        return 2
    with Topology(keep="--keep" in argv) as topo:
        print(f"nginx {topo.url}  A {topo.server_url('A')}  B {topo.server_url('B')}  PostgreSQL {topo.pg.url}  "
              f"work dir {topo.workdir}  (Ctrl+C stops everything)", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
