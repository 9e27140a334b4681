"""Run the wrk load generator against a loopback URL and parse its report.

Only loopback URLs are accepted: the benchmark must never send traffic off this machine.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_DURATION = re.compile(r"^\s*([\d.]+)\s*(us|ms|s|m)\s*$")


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured. Latencies are in milliseconds."""

    requests: int
    seconds: float
    requests_per_sec: float
    transfer_per_sec: str
    latency_avg_ms: float
    latency_p50_ms: float
    latency_p75_ms: float
    latency_p90_ms: float
    latency_p99_ms: float
    latency_max_ms: float
    non_2xx_3xx: int
    socket_errors: dict[str, int]

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["errors"] = self.errors
        return data


def duration_ms(text: str) -> float:
    """Convert a wrk duration such as ``1.23ms``, ``850.00us`` or ``2.01s`` to milliseconds."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(output: str) -> WrkResult:
    """Parse the text wrk prints with ``--latency``."""
    avg = re.search(r"^\s*Latency\s+(\S+)\s+\S+\s+(\S+)", output, re.MULTILINE)
    percentiles = {int(p): duration_ms(v) for p, v in re.findall(r"^\s*(50|75|90|99)%\s+(\S+)\s*$", output, re.MULTILINE)}
    total = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", output, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    transfer = re.search(r"^Transfer/sec:\s+(\S+)", output, re.MULTILINE)
    if not (avg and total and rps and transfer) or set(percentiles) != {50, 75, 90, 99}:
        raise ValueError("unexpected wrk output:\n" + output)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = dict(zip(("connect", "read", "write", "timeout"), (int(x) for x in sock.groups()), strict=True)) if sock else {
        "connect": 0, "read": 0, "write": 0, "timeout": 0,
    }
    return WrkResult(
        requests=int(total.group(1)),
        seconds=duration_ms(total.group(2) + total.group(3)) / 1000.0,
        requests_per_sec=float(rps.group(1)),
        transfer_per_sec=transfer.group(1),
        latency_avg_ms=duration_ms(avg.group(1)),
        latency_p50_ms=percentiles[50],
        latency_p75_ms=percentiles[75],
        latency_p90_ms=percentiles[90],
        latency_p99_ms=percentiles[99],
        latency_max_ms=duration_ms(avg.group(2)),
        non_2xx_3xx=int(non2xx.group(1)) if non2xx else 0,
        socket_errors=socket_errors,
    )


def run(url: str, *, threads: int, connections: int, seconds: int) -> tuple[WrkResult, str]:
    """Load ``url`` for ``seconds`` and return the parsed result and wrk's raw output."""
    host = urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"refusing to load a non-loopback host: {host}")
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    # wrk stops by itself after -d; the extra margin only guards against a hung process.
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return parse(proc.stdout), proc.stdout
