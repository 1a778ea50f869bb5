"""Lesson 01: one route that answers ``GET /``."""

import pytest

from tests.conftest import chain_lessons_from

LESSON = "01_hello_flask"


@pytest.mark.parametrize("lesson", chain_lessons_from(LESSON))
def test_index_greets_in_every_chain_lesson(lesson_client, lesson):
    """The first route stays the same while the later lessons grow around it."""
    response = lesson_client(lesson).get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == "This is my basic flask application!"


def test_unknown_url_is_404(lesson_client):
    response = lesson_client(LESSON).get("/nowhere")
    assert response.status_code == 404


def test_index_refuses_post(lesson_client):
    """A route answers GET only unless it names other methods."""
    response = lesson_client(LESSON).post("/")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("lesson", chain_lessons_from(LESSON))
def test_debug_mode_is_off_by_default(load_lesson, lesson):
    """Debug mode comes from the command line (``--debug``), never from the code."""
    app = load_lesson(lesson)
    assert app.debug is False
