"""The course's review data set: size, balance, the hard cases, no duplicates, honest stats."""

import re
from collections import Counter

import pytest

from sentiment_model.review_data import (
    DATA_README,
    LABELS,
    STATS_END,
    STATS_START,
    near_duplicate_pairs,
    read_reviews,
    stats_markdown,
)


@pytest.fixture(scope="module")
def reviews():
    return read_reviews()


def test_at_least_3000_labelled_reviews(reviews):
    assert len(reviews) >= 3000
    assert {review.label for review in reviews} == set(LABELS)
    assert all(review.text.strip() == review.text and review.text for review in reviews)
    assert not any("\t" in review.text or "\n" in review.text for review in reviews)


def test_labels_are_roughly_balanced(reviews):
    share = Counter(review.label for review in reviews)["positive"] / len(reviews)
    assert 0.45 <= share <= 0.55


def test_many_product_kinds_each_with_both_labels(reviews):
    by_category = Counter((review.category, review.label) for review in reviews)
    categories = {category for category, _ in by_category}
    assert len(categories) >= 30
    for category in categories:
        assert by_category[(category, "positive")] >= 10, category
        assert by_category[(category, "negative")] >= 10, category


def test_fixed_split_holds_out_a_fifth_of_each_label(reviews):
    assert {review.split for review in reviews} == {"train", "test"}
    for label in LABELS:
        labelled = [review for review in reviews if review.label == label]
        held_out = sum(review.split == "test" for review in labelled) / len(labelled)
        assert 0.18 <= held_out <= 0.22, label


def test_no_exact_or_near_duplicates(reviews):
    pairs = near_duplicate_pairs([review.text for review in reviews])
    shown = [(reviews[i].text, reviews[j].text) for i, j, _ in pairs[:5]]
    assert not pairs, f"{len(pairs)} near-duplicate pairs, e.g. {shown}"


@pytest.mark.parametrize(
    ("kind", "pattern", "at_least"),
    [
        ("negation", r"\b(not|never|no|n't|cannot)\b|n't\b", 400),
        ("contrast", r"\b(but|though|although|however|yet)\b", 250),
        ("intensifiers", r"\b(absolutely|extremely|really|so|very|barely|slightly)\b", 400),
        ("emoji", "[\U0001f300-\U0001faff\u2600-\u27bf]", 80),
        ("ALL CAPS", r"\b[A-Z]{3,}\b.*\b[A-Z]{3,}\b", 50),
        ("typos", r"\b(recieved|realy|dissapointed|definately|alot|wont|cant|gr8|prob)\b", 20),
    ],
)
def test_hard_cases_real_reviews_have_are_present(reviews, kind, pattern, at_least):
    found = sum(bool(re.search(pattern, review.text)) for review in reviews)
    assert found >= at_least, f"only {found} reviews with {kind}"


def test_short_and_long_reviews_are_present(reviews):
    lengths = [len(review.text.split()) for review in reviews]
    assert sum(n <= 4 for n in lengths) >= 300
    assert sum(n >= 30 for n in lengths) >= 200


def test_readme_reports_the_current_statistics(reviews):
    text = DATA_README.read_text(encoding="utf-8")
    reported = STATS_START + text.split(STATS_START, 1)[1].split(STATS_END, 1)[0] + STATS_END
    assert reported == stats_markdown(reviews), (
        "data/README.md is out of date: run `python -m sentiment_model.review_data readme`"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Works great!", "works great"),
        ("Battery died after two weeks.", "The battery died after two weeks!"),
        ("😍 Love it", "Love it!!"),
    ],
)
def test_near_duplicates_are_caught(first, second):
    assert near_duplicate_pairs([first, "Unrelated text about a toaster.", second])


def test_different_sentences_are_not_near_duplicates():
    texts = ["Works great!", "Total junk.", "The strap broke on day two, sent it back."]
    assert near_duplicate_pairs(texts) == []
