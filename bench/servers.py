"""Start and stop the servers a benchmark needs, each in its own process group on loopback.

Every process started here is registered with a ``ProcessGroup``; leaving its ``with`` block
(normally, on error or on Ctrl+C) terminates each process group, then kills what is left.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def ensure_debian_packages(*packages: str) -> list[str]:
    """Install missing Debian packages when running as root; return the ones still missing.

    ``packages`` are (binary, package) pairs written as ``"binary=package"``.
    """
    wanted = dict(item.split("=", 1) for item in packages)
    missing = [pkg for binary, pkg in wanted.items() if not shutil.which(binary, path=_sbin_path())]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"bench: installing {' '.join(missing)} with apt-get", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], env=env, check=False, stdout=subprocess.DEVNULL)
    return [pkg for binary, pkg in wanted.items() if not shutil.which(binary, path=_sbin_path())]


def _sbin_path() -> str:
    return os.environ.get("PATH", "") + ":/usr/sbin:/sbin"


def which(binary: str) -> str | None:
    return shutil.which(binary, path=_sbin_path())


def wait_http(url: str, *, timeout: float = 60.0, process: subprocess.Popen | None = None) -> None:
    """Wait until ``url`` answers 200; fail early when ``process`` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with status {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout:.0f} s")


class ProcessGroup:
    """Processes started in new sessions, all stopped on exit."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    def start(self, cmd: list[str], *, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
        handle = log.open("ab")
        proc = subprocess.Popen(
            cmd, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        handle.close()
        self.processes.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen, grace: float = 10.0) -> None:
        if proc.poll() is None:
            self._signal(proc, signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        # Workers may outlive their master for a moment; the group kill takes them too.
        self._signal(proc, signal.SIGKILL)
        if proc.poll() is None:
            proc.wait(timeout=5)

    @staticmethod
    def _signal(proc: subprocess.Popen, sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)  # the group id equals the leader's pid (start_new_session)
        except ProcessLookupError:
            pass

    def __enter__(self) -> ProcessGroup:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for proc in reversed(self.processes):
            self.stop(proc)


NGINX_CONF = """\
{user}worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    client_body_temp_path {root}/tmp-body;
    proxy_temp_path {root}/tmp-proxy;
    fastcgi_temp_path {root}/tmp-fastcgi;
    uwsgi_temp_path {root}/tmp-uwsgi;
    scgi_temp_path {root}/tmp-scgi;
    server {{
        listen {host}:{port};
        root {docroot};
        charset utf-8;
    }}
}}
"""


def start_static(group: ProcessGroup, docroot: Path, workdir: Path, *, workers: int) -> tuple[str, int, subprocess.Popen]:
    """Serve ``docroot`` with nginx, else busybox httpd, else Python's http.server.

    Returns (server description, port, process).
    """
    port = free_port()
    nginx = which("nginx")
    if nginx:
        root = workdir / "nginx"
        root.mkdir(exist_ok=True)
        # As root, nginx workers would drop to "nobody", who cannot read our 0700 temp dir.
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = root / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(user=user, workers=workers, root=root, host=HOST, port=port, docroot=docroot),
            encoding="utf-8",
        )
        proc = group.start([nginx, "-p", str(root), "-c", str(conf)], log=workdir / "nginx.log")
        version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
        return f"nginx {version} (worker_processes {workers}, sendfile, access_log off)", port, proc
    busybox = which("busybox")
    if busybox and subprocess.run([busybox, "httpd", "--help"], capture_output=True).returncode in (0, 1):
        proc = group.start([busybox, "httpd", "-f", "-p", f"{HOST}:{port}", "-h", str(docroot)], log=workdir / "httpd.log")
        return "busybox httpd (nginx unavailable)", port, proc
    proc = group.start(
        [sys.executable, "-m", "http.server", str(port), "--bind", HOST, "--directory", str(docroot)],
        log=workdir / "http-server.log",
    )
    return "python -m http.server (nginx and busybox unavailable)", port, proc
