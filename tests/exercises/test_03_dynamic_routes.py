"""Checks of lesson 03's exercises: run by `make check LESSON=03` against the learner's copy."""

import pytest

LESSON = "03_dynamic_routes"


@pytest.mark.exercise(1, hint="GET /square/7 should answer 49, and /square/12 answer 144")
def test_square_route_answers_the_square(lesson_client):
    client = lesson_client(LESSON)
    for number, square in [(7, "49"), (12, "144"), (0, "0")]:
        response = client.get(f"/square/{number}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).strip() == square


@pytest.mark.exercise(3, hint='/links should hold a fourth link, href="/path/docs/lessons"')
def test_links_lead_to_the_subpath_too(lesson_client):
    client = lesson_client(LESSON)
    assert 'href="/path/docs/lessons"' in client.get("/links").get_data(as_text=True)
    assert client.get("/path/docs/lessons").get_data(as_text=True) == "Subpath docs/lessons"
