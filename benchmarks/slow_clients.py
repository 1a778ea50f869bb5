"""What 50 slow clients do to the latency of everyone else, with and without nginx.

    python -m benchmarks.slow_clients           # make benchmark-slow-clients; about a minute

Three ways in to the same app: through lesson 10's nginx (in front of granian), straight
at granian, and straight at gunicorn's two sync workers. For each, wrk measures POST /api
(4 connections, 5 s, requests that take over 2 s count as timeouts) first alone, then while
50 connections send their headers a byte a second. Results go to
benchmarks/results/slow_clients.json, which lesson 10 shows.
"""

import json
import os
import ssl
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.edge import SlowClients, running_nginx
from benchmarks.load_tools import GUNICORN, GUNICORN_CONFIG, POST_SCRIPT, parse_wrk
from benchmarks.run_benchmarks import (
    ONE_REVIEW,
    RESULTS,
    server_environment,
    stop,
    wait_until_healthy,
)
from sentiment_model.paths import ROOT

SLOW = 50
SECONDS = 5


def wrk(url: str, body: Path) -> dict:
    command = ["wrk", "-t1", "-c4", f"-d{SECONDS}s", "--timeout", "2s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(POST_SCRIPT), url],
        env={**os.environ, "BODY_FILE": str(body)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = parse_wrk(output)
    return {key: report[key] for key in ("requests", "p50_ms", "p99_ms", "socket_errors")}


def start(command: list[str], folder: Path, port: int, **settings: str) -> subprocess.Popen:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**server_environment(folder, port), "WEB_CONCURRENCY": "2", **settings},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_until_healthy(port, process, command[0])
    return process


def measure(url: str, port: int, body: Path, context=None) -> dict:
    alone = wrk(url, body)
    with SlowClients(port, SLOW, context):
        held = wrk(url, body)
    return {"alone": alone, "with_slow_clients": held}


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        body = folder / "body.json"
        body.write_text(json.dumps({"text": ONE_REVIEW}))
        granian = start(
            [sys.executable, "-m", "final_app.serve"],
            folder,
            5201,
            PROXY_HOPS="1",
        )
        gunicorn = start(
            [str(GUNICORN), "--config", str(GUNICORN_CONFIG), "final_app:create_app()"],
            folder,
            5202,
        )
        try:
            with running_nginx(
                folder / "nginx", ["127.0.0.1:5201"], RATE_LIMIT_EXEMPT="127.0.0.1 1;"
            ) as edge:
                context = ssl.create_default_context(cafile=edge["TLS_CERTIFICATE"])
                port = int(edge["HTTPS_PORT"])
                results["nginx, then granian"] = measure(
                    f"https://127.0.0.1:{port}/api", port, body, context
                )
            results["granian alone"] = measure("http://127.0.0.1:5201/api", 5201, body)
            results["gunicorn sync alone"] = measure("http://127.0.0.1:5202/api", 5202, body)
        finally:
            stop(granian)
            stop(gunicorn)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "slow_clients.json").write_text(
        json.dumps({"slow_clients": SLOW, "seconds": SECONDS, "results": results}, indent=2) + "\n"
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
