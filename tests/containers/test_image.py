"""The image, run for real: its contract, its user, its refusals, and a graceful stop.

Each container runs on the host's network (so it reaches the PostgreSQL of the tests) and
listens on 127.0.0.1 only.
"""

import json
import shutil
import threading
import time
import urllib.request

import pytest

from benchmarks import containers
from benchmarks.edge import free_port
from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, MODELS_DIR, VECTORIZER_FILENAME
from tests.databases import throwaway_schema
from tests.servers import get

pytestmark = pytest.mark.serial


def post(url: str, body: dict, timeout: float = 30) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.load(response)


@pytest.fixture(scope="module")
def running(app_image, postgres_url):
    """One container of the image, on PostgreSQL (a schema of its own)."""
    port = free_port()
    with throwaway_schema() as url:
        name = f"course-image-{port}"
        try:
            containers.run_container(name, port, DATABASE_URL=url)
            containers.wait_until_ready(port, name)
            yield f"http://127.0.0.1:{port}", name
        finally:
            containers.remove(name)


def test_the_image_answers_health_ready_and_the_api(running):
    base, _ = running
    assert get(f"{base}/health") == (200, '{"status":"ok"}\n')
    status, ready = get(f"{base}/ready")
    assert status == 200
    assert json.loads(ready)["checks"] == {"model": "ok", "database": "ok"}
    status, answer = post(f"{base}/api", {"text": "The room was spotless and the staff kind."})
    assert status == 200
    assert answer["prediction"] == "positive"
    card = json.loads((MODELS_DIR / CARD_FILENAME).read_text())
    assert answer["model_version"] == card["model_version"]


def test_the_app_runs_as_a_user_that_is_not_root(running):
    _, name = running
    result = containers.podman(
        "exec", name, "python3", "-c", "import os; print(os.getuid(), os.getgid())"
    )
    assert result.stdout.split() == ["10001", "10001"]
    top = containers.podman("top", name, "user").stdout.split()[1:]
    assert top, "no processes"
    assert "root" not in top


def test_it_logs_one_json_line_per_request_to_its_output(running):
    base, name = running
    get(f"{base}/health")
    lines = [line for line in containers.logs(name).splitlines() if line.startswith("{")]
    assert any(json.loads(line).get("path") == "/health" for line in lines)


def refusal(*options: str, **env: str) -> tuple[int, str]:
    """Run the image in the foreground; its exit code and everything it printed."""
    variables = [f"--env={key}={value}" for key, value in env.items()]
    result = containers.podman(
        "run",
        "--rm",
        "--network",
        "host",
        *variables,
        *options,
        containers.APP_IMAGE,
        check=False,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key(app_image):
    code, output = refusal(PORT=str(free_port()), HOST="127.0.0.1")
    assert code != 0
    assert "SECRET_KEY is not set" in output


def test_it_refuses_to_start_with_a_tampered_model_file(app_image, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    (models / MODEL_FILENAME).write_bytes((models / VECTORIZER_FILENAME).read_bytes())
    models.chmod(0o755)
    for path in models.iterdir():
        path.chmod(0o644)
    code, output = refusal(
        f"--volume={models}:/app/models:ro",
        SECRET_KEY=containers.SECRET_KEY,
        PORT=str(free_port()),
        HOST="127.0.0.1",
    )
    assert code != 0
    assert "does not match the SHA-256" in output
    assert "make model" in output


def test_without_a_database_url_it_says_the_history_is_lost_with_the_container(app_image):
    port = free_port()
    name = f"course-sqlite-{port}"
    try:
        containers.run_container(name, port)
        containers.wait_until_ready(port, name)
        status, _ = post(f"http://127.0.0.1:{port}/api", {"text": "Fine."})
        assert status == 200
        assert "lost with the container" in containers.logs(name)
    finally:
        containers.remove(name)


def test_it_runs_with_a_read_only_root_filesystem(app_image, postgres_url):
    """As deploy/kubernetes/deployment.yaml runs it: only /tmp and the instance folder write.

    The instance folder is a volume there (an emptyDir) and here (an anonymous volume).
    """
    port = free_port()
    name = f"course-read-only-{port}"
    with throwaway_schema() as url:
        try:
            containers.run_container(
                name,
                port,
                "--read-only",
                "--tmpfs=/tmp",
                "--volume=/app/instance",
                DATABASE_URL=url,
            )
            containers.wait_until_ready(port, name)
            assert post(f"http://127.0.0.1:{port}/api", {"text": "Lovely."})[0] == 200
        finally:
            containers.remove(name)


def test_on_sigterm_it_finishes_the_requests_in_flight_and_exits(app_image, postgres_url):
    port = free_port()
    name = f"course-sigterm-{port}"
    texts = [f"Review {n}: the soup was cold but the staff were lovely." for n in range(1000)]
    answers: list = []

    def batch():
        try:
            answers.append(post(f"http://127.0.0.1:{port}/api/batch", {"texts": texts})[0])
        except OSError as error:
            answers.append(error)

    with throwaway_schema() as url:
        try:
            containers.run_container(name, port, DATABASE_URL=url, GRACEFUL_TIMEOUT="10")
            containers.wait_until_ready(port, name)
            clients = [threading.Thread(target=batch) for _ in range(6)]
            for client in clients:
                client.start()
            time.sleep(0.15)
            started = time.monotonic()
            containers.podman("kill", "--signal", "TERM", name)
            for client in clients:
                client.join(timeout=30)
            containers.podman("wait", name, timeout=30)
            stopped = time.monotonic() - started
            exit_code = containers.state(name)["ExitCode"]
        finally:
            containers.remove(name)
    assert answers == [200] * 6, "a request in flight was dropped"
    assert stopped < 10
    assert exit_code == 0
