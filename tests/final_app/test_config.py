"""Starting the app: configuration from the environment, refusals, headers, request logs."""

import json
import logging
import os
import shutil

import pytest
from flask import request

from final_app import create_app
from final_app.config import ConfigurationError, database_url
from final_app.local_secret import local_secret_key
from final_app.security import SECURITY_HEADERS
from sentiment_model.loader import ModelFileError
from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, MODELS_DIR, VECTORIZER_FILENAME


def test_production_refuses_to_start_without_a_secret_key(app_env):
    app_env.setenv("APP_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app()


def test_without_a_database_url_it_says_the_history_stays_on_this_machine(
    app_env, tmp_path, caplog
):
    """In a container that means the history goes with the container: the log says so."""
    app_env.setenv("APP_ENV", "production")
    app_env.setenv("SECRET_KEY", "from-the-platform-secret-store-0123456789")
    app_env.delenv("DATABASE_URL")
    with caplog.at_level(logging.WARNING, logger="final_app"):
        app = create_app()
    [record] = [r for r in caplog.records if "DATABASE_URL is not set" in r.getMessage()]
    assert app.instance_path in record.getMessage()
    assert "lost with the container" in record.getMessage()
    caplog.clear()
    app_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'kept.sqlite'}")
    with caplog.at_level(logging.WARNING, logger="final_app"):
        create_app()
    assert not [r for r in caplog.records if "DATABASE_URL" in r.getMessage()]


def test_production_is_the_default_environment(app_env):
    app_env.delenv("APP_ENV")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()


def test_production_with_a_key_uses_secure_cookies(app_env):
    app_env.setenv("APP_ENV", "production")
    app_env.setenv("SECRET_KEY", "from-the-platform-secret-store-0123456789")
    app = create_app()
    assert app.secret_key == "from-the-platform-secret-store-0123456789"
    assert app.debug is False
    header = app.test_client().get("/").headers["Set-Cookie"]
    assert "Secure" in header
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


def test_secure_cookies_can_be_switched_off_for_plain_http_on_localhost(app_env):
    app_env.setenv("APP_ENV", "production")
    app_env.setenv("SECRET_KEY", "k" * 32)
    app_env.setenv("SESSION_COOKIE_SECURE", "0")
    assert "Secure" not in create_app().test_client().get("/").headers["Set-Cookie"]


def test_production_refuses_a_short_secret_key(app_env):
    app_env.setenv("APP_ENV", "production")
    app_env.setenv("SECRET_KEY", "hunter2")
    with pytest.raises(ConfigurationError, match="shorter than 32 characters"):
        create_app()


@pytest.mark.parametrize(
    ("name", "value"),
    [("PROXY_HOPS", "one"), ("PROXY_HOPS", "-1"), ("SESSION_COOKIE_SECURE", "ture")],
)
def test_malformed_settings_are_refused_with_what_to_write(app_env, name, value):
    app_env.setenv(name, value)
    with pytest.raises(ConfigurationError, match=name):
        create_app()


def test_unknown_environment_is_refused(app_env):
    app_env.setenv("APP_ENV", "staging")
    with pytest.raises(ConfigurationError, match="APP_ENV='staging'"):
        create_app()


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:p@db/reviews", "postgresql+psycopg://u:p@db/reviews"),
        ("postgres://u:p@db/reviews", "postgresql+psycopg://u:p@db/reviews"),
        ("postgresql+psycopg://u@db/r", "postgresql+psycopg://u@db/r"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_database_url_uses_the_installed_driver(given, used):
    assert database_url(given) == used


@pytest.mark.parametrize("damage", ["tamper", "missing", "other-sklearn"])
def test_refuses_to_start_with_unverified_model_files(app_env, tmp_path, damage):
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    if damage == "tamper":
        (models / VECTORIZER_FILENAME).write_bytes(b"not the file the card describes")
    elif damage == "missing":
        (models / MODEL_FILENAME).unlink()
    else:
        card = json.loads((models / CARD_FILENAME).read_text())
        card["versions"]["scikit-learn"] = "0.24.2"
        (models / CARD_FILENAME).write_text(json.dumps(card))
    app_env.setenv("MODEL_DIR", str(models))
    with pytest.raises(ModelFileError, match="make model"):
        create_app()


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [("/models", "text/html"), ("/apiary", "text/html"), ("/api/nope", "application/json")],
)
def test_only_service_paths_answer_json_errors(client, path, mimetype):
    assert client.get(path).mimetype == mimetype


@pytest.mark.parametrize("path", ["/", "/api/nope", "/health", "/nowhere", "/static/app.css"])
def test_security_headers_on_every_response(client, path):
    with client.get(path) as response:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value


def test_one_json_log_line_per_request_with_its_id(client):
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.fields)
    logger = logging.getLogger("final_app.requests")
    logger.addHandler(handler)
    try:
        response = client.post("/api", json={"text": "Fine."}, headers={"X-Request-ID": "abc-123"})
        client.get("/health")
    finally:
        logger.removeHandler(handler)
    assert response.headers["X-Request-ID"] == "abc-123"
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", "/api", 200),
        ("GET", "/health", 200),
    ]
    assert lines[0]["request_id"] == "abc-123"
    assert lines[0]["duration_ms"] >= 0


def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/health", headers={"X-Request-ID": "<script>" + "x" * 100})
    assert "<" not in response.headers["X-Request-ID"]
    assert len(response.headers["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    ("hops", "seen"),
    [
        ("0", {"remote_addr": "127.0.0.1", "scheme": "http"}),
        ("1", {"remote_addr": "198.51.100.7", "scheme": "https"}),
    ],
)
def test_forwarded_headers_are_trusted_for_exactly_proxy_hops(app_env, hops, seen):
    """Behind one proxy, believe one X-Forwarded-For entry: the rest a client can forge."""
    app_env.setenv("PROXY_HOPS", hops)
    app = create_app()

    @app.get("/api/whoami")
    def whoami():
        return {"remote_addr": request.remote_addr, "scheme": request.scheme}

    headers = {"X-Forwarded-For": "203.0.113.9, 198.51.100.7", "X-Forwarded-Proto": "https"}
    assert app.test_client().get("/api/whoami", headers=headers).get_json() == seen


def test_local_secret_key_is_made_once_and_kept_private(tmp_path):
    first = local_secret_key(tmp_path / "instance")
    assert len(first) == 64
    assert local_secret_key(tmp_path / "instance") == first
    if os.name == "posix":
        assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0
