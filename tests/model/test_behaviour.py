"""Behavioural tests of the shipped model (after Ribeiro et al.'s CheckList, as Made-With-ML does).

Every sentence here was written for these tests and is not in the data set (checked), so
they test what the model learned, not what it memorised.
"""

import pytest

from sentiment_model.review_data import read_reviews

CLEARLY_POSITIVE = [
    "Excellent phone, I am very happy with it.",
    "Great sound and the battery lasts all day.",
    "I love these headphones.",
    "Works perfectly, highly recommended.",
    "Best purchase I have made this year.",
    "The charger is fast and reliable.",
    "Very comfortable and easy to use.",
    "Five stars from me, I will order another one.Good quality for a fair price.",
    "My kids love this toy.",
    "Fantastic book, I could not put it down.",
    "The blender is powerful and quiet.",
]
CLEARLY_NEGATIVE = [
    "Terrible phone, I regret buying it.",
    "The sound is awful and the battery dies fast.",
    "I hate these headphones.",
    "Stopped working after two days, total junk.",
    "Worst purchase I have made this year.",
    "The charger is slow and unreliable.",
    "Very uncomfortable and hard to use.",
    "One star, would never buy again.",
    "Poor quality and overpriced.",
    "The toy broke the first time my son played with it.",
    "Boring book, I gave up halfway.",
    "The blender leaks and smells like burning plastic.",
]
NAME_SWAPS = {
    ("The {} earbuds broke after a week and I want my money back.", "negative"): [
        "Sony",
        "Apple",
        "Samsung",
        "JBL",
        "Anker",
        "no-name",
    ],
    ("I really love my new {}, it works great.", "positive"): [
        "phone",
        "laptop",
        "kettle",
        "backpack",
        "keyboard",
        "smartwatch",
    ],
}
NEGATIONS = [
    ("This is a good charger.", "This is not a good charger."),
    ("I would recommend this case.", "I would not recommend this case."),
    ("I am happy with this speaker.", "I am not happy with this speaker."),
    ("The remote works.", "The remote does not work."),
    ("The cable is worth the money.", "The cable is not worth the money."),
    ("I like this blender.", "I don't like this blender."),
]


@pytest.fixture(scope="module")
def data_set_texts():
    return {review.text.lower() for review in read_reviews()}


def label_of(model, text: str) -> str:
    return model.predict([text])[0].label


def test_test_sentences_are_not_in_the_data_set(data_set_texts):
    sentences = [*CLEARLY_POSITIVE, *CLEARLY_NEGATIVE]
    sentences += [
        template.format(name) for (template, _), names in NAME_SWAPS.items() for name in names
    ]
    sentences += [sentence for pair in NEGATIONS for sentence in pair]
    assert not [sentence for sentence in sentences if sentence.lower() in data_set_texts]


@pytest.mark.parametrize("text", CLEARLY_POSITIVE)
def test_minimum_functionality_positive(shipped_model, text):
    assert label_of(shipped_model, text) == "positive"


@pytest.mark.parametrize("text", CLEARLY_NEGATIVE)
def test_minimum_functionality_negative(shipped_model, text):
    assert label_of(shipped_model, text) == "negative"


@pytest.mark.parametrize(("template", "names"), NAME_SWAPS.items())
def test_invariance_to_product_and_brand_names(shipped_model, template, names):
    """Which brand or product a review names does not change its (right) verdict."""
    sentence, expected = template
    labels = {name: label_of(shipped_model, sentence.format(name)) for name in names}
    assert set(labels.values()) == {expected}, labels


@pytest.mark.parametrize(("positive", "negated"), NEGATIONS)
def test_direction_negation_flips_a_positive_review(shipped_model, positive, negated):
    assert label_of(shipped_model, positive) == "positive"
    assert label_of(shipped_model, negated) == "negative"
