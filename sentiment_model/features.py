"""How the model reads a review: its words, word pairs and a sentiment lexicon, in one pass.

A model trained on one set of reviews knows only the words it saw there. Two things let it
read reviews from elsewhere:

- **negation marking**: after "not", "never", "wasn't" ... the next few words are read as
  ``NOT_good``, ``NOT_worth``, so "not worth it" and "worth it" are different features
  even when the words between them differ ("wasn't really worth it");
- **a lexicon**: VADER's list of about 7,500 English sentiment words with a human-rated
  strength (Hutto and Gilbert, 2014; MIT licence), summed over the review with the same
  negation, so the model starts from what "superb" or "dreadful" mean even if no training
  review used them.

``ReviewVectorizer`` is the fitted object saved as ``vectorizer.joblib``: ``transform``
turns texts into one sparse matrix the classifier reads, as the source article's
``model.predict(vectorizer.transform([text]))`` expects.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable
from importlib.resources import files

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

# VADER's negations, and "no" (VADER handles it separately).
NEGATIONS = frozenset(
    """aint arent cannot cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt
    mightnt mustnt neednt oughtnt shant shouldnt wasnt werent wont wouldnt neither never
    no none nope nor not nothing nowhere without rarely seldom despite""".split()
)
# How many words after a negation it covers, unless punctuation or "but" ends it first.
NEGATION_SCOPE = 3
NEGATED = "NOT_"
# VADER's constants: a negated word keeps 74% of its strength, reversed; after "but" the
# words before it count half and the words after it one and a half.
NEGATED_STRENGTH = -0.74
BEFORE_BUT, AFTER_BUT = 0.5, 1.5
LEXICON_COLUMNS = ("lexicon_score", "lexicon_positive", "lexicon_negative")

_TOKEN = re.compile(
    r"[a-z0-9]+(?:'[a-z]+)*|[!?]|[.,;:()]|[\U0001f300-\U0001faff\u2600-\u27bf]"
)
_SCOPE_ENDERS = frozenset(".,;:()!?")
_KEPT_PUNCTUATION = frozenset("!?")


def review_words(text: str) -> list[str]:
    """Lower-cased words, ``!``, ``?`` and emoji; words in a negation's scope get ``NOT_``.

    >>> review_words("Not very good, but cheap!")
    ['not', 'NOT_very', 'NOT_good', 'but', 'cheap', '!']
    """
    tokens = _TOKEN.findall(text.lower().replace("’", "'"))
    words, scope = [], 0
    for token in tokens:
        if token in _SCOPE_ENDERS:
            scope = 0
            if token in _KEPT_PUNCTUATION:
                words.append(token)
        elif token in NEGATIONS or token.endswith("n't"):
            words.append(token)
            scope = NEGATION_SCOPE
        elif token == "but":
            words.append(token)
            scope = 0
        elif scope:
            words.append(NEGATED + token)
            scope -= 1
        else:
            words.append(token)
    return words


def words_and_pairs(text: str) -> list[str]:
    """The terms TF-IDF counts: each word, and each pair of neighbouring words."""
    words = review_words(text)
    return words + [f"{first} {second}" for first, second in zip(words, words[1:])]


def read_vader_lexicon() -> dict[str, float]:
    """VADER's word list, ``{word: mean rated strength from -4 to +4}``, from its package."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    lexicon = {}
    for line in text.splitlines():
        word, strength, *_ = line.split("\t")
        lexicon[word] = float(strength)
    return lexicon


def lexicon_scores(words: list[str], lexicon: dict[str, float]) -> tuple[float, float, float]:
    """VADER-style scores of a review: overall (-1 to 1), and its positive and negative shares."""
    but = len(words) - 1 - words[::-1].index("but") if "but" in words else None
    strengths = []
    for position, word in enumerate(words):
        negated = word.startswith(NEGATED)
        strength = lexicon.get(word[len(NEGATED) :] if negated else word)
        if strength is None:
            continue
        if negated:
            strength *= NEGATED_STRENGTH
        if but is not None:
            strength *= BEFORE_BUT if position < but else AFTER_BUT
        strengths.append(strength)
    total = sum(strengths)
    positive = sum(s for s in strengths if s > 0)
    negative = -sum(s for s in strengths if s < 0)
    return (
        total / math.sqrt(total * total + 15),
        positive / (positive + negative + 1),
        negative / (positive + negative + 1),
    )


class ReviewVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of words and word pairs, plus three lexicon scores, as one sparse matrix.

    ``fit`` lets scikit-learn's ``TfidfVectorizer`` learn the vocabulary and its weights.
    ``transform`` applies them itself, in one pass per text, because scikit-learn's own
    ``transform`` spends about 0.35 ms per call checking its input, more than the whole
    prediction is allowed to take; the tests prove both give the same matrix.
    """

    def __init__(self, min_df: int = 1, lexicon_weight: float = 1.0):
        self.min_df = min_df
        self.lexicon_weight = lexicon_weight

    def fit(self, texts: Iterable[str], y=None) -> "ReviewVectorizer":
        tfidf = self.tfidf_recipe().fit(texts)
        self.vocabulary_ = dict(tfidf.vocabulary_)
        self.idf_ = tfidf.idf_.astype(np.float64)
        self.lexicon_ = read_vader_lexicon()
        self.n_features_ = len(self.vocabulary_) + len(LEXICON_COLUMNS)
        return self

    def tfidf_recipe(self) -> TfidfVectorizer:
        """The scikit-learn vectorizer whose result ``transform`` reproduces."""
        return TfidfVectorizer(analyzer=words_and_pairs, sublinear_tf=True, min_df=self.min_df)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        vocabulary, idf, lexicon = self.vocabulary_, self.idf_, self.lexicon_
        first_lexicon_column = len(vocabulary)
        indptr, indices, values = [0], [], []
        for text in texts:
            words = review_words(text)
            terms = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
            counts = Counter(vocabulary[term] for term in terms if term in vocabulary)
            columns = sorted(counts)
            weights = [(1.0 + math.log(counts[column])) * idf[column] for column in columns]
            norm = math.sqrt(sum(weight * weight for weight in weights)) or 1.0
            indices.extend(columns)
            values.extend(weight / norm for weight in weights)
            for offset, score in enumerate(lexicon_scores(words, lexicon)):
                if score:
                    indices.append(first_lexicon_column + offset)
                    values.append(score * self.lexicon_weight)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(values), np.array(indices, dtype=np.int32), np.array(indptr)),
            shape=(len(indptr) - 1, self.n_features_),
        )

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return np.array([*names, *LEXICON_COLUMNS], dtype=object)
