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


def model_output_dir(notebook_folder: Path | None = None) -> Path:
    """The folder the training notebook writes the model files and card to.

    ``MODEL_OUTPUT_DIR`` if set; else ``models/`` for the course's own notebook, and a
    ``models`` folder beside any copy of it (a learner's workspace), so that a copy never
    overwrites the shipped files. Jupyter runs a notebook in its own folder, the default.
    """
    if os.environ.get(OUTPUT_DIR_VARIABLE):
        return Path(os.environ[OUTPUT_DIR_VARIABLE])
    folder = Path(notebook_folder or Path.cwd()).resolve()
    return MODELS_DIR if folder == NOTEBOOK.parent else folder / "models"
