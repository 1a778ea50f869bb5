"""The model card: what a pair of model files is, how it was made, and how to check it.

The card travels with the files in ``models/`` and is the loader's source of truth: the
SHA-256 of each file and the scikit-learn version that wrote them.
"""

import hashlib
import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import joblib
import numpy
import sklearn

from sentiment_model.paths import CARD_FILENAME, MODEL_FILENAME, VECTORIZER_FILENAME


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """The versions that decide whether a joblib file loads and behaves the same."""
    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
        "numpy": numpy.__version__,
    }


def write_model_card(
    directory: Path,
    *,
    dataset: dict,
    splits: dict,
    metrics: dict,
    labels: list[str],
    classifier: str,
    selection: dict | None = None,
    real_reviews: dict | None = None,
) -> dict:
    """Write ``model_card.json`` for the two model files already saved in ``directory``.

    ``model_version`` is derived from the files' hashes, so identical files always carry
    the same version and any change to them gives a new one. ``selection`` says how the
    classifier was chosen (the candidates' cross-validated scores); ``real_reviews`` holds
    the figures on real reviews the model never saw, when the run measured them: a run
    that did not leaves the key out rather than guess.
    """
    hashes = {
        MODEL_FILENAME: sha256_of(directory / MODEL_FILENAME),
        VECTORIZER_FILENAME: sha256_of(directory / VECTORIZER_FILENAME),
    }
    version = hashlib.sha256("".join(sorted(hashes.values())).encode()).hexdigest()[:12]
    card = {
        "model_version": version,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "classifier": classifier,
        "labels": labels,
        "files": {name: {"sha256": digest} for name, digest in hashes.items()},
        "versions": library_versions(),
        "dataset": dataset,
        "splits": splits,
        "metrics": metrics,
    }
    if selection is not None:
        card["selection"] = selection
    if real_reviews is not None:
        card["real_reviews"] = real_reviews
    (directory / CARD_FILENAME).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def read_model_card(directory: Path) -> dict:
    """The card in ``directory``, parsed."""
    return json.loads((directory / CARD_FILENAME).read_text(encoding="utf-8"))


def figures_markdown(card: dict) -> str:
    """The card's figures as Markdown tables: what the model scored where, and how it was chosen."""
    test = card["metrics"]["test"]["balanced_accuracy"]
    vader = card["metrics"]["baseline_vader_test"]["balanced_accuracy"]
    lines = [
        "| reviews | our model | VADER (no training) |",
        "|---|---|---|",
        f"| the held-out test split ({card['splits']['test']:,} reviews written for the course) "
        f"| {test:.3f} | {vader:.3f} |",
    ]
    real = card.get("real_reviews")
    if real:
        for source in sorted(real["balanced_accuracy"]):
            name = {"imdb": "IMDb", "yelp": "Yelp", "amazon": "Amazon"}.get(source, source)
            lines.append(
                f"| real: {name} ({real['sentences'][source]:,} sentences) "
                f"| {real['balanced_accuracy'][source]:.3f} "
                f"| {real['vader_balanced_accuracy'][source]:.3f} |"
            )
    lines += [
        "",
        f"Balanced accuracy of model `{card['model_version']}`, trained {card['created'][:10]}"
        + (f"; real reviews: {real['source'].rstrip('.')}" if real else "")
        + ".",
    ]
    selection = card.get("selection")
    if selection:
        lines += [
            "",
            f"| candidate | cross-validation, {selection['cross_validation']} |",
            "|---|---|",
            *(
                f"| {name}{' (chosen)' if name == selection['chosen'] else ''} | {score:.3f} |"
                for name, score in selection["balanced_accuracy"].items()
            ),
        ]
    return "\n".join(lines)
