"""POST /api and POST /api/batch: predictions, limits, and every error the API answers."""

import json

import pytest
from sqlalchemy import func, select

from final_app.extensions import db
from final_app.models import StoredPrediction
from tests.final_app.conftest import SHIPPED_CARD, assert_matches_spec
from tests.json_errors import assert_json_error

VERSION = SHIPPED_CARD["model_version"]


def test_predict_answers_the_articles_contract(client):
    response = client.post("/api", json={"text": "Great phone, the battery lasts for days."})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"prediction", "probability", "model_version"}
    assert body["prediction"] == "positive"
    assert body["model_version"] == VERSION
    assert type(body["probability"]) is float
    assert 0.5 <= body["probability"] <= 1.0
    assert_matches_spec(response)


def test_predict_negative(client):
    response = client.post("/api", json={"text": "Stopped working after a week. Total junk."})
    assert response.get_json()["prediction"] == "negative"


def test_batch_answers_in_order(client):
    texts = ["I love it, works perfectly.", "Broke on day two, waste of money.", "Excellent!"]
    response = client.post("/api/batch", json={"texts": texts})
    assert response.status_code == 200
    body = response.get_json()
    assert [p["prediction"] for p in body["predictions"]] == ["positive", "negative", "positive"]
    assert body["model_version"] == VERSION
    assert_matches_spec(response)


def test_batch_agrees_with_single_predictions(client):
    texts = ["Not bad at all.", "The strap snapped.", "Meh, it's fine I guess."]
    batch = client.post("/api/batch", json={"texts": texts}).get_json()["predictions"]
    single = [client.post("/api", json={"text": text}).get_json() for text in texts]
    for one, many in zip(single, batch, strict=True):
        assert one["prediction"] == many["prediction"]
        assert one["probability"] == pytest.approx(many["probability"])


def test_limits_are_inclusive(client):
    assert client.post("/api", json={"text": "x" * 5000}).status_code == 200
    response = client.post("/api/batch", json={"texts": ["Good value."] * 1000})
    assert response.status_code == 200
    assert len(response.get_json()["predictions"]) == 1000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n\t"}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"text": 42}, "text"),
        ({"text": ["Great phone"]}, "text"),
        ({"text": None}, "text"),
        ({"text": "\ud800 lone surrogate"}, "text"),
        ({"text": "Great", "stars": 5}, "stars"),
        (["Great phone"], "body"),
        ("Great phone", "body"),
        (None, "body"),
    ],
)
def test_invalid_predict_is_422_naming_the_field(client, body, field):
    response = client.post("/api", data=json.dumps(body), content_type="application/json")
    error = assert_json_error(response, 422, "validation_failed")
    assert set(error["fields"]) == {field}
    assert_matches_spec(response)


def test_text_error_says_what_to_send(client):
    error = assert_json_error(client.post("/api", json={"text": ""}), 422)
    assert error["fields"]["text"] == "must be a non-empty string of at most 5,000 characters"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"texts": []}, "texts"),
        ({"texts": ["ok"] * 1001}, "texts"),
        ({"texts": "Great phone"}, "texts"),
        ({"texts": ["fine", "", "fine"]}, "texts.1"),
        ({"texts": ["fine", 3]}, "texts.1"),
        ({"text": "Great phone"}, "texts"),
    ],
)
def test_invalid_batch_is_422_naming_the_item(client, body, field):
    error = assert_json_error(client.post("/api/batch", json=body), 422, "validation_failed")
    assert field in error["fields"]


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
@pytest.mark.parametrize(
    "body", ['{"text": ', "{'text': 'single quotes'}", "", "\xff\xfe not utf-8", "NaNa"]
)
def test_malformed_json_is_400(client, path, body):
    response = client.post(path, data=body, content_type="application/json")
    assert_json_error(response, 400, "bad_request")
    assert_matches_spec(response)


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
def test_deeply_nested_json_is_400_not_500(client, path):
    response = client.post(
        path, data="[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    error = assert_json_error(response, 400, "bad_request")
    assert "nested too deeply" in error["message"]


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ({"text": "Great phone"}, None),
        ('{"text": "Great phone"}', "text/plain"),
        ('{"text": "Great phone"}', "application/x-www-form-urlencoded"),
        ('{"text": "Great phone"}', "multipart/form-data; boundary=x"),
    ],
)
def test_body_that_is_not_declared_json_is_415(client, path, data, content_type):
    response = client.post(path, data=data, content_type=content_type)
    error = assert_json_error(response, 415, "unsupported_media_type")
    assert "application/json" in error["message"]
    assert_matches_spec(response)


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
def test_body_over_1_mb_is_413(client, path):
    body = json.dumps({"text": "x" * (1024 * 1024)})
    response = client.post(path, data=body, content_type="application/json")
    error = assert_json_error(response, 413, "request_entity_too_large")
    assert "1,024 KB" in error["message"]
    assert_matches_spec(response)


def test_get_on_the_api_is_405_with_allow(client):
    response = client.get("/api")
    error = assert_json_error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]
    assert error["message"] == "GET is not allowed here; use POST."


def test_unknown_api_path_is_a_json_404(client):
    error = assert_json_error(client.post("/api/predict", json={"text": "x"}), 404, "not_found")
    assert "/openapi.json" in error["message"]


def test_api_needs_no_csrf_token(app):
    """CSRF stays on for the app (unlike many test setups), and the API still answers."""
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert app.test_client().post("/api", json={"text": "Fine."}).status_code == 200


def test_api_does_not_write_to_the_database(app, client):
    for _ in range(3):
        client.post("/api", json={"text": "Lovely kettle."})
    client.post("/api/batch", json={"texts": ["Lovely kettle.", "Awful kettle."]})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredPrediction)) == 0
