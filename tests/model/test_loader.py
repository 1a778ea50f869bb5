"""The verifying loader refuses files it cannot vouch for, before unpickling them."""

import json

import joblib
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

import sentiment_model.loader as loader_module
from sentiment_model.card import write_model_card
from sentiment_model.loader import ModelFileError, load_verified_model
from sentiment_model.paths import (
    CARD_FILENAME,
    MODEL_FILENAME,
    MODELS_DIR,
    NOTEBOOK,
    OUTPUT_DIR_VARIABLE,
    VECTORIZER_FILENAME,
    model_output_dir,
)
from sentiment_model.predictor import Prediction, SentimentModel
from sentiment_model.review_data import read_reviews


def edit_card(folder, change):
    path = folder / CARD_FILENAME
    card = json.loads(path.read_text())
    change(card)
    path.write_text(json.dumps(card))


@pytest.fixture
def no_unpickling(monkeypatch):
    """Make any joblib.load fail loudly: a refused file must never reach it."""

    def refuse(*args, **kwargs):
        raise AssertionError("joblib.load ran on a file the loader should have refused")

    monkeypatch.setattr(loader_module.joblib, "load", refuse)


def test_loads_the_shipped_files_and_predicts_in_plain_types(model_copy):
    model = load_verified_model(model_copy)
    assert model.version == json.loads((model_copy / CARD_FILENAME).read_text())["model_version"]
    predictions = model.predict(["Absolutely love it, works perfectly.", "Broke in a day. Junk."])
    assert [p.label for p in predictions] == ["positive", "negative"]
    assert all(type(p.label) is str and type(p.probability) is float for p in predictions)
    assert all(0.5 <= p.probability <= 1.0 for p in predictions)
    assert predictions[0] == Prediction(predictions[0].label, predictions[0].probability)


@pytest.mark.parametrize("name", [MODEL_FILENAME, VECTORIZER_FILENAME])
def test_refuses_a_file_whose_hash_differs_from_the_card(model_copy, no_unpickling, name):
    data = bytearray((model_copy / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (model_copy / name).write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="does not match the SHA-256") as refused:
        load_verified_model(model_copy)
    assert "make model" in str(refused.value)


def test_refuses_a_replaced_file_even_if_it_is_a_valid_model(model_copy, no_unpickling):
    """A swapped-in pickle is refused by its hash, whatever it contains."""
    (model_copy / MODEL_FILENAME).write_bytes((model_copy / VECTORIZER_FILENAME).read_bytes())
    with pytest.raises(ModelFileError, match="SHA-256"):
        load_verified_model(model_copy)


def test_refuses_a_card_from_another_scikit_learn(model_copy, no_unpickling):
    edit_card(model_copy, lambda card: card["versions"].update({"scikit-learn": "1.2.2"}))
    with pytest.raises(ModelFileError, match=r"trained with scikit-learn 1\.2\.2") as refused:
        load_verified_model(model_copy)
    assert "pip install -r requirements.txt" in str(refused.value)


@pytest.mark.parametrize("missing", [MODEL_FILENAME, VECTORIZER_FILENAME, CARD_FILENAME])
def test_refuses_when_a_file_is_missing(model_copy, no_unpickling, missing):
    (model_copy / missing).unlink()
    with pytest.raises(ModelFileError, match="is missing"):
        load_verified_model(model_copy)


def test_refuses_a_card_that_is_not_json(model_copy, no_unpickling):
    (model_copy / CARD_FILENAME).write_text("{not json")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_verified_model(model_copy)


def test_refuses_a_card_without_hashes(model_copy, no_unpickling):
    edit_card(model_copy, lambda card: card["files"].pop(MODEL_FILENAME))
    with pytest.raises(ModelFileError, match="has no SHA-256"):
        load_verified_model(model_copy)


def test_refuses_a_model_with_other_labels(tmp_path):
    """Files that match their card but are not a positive/negative classifier are refused."""
    texts, labels = ["good", "bad", "great", "awful"], ["pos", "neg", "pos", "neg"]
    vectorizer = TfidfVectorizer().fit(texts)
    model = LogisticRegression().fit(vectorizer.transform(texts), labels)
    joblib.dump(model, tmp_path / MODEL_FILENAME)
    joblib.dump(vectorizer, tmp_path / VECTORIZER_FILENAME)
    write_model_card(
        tmp_path, dataset={}, splits={}, metrics={}, labels=["neg", "pos"], classifier="test"
    )
    with pytest.raises(ModelFileError, match="labels"):
        load_verified_model(tmp_path)


def test_probabilities_are_exactly_predict_probas(shipped_model):
    """The fast path for logistic regression gives scikit-learn's answer, row for row."""
    texts = [review.text for review in read_reviews() if review.split == "test"][:2000]
    features = shipped_model.vectorizer.transform([*texts, "", "zzz"])
    ours = shipped_model.probabilities(features)
    theirs = shipped_model.model.predict_proba(features)
    assert ours.shape == theirs.shape
    assert abs(ours - theirs).max() < 1e-12


def test_other_classifiers_go_through_predict_proba(shipped_model):
    class Recorded:
        classes_ = shipped_model.model.classes_

        def predict_proba(self, features):
            self.asked = features.shape
            return shipped_model.model.predict_proba(features)

    recorded = Recorded()
    model = SentimentModel(model=recorded, vectorizer=shipped_model.vectorizer, card={})
    assert [p.label for p in model.predict(["Superb.", "Dreadful."])] == ["positive", "negative"]
    assert recorded.asked[0] == 2


def test_a_copy_of_the_notebook_never_writes_to_models(tmp_path, monkeypatch):
    """Run from a workspace copy, the notebook writes beside it; the course's own, to models/."""
    monkeypatch.delenv(OUTPUT_DIR_VARIABLE, raising=False)
    assert model_output_dir(tmp_path) == tmp_path.resolve() / "models"
    assert model_output_dir(NOTEBOOK.parent) == MODELS_DIR
    monkeypatch.setenv(OUTPUT_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    assert model_output_dir(NOTEBOOK.parent) == tmp_path / "elsewhere"
