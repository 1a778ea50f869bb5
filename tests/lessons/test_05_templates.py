"""Lesson 05: a base layout, loops and conditionals, custom filters, escaping by default."""

import sys

import pytest

from tests.conftest import chain_lessons_from
from tests.forms import submit_form

LESSON = "05_templates"
LATER_LESSONS = chain_lessons_from(LESSON)
XSS = "<script>alert(1)</script>"


@pytest.mark.changed_by_exercise(1)
@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_reviews_page_lists_reviews_in_the_layout(lesson_client, lesson):
    response = lesson_client(lesson).get("/reviews")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<title>Reviews · Flask course</title>" in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    assert "Great screen, and the battery lasts two days." in html
    assert "★★★★★" in html
    assert "★☆☆☆☆" in html


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_stylesheet_is_served(lesson_client, lesson):
    with lesson_client(lesson).get("/static/style.css") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/css"
        assert b"font-family" in response.get_data()


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_posted_review_is_shown_with_redirect_after_post(lesson_client, lesson):
    client = lesson_client(lesson)
    response = submit_form(client, "/reviews", {"text": "Sturdy and quiet.", "rating": "4"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/reviews"
    assert "Sturdy and quiet." in client.get("/reviews").get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_review_text_is_escaped(lesson_client, lesson):
    """Autoescaping: a script in a review reaches the page as text, not as a script."""
    client = lesson_client(lesson)
    submit_form(client, "/reviews", {"text": f"Nice {XSS} phone", "rating": "5"})
    html = client.get("/reviews").get_data(as_text=True)
    assert "Nice &lt;script&gt;alert(1)&lt;/script&gt; phone" in html
    assert XSS not in html


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_line_breaks_become_br_and_stay_escaped(lesson_client, lesson):
    """nl2br builds Markup from escaped text, so only its own <br> is HTML."""
    client = lesson_client(lesson)
    submit_form(client, "/reviews", {"text": "Line one <b>\nLine two", "rating": "3"})
    html = client.get("/reviews").get_data(as_text=True)
    assert "Line one &lt;b&gt;<br>\nLine two" in html


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "   ", "rating": "4"}, "text"),
        ({"text": "x" * 501, "rating": "4"}, "text"),
        ({"text": "Fine.", "rating": "9"}, "rating"),
        ({"text": "Fine.", "rating": "five"}, "rating"),
        ({"text": "Fine."}, "rating"),
    ],
)
def test_invalid_review_is_422_with_the_form_and_its_error(lesson_client, lesson, data, field):
    client = lesson_client(lesson)
    response = submit_form(client, "/reviews", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    assert "Fine." not in client.get("/reviews").get_data(as_text=True)


def test_rejected_form_shows_the_typed_text_escaped(lesson_client):
    """Autoescaping of a plain {{ value }}: the text sent back into the form stays text."""
    response = submit_form(lesson_client(LESSON), "/reviews", {"text": XSS, "rating": "9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in html
    assert XSS not in html


def test_empty_list_says_so(load_lesson):
    app = load_lesson(LESSON)
    sys.modules[app.import_name].REVIEWS.clear()
    html = app.test_client().get("/reviews").get_data(as_text=True)
    assert "No reviews yet" in html


def test_stars_filter(load_lesson):
    stars = load_lesson(LESSON).jinja_env.filters["stars"]
    assert stars(3) == "★★★☆☆"


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_error_pages_use_the_layout(lesson_client, lesson):
    html = lesson_client(lesson).get("/no/such/page").get_data(as_text=True)
    assert "<nav>" in html
    assert "This page does not exist" in html
