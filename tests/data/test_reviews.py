"""The course's review data set: size, balance, the hard cases, no duplicates, honest stats."""

import re
from collections import Counter
from random import Random

import pytest

from sentiment_model.review_data import (
    DATA_README,
    DOMAINS,
    LABELS,
    PRODUCTS,
    STATS_END,
    STATS_START,
    Review,
    domain_of,
    merge_drafts,
    near_duplicate_pairs,
    read_draft,
    read_reviews,
    sentences_in,
    stats_markdown,
    words,
    write_reviews,
)

pytestmark = pytest.mark.takes(13)


@pytest.fixture(scope="module")
def reviews():
    return read_reviews()


def test_at_least_20000_labelled_reviews(reviews):
    assert len(reviews) >= 20_000
    assert {review.label for review in reviews} == set(LABELS)
    assert all(review.text.strip() == review.text and review.text for review in reviews)
    assert not any("\t" in review.text or "\r" in review.text for review in reviews)


def test_line_breaks_only_separate_a_title_or_paragraphs(reviews):
    """A review may start with a title line; no line of a review is empty."""
    with_breaks = [review.text for review in reviews if "\n" in review.text]
    assert len(with_breaks) >= 1000
    assert all(line.strip() for text in with_breaks for line in text.split("\n"))


def test_reviews_are_as_long_as_real_ones(reviews):
    """At least 40% have two sentences or more; some are long paragraphs."""
    multi = sum(sentences_in(review.text) >= 2 for review in reviews)
    assert multi >= 0.4 * len(reviews)
    assert sum(len(review.text.split()) >= 120 for review in reviews) >= 1000


def test_every_domain_is_well_represented_and_balanced(reviews):
    by_domain = Counter((domain_of(review.category), review.label) for review in reviews)
    for domain in [*DOMAINS, PRODUCTS]:
        total = by_domain[(domain, "positive")] + by_domain[(domain, "negative")]
        assert total >= 1500, domain
        assert 0.45 <= by_domain[(domain, "positive")] / total <= 0.55, domain


def test_every_listed_category_is_in_the_data(reviews):
    categories = {review.category for review in reviews}
    assert {c for listed in DOMAINS.values() for c in listed} <= categories


def test_labels_are_roughly_balanced(reviews):
    share = Counter(review.label for review in reviews)["positive"] / len(reviews)
    assert 0.45 <= share <= 0.55


def test_many_categories_each_with_both_labels(reviews):
    by_category = Counter((review.category, review.label) for review in reviews)
    categories = {category for category, _ in by_category}
    assert len(categories) >= 60
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
    assert sum(n <= 4 for n in lengths) >= 1000
    assert sum(n >= 30 for n in lengths) >= 5000


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


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Love it!", 1),
        ("Great. Works well.", 2),
        ("Never again\nWe waited an hour.", 2),
        ('it was "fine." Then it broke! Refund?', 3),
        ("no punctuation at all just one long thought", 1),
    ],
)
def test_sentences_are_counted_by_punctuation_and_line_breaks(text, count):
    assert sentences_in(text) == count


def test_a_draft_line_may_carry_a_title(tmp_path):
    draft = tmp_path / "draft.tsv"
    draft.write_text("positive\thotels\tLovely stay\\nThe staff were kind.\n", encoding="utf-8")
    assert read_draft(draft) == [Review("Lovely stay\nThe staff were kind.", "positive", "hotels")]


def test_a_malformed_draft_line_is_refused(tmp_path):
    draft = tmp_path / "draft.tsv"
    draft.write_text("great\thotels\tLovely stay\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"draft\.tsv:1"):
        read_draft(draft)


def test_merging_drafts_drops_near_duplicates_and_keeps_the_set(tmp_path):
    existing = [
        Review("The kettle boils fast.", "positive", "kitchen", "train"),
        Review("The kettle leaks.", "negative", "kitchen", "test"),
    ]
    drafts = [
        Review("the kettle boils fast!", "positive", "kitchen"),
        *(Review(f"quiet{n} calm{n} room{n}.", "positive", "hotels") for n in range(10)),
        *(Review(f"noisy{n} awful{n} night{n}.", "negative", "hotels") for n in range(10)),
    ]
    merged, dropped = merge_drafts(existing, drafts)
    assert merged[:2] == existing
    texts = [review.text for review in merged]
    assert "the kettle boils fast!" not in texts
    assert dropped == len(existing) + len(drafts) - len(merged)
    added = merged[2:]
    assert {review.split for review in added} == {"train", "test"}
    for label in LABELS:
        held_out = [r for r in added if r.label == label and r.split == "test"]
        assert len(held_out) == round(0.2 * sum(r.label == label for r in added))
    assert merge_drafts(existing, drafts) == (merged, dropped), "the split is drawn the same"
    path = tmp_path / "reviews.csv"
    tricky = Review('A "quoted", comma\nand a title', "positive", "x", "train")
    write_reviews([*merged, tricky], path)
    assert read_reviews(path)[-1].text == 'A "quoted", comma\nand a title'
    assert read_reviews(path)[:-1] == merged


def all_pairs(texts: list[str], threshold: float) -> list[tuple[int, int]]:
    """Every pair with Jaccard >= threshold, by brute force over word sets."""
    sets = [{word for word in words(text)} for text in texts]
    return [
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if (not sets[i] and not sets[j])
        or (sets[i] | sets[j] and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= threshold)
    ]


@pytest.mark.parametrize("threshold", [0.4, 0.6, 0.8])
def test_prefix_filtering_finds_exactly_the_pairs_brute_force_finds(reviews, threshold):
    random = Random(threshold)
    sample = [review.text for review in random.sample(reviews, 400)]
    for text in random.sample(sample, 150):  # near copies: words dropped, a word added
        kept = [word for word in text.split() if random.random() > 0.25]
        sample.append(" ".join([*kept, "indeed"]))
    sample += ["", "!!", "a b c", "a b", "a"]
    found = [(i, j) for i, j, _ in near_duplicate_pairs(sample, threshold)]
    assert found == all_pairs(sample, threshold)
    assert len(found) > 30
