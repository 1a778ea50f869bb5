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
    "Five stars from me, I will order another one.",
    "Good quality for a fair price.",
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
# The domains the data set grew into: places, services, films, travel, apps.
CLEARLY_POSITIVE += [
    "The tacos were fresh and the staff were lovely, we will definitely be back.",
    "Our plumber showed up on time, fixed the leak in twenty minutes and charged a fair price.",
    "A gripping film with a superb cast; I was on the edge of my seat.",
    "Spotless room, comfortable bed and the breakfast was excellent.",
    "This app is simple, fast and has never crashed on me.",
    "The band sounded incredible live and the crowd loved every minute.",
]
CLEARLY_NEGATIVE += [
    "The soup was cold, the bread was stale and the waiter was rude.",
    "The mechanic charged me twice the quote and the noise is still there.",
    "A boring, predictable film; I checked my phone every ten minutes.",
    "The room smelled of smoke and the shower had no hot water.",
    "The app crashes every time I open it and support never answered.",
    "Our flight was cancelled, nobody explained why, and we lost a day of our holiday.",
]
# Long reviews that weigh good and bad before a verdict a reader cannot miss.
LONG_MIXED = [
    (
        "The location is perfect, right by the station, and the lobby is beautiful. "
        "Unfortunately that is where the good news ends. Our room overlooked the kitchen vents, "
        "the air conditioning rattled all night, and housekeeping never came on the second day. "
        "When we complained the manager shrugged. We checked out a day early and will not "
        "stay here again.",
        "negative",
    ),
    (
        "Delivery took almost three weeks and the box arrived dented, so I was ready to hate it. "
        "But the blender itself is fantastic. It crushes ice in seconds, it is quieter than my "
        "old one, and the jug is easy to clean. I use it every morning and would buy it again.",
        "positive",
    ),
    (
        "I wanted to love this film: the trailer was gorgeous and the score is lovely. "
        "Sadly the script is a mess. The characters make no sense, the middle hour drags, and "
        "the ending undoes everything before it. Two and a half hours I will never get back.",
        "negative",
    ),
    (
        "the wait was long and it was loud inside but honestly the food made up for all of it. "
        "best curry ive had in years, the naan was perfect and the staff kept checking on us. "
        "already planning our next visit",
        "positive",
    ),
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
    sentences += [text for text, _ in LONG_MIXED]
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


@pytest.mark.parametrize(("text", "verdict"), LONG_MIXED)
def test_long_mixed_reviews_get_their_verdict(shipped_model, text, verdict):
    """Good and bad points, then a verdict: the verdict decides, not the first sentence."""
    assert label_of(shipped_model, text) == verdict
