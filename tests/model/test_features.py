"""How the model reads a review: negation, lexicon classes, and a transform that matches sklearn."""

import joblib
import numpy as np
import pytest

from sentiment_model.features import (
    ReviewVectorizer,
    lexicon_classes,
    read_vader_lexicon,
    review_terms,
    review_words,
)
from sentiment_model.review_data import read_reviews


@pytest.fixture(scope="module")
def classes():
    return lexicon_classes(read_vader_lexicon())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Not very good, but cheap!", ["not", "NOT_very", "NOT_good", "but", "cheap", "!"]),
        ("It wasn't worth it.", ["it", "wasn't", "NOT_worth", "NOT_it"]),
        ("I didn’t like it", ["i", "didn’t".replace("’", "'"), "NOT_like", "NOT_it"]),
        ("never again. loved the staff", ["never", "NOT_again", "loved", "the", "staff"]),
        ("no no no no no", ["no", "no", "no", "no", "no"]),
        ("Works great 😍 ??", ["works", "great", "😍", "?", "?"]),
    ],
)
def test_words_in_a_negations_scope_are_marked(text, words):
    """The scope ends after three words, at punctuation, or at "but"."""
    assert review_words(text) == words


def test_a_negation_covers_at_most_three_words():
    assert review_words("not one of the best")[1:] == ["NOT_one", "NOT_of", "NOT_the", "best"]


def test_lexicon_classes_carry_sign_and_strength(classes):
    assert classes["dreadful"].startswith("LEXICON_NEG")
    assert classes["superb"] == "LEXICON_POS3"
    assert classes["good"] == "LEXICON_POS2"
    assert {value[-1] for value in classes.values()} == {"1", "2", "3"}


def test_a_negated_lexicon_word_counts_as_its_negated_class(classes):
    terms = review_terms("not good", classes)
    assert "NOT_LEXICON_POS2" in terms
    assert "LEXICON_POS2" not in terms
    assert review_terms("good", classes)[-1] == "LEXICON_POS2"


def test_terms_are_words_pairs_and_classes(classes):
    assert review_terms("awful service", classes) == [
        "awful",
        "service",
        "awful service",
        classes["awful"],
    ]
    assert review_terms("awful service") == ["awful", "service", "awful service"]


@pytest.fixture(scope="module")
def texts():
    reviews = read_reviews()
    train = [review.text for review in reviews if review.split == "train"][:3000]
    test = [review.text for review in reviews if review.split == "test"][:1000]
    return train, [*test, "", "!!!", "words nobody ever wrote", "😍", "Not. Not. NOT."]


@pytest.mark.parametrize(("lexicon", "min_df"), [(True, 1), (False, 1), (True, 2)])
def test_transform_is_exactly_scikit_learns(texts, lexicon, min_df):
    """The vectorizer learns what TfidfVectorizer learns and gives its matrix, value for value.

    ``min_df=2`` drops most word pairs but keeps their words: the pair table must agree.
    """
    train, test = texts
    vectorizer = ReviewVectorizer(lexicon=lexicon, min_df=min_df).fit(train)
    tfidf = vectorizer.tfidf_recipe().fit(train)
    assert vectorizer.vocabulary_ == tfidf.vocabulary_
    assert np.array_equal(vectorizer.idf_, tfidf.idf_)
    ours = vectorizer.transform(test)
    theirs = tfidf.transform(test)
    assert ours.shape == theirs.shape
    assert ours.has_canonical_format
    assert abs(ours - theirs).max() < 1e-12
    assert (ours != theirs).nnz == 0 or abs(ours - theirs).max() < 1e-12
    assert ours.nnz == theirs.nnz


def test_an_unseen_lexicon_word_still_gets_a_feature(texts, classes):
    """A sentiment word no training review used is still read, through its class."""
    train, _ = texts
    vectorizer = ReviewVectorizer().fit(train)
    unseen = next(word for word in classes if word.isalpha() and word not in vectorizer.vocabulary_)
    row = vectorizer.transform([unseen])
    assert [vectorizer.get_feature_names_out()[column] for column in row.indices] == [
        classes[unseen]
    ]


def test_feature_names_follow_the_columns(texts):
    train, _ = texts
    vectorizer = ReviewVectorizer().fit(train)
    names = vectorizer.get_feature_names_out()
    assert len(names) == len(vectorizer.vocabulary_)
    assert all(vectorizer.vocabulary_[name] == column for column, name in enumerate(names[:500]))


def test_a_saved_vectorizer_loads_with_the_same_vocabulary(texts, tmp_path):
    """The vocabulary is pickled as one string (fast to load); nothing is lost on the way."""
    train, test = texts
    vectorizer = ReviewVectorizer().fit(train)
    joblib.dump(vectorizer, tmp_path / "vectorizer.joblib")
    assert hasattr(vectorizer, "vocabulary_"), "saving must not change the object saved"
    loaded = joblib.load(tmp_path / "vectorizer.joblib")
    assert loaded.vocabulary_ == vectorizer.vocabulary_
    assert (loaded.transform(test) != vectorizer.transform(test)).nnz == 0
