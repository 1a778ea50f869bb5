"""The training notebook runs top to bottom in the suite and reproduces the shipped model.

It writes to a temporary folder (MODEL_OUTPUT_DIR), never to models/, and opts in to the
real-review section against a small archive served from 127.0.0.1, so that section runs too
without any download from the internet. MODEL_COMPARISON=quick compares the candidates on
fewer folds (two groups of domains instead of one domain at a time); it must choose, and
so reproduce, the model that the full comparison of `make model` chose.
"""

import json

import nbformat
import pytest

from sentiment_model.card import sha256_of
from sentiment_model.loader import load_verified_model
from sentiment_model.notebook_runner import run_notebook
from sentiment_model.paths import CARD_FILENAME, MODELS_DIR, NOTEBOOK
from sentiment_model.review_data import read_reviews
from tests.data.fake_uci_archive import make_archive
from tests.servers import static_file_server

pytestmark = pytest.mark.takes(50)


def cell_outputs(notebook) -> str:
    """All text the notebook's code cells printed or displayed."""
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text") or output.get("data", {}).get("text/plain", ""))
    return "\n".join(texts)


def models_snapshot() -> dict[str, str]:
    return {path.name: sha256_of(path) for path in MODELS_DIR.iterdir() if path.is_file()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Run the notebook once for the module: (output folder, executed notebook, models/ before)."""
    folder = tmp_path_factory.mktemp("notebook_run")
    served = folder / "served"
    served.mkdir()
    make_archive(served / "sentences.zip")
    before = models_snapshot()
    with static_file_server(served) as (base, _):
        executed = run_notebook(
            folder / "models",
            extra_env={
                "MODEL_COMPARISON": "quick",
                "USE_REAL_REVIEWS": "1",
                "UCI_SENTENCES_URL": f"{base}/sentences.zip",
                "UCI_SENTENCES_CACHE": str(folder / "cache"),
            },
        )
    return folder / "models", executed, before


def test_notebook_reproduces_the_shipped_model(run):
    output_dir, _, _ = run
    retrained, shipped = load_verified_model(output_dir), load_verified_model(MODELS_DIR)
    texts = [review.text for review in read_reviews() if review.split == "test"]
    again, before = retrained.predict(texts), shipped.predict(texts)
    assert [p.label for p in again] == [p.label for p in before]
    assert [p.probability for p in again] == pytest.approx([p.probability for p in before])
    card = json.loads((output_dir / CARD_FILENAME).read_text())
    shipped_card = json.loads((MODELS_DIR / CARD_FILENAME).read_text())
    assert card["metrics"] == shipped_card["metrics"]
    assert card["dataset"] == shipped_card["dataset"]
    assert card["splits"] == shipped_card["splits"]
    assert card["classifier"] == shipped_card["classifier"]


def test_notebook_never_fits_on_the_test_split(run):
    output_dir, _, _ = run
    card = json.loads((output_dir / CARD_FILENAME).read_text())
    reviews = read_reviews()
    assert card["splits"]["train"] == sum(review.split == "train" for review in reviews)
    assert card["splits"]["test"] == sum(review.split == "test" for review in reviews)


def test_notebook_reports_on_real_reviews_when_opted_in(run):
    output_dir, executed, _ = run
    text = cell_outputs(executed)
    assert "3,000 real reviews" in text
    assert "Skipped" not in text
    real = json.loads((output_dir / CARD_FILENAME).read_text())["real_reviews"]
    assert real["sentences"] == {"amazon": 1000, "yelp": 1000, "imdb": 1000}
    assert (
        set(real["balanced_accuracy"])
        == set(real["vader_balanced_accuracy"])
        == set(real["sentences"])
    )
    assert "Kotzias" in real["source"]


def test_shipped_card_holds_the_real_review_figures_of_its_run():
    """The card records, with date and source, what the run that made the files measured."""
    card = json.loads((MODELS_DIR / CARD_FILENAME).read_text())
    real = card["real_reviews"]
    assert real["sentences"] == {"amazon": 1000, "yelp": 1000, "imdb": 1000}
    assert real["measured"] == card["created"][:10]
    assert "CC BY 4.0" in real["source"]
    assert all(0.5 < value <= 1 for value in real["balanced_accuracy"].values())


def test_running_the_notebook_leaves_models_untouched(run):
    _, _, before = run
    assert models_snapshot() == before


def test_committed_notebook_shows_its_results_and_stays_small():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.get("execution_count") for cell in code_cells), "run `make model`"
    card = json.loads((MODELS_DIR / CARD_FILENAME).read_text())
    assert f"model_version {card['model_version']}" in cell_outputs(notebook)
    assert any("image/png" in o.get("data", {}) for c in code_cells for o in c.outputs)
    assert NOTEBOOK.stat().st_size < 1_000_000
