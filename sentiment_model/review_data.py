"""The course's review data set: reading it and checking its quality.

``data/reviews.csv`` has one written review sentence per row, with its ``label``
(``positive`` or ``negative``), the product ``category`` it is about, and the fixed
``split`` (``train`` or ``test``) it belongs to.
"""

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REVIEWS_CSV = DATA_DIR / "reviews.csv"
LABELS = ("negative", "positive")
COLUMNS = ("text", "label", "category", "split")

# Two sentences whose word sets overlap this much (intersection over union) say the same
# thing with a word or two changed: one of them teaches the model nothing new.
NEAR_DUPLICATE_JACCARD = 0.6

_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Review:
    text: str
    label: str
    category: str
    split: str = ""


def words(text: str) -> list[str]:
    """Lower-cased words, digits and apostrophes kept, punctuation and emoji dropped."""
    return _WORD.findall(text.lower())


def read_reviews(path: Path = REVIEWS_CSV) -> list[Review]:
    """All rows of a reviews CSV, in file order."""
    with path.open(encoding="utf-8", newline="") as file:
        return [
            Review(row["text"], row["label"], row["category"], row.get("split") or "")
            for row in csv.DictReader(file)
        ]


def near_duplicate_pairs(
    texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Index pairs ``(i, j, similarity)`` of texts that are the same or nearly the same.

    Similarity is the Jaccard index of the two word sets, so "Works great!" and "works
    great" are identical (1.0) and sentences sharing most of their words score high.
    """
    vectorizer = CountVectorizer(analyzer=words, binary=True)
    matrix = vectorizer.fit_transform(texts).astype(np.int32)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, inter in zip(shared.row, shared.col, shared.data, strict=True):
        if i < j:
            similarity = inter / (sizes[i] + sizes[j] - inter)
            if similarity >= threshold:
                pairs.append((int(i), int(j), float(similarity)))
    empty = [i for i, size in enumerate(sizes) if size == 0]
    pairs.extend((i, j, 1.0) for n, i in enumerate(empty) for j in empty[n + 1 :])
    return sorted(pairs)


def report_near_duplicates(reviews: Iterable[Review]) -> int:
    """Print every near-duplicate pair; return how many there are."""
    reviews = list(reviews)
    pairs = near_duplicate_pairs([review.text for review in reviews])
    for i, j, similarity in pairs:
        print(f"{similarity:.2f}  {reviews[i].text!r}\n      {reviews[j].text!r}")
    return len(pairs)


def read_draft(path: Path) -> list[Review]:
    """Rows of a draft file: ``label<TAB>category<TAB>text`` per line, no header."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label, category, text = line.split("\t")
        if label not in LABELS or not text.strip():
            raise ValueError(f"{path}:{number}: bad row {line!r}")
        rows.append(Review(text.strip(), label, category.strip()))
    return rows


if __name__ == "__main__":
    rows = [
        review
        for name in sys.argv[1:]
        for review in (read_draft if name.endswith(".tsv") else read_reviews)(Path(name))
    ]
    found = report_near_duplicates(rows)
    print(f"{len(rows)} rows, {found} near-duplicate pairs")
    sys.exit(1 if found else 0)
