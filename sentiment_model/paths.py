"""Where the course keeps its data and model files, and the names the source article gave them."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
MODELS_DIR = ROOT / "models"
NOTEBOOK = ROOT / "notebooks" / "train_sentiment_model.ipynb"

MODEL_FILENAME = "Amazon_Customer_Reviews_Analysis_model.joblib"
VECTORIZER_FILENAME = "vectorizer.joblib"
CARD_FILENAME = "model_card.json"

# `make model` and the tests point training at another folder through this variable, so
# that a test run never overwrites the shipped files in models/.
OUTPUT_DIR_VARIABLE = "MODEL_OUTPUT_DIR"


def model_output_dir() -> Path:
    """The folder the training notebook writes the model files and card to."""
    return Path(os.environ.get(OUTPUT_DIR_VARIABLE) or MODELS_DIR)
