"""Checks of lesson 09's exercises: run by `make check LESSON=09` against the learner's copy."""

import sys

import pytest

from tests.json_errors import assert_json_error

LESSON = "09_serving_the_model"
# Each test loads the lesson again, and the model with it: its files are unpickled once.
pytestmark = pytest.mark.usefixtures("model_files_unpickled_once")
TEXTS = [
    "Great phone, I love the camera.",
    "Broke after a day, total waste of money.",
    "The battery lasts two days and the screen is sharp.",
]


class CountingVectorizer:
    """Stands in for the app's vectorizer and counts the calls to ``transform``."""

    def __init__(self, vectorizer):
        self.vectorizer, self.calls = vectorizer, 0

    def transform(self, texts):
        self.calls += 1
        return self.vectorizer.transform(texts)


@pytest.fixture
def app(load_lesson, monkeypatch, tmp_path):
    """The lesson's app, imported from a working directory far from the model files."""
    monkeypatch.chdir(tmp_path)
    return load_lesson(LESSON)


@pytest.mark.exercise(
    1, hint='POST /api/batch {"texts": [...]} should answer "predictions", one per text, in order'
)
def test_batch_predicts_each_text_in_order(app):
    client = app.test_client()
    response = client.post("/api/batch", json={"texts": TEXTS})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    singles = [client.post("/api", json={"text": text}).get_json() for text in TEXTS]
    assert [p["prediction"] for p in body["predictions"]] == [s["prediction"] for s in singles]
    for batched, single in zip(body["predictions"], singles, strict=True):
        assert batched["probability"] == pytest.approx(single["probability"])
    assert body["model_version"] == singles[0]["model_version"]


@pytest.mark.exercise(1, hint="a batch should go through vectorizer.transform in a single call")
def test_batch_calls_the_vectorizer_once(app, monkeypatch):
    module = sys.modules[app.import_name]
    counting = CountingVectorizer(module.vectorizer)
    monkeypatch.setattr(module, "vectorizer", counting)
    response = app.test_client().post("/api/batch", json={"texts": TEXTS})
    assert response.status_code == 200
    assert counting.calls == 1


@pytest.mark.exercise(
    1, hint="POST /api/batch should answer a JSON 422 unless it gets a list of 1 to 1,000 texts"
)
def test_batch_rejects_what_is_not_a_list_of_texts(app):
    client = app.test_client()
    for texts in [None, [], "Great", ["Great", 5], ["Great", " "], ["Great"] * 1001]:
        response = client.post("/api/batch", json={} if texts is None else {"texts": texts})
        assert_json_error(response, 422, "validation_failed")
    assert client.post("/api/batch", json={"texts": ["Great"] * 1000}).status_code == 200


@pytest.mark.exercise(
    4, hint='POST /api should also answer "probabilities": each label with its probability'
)
def test_answer_gives_every_labels_probability(app):
    module = sys.modules[app.import_name]
    body = app.test_client().post("/api", json={"text": TEXTS[0]}).get_json()
    probabilities = body.get("probabilities")
    assert isinstance(probabilities, dict), 'the answer has no "probabilities" object'
    assert set(probabilities) == {str(label) for label in module.model.classes_}
    assert all(isinstance(value, float) for value in probabilities.values())
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert probabilities[body["prediction"]] == pytest.approx(body["probability"])
