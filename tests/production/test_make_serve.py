"""`make serve`, exactly as the README tells a newcomer to run it."""

import json
import os
import shutil
import sys
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.conftest import ROOT
from tests.servers import free_port, get, running_server

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


@pytest.fixture(scope="module")
def make_serve():
    """Run `make serve` on a free port (PORT=...) for the test; yield its URL and process."""
    if shutil.which("make") is None or os.name != "posix":
        pytest.skip("`make serve` is for Linux and macOS; Windows runs `python -m final_app.serve`")
    if not VENV_PYTHON.exists() or Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("`make serve` uses the repository's .venv; run the tests from it (make test)")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name not in {"APP_ENV"}}
    base_url = f"http://127.0.0.1:{port}"
    with running_server(["make", "serve", f"PORT={port}"], f"{base_url}/health", ROOT, env) as make:
        yield base_url, make


@pytest.fixture(scope="module")
def make_serve_url(make_serve):
    return make_serve[0]


def test_make_serve_answers_the_articles_request(make_serve_url):
    request = urllib.request.Request(
        f"{make_serve_url}/api",
        data=json.dumps({"text": "Great phone"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["prediction"] == "positive"
    status, page = get(make_serve_url + "/")
    assert status == 200
    assert "Is this review positive or negative?" in page


def test_make_serve_runs_in_production_mode_with_a_local_key(make_serve_url):
    with urllib.request.urlopen(make_serve_url + "/", timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" not in cookie, "plain http://127.0.0.1 needs SESSION_COOKIE_SECURE=0"
    key = ROOT / "instance" / "secret_key"
    assert key.is_file()
    assert key.stat().st_mode & 0o077 == 0


def test_make_serve_runs_granian_with_two_workers(make_serve):
    """The server the benchmarks chose, with make serve's default WEB_CONCURRENCY=2."""
    _, make = make_serve
    serving = [
        process
        for process in psutil.Process(make.pid).children(recursive=True)
        if process.cmdline()[-2:] == ["-m", "final_app.serve"]
    ]
    [main] = [process for process in serving if process.ppid() not in {p.pid for p in serving}]
    assert {worker.pid for worker in main.children()} == {p.pid for p in serving} - {main.pid}
    assert len(main.children()) == 2
