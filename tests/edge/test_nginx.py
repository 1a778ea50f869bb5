"""Lesson 10's nginx.conf, for real: Debian's nginx in front of the app, all on 127.0.0.1.

The configuration is the lesson's file, filled in by its nginx_site.sh as a learner
installs it, with a self-signed certificate the tests make. They check what it protects
against: bursts (429 in the API's JSON shape), oversized bodies (413, before the app), and
slow clients (held by nginx, not by the app's workers).
"""

import contextlib
import http.client
import json
import re
import ssl
import subprocess
import time
from collections.abc import Iterator

import pytest

from benchmarks.edge import (
    NGINX_HELP,
    NGINX_SITE_SCRIPT,
    SlowClients,
    missing_tools,
    placeholders,
    render,
    running_nginx,
)
from tests.conftest import IN_CI
from tests.final_app.live_server import gunicorn_server, production_server

pytestmark = [pytest.mark.serial, pytest.mark.takes(24)]
SLOW_CLIENTS = 50


@pytest.fixture(scope="module", autouse=True)
def nginx_tools():
    if missing := missing_tools():
        message = f"{', '.join(missing)} missing. {NGINX_HELP}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """final_app as `make serve` runs it, trusting one proxy hop (PROXY_HOPS=1)."""
    with production_server(tmp_path_factory.mktemp("app"), PROXY_HOPS="1") as (url, process):
        yield url, process


@pytest.fixture(scope="module")
def edge(app, tmp_path_factory):
    """nginx with the lesson's configuration in front of the app; yields its values."""
    address = app[0].removeprefix("http://")
    with running_nginx(tmp_path_factory.mktemp("nginx"), [address]) as values:
        yield values


def tls_context(values: dict) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=values["TLS_CERTIFICATE"])


@contextlib.contextmanager
def connection(values: dict) -> Iterator[http.client.HTTPSConnection]:
    """One kept-alive HTTPS connection to nginx, verifying the test's certificate."""
    conn = http.client.HTTPSConnection(
        "127.0.0.1", int(values["HTTPS_PORT"]), context=tls_context(values), timeout=10
    )
    try:
        yield conn
    finally:
        conn.close()


def send(conn, method: str, path: str, body=None, headers=None) -> tuple[int, dict, bytes]:
    payload = json.dumps(body).encode() if body is not None else None
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    conn.request(method, path, body=payload, headers=all_headers)
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def server_log(process) -> list[dict]:
    """The app's JSON request lines so far."""
    process.stdout.seek(0)
    lines = process.stdout.read().decode(errors="replace").splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def test_the_lessons_script_fills_in_every_value_the_file_leaves_open():
    script = NGINX_SITE_SCRIPT.read_text(encoding="utf-8")
    named = re.search(r"envsubst '([^']*)'", script).group(1).split()
    assert set(named) == {f"${{{name}}}" for name in placeholders()}
    assert placeholders(render({"SERVER_NAME": "reviews.example.com"})) == []


def test_the_installed_defaults_are_a_production_site():
    """Without any values, the script prints the lesson's production configuration."""
    site = render({"SERVER_NAME": "reviews.example.com"})
    assert "listen 443 ssl" in site
    assert "/etc/letsencrypt/live/reviews.example.com/fullchain.pem" in site
    assert "server 127.0.0.1:5000;" in site
    assert "$host$request_uri" in site, "nginx's own variables must survive envsubst"


def test_nginx_accepts_the_configuration(edge):
    """`nginx -t` on the file as filled in for the tests (running_nginx also ran it)."""
    result = subprocess.run(
        ["nginx", "-t", "-p", str(edge["folder"]), "-c", str(edge["config"])],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_plain_http_is_sent_to_https(edge):
    conn = http.client.HTTPConnection("127.0.0.1", int(edge["HTTP_PORT"]), timeout=10)
    conn.request("GET", "/api?x=1", headers={"Host": "localhost"})
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == "https://localhost/api?x=1"
    conn.close()


def test_the_api_answers_through_nginx_and_sees_the_real_client(edge, app):
    """The app trusts exactly nginx's hop: a client's own X-Forwarded-For is not believed."""
    with connection(edge) as conn:
        status, headers, body = send(
            conn,
            "POST",
            "/api",
            {"text": "Lovely little speaker."},
            {"X-Forwarded-For": "203.0.113.66", "X-Request-ID": "edge-test-1"},
        )
    assert status == 200
    assert json.loads(body)["prediction"] == "positive"
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    line = next(entry for entry in server_log(app[1]) if entry.get("path") == "/api")
    assert line["remote_addr"] == "127.0.0.1", "the spoofed address was believed"
    assert line["request_id"] != "edge-test-1", "nginx sets the request id itself"


def test_static_files_are_served_by_nginx(edge, app):
    with connection(edge) as conn:
        status, headers, body = send(conn, "GET", "/static/app.css")
    assert status == 200
    assert headers["Content-Type"] == "text/css"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b"--positive" in body
    paths = [entry.get("path", "") for entry in server_log(app[1])]
    assert not [path for path in paths if path.startswith("/static")]


def burst(values: dict, path: str, count: int, body) -> list[tuple[int, dict, bytes]]:
    """``count`` requests as fast as one kept-alive connection sends them."""
    with connection(values) as conn:
        return [send(conn, "POST" if body else "GET", path, body) for _ in range(count)]


def test_a_burst_above_the_limit_gets_json_429s_with_retry_after(edge):
    answers = burst(edge, "/api", 120, {"text": "Fine."})
    statuses = [status for status, _, _ in answers]
    assert statuses[:40] == [200] * 40, "the burst of 40 must pass whole"
    refused = [(headers, body) for status, headers, body in answers if status == 429]
    assert len(refused) >= 40
    headers, body = refused[0]
    assert headers["Content-Type"] == "application/json"
    assert headers["Retry-After"] == "1"
    assert json.loads(body)["error"]["code"] == "rate_limited"
    time.sleep(2.5)  # the bucket refills at 20 a second


def test_batches_have_a_stricter_limit(edge):
    answers = burst(edge, "/api/batch", 12, {"texts": ["Fine.", "Awful."]})
    statuses = [status for status, _, _ in answers]
    assert statuses[:6] == [200] * 6
    assert statuses.count(429) >= 5


def test_health_and_readiness_are_never_limited(edge):
    for path in ("/health", "/ready"):
        statuses = [status for status, _, _ in burst(edge, path, 150, None)]
        assert statuses == [200] * 150, path


def test_requests_within_the_limit_all_succeed(edge):
    with connection(edge) as conn:
        statuses = []
        for _ in range(30):
            statuses.append(send(conn, "POST", "/api", {"text": "Works."})[0])
            time.sleep(0.06)  # about 16 a second, under the steady rate of 20
    assert statuses == [200] * 30


def test_an_oversized_body_is_refused_by_nginx_before_the_app(edge, app):
    before = len(server_log(app[1]))
    with connection(edge) as conn:
        status, headers, body = send(conn, "POST", "/api", {"text": "x" * (1024 * 1024 + 1)})
    assert status == 413
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "request_entity_too_large"
    assert len(server_log(app[1])) == before, "the app saw the request"


def test_the_load_test_switch_lifts_the_limits_for_listed_addresses(app, tmp_path):
    address = app[0].removeprefix("http://")
    with running_nginx(tmp_path, [address], RATE_LIMIT_EXEMPT="127.0.0.1 1;") as values:
        statuses = [status for status, _, _ in burst(values, "/api", 150, {"text": "Fine."})]
    assert statuses == [200] * 150


def timed_post(url_or_conn_factory, timeout: float) -> float | None:
    """Seconds a normal POST /api takes, or None if it got no answer within ``timeout``."""
    started = time.monotonic()
    conn = url_or_conn_factory(timeout)
    try:
        status, _, _ = send(conn, "POST", "/api", {"text": "A normal request."})
    except (TimeoutError, OSError):
        return None
    finally:
        conn.close()
    assert status == 200
    return time.monotonic() - started


def plain_connection(base_url: str):
    host, port = base_url.removeprefix("http://").split(":")
    return lambda timeout: http.client.HTTPConnection(host, int(port), timeout=timeout)


def test_slow_clients_wait_at_nginx_while_a_normal_request_is_answered(edge):
    with SlowClients(int(edge["HTTPS_PORT"]), SLOW_CLIENTS, tls_context(edge)):
        seconds = timed_post(
            lambda timeout: http.client.HTTPSConnection(
                "127.0.0.1", int(edge["HTTPS_PORT"]), context=tls_context(edge), timeout=timeout
            ),
            timeout=5,
        )
    assert seconds is not None
    assert seconds < 5


def test_slow_clients_hold_gunicorns_sync_workers_without_nginx(tmp_path):
    """The contrast: straight at two sync workers, a handful of slow clients stalls them."""
    with gunicorn_server(tmp_path, WEB_CONCURRENCY="2") as (base_url, _):
        port = int(base_url.rsplit(":", 1)[1])
        with SlowClients(port, SLOW_CLIENTS):
            blocked = timed_post(plain_connection(base_url), timeout=3)
        released = timed_post(plain_connection(base_url), timeout=10)
    assert blocked is None, "a normal request got through while the slow clients held on"
    assert released is not None, "the server did not recover once they let go"


def test_granian_keeps_answering_slow_clients_without_nginx(app):
    """The chosen server reads requests in Rust, off the Python workers, so it keeps going.

    nginx still goes in front in production: it limits rates, refuses huge bodies early,
    and gives up on clients that take longer than its timeouts.
    """
    port = int(app[0].rsplit(":", 1)[1])
    with SlowClients(port, SLOW_CLIENTS):
        seconds = timed_post(plain_connection(app[0]), timeout=5)
    assert seconds is not None
    assert seconds < 5
