"""Lesson 04: error handlers for pages and the API, abort(), and no tracebacks for clients."""

import logging

import pytest

from tests.conftest import chain_lessons_from
from tests.json_errors import assert_json_error

LESSON = "04_error_handling"
LATER_LESSONS = chain_lessons_from(LESSON)


def add_failing_routes(app):
    """Give the app a page and an API route with a bug, as a learner's own code might have."""

    def broken():
        return 1 / 0

    app.add_url_rule("/broken", "broken_page", broken)
    app.add_url_rule("/api/broken", "broken_api", broken)
    return app


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_unknown_page_uses_the_404_handler(lesson_client, lesson):
    response = lesson_client(lesson).get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "This page does not exist" in response.get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_unknown_api_url_is_a_json_404(lesson_client, lesson):
    assert_json_error(lesson_client(lesson).get("/api/no/such/thing"), 404, "not_found")


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_wrong_method_on_the_api_is_a_json_405(lesson_client, lesson):
    response = lesson_client(lesson).delete("/api/posts/1")
    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_abort_gives_a_json_404_with_its_description(lesson_client, lesson):
    error = assert_json_error(lesson_client(lesson).get("/api/posts/99"), 404, "not_found")
    assert error["message"] == "There is no post with id 99."


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize("prefix", ["", "/api"])
def test_a_bug_is_a_500_without_a_traceback(load_lesson, caplog, lesson, prefix):
    """The client learns something went wrong; only the server log holds the traceback."""
    client = add_failing_routes(load_lesson(lesson)).test_client()
    with caplog.at_level(logging.ERROR):
        response = client.get(f"{prefix}/broken")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in body
    assert "ZeroDivisionError" not in body
    assert "Traceback" not in body
    if prefix:
        assert_json_error(response, 500, "internal_error")
    assert "ZeroDivisionError" in caplog.text


def test_get_post(lesson_client):
    response = lesson_client(LESSON).get("/api/posts/1")
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "title": "Hello, Flask"}


def test_create_post_answers_201_with_its_location(lesson_client):
    client = lesson_client(LESSON)
    response = client.post("/api/posts", json={"title": "  Error handlers  "})
    assert response.status_code == 201
    assert response.get_json() == {"id": 3, "title": "Error handlers"}
    assert response.headers["Location"] == "/api/posts/3"
    assert client.get("/api/posts/3").get_json() == {"id": 3, "title": "Error handlers"}


@pytest.mark.parametrize(
    "payload",
    [{}, {"title": ""}, {"title": "   "}, {"title": 7}, {"title": "x" * 101}, [1], "title"],
)
def test_invalid_post_is_422_naming_the_field(lesson_client, payload):
    client = lesson_client(LESSON)
    error = assert_json_error(client.post("/api/posts", json=payload), 422, "validation_failed")
    assert set(error["fields"]) == {"title"}
    assert client.get("/api/posts/3").status_code == 404


def test_malformed_json_is_a_json_400(lesson_client):
    response = lesson_client(LESSON).post(
        "/api/posts", data="{title:", content_type="application/json"
    )
    error = assert_json_error(response, 400, "bad_request")
    assert error["message"] == "The body is not valid JSON."


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_deeply_nested_json_is_a_json_400(lesson_client, lesson):
    nested = "[" * 100_000 + "]" * 100_000
    response = lesson_client(lesson).post(
        "/api/posts", data=nested, content_type="application/json"
    )
    assert_json_error(response, 400, "bad_request")


def test_form_body_is_a_json_415(lesson_client):
    response = lesson_client(LESSON).post("/api/posts", data={"title": "A form post"})
    error = assert_json_error(response, 415, "unsupported_media_type")
    assert "application/json" in error["message"]


def test_page_errors_stay_html(lesson_client):
    """Outside /api the same errors answer pages, for browsers."""
    response = lesson_client(LESSON).post("/data", data="{", content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "not valid JSON" in response.get_data(as_text=True)
