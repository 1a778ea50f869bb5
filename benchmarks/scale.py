"""Two replicas of the image behind lesson 10's nginx: a kill and a rolling restart under load.

    python -m benchmarks.scale           # make scale-test; about 2 minutes, needs Podman

The scale-out tests run the same scenario and assert that no client request fails; this
command writes its figures (requests served, failed, p99 while a replica dies) to
benchmarks/results/scale.json, which lesson 11 shows. It needs a PostgreSQL server:
TEST_DATABASE_URL, as for the tests (lesson 10 says how to start one).
"""

import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import containers
from benchmarks.edge import free_port, running_nginx
from benchmarks.load_tools import POST_SCRIPT, parse_wrk
from sentiment_model.paths import ROOT
from tests.databases import TEST_DATABASE_URL, throwaway_schema

RESULTS = ROOT / "benchmarks" / "results"
LOAD_CONNECTIONS = 64
ONE_REVIEW = {"text": "The replica that answered this does not matter, and that is the point."}
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def wrk(url: str, seconds: int, body_file: Path) -> subprocess.Popen:
    """wrk with 64 connections, POST /api, in the background; read it with ``wrk_result``."""
    command = ["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s"]
    return subprocess.Popen(
        [*command, "--latency", "-s", str(POST_SCRIPT), url],
        env={**os.environ, "BODY_FILE": str(body_file)},
        stdout=subprocess.PIPE,
        text=True,
    )


def wrk_result(process: subprocess.Popen) -> dict:
    output, _ = process.communicate(timeout=300)
    report = parse_wrk(output)
    return {
        "requests": report["requests"],
        "failed": report["non_2xx"] + report["socket_errors"],
        "p99_ms": report["p99_ms"],
    }


def session_follows_the_visitor(first_port: int, second_port: int) -> bool:
    """A session made by one replica (cookie and CSRF token) is accepted by the other."""
    page = http.client.HTTPConnection("127.0.0.1", first_port, timeout=10)
    page.request("GET", "/")
    response = page.getresponse()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = _CSRF.search(response.read().decode()).group(1)
    page.close()
    form = http.client.HTTPConnection("127.0.0.1", second_port, timeout=10)
    text = f"Written on one replica, stored by the other ({time.time()})."
    body = f"csrf_token={token}&text={text.replace(' ', '+')}"
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    form.request("POST", "/", body=body, headers=headers)
    stored = form.getresponse()
    stored.read()
    form.request("GET", "/", headers={"Cookie": stored.getheader("Set-Cookie", cookie)})
    history = form.getresponse().read().decode()
    form.close()
    return stored.status == 303 and text in history


def requests_logged(name: str) -> int:
    return sum('"path": "/api"' in line for line in containers.logs(name).splitlines())


def wait_until_in_rotation(name: str, timeout: float = 30) -> None:
    """Until nginx sends the replica requests again, not merely until it answers /ready.

    nginx takes a replica that failed out of rotation for ``fail_timeout`` after its last
    failed attempt, so a replica can be ready and still unused for a moment. Restarting the
    other one then would leave nginx with none: wait for the load to reach this one first,
    as an orchestrator waits for readiness before it moves on.
    """
    before = requests_logged(name)
    deadline = time.monotonic() + timeout
    while requests_logged(name) <= before + 10:
        if time.monotonic() > deadline:
            raise RuntimeError(f"nginx sent {name} no requests within {timeout:.0f} s")
        time.sleep(0.2)


def run_scenario(database_url: str, folder: Path) -> dict:
    """The whole scenario; returns its figures (the callers judge them)."""
    ports = [free_port(), free_port()]
    body = folder / "body.json"
    body.write_text(json.dumps(ONE_REVIEW))
    figures: dict = {"replicas": 2, "connections": LOAD_CONNECTIONS}
    with containers.replicas(ports, DATABASE_URL=database_url, PROXY_HOPS="1") as names:
        figures["session_cookie_shared"] = session_follows_the_visitor(*ports)
        # Three failures in 2 s take a replica out of rotation for 2 s: a dead one quickly,
        # never a live one for a single dropped keep-alive connection.
        servers = [f"127.0.0.1:{port} max_fails=3 fail_timeout=2s" for port in ports]
        with running_nginx(folder / "nginx", servers, RATE_LIMIT_EXEMPT="127.0.0.1 1;") as edge:
            url = f"https://127.0.0.1:{edge['HTTPS_PORT']}/api"
            load = wrk(url, 12, body)
            time.sleep(4)
            containers.podman("kill", "--signal", "KILL", names[0])
            figures["replica_killed"] = wrk_result(load)
            before = requests_logged(names[0])
            containers.podman("start", names[0])
            containers.wait_until_ready(ports[0], names[0])
            after_restart = wrk_result(wrk(url, 3, body))
            figures["killed_replica_serves_again"] = requests_logged(names[0]) > before
            figures["after_restart"] = after_restart
            load = wrk(url, 40, body)
            time.sleep(3)
            for name, port in zip(names, ports, strict=True):
                containers.podman("stop", "--time", "30", name)
                containers.podman("start", name)
                containers.wait_until_ready(port, name)
                wait_until_in_rotation(name)
            figures["rolling_restart"] = wrk_result(load)
        figures["nginx"] = nginx_log_summary(edge["folder"])
    return figures


def nginx_log_summary(folder: Path) -> dict:
    """What nginx answered (statuses, 499 being wrk hanging up at its end), and the moments it
    had no replica left to try ("no live upstreams"): a failed request's explanation."""
    statuses: dict[str, int] = {}
    for line in (folder / "access.log").read_text(encoding="utf-8").splitlines():
        status = line.split('"')[2].split()[0] if line.count('"') >= 2 else "?"
        statuses[status] = statuses.get(status, 0) + 1
    errors = [
        line
        for line in (folder / "error.log").read_text(encoding="utf-8").splitlines()
        if "[error]" in line and "no live upstreams" in line
    ]
    return {"statuses": statuses, "unrecovered_errors": errors[:10]}


def main() -> None:
    if not TEST_DATABASE_URL:
        sys.exit("Set TEST_DATABASE_URL to a PostgreSQL server (lesson 10), then run this again.")
    containers.build_base_image()
    build_seconds = containers.build_app_image()
    with tempfile.TemporaryDirectory() as name, throwaway_schema() as url:
        figures = run_scenario(url, Path(name))
    figures["image"] = {
        "build_seconds": round(build_seconds, 1),
        "size_mb": round(containers.image_size_mb(containers.APP_IMAGE), 1),
        "base_size_mb": round(containers.image_size_mb(containers.BASE_IMAGE), 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
