"""Checks of lesson 04's exercises: run by `make check LESSON=04` against the learner's copy."""

import pytest

from tests.json_errors import assert_json_error

LESSON = "04_error_handling"


@pytest.mark.exercise(
    2, hint='POST /api/posts {"title": "Fine", "colour": "red"} should be a 422 naming "colour"'
)
def test_unknown_keys_are_a_422_that_names_them(lesson_client):
    client = lesson_client(LESSON)
    response = client.post("/api/posts", json={"title": "Fine", "colour": "red", "tags": []})
    error = assert_json_error(response, 422, "validation_failed")
    assert set(error.get("fields", {})) == {"colour", "tags"}
    assert client.get("/api/posts/3").status_code == 404
    assert client.post("/api/posts", json={"title": "Fine"}).status_code == 201


@pytest.mark.exercise(4, hint="POST /api/posts with a title already taken should be a JSON 409")
def test_a_duplicate_title_is_a_409_conflict(lesson_client):
    client = lesson_client(LESSON)
    assert_json_error(client.post("/api/posts", json={"title": "Hello, Flask"}), 409, "conflict")
    assert client.post("/api/posts", json={"title": "Twice"}).status_code == 201
    error = assert_json_error(client.post("/api/posts", json={"title": " Twice "}), 409, "conflict")
    assert "Twice" in error["message"]
    assert client.get("/api/posts/4").status_code == 404
