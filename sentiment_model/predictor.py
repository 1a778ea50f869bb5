"""Predicting with the loaded model, in plain Python types that JSON can encode."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Prediction:
    label: str
    probability: float


@dataclass(frozen=True)
class SentimentModel:
    """The vectorizer and classifier from ``models/``, with the card that vouched for them."""

    model: Any
    vectorizer: Any
    card: dict

    @property
    def version(self) -> str:
        return self.card["model_version"]

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One prediction per text, in order: the likelier label and its probability.

        scikit-learn answers NumPy types (``numpy.str_``, ``numpy.float64``); they are turned
        into ``str`` and ``float`` here, once, so no caller has to remember.
        """
        probabilities = self.model.predict_proba(self.vectorizer.transform(texts))
        best = probabilities.argmax(axis=1)
        labels = self.model.classes_
        return [
            Prediction(str(labels[column]), float(row[column]))
            for row, column in zip(probabilities, best, strict=True)
        ]
