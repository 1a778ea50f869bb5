"""Checks of lesson 02's exercises: run by `make check LESSON=02` against the learner's copy."""

import pytest

LESSON = "02_requests_and_responses"


@pytest.mark.exercise(
    1, hint='GET /greet?name=Ada should answer the JSON {"greeting": "Hello, Ada!"}'
)
def test_greet_answers_json(lesson_client):
    client = lesson_client(LESSON)
    response = client.get("/greet", query_string={"name": "Ada"})
    assert response.mimetype == "application/json"
    assert response.get_json() == {"greeting": "Hello, Ada!"}
    assert client.get("/greet").get_json() == {"greeting": "Hello, world!"}


@pytest.mark.exercise(2, hint='GET /greet?name= (an empty name) should greet the world, not "!"')
def test_empty_name_greets_the_world(lesson_client):
    client = lesson_client(LESSON)
    assert "Hello, world!" in client.get("/greet?name=").get_data(as_text=True)
    assert "Hello, Ada!" in client.get("/greet?name=Ada").get_data(as_text=True)
