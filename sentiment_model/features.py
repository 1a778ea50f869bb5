"""How the model reads a review: its words, word pairs, and what a lexicon says of them.

A model trained on one set of reviews knows only the words it saw there. Two things let it
read reviews from elsewhere:

- **negation marking**: after "not", "never", "wasn't" ... the next few words are read as
  ``NOT_good``, ``NOT_worth``, so "not worth it" and "worth it" are different features
  even when the words between them differ ("wasn't really worth it");
- **a lexicon**: VADER's list of about 7,500 English sentiment words, each rated by people
  from -4 to +4 (Hutto and Gilbert, 2014; MIT licence). Each of those words in a review
  also counts as its *class*, such as ``LEXICON_NEG2`` (moderately negative) or
  ``NOT_LEXICON_POS3`` (strongly positive, negated). The classifier learns a weight for
  each class from the training reviews, and the class then carries a word the training
  reviews never used: "dreadful" counts as strongly negative from the start.

``ReviewVectorizer`` is the fitted object saved as ``vectorizer.joblib``: ``transform``
turns texts into the sparse matrix the classifier reads, as the source article's
``model.predict(vectorizer.transform([text]))`` expects.
"""

import re
from collections import Counter
from collections.abc import Iterable
from functools import partial
from importlib.resources import files
from itertools import pairwise, repeat

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

# VADER's negations, and "no" (VADER handles it separately).
NEGATIONS = frozenset(
    """aint arent cannot cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt
    mightnt mustnt neednt oughtnt shant shouldnt wasnt werent wont wouldnt neither never
    no none nope nor not nothing nowhere without rarely seldom despite""".split()  # noqa: SIM905
)
# How many words after a negation it covers, unless punctuation or "but" ends it first.
NEGATION_SCOPE = 3
NEGATED = "NOT_"
LEXICON_CLASS = "LEXICON_"

# Words keep inner apostrophes and hyphens ("don't", "no-name", "well-made"): split at the
# hyphen, "no-name earbuds broke" would read as a negation of "broke".
_TOKEN = re.compile(
    r"[a-z0-9]+(?:['-][a-z0-9]+)*|[!?]|[.,;:()]|[\U0001f300-\U0001faff\u2600-\u27bf]"
)
_SCOPE_ENDERS = frozenset(".,;:()!?")
_KEPT_PUNCTUATION = frozenset("!?")


def review_words(text: str) -> list[str]:
    """Lower-cased words, ``!``, ``?`` and emoji; words in a negation's scope get ``NOT_``.

    >>> review_words("Not very good, but cheap!")
    ['not', 'NOT_very', 'NOT_good', 'but', 'cheap', '!']
    """
    words, scope = [], 0
    for piece in _TOKEN.findall(text.lower().replace("’", "'")):
        if piece in _SCOPE_ENDERS:
            scope = 0
            if piece in _KEPT_PUNCTUATION:
                words.append(piece)
        elif piece in NEGATIONS or piece.endswith("n't"):
            words.append(piece)
            scope = NEGATION_SCOPE
        elif piece == "but":
            words.append(piece)
            scope = 0
        elif scope:
            words.append(NEGATED + piece)
            scope -= 1
        else:
            words.append(piece)
    return words


def read_vader_lexicon() -> dict[str, float]:
    """VADER's word list, ``{word: mean rated strength from -4 to +4}``, from its package."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon = {}
    for line in text.splitlines():
        word, strength, *_ = line.split("\t")
        lexicon[word] = float(strength)
    return lexicon


def lexicon_classes(lexicon: dict[str, float]) -> dict[str, str]:
    """Each lexicon word's class: its sign and its strength rounded to 1, 2 or 3."""
    return {
        word: f"{LEXICON_CLASS}{'POS' if strength > 0 else 'NEG'}"
        f"{min(3, max(1, int(abs(strength) + 0.5)))}"
        for word, strength in lexicon.items()
        if strength
    }


def review_terms(text: str, classes: dict[str, str] | None = None) -> list[str]:
    """What TF-IDF counts in a review: its words, neighbouring pairs, and lexicon classes.

    >>> review_terms("not awful", {"awful": "LEXICON_NEG2"})
    ['not', 'NOT_awful', 'not NOT_awful', 'NOT_LEXICON_NEG2']
    """
    words = review_words(text)
    terms = words + [f"{first} {second}" for first, second in pairwise(words)]
    if classes:
        for word in words:
            if word.startswith(NEGATED):
                found = classes.get(word[len(NEGATED) :])
                if found:
                    terms.append(NEGATED + found)
            elif found := classes.get(word):
                terms.append(found)
    return terms


class ReviewVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of a review's words, word pairs and (``lexicon=True``) lexicon classes.

    It computes what scikit-learn's ``TfidfVectorizer`` (``tfidf_recipe``) would, and the
    tests prove both learn the same vocabulary and weights and give the same matrix. It
    does the work itself because scikit-learn's ``transform`` spends about 0.35 ms per call
    checking its input, more than the whole prediction is allowed to take, and its ``fit``
    took twice as long, once for each candidate and fold the notebook compares.

    Most of the vocabulary is word pairs, and building each pair's string to look it up
    in a dictionary of 250,000 terms was most of the time a batch took. So ``transform``
    looks up only the words (about 20,000 of them), and finds a pair by its two words'
    columns, as a number, in a sorted table (``pair_keys_``), all of a batch at once. The
    table is saved with the vocabulary: making it again from the terms would take 0.2 s,
    most of what loading is allowed to take.
    """

    def __init__(self, lexicon: bool = True, min_df: int = 1):
        self.lexicon = lexicon
        self.min_df = min_df

    def fit(self, texts: Iterable[str], y=None) -> "ReviewVectorizer":
        self.classes_ = lexicon_classes(read_vader_lexicon()) if self.lexicon else {}
        # In how many reviews each term occurs (its document frequency).
        reviews_with: Counter[str] = Counter()
        count = 0
        for text in texts:
            reviews_with.update(set(review_terms(text, self.classes_)))
            count += 1
        terms = sorted(term for term, reviews in reviews_with.items() if reviews >= self.min_df)
        if not terms:
            raise ValueError("empty vocabulary: no term occurs in at least min_df reviews")
        self.vocabulary_ = dict(zip(terms, range(len(terms)), strict=True))
        frequencies = np.fromiter(map(reviews_with.__getitem__, terms), np.float64, len(terms))
        # scikit-learn's smoothed idf, as if one more review held every term once.
        self.idf_ = np.log((count + 1) / (frequencies + 1)) + 1
        self.pair_keys_, self.pair_columns_ = self._pair_table()
        self._index_words()
        return self

    def tfidf_recipe(self) -> TfidfVectorizer:
        """The scikit-learn vectorizer whose vocabulary, weights and matrix this reproduces."""
        return TfidfVectorizer(
            analyzer=partial(review_terms, classes=self.classes_),
            sublinear_tf=True,
            min_df=self.min_df,
        )

    def _pair_key(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """A pair of words as one number: its first word's column, then its second's."""
        return first * len(self.vocabulary_) + second

    def _pair_table(self) -> tuple[np.ndarray, np.ndarray]:
        """Every word pair's key, sorted, and the pair's own column in the same order.

        Both words of a pair the vocabulary kept are in it too: each occurs wherever the
        pair does, so it is in at least as many reviews (``min_df`` keeps it).
        """
        vocabulary = self.vocabulary_
        pairs = [term for term in vocabulary if " " in term]
        words = np.fromiter(map(vocabulary.__getitem__, " ".join(pairs).split(" ")), np.int64)
        keys = self._pair_key(words[0::2], words[1::2])
        columns = np.fromiter(map(vocabulary.__getitem__, pairs), np.int32, len(pairs))
        order = np.argsort(keys)
        return keys[order], columns[order]

    def _index_words(self) -> None:
        """The lookups ``transform`` uses, made again from the vocabulary when loaded.

        ``_word_columns``: each single word's column. ``_class_columns``: for each column
        of a word, its lexicon class's column, or -1.
        """
        vocabulary = self.vocabulary_
        self._word_columns = {word: at for word, at in vocabulary.items() if " " not in word}
        self._class_columns = np.full(len(vocabulary), -1, dtype=np.int64)
        for word, column in self._word_columns.items():
            self._class_columns[column] = self._class_column(word)

    def _class_column(self, word: str) -> int:
        """The column of ``word``'s lexicon class (``NOT_`` kept), or -1 if it has none."""
        negated = word.startswith(NEGATED)
        found = self.classes_.get(word[len(NEGATED) :] if negated else word)
        if not found:
            return -1
        return self.vocabulary_.get(NEGATED + found if negated else found, -1)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        look_up, class_column = self._word_columns.get, self._class_column
        columns: list[int] = []
        lengths: list[int] = []
        # Lexicon classes of words the vocabulary does not have: (row, column) each.
        unseen_rows: list[int] = []
        unseen_classes: list[int] = []
        for row, text in enumerate(texts):
            words = review_words(text)
            # -1 for a word the training reviews never had; dropped below, all at once.
            found = list(map(look_up, words, repeat(-1)))
            if -1 in found:
                for word, column in zip(words, found, strict=True):
                    if column < 0 and (lexicon := class_column(word)) >= 0:
                        unseen_rows.append(row)
                        unseen_classes.append(lexicon)
            columns.extend(found)
            lengths.append(len(found))
        count = len(lengths)
        rows = np.repeat(np.arange(count, dtype=np.int64), lengths)
        words = np.array(columns, dtype=np.int64)
        # Each word and the next, in the same review, both known: a pair to look up.
        first, second = words[:-1], words[1:]
        neighbours = (rows[:-1] == rows[1:]) & (first >= 0) & (second >= 0)
        keys = self._pair_key(first[neighbours], second[neighbours])
        places = np.searchsorted(self.pair_keys_, keys)
        places[places == len(self.pair_keys_)] = 0
        pairs_found = self.pair_keys_[places] == keys
        known = words >= 0
        word_rows, word_columns = rows[known], words[known]
        classes = self._class_columns[word_columns]
        has_class = classes >= 0
        rows = np.concatenate(
            [
                word_rows,
                rows[:-1][neighbours][pairs_found],
                word_rows[has_class],
                np.array(unseen_rows, dtype=np.int64),
            ]
        )
        columns_found = np.concatenate(
            [
                word_columns,
                self.pair_columns_[places[pairs_found]],
                classes[has_class],
                np.array(unseen_classes, dtype=np.int64),
            ]
        )
        return self._tfidf(rows, columns_found, count)

    def _tfidf(self, rows: np.ndarray, columns: np.ndarray, count: int) -> sparse.csr_matrix:
        """The TF-IDF matrix of ``count`` reviews, from the (row, column) of every term."""
        width = len(self.vocabulary_)
        # Each (row, column) once, in order, with how often it occurred: the term counts.
        cells, counts = np.unique(rows * width + columns, return_counts=True)
        row_of_value, indices = np.divmod(cells, width)
        values = (1.0 + np.log(counts)) * self.idf_[indices]
        norms = np.sqrt(np.bincount(row_of_value, values * values, minlength=count))
        values /= norms[row_of_value]
        indptr = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of_value, minlength=count), out=indptr[1:])
        return sparse.csr_matrix((values, indices.astype(np.int32), indptr), shape=(count, width))

    def __getstate__(self) -> dict:
        """Pickle the vocabulary as one string of terms, in column order.

        joblib unpickles with Python's pure-Python unpickler, which takes about 0.4 s for a
        dictionary of 250,000 terms; one string, split when loaded, takes a tenth of that.
        """
        state = dict(super().__getstate__())
        state.pop("_word_columns", None)
        state.pop("_class_columns", None)
        if "vocabulary_" in state:
            vocabulary = state.pop("vocabulary_")
            state["terms_"] = "\n".join(sorted(vocabulary, key=vocabulary.__getitem__))
        return state

    def __setstate__(self, state: dict) -> None:
        if "terms_" in state:
            terms = state.pop("terms_").split("\n")
            state["vocabulary_"] = dict(zip(terms, range(len(terms)), strict=True))
        super().__setstate__(state)
        if "vocabulary_" in state:
            self._index_words()

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)
