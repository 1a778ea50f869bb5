"""Fixtures for final_app: an app on a throwaway database, its client, and spec checks."""

import functools
import io
import json

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.wrappers import Request

from final_app import create_app
from final_app.extensions import db
from final_app.openapi import build_openapi
from sentiment_model.paths import CARD_FILENAME, MODELS_DIR
from tests.final_app.live_server import served_final_app

SHIPPED_CARD = json.loads((MODELS_DIR / CARD_FILENAME).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def unpickled_once(model_files_unpickled_once):
    """Every app of these tests verifies the model files; it unpickles them only once."""


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    """The environment create_app reads: testing mode and a database file of the test's own."""
    for name in ("SECRET_KEY", "MODEL_DIR", "PROXY_HOPS", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("APP_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'final_app.sqlite'}")
    return monkeypatch


@pytest.fixture
def app(app_env):
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def app_on_each_database(app_env, database_url):
    """The app on SQLite, and again on PostgreSQL when TEST_DATABASE_URL names a server."""
    app_env.setenv("DATABASE_URL", database_url)
    app = create_app()
    yield app
    with app.app_context():
        db.engine.dispose()


@functools.cache
def openapi() -> OpenAPI:
    return OpenAPI.from_dict(build_openapi())


def assert_matches_spec(response) -> None:
    """The response is one the OpenAPI document allows for its request (status and body).

    Only the request's method and path matter here; the app has already read its body, so
    the check sees the same request with an empty one.
    """
    environ = {**response.request.environ, "wsgi.input": io.BytesIO(), "CONTENT_LENGTH": "0"}
    openapi().validate_response(
        WerkzeugOpenAPIRequest(Request(environ)), WerkzeugOpenAPIResponse(response)
    )


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The base URL of final_app served as `make serve` serves it, for the module's tests."""
    with served_final_app(tmp_path_factory.mktemp("live")) as base_url:
        yield base_url
