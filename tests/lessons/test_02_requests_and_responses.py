"""Lesson 02: the request object, JSON in and out, status codes and headers."""

import pytest

from tests.conftest import chain_lessons_from

LESSON = "02_requests_and_responses"
LATER_LESSONS = chain_lessons_from(LESSON)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_get_data_says_hello(lesson_client, lesson):
    response = lesson_client(lesson).get("/data")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Hello, GET request!"


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize(
    "payload", [{"review": "Great phone", "stars": 5}, ["a", "list"], "a string", 42, True]
)
def test_post_data_echoes_json(lesson_client, lesson, payload):
    """Any JSON value comes back unchanged under ``you_posted``, as JSON."""
    response = lesson_client(lesson).post("/data", json=payload)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == {"you_posted": payload}


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_malformed_json_is_a_clear_400(lesson_client, lesson):
    response = lesson_client(lesson).post(
        "/data", data='{"review": "unterminated', content_type="application/json"
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_deeply_nested_json_is_a_400_not_a_crash(lesson_client, lesson):
    """Python's JSON parser gives up on deep nesting with a RecursionError, not a ValueError."""
    nested = "[" * 100_000 + "]" * 100_000
    response = lesson_client(lesson).post("/data", data=nested, content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize(
    ("body", "content_type"),
    [("review=great", "application/x-www-form-urlencoded"), ('{"a": 1}', "text/plain")],
)
def test_non_json_body_is_a_clear_415(lesson_client, lesson, body, content_type):
    """Without ``force=True``, a body is read as JSON only when it says it is JSON."""
    response = lesson_client(lesson).post("/data", data=body, content_type=content_type)
    assert response.status_code == 415
    assert "Content-Type: application/json" in response.get_data(as_text=True)


@pytest.mark.changed_by_exercise(1)
@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_greet_reads_the_query_string(lesson_client, lesson):
    response = lesson_client(lesson).get("/greet", query_string={"name": "Ada"})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Hello, Ada!\n"


@pytest.mark.changed_by_exercise(1)
def test_greet_has_a_default_name(lesson_client):
    response = lesson_client(LESSON).get("/greet")
    assert response.get_data(as_text=True) == "Hello, world!\n"


@pytest.mark.changed_by_exercise(1)
def test_greet_sets_its_own_headers(lesson_client):
    """``make_response`` lets a view choose the content type and add headers."""
    response = lesson_client(LESSON).get("/greet?name=Ada")
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
