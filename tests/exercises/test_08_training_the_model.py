"""Checks of lesson 08's exercises: run by `make check LESSON=08` against the learner's copy.

They read the copy of the notebook and run only its setup cell and the cell that defines
the candidates (no training, no cross-validation), so a check takes a second, not a minute.
"""

import inspect
import json

import pytest
from sklearn.base import clone

from sentiment_model.review_data import read_reviews

LESSON = "08_training_the_model"
NOTEBOOK = "train_sentiment_model.ipynb"


@pytest.fixture
def candidates(lesson_copy, tmp_path, monkeypatch):
    """The notebook's ``candidate`` function and ``candidates`` dict, as the copy defines them."""
    cells = {
        cell.get("id"): "".join(cell["source"])
        for cell in json.loads((lesson_copy / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    }
    monkeypatch.setenv("MODEL_OUTPUT_DIR", str(tmp_path))
    namespace: dict = {}
    for name in ("setup", "candidates"):
        assert name in cells, f"the notebook's {name!r} cell is gone; start again from a copy"
        exec(compile(cells[name], f"{NOTEBOOK}, cell {name}", "exec"), namespace)  # noqa: S102
    return namespace


def trains_and_predicts(pipeline) -> bool:
    """The candidate learns from a few reviews and labels others, as the comparison needs."""
    reviews = read_reviews()
    train = [r for r in reviews if r.split == "train"][:600]
    fitted = clone(pipeline).fit([r.text for r in train], [r.label for r in train])
    return set(fitted.predict(["Superb, I love it.", "Dreadful, a waste."])) <= {
        "positive",
        "negative",
    }


@pytest.mark.exercise(1, hint="the candidates should include one whose classifier is ComplementNB")
def test_a_complement_naive_bayes_candidate_competes(candidates):
    from sklearn.naive_bayes import ComplementNB

    bayes = [
        pipeline
        for pipeline in candidates["candidates"].values()
        if isinstance(pipeline.steps[-1][1], ComplementNB)
    ]
    assert bayes, "no candidate classifies with ComplementNB"
    assert len(candidates["candidates"]) >= 4, "keep the three candidates that were there"
    assert trains_and_predicts(bayes[0])


@pytest.mark.exercise(
    2, hint="candidate() should take min_df, and one candidate should use min_df=2"
)
def test_a_candidate_ignores_terms_seen_only_once(candidates):
    assert "min_df" in inspect.signature(candidates["candidate"]).parameters, (
        "candidate() has no min_df parameter"
    )
    by_min_df = {
        pipeline.named_steps["vectorizer"].min_df: name
        for name, pipeline in candidates["candidates"].items()
        if "vectorizer" in pipeline.named_steps
    }
    assert 2 in by_min_df, "no candidate has min_df=2"
    assert 1 in by_min_df, "keep the candidates that count every term"
    assert trains_and_predicts(candidates["candidates"][by_min_df[2]])
