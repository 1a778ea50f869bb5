"""Fixtures for the model suites: the shipped model, and copies of its files to spoil."""

import shutil

import pytest

from sentiment_model.loader import load_verified_model
from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, MODELS_DIR, VECTORIZER_FILENAME


@pytest.fixture(autouse=True)
def unpickled_once(model_files_unpickled_once):
    """The loader checks every copy of the files; it unpickles the same bytes only once."""


@pytest.fixture(scope="session")
def shipped_model():
    """The model in models/, loaded once through the verifying loader."""
    return load_verified_model(MODELS_DIR)


@pytest.fixture
def model_copy(tmp_path):
    """A copy of models/ that a test may damage without touching the shipped files."""
    copy = tmp_path / "models"
    copy.mkdir()
    for name in (MODEL_FILENAME, VECTORIZER_FILENAME, CARD_FILENAME):
        shutil.copy2(MODELS_DIR / name, copy / name)
    return copy
