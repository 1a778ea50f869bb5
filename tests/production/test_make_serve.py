"""`make serve`, exactly as the README tells a newcomer to run it."""

import json
import os
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import free_port, get, running_server

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


@pytest.fixture(scope="module")
def make_serve_url():
    """Run `make serve` on a free port (PORT=...) for the test; yield its base URL."""
    if shutil.which("make") is None or os.name != "posix":
        pytest.skip("`make serve` is for Linux and macOS; Windows runs waitress by hand")
    if not VENV_PYTHON.exists() or Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("`make serve` uses the repository's .venv; run the tests from it (make test)")
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name not in {"APP_ENV"}}
    base_url = f"http://127.0.0.1:{port}"
    with running_server(["make", "serve", f"PORT={port}"], f"{base_url}/health", ROOT, env):
        yield base_url


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


def test_make_serve_runs_gunicorn_in_production_mode_with_a_local_key(make_serve_url):
    with urllib.request.urlopen(make_serve_url + "/", timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" not in cookie, "plain http://127.0.0.1 needs SESSION_COOKIE_SECURE=0"
    key = ROOT / "instance" / "secret_key"
    assert key.is_file()
    assert key.stat().st_mode & 0o077 == 0
