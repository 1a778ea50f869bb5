"""Load the model files only after checking them against their card.

A joblib file is a pickle: loading one runs whatever code it names. So the bytes are
checked against the SHA-256 the card records *before* ``joblib.load`` sees them, and a
file written by another scikit-learn version is refused instead of half-working.
"""

import json
from pathlib import Path

import joblib
import sklearn

from sentiment_model.card import read_model_card, sha256_of
from sentiment_model.paths import (
    CARD_FILENAME,
    MODEL_FILENAME,
    MODELS_DIR,
    VECTORIZER_FILENAME,
)
from sentiment_model.predictor import SentimentModel

EXPECTED_LABELS = ["negative", "positive"]
RESTORE = "Restore the shipped files with `git checkout -- models/` or retrain with `make model`."


class ModelFileError(RuntimeError):
    """The model files are missing, changed, or from another scikit-learn; says what to do."""


def load_verified_model(directory: Path = MODELS_DIR) -> SentimentModel:
    """Check the files in ``directory`` against ``model_card.json``, then load them."""
    directory = Path(directory)
    card = _read_card(directory)
    trained_with = card.get("versions", {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ModelFileError(
            f"The model in {directory} was trained with scikit-learn {trained_with}, but "
            f"{sklearn.__version__} is installed; a joblib file only loads reliably with the "
            "version that wrote it. Install the pinned packages (`make install`, or "
            "`pip install -r requirements.txt`), or retrain with `make model`."
        )
    for name in (MODEL_FILENAME, VECTORIZER_FILENAME):
        _check_file(directory, name, card)
    model = joblib.load(directory / MODEL_FILENAME)
    vectorizer = joblib.load(directory / VECTORIZER_FILENAME)
    labels = [str(label) for label in getattr(model, "classes_", [])]
    if labels != EXPECTED_LABELS or not hasattr(model, "predict_proba"):
        raise ModelFileError(
            f"{directory / MODEL_FILENAME} is not a sentiment classifier with predict_proba "
            f"and the labels {EXPECTED_LABELS} (it has {labels}). {RESTORE}"
        )
    return SentimentModel(model=model, vectorizer=vectorizer, card=card)


def _read_card(directory: Path) -> dict:
    path = directory / CARD_FILENAME
    try:
        card = read_model_card(directory)
    except FileNotFoundError:
        raise ModelFileError(f"{path} is missing. {RESTORE}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelFileError(f"{path} is not valid JSON ({error}). {RESTORE}") from None
    if not isinstance(card, dict) or not isinstance(card.get("files"), dict):
        raise ModelFileError(f"{path} does not describe any model files. {RESTORE}")
    return card


def _check_file(directory: Path, name: str, card: dict) -> None:
    path = directory / name
    expected = card["files"].get(name, {}).get("sha256")
    if not path.is_file():
        raise ModelFileError(f"{path} is missing. {RESTORE}")
    if expected is None:
        raise ModelFileError(f"{directory / CARD_FILENAME} has no SHA-256 for {name}. {RESTORE}")
    if sha256_of(path) != expected:
        raise ModelFileError(
            f"{path} does not match the SHA-256 in {CARD_FILENAME}: it was changed, replaced "
            f"or corrupted, and loading it could run any code it holds. {RESTORE}"
        )
