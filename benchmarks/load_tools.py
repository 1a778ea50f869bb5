"""What the benchmarks and the load tests share: where gunicorn is, and reading wrk's report."""

import re
import sys
from pathlib import Path

import psutil

from sentiment_model.paths import ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")
GUNICORN_CONFIG = ROOT / "lessons" / "10_production" / "gunicorn.conf.py"
POST_SCRIPT = ROOT / "benchmarks" / "post.lua"

_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str) -> dict:
    """Requests, requests/s, p50/p99 in ms (with --latency), non-2xx and socket errors."""
    latency = {p: float(value) * _UNITS[unit] for p, value, unit in _LATENCY.findall(output)}
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = _SOCKET_ERRORS.search(output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def worker_rss(master_pid: int) -> dict[int, int]:
    """Resident memory, in bytes, of each worker process of the server's main process."""
    return {
        worker.pid: worker.memory_info().rss for worker in psutil.Process(master_pid).children()
    }
