"""The operator endpoints: /health, /ready, /model and the OpenAPI document itself."""

import pytest
from openapi_spec_validator import validate

from final_app import create_app
from tests.final_app.conftest import SHIPPED_CARD, assert_matches_spec
from tests.forms import submit_form
from tests.servers import refused_port


@pytest.fixture
def app(app_on_each_database):
    """These tests touch the database, so they run on each one the suite has."""
    return app_on_each_database


@pytest.fixture(params=["sqlite-file-it-cannot-open", "postgresql-server-that-is-down"])
def app_without_database(app_env, tmp_path, request):
    """The app with a database it cannot reach; it must start anyway."""
    with refused_port() as port:
        if request.param.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / 'missing' / 'app.sqlite'}"
        else:
            url = f"postgresql://course:course@127.0.0.1:{port}/reviews"
        app_env.setenv("DATABASE_URL", url)
        yield create_app()


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert_matches_spec(response)


def test_ready_when_model_and_database_answer(client):
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}
    assert_matches_spec(response)


def test_not_ready_without_the_database_but_still_predicting(app_without_database):
    client = app_without_database.test_client()
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"model": "ok", "database": "unavailable"}
    assert_matches_spec(response)
    assert client.get("/health").status_code == 200
    assert client.post("/api", json={"text": "Works great."}).status_code == 200


def test_ready_creates_the_table_when_the_database_comes_back(app_env, tmp_path):
    """Down at start-up, up later: the first readiness check creates what was missing."""
    folder = tmp_path / "later"
    app_env.setenv("DATABASE_URL", f"sqlite:///{folder / 'app.sqlite'}")
    client = create_app().test_client()
    assert client.get("/ready").status_code == 503
    folder.mkdir()
    assert client.get("/ready").status_code == 200
    assert submit_form(client, "/", {"text": "Back in business, works great."}).status_code == 303
    assert "Back in business" in client.get("/").get_data(as_text=True)


def test_model_serves_the_card(client):
    response = client.get("/model")
    assert response.status_code == 200
    assert response.get_json() == SHIPPED_CARD
    assert_matches_spec(response)


def test_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"] == "3.1.0"


def test_openapi_documents_every_json_route(app, client):
    documented = {
        (path, method.upper())
        for path, operations in client.get("/openapi.json").get_json()["paths"].items()
        for method in operations
    }
    served = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("api.", "service.")) and rule.rule != "/openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == documented


def test_openapi_error_schema_matches_the_error_shape(client):
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    detail = schemas["ErrorDetail"]
    assert set(detail["properties"]) == {"code", "message", "fields"}
    assert set(detail["required"]) == {"code", "message"}
