"""The shipped model files: their card, their size, and the source article's code on them."""

import json
import os

import joblib
import numpy
import sklearn

from sentiment_model.card import sha256_of
from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, MODELS_DIR, VECTORIZER_FILENAME

CARD = json.loads((MODELS_DIR / CARD_FILENAME).read_text(encoding="utf-8"))


def test_card_hashes_match_the_committed_files():
    for name in (MODEL_FILENAME, VECTORIZER_FILENAME):
        assert CARD["files"][name]["sha256"] == sha256_of(MODELS_DIR / name), name


def test_card_versions_match_the_pinned_libraries():
    """The files were written by the very versions requirements.txt installs."""
    assert CARD["versions"]["scikit-learn"] == sklearn.__version__
    assert CARD["versions"]["joblib"] == joblib.__version__
    assert CARD["versions"]["numpy"] == numpy.__version__


def test_card_describes_the_model():
    assert CARD["labels"] == ["negative", "positive"]
    assert len(CARD["model_version"]) == 12
    assert CARD["dataset"]["size"] == CARD["splits"]["train"] + CARD["splits"]["test"]
    assert set(CARD["metrics"]["test"]) == {
        "accuracy",
        "balanced_accuracy",
        "precision",
        "recall",
        "f1",
    }
    assert (
        CARD["metrics"]["test"]["balanced_accuracy"]
        > (CARD["metrics"]["baseline_vader_test"]["balanced_accuracy"])
    ), "the trained model does no better than the no-training baseline"


def test_files_are_small_enough_to_ship():
    size = sum((MODELS_DIR / name).stat().st_size for name in (MODEL_FILENAME, VECTORIZER_FILENAME))
    assert size <= 10 * 1024 * 1024


def test_source_articles_serving_code_works_unchanged(monkeypatch):
    """The article loads both files by name, from the working directory, and predicts."""
    monkeypatch.chdir(MODELS_DIR)
    model = joblib.load("Amazon_Customer_Reviews_Analysis_model.joblib")
    vectorizer = joblib.load("vectorizer.joblib")
    data = {"text": "This charger is excellent, it works perfectly."}
    data_vectorized = vectorizer.transform([data["text"]])
    prediction = model.predict(data_vectorized)
    output = prediction[0]
    assert output == "positive"
    assert isinstance(output, str), "labels must be strings, so jsonify can encode them"
    assert os.getcwd() == str(MODELS_DIR)
