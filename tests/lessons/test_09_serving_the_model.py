"""Lesson 09: the article's model server made correct, and proof of what was wrong with it."""

import json
import sys

import numpy
import pytest
from flask import Flask, jsonify

from sentiment_model.paths import CARD_FILENAME, MODELS_DIR
from sentiment_model.predictor import SentimentModel
from tests.conftest import load_lesson_module
from tests.json_errors import assert_json_error

LESSON = "09_serving_the_model"
# Each test loads the lesson again, and the model with it: its files are unpickled once.
pytestmark = pytest.mark.usefixtures("model_files_unpickled_once")
VERSION = json.loads((MODELS_DIR / CARD_FILENAME).read_text())["model_version"]


@pytest.fixture
def client(load_lesson, monkeypatch, tmp_path):
    """The lesson's app, imported from a working directory far from the model files."""
    monkeypatch.chdir(tmp_path)
    return load_lesson(LESSON).test_client()


@pytest.fixture
def naive_client(monkeypatch, lesson_folders):
    """The article's quickstart: it only starts from inside models/, where its files are."""
    monkeypatch.chdir(MODELS_DIR)
    module = load_lesson_module(LESSON, "naive_app.py", lesson_folders.get(LESSON))
    yield module.app.test_client()
    sys.modules.pop(module.__name__, None)


def test_predicts_with_the_articles_contract(client):
    response = client.post("/api", json={"text": "Great phone, I love the camera."})
    assert response.status_code == 200
    body = response.get_json()
    assert body["prediction"] == "positive"
    assert isinstance(body["probability"], float)
    assert 0.5 <= body["probability"] <= 1.0
    assert body["model_version"] == VERSION
    negative = client.post("/api", json={"text": "Broke after a day, total waste of money."})
    assert negative.get_json()["prediction"] == "negative"


def test_model_is_loaded_through_the_verifying_loader(load_lesson):
    module = sys.modules[load_lesson(LESSON).import_name]
    assert isinstance(module.sentiment, SentimentModel)
    assert module.sentiment.card["model_version"] == VERSION


@pytest.mark.parametrize(
    ("data", "content_type"),
    [('{"text": "Great"}', "text/plain"), ("text=Great", "application/x-www-form-urlencoded")],
)
def test_body_not_declared_json_is_415(client, data, content_type):
    assert_json_error(client.post("/api", data=data, content_type=content_type), 415)


@pytest.mark.parametrize("data", ['{"text": ', "[" * 50_000 + "]" * 50_000])
def test_broken_or_too_deep_json_is_400(client, data):
    assert_json_error(client.post("/api", data=data, content_type="application/json"), 400)


@pytest.mark.parametrize(
    "body",
    [{}, {"text": None}, {"text": 5}, {"text": ""}, {"text": "  "}, {"text": "x" * 5001}, [1]],
)
def test_missing_or_wrong_text_is_422(client, body):
    error = assert_json_error(client.post("/api", json=body), 422, "validation_failed")
    assert "5,000 characters" in error["message"]


def test_body_over_1_mb_is_a_json_413(client):
    response = client.post("/api", json={"text": "x" * 1_100_000})
    assert_json_error(response, 413, "request_entity_too_large")


def test_other_http_errors_answer_json_too(client):
    assert_json_error(client.get("/api"), 405, "method_not_allowed")
    assert "POST" in client.get("/api").headers["Allow"]
    assert_json_error(client.post("/api/predict", json={"text": "x"}), 404, "not_found")


def test_numpy_values_are_what_jsonify_cannot_encode():
    """Why the app converts with float() and str(): scikit-learn answers NumPy types."""
    with Flask(__name__).app_context():
        with pytest.raises(TypeError, match="float32"):
            jsonify({"probability": numpy.float32(0.93)})
        with pytest.raises(TypeError, match="int64"):
            jsonify({"prediction": numpy.int64(1)})
        assert jsonify({"probability": float(numpy.float32(0.93))}).status_code == 200


# The article's version, for contrast: each of these is a bug the lesson fixes.


def test_naive_app_only_starts_from_the_folder_of_its_model_files(
    monkeypatch, tmp_path, lesson_folders
):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_lesson_module(LESSON, "naive_app.py", lesson_folders.get(LESSON))


def test_naive_app_reads_any_body_as_json(naive_client):
    """force=True: a plain-text form post from any other site is read as JSON."""
    response = naive_client.post("/api", data='{"text": "Great"}', content_type="text/plain")
    assert response.status_code == 200


@pytest.mark.parametrize("body", [{}, {"text": 5}, ["Great"]])
def test_naive_app_answers_bad_input_with_a_500(naive_client, body):
    assert naive_client.post("/api", json=body).status_code == 500
