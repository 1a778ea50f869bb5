"""final_app as `make serve` runs it (granian): a bounded load test, and faults one at a time.

The load test runs 5 s at 64 connections (LOAD_TEST_SECONDS=60 with `make load-test`).
It asserts correctness and memory, never speed: speed is in benchmarks/.
"""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from benchmarks.load_tools import POST_SCRIPT, parse_wrk, worker_rss
from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, MODELS_DIR, VECTORIZER_FILENAME
from tests.conftest import IN_CI, ROOT
from tests.final_app.live_server import SERVE_COMMAND, production_env, production_server
from tests.servers import get, refused_port

# wrk saturates both cores: in a parallel run, these wait for the other serial tests.
pytestmark = [pytest.mark.serial, pytest.mark.takes(35)]

LOAD_SECONDS = int(os.environ.get("LOAD_TEST_SECONDS") or 5)
CONNECTIONS = 64
WRK_HELP = "wrk is not installed: `sudo apt install wrk` (Debian/Ubuntu) or `brew install wrk`."


@pytest.fixture(scope="module")
def wrk_path():
    path = shutil.which("wrk")
    if path is None:
        if IN_CI:
            pytest.fail(WRK_HELP)
        pytest.skip(WRK_HELP)
    return path


@pytest.fixture
def body_file(tmp_path):
    path = tmp_path / "body.json"
    path.write_text(json.dumps({"text": "Sturdy case, and it still looks new after a year."}))
    return path


def wrk(wrk_path, url, body_file, seconds, connections=CONNECTIONS) -> subprocess.Popen:
    command = [wrk_path, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    return subprocess.Popen(
        [*command, "-s", str(POST_SCRIPT), url],
        env={**os.environ, "BODY_FILE": str(body_file)},
        stdout=subprocess.PIPE,
        text=True,
    )


def wrk_report(process: subprocess.Popen) -> dict:
    output, _ = process.communicate(timeout=LOAD_SECONDS + 60)
    assert process.returncode == 0, output
    return {**parse_wrk(output), "output": output}


def post(url: str, text: str) -> int:
    request = urllib.request.Request(
        url, data=json.dumps({"text": text}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_bounded_load_has_no_errors_and_steady_memory(wrk_path, body_file, tmp_path):
    with production_server(tmp_path) as (base_url, master):
        warm_up = wrk_report(wrk(wrk_path, f"{base_url}/api", body_file, 3))
        assert warm_up["socket_errors"] == warm_up["non_2xx"] == 0, warm_up["output"]
        warmed = worker_rss(master.pid)
        report = wrk_report(wrk(wrk_path, f"{base_url}/api", body_file, LOAD_SECONDS))
        after = worker_rss(master.pid)
    assert report["requests"] > LOAD_SECONDS * 10, report["output"]
    assert report["non_2xx"] == 0, report["output"]
    assert report["socket_errors"] == 0, report["output"]
    assert after.keys() == warmed.keys(), "a worker died during the load test"
    for pid, rss in after.items():
        assert rss <= warmed[pid] * 1.10, f"worker {pid} grew from {warmed[pid]} to {rss} bytes"


def test_a_worker_killed_under_load_is_replaced(wrk_path, body_file, tmp_path):
    with production_server(tmp_path) as (base_url, master):
        load = wrk(wrk_path, f"{base_url}/api", body_file, 6, connections=16)
        time.sleep(1.5)
        before = set(worker_rss(master.pid))
        victim = sorted(before)[0]
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            now = set(worker_rss(master.pid))
            if len(now) == len(before) and victim not in now:
                break
            time.sleep(0.1)
        else:
            pytest.fail(f"the server did not replace worker {victim}")
        wrk_report(load)
        statuses = [post(f"{base_url}/api", f"Review number {n}, works great.") for n in range(200)]
    assert statuses == [200] * 200


@pytest.mark.parametrize("fault", ["missing", "corrupt", "tampered"])
def test_the_server_refuses_to_start_with_bad_model_files(tmp_path, fault):
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    if fault == "missing":
        (models / VECTORIZER_FILENAME).unlink()
    elif fault == "corrupt":
        data = (models / MODEL_FILENAME).read_bytes()
        (models / MODEL_FILENAME).write_bytes(data[: len(data) // 2])
    else:
        card = json.loads((models / CARD_FILENAME).read_text())
        (models / MODEL_FILENAME).write_bytes((models / VECTORIZER_FILENAME).read_bytes())
        (models / CARD_FILENAME).write_text(json.dumps(card))
    env = production_env(tmp_path, MODEL_DIR=str(models))
    result = subprocess.run(
        SERVE_COMMAND, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "ModelFileError" in result.stderr
    assert ("is missing" if fault == "missing" else "SHA-256") in result.stderr
    assert "make model" in result.stderr


def test_database_down_ready_is_503_while_the_api_predicts(tmp_path):
    with refused_port() as port:
        down = f"postgresql://course:course@127.0.0.1:{port}/reviews"
        with production_server(tmp_path, DATABASE_URL=down) as (base_url, _):
            ready_status, ready = get(f"{base_url}/ready")
            assert post(f"{base_url}/api", "Lovely little speaker.") == 200
            page_status, page = get(f"{base_url}/")
    assert ready_status == 503
    assert json.loads(ready)["checks"]["database"] == "unavailable"
    assert page_status == 200
    assert "The history is unavailable right now" in page
