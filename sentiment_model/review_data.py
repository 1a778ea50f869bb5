"""The course's review data set: reading it and checking its quality.

``data/reviews.csv`` has one written review per row, with its ``label`` (``positive`` or
``negative``), the ``category`` of product, place or service it is about, and the fixed
``split`` (``train`` or ``test``) it belongs to.
"""

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from sentiment_model.paths import DATA_DIR

REVIEWS_CSV = DATA_DIR / "reviews.csv"
LABELS = ("negative", "positive")
COLUMNS = ("text", "label", "category", "split")

# Two sentences whose word sets overlap this much (intersection over union) say the same
# thing with a word or two changed: one of them teaches the model nothing new.
NEAR_DUPLICATE_JACCARD = 0.6

_WORD = re.compile(r"[a-z0-9']+")

# The kind of business each category belongs to; categories not listed are products.
# Cross-validation that holds out one whole domain at a time measures what a model does on
# reviews unlike the ones it learned from, which is what real reviews are.
DOMAINS = {
    "food and drink": ("restaurants", "cafes-bakeries", "bars-nightlife", "food-delivery"),
    "local services": (
        "hair-salons",
        "auto-repair",
        "home-services",
        "medical-dental",
        "gyms-fitness",
        "pet-services",
        "local-shops",
    ),
    "films and TV": ("films", "tv-series"),
    "music, shows and books": ("music-albums", "concerts-shows", "books"),
    "travel": (
        "hotels",
        "vacation-rentals",
        "airlines",
        "trains-buses",
        "tours-attractions",
        "car-rentals",
    ),
    "apps and online services": ("mobile-apps", "web-services", "software-apps"),
}
PRODUCTS = "products"
_DOMAIN_OF = {category: domain for domain, categories in DOMAINS.items() for category in categories}


def domain_of(category: str) -> str:
    """The domain a category belongs to (``products`` for the shop's product categories)."""
    return _DOMAIN_OF.get(category, PRODUCTS)


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

    Comparing every pair is quadratic, so candidates come from *prefix filtering* (Bayardo
    et al., "Scaling up all pairs similarity search", 2007): order every text's words
    rarest first; two sets with Jaccard >= t share at least k words among the first
    ``size - ceil(t * size) + 1`` words of each, where k grows with their sizes, and their
    sizes differ by a factor of at most t. Only candidates that pass both bounds are
    scored, exactly, so the answer is the same as checking all pairs, in about a second.
    """
    vectorizer = CountVectorizer(analyzer=words, binary=True)
    matrix = sparse.csr_matrix(vectorizer.fit_transform(texts), dtype=np.int32)
    sizes = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), sizes)
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    rank = np.empty(matrix.shape[1], dtype=np.int64)
    rank[np.lexsort((np.arange(matrix.shape[1]), frequency))] = np.arange(matrix.shape[1])
    rarest_first = np.lexsort((rank[matrix.indices], rows))
    position = np.arange(len(rarest_first)) - matrix.indptr[rows[rarest_first]]
    needed_alone = np.ceil(threshold * sizes - 1e-9).astype(np.int64)
    kept = rarest_first[position < (sizes - needed_alone + 1)[rows[rarest_first]]]
    prefixes = sparse.csr_matrix(
        (np.ones(len(kept), dtype=np.int32), (rows[kept], matrix.indices[kept])),
        shape=matrix.shape,
    )
    candidates = sparse.triu(prefixes @ prefixes.T, k=1).tocoo()
    first, second, shared_in_prefixes = candidates.row, candidates.col, candidates.data
    small, large = np.minimum(sizes[first], sizes[second]), np.maximum(sizes[first], sizes[second])
    overlap_needed = np.ceil(threshold * (small + large) / (1 + threshold) - 1e-9)
    shared_needed = overlap_needed - np.maximum(needed_alone[first], needed_alone[second]) + 1
    possible = (small >= threshold * large - 1e-9) & (shared_in_prefixes >= shared_needed)
    first, second = first[possible], second[possible]
    shared = np.asarray(matrix[first].multiply(matrix[second]).sum(axis=1)).ravel()
    similarity = shared / (sizes[first] + sizes[second] - shared)
    close = similarity >= threshold
    pairs = [
        (int(i), int(j), float(s))
        for i, j, s in zip(first[close], second[close], similarity[close], strict=True)
    ]
    empty = np.flatnonzero(sizes == 0)
    pairs.extend((int(i), int(j), 1.0) for n, i in enumerate(empty) for j in empty[n + 1 :])
    return sorted(pairs)


def report_near_duplicates(reviews: Iterable[Review]) -> int:
    """Print every near-duplicate pair; return how many there are."""
    reviews = list(reviews)
    pairs = near_duplicate_pairs([review.text for review in reviews])
    for i, j, similarity in pairs:
        print(f"{similarity:.2f}  {reviews[i].text!r}\n      {reviews[j].text!r}")
    return len(pairs)


def read_draft(path: Path) -> list[Review]:
    """Rows of a draft file: ``label<TAB>category<TAB>text`` per line, no header.

    A draft line cannot hold a line break, so the two characters ``\\n`` stand for one
    (a review's title line, or a new paragraph).
    """
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label, category, text = line.split("\t")
        if label not in LABELS or not text.strip():
            raise ValueError(f"{path}:{number}: bad row {line!r}")
        rows.append(Review(text.strip().replace("\\n", "\n"), label, category.strip()))
    return rows


STATS_START = "<!-- stats:start -->"
STATS_END = "<!-- stats:end -->"
DATA_README = DATA_DIR / "README.md"
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
# A sentence ends at . ! ? or a line break followed by more text ("e.g." aside, it is rare
# in reviews); a review of two or more is multi-sentence.
_SENTENCE_END = re.compile(r"(?:[.!?]+[\"')\]]*\s+|\n+)(?=\S)")
SPLIT_SEED = 20261124
TEST_SHARE = 0.2


def sentences_in(text: str) -> int:
    """How many sentences a review has, by its punctuation and line breaks."""
    return len(_SENTENCE_END.findall(text.strip())) + 1


def describe(reviews: list[Review]) -> dict:
    """The figures ``data/README.md`` reports: size, balance, vocabulary and lengths."""
    lengths = np.array([len(review.text.split()) for review in reviews])
    vocabulary = {word for review in reviews for word in words(review.text)}
    shouting = [r for r in reviews if sum(w.isupper() and len(w) > 2 for w in r.text.split()) >= 2]
    return {
        "reviews": len(reviews),
        "positive": sum(review.label == "positive" for review in reviews),
        "negative": sum(review.label == "negative" for review in reviews),
        "train": sum(review.split == "train" for review in reviews),
        "test": sum(review.split == "test" for review in reviews),
        "categories": len({review.category for review in reviews}),
        "domains": len({domain_of(review.category) for review in reviews}),
        "multi_sentence": sum(sentences_in(review.text) >= 2 for review in reviews),
        "vocabulary": len(vocabulary),
        "words_min": int(lengths.min()),
        "words_p10": int(np.percentile(lengths, 10)),
        "words_median": int(np.median(lengths)),
        "words_mean": round(float(lengths.mean()), 1),
        "words_p90": int(np.percentile(lengths, 90)),
        "words_max": int(lengths.max()),
        "short": int((lengths <= 4).sum()),
        "long": int((lengths >= 30).sum()),
        "emoji": sum(bool(_EMOJI.search(review.text)) for review in reviews),
        "all_caps": len(shouting),
    }


def stats_markdown(reviews: list[Review]) -> str:
    """The statistics block of ``data/README.md``, computed from the data."""
    s = describe(reviews)
    duplicates = len(near_duplicate_pairs([review.text for review in reviews]))
    return f"""{STATS_START}
| | |
|---|---|
| reviews | {s["reviews"]:,} ({s["positive"]:,} positive, {s["negative"]:,} negative) |
| split | {s["train"]:,} train, {s["test"]:,} test |
| categories (of product, place or service) | {s["categories"]}, in {s["domains"]} domains |
| multi-sentence reviews | {s["multi_sentence"]:,} ({s["multi_sentence"] / s["reviews"]:.0%}) |
| vocabulary (distinct lower-cased words) | {s["vocabulary"]:,} |
| words per review | min {s["words_min"]}, 10th percentile {s["words_p10"]}, \
median {s["words_median"]}, mean {s["words_mean"]}, 90th percentile {s["words_p90"]}, \
max {s["words_max"]} |
| short reviews (4 words or fewer) | {s["short"]:,} |
| long reviews (30 words or more) | {s["long"]:,} |
| with emoji | {s["emoji"]:,} |
| with two or more ALL-CAPS words | {s["all_caps"]:,} |
| near-duplicate pairs (Jaccard ≥ {NEAR_DUPLICATE_JACCARD}) | {duplicates} |
{STATS_END}"""


def update_readme_stats(path: Path = DATA_README) -> None:
    """Rewrite the statistics block of ``data/README.md`` from ``data/reviews.csv``."""
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(STATS_START, 1)
    after = rest.split(STATS_END, 1)[1]
    path.write_text(before + stats_markdown(read_reviews()) + after, encoding="utf-8")


def merge_drafts(existing: list[Review], drafts: list[Review]) -> tuple[list[Review], int]:
    """The set with the drafts added: near-duplicates dropped, the new rows' split drawn.

    A draft that nearly repeats a review already in the set, or an earlier draft, is
    dropped; reviews already in the set never change, split included. Within each category
    and label, a random ``TEST_SHARE`` of the new rows (fixed seed) goes to ``test``.
    Returns the merged rows and how many drafts were dropped.
    """
    rows = existing + drafts
    dropped: set[int] = set()
    for first, second, _ in near_duplicate_pairs([row.text for row in rows]):
        if first not in dropped and second >= len(existing):
            dropped.add(second)
    kept = [row for n, row in enumerate(drafts, len(existing)) if n not in dropped]
    random = np.random.default_rng(SPLIT_SEED + len(existing))
    groups: dict[tuple[str, str], list[int]] = {}
    for n, row in enumerate(kept):
        groups.setdefault((row.category, row.label), []).append(n)
    to_test = {
        n
        for members in groups.values()
        for n in random.permutation(members)[: round(TEST_SHARE * len(members))]
    }
    added = [
        Review(row.text, row.label, row.category, "test" if n in to_test else "train")
        for n, row in enumerate(kept)
    ]
    return existing + added, len(dropped)


def write_reviews(reviews: list[Review], path: Path = REVIEWS_CSV) -> None:
    """Write a reviews CSV: a header, then one row per review (quoted where needed)."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows((r.text, r.label, r.category, r.split) for r in reviews)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check and add review files; update data/README.md."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="list near-duplicate pairs across files")
    check.add_argument("files", nargs="+", type=Path, help="reviews CSV or draft .tsv files")
    commands.add_parser("readme", help="rewrite the statistics in data/README.md")
    add = commands.add_parser("add", help="add draft .tsv files to data/reviews.csv")
    add.add_argument("drafts", nargs="+", type=Path, help="draft .tsv files")
    args = parser.parse_args(argv)
    if args.command == "readme":
        update_readme_stats()
        return 0
    if args.command == "add":
        drafts = [review for path in args.drafts for review in read_draft(path)]
        merged, dropped = merge_drafts(read_reviews(), drafts)
        write_reviews(merged)
        update_readme_stats()
        print(f"added {len(drafts) - dropped} reviews, dropped {dropped} near-duplicates")
        return 0
    rows = [
        review
        for path in args.files
        for review in (read_draft if path.suffix == ".tsv" else read_reviews)(path)
    ]
    found = report_near_duplicates(rows)
    print(f"{len(rows)} rows, {found} near-duplicate pairs")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
