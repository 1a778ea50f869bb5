"""Checks of lesson 05's exercises: run by `make check LESSON=05` against the learner's copy."""

import pytest

from tests.forms import submit_form

LESSON = "05_templates"


@pytest.mark.exercise(1, hint="the title of /reviews should count them: Reviews (2) at first")
def test_title_counts_the_reviews(lesson_client):
    client = lesson_client(LESSON)
    assert "<title>Reviews (2) · Flask course</title>" in client.get("/reviews").get_data(
        as_text=True
    )
    submit_form(client, "/reviews", {"text": "One more.", "rating": "3"})
    assert "<title>Reviews (3) · Flask course</title>" in client.get("/reviews").get_data(
        as_text=True
    )


@pytest.mark.exercise(
    3, hint="the list should show a review of over 50 characters as its first 49 and …"
)
def test_long_reviews_are_shortened_in_the_list(load_lesson):
    app = load_lesson(LESSON)
    shorten = app.jinja_env.filters.get("shorten")
    assert shorten is not None, "there is no filter named shorten"
    assert shorten("Short and sweet.") == "Short and sweet."
    client = app.test_client()
    text = "The battery lasts two days, and the screen is sharp, bright and clear."
    submit_form(client, "/reviews", {"text": text, "rating": "4"})
    html = client.get("/reviews").get_data(as_text=True)
    assert text[:49] + "…" in html
    assert text not in html


@pytest.mark.exercise(
    3, hint="a shortened review should still be escaped: <b> in it must reach the page as &lt;b&gt;"
)
def test_shortened_reviews_stay_escaped(lesson_client):
    client = lesson_client(LESSON)
    text = "<b>" + "LOUD " * 19 + "LOUD"
    submit_form(client, "/reviews", {"text": text, "rating": "2"})
    html = client.get("/reviews").get_data(as_text=True)
    assert "&lt;b&gt;" + text[3:49] + "…" in html
    assert "<b>LOUD" not in html
