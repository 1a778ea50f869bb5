"""Checks of lesson 01's exercises: run by `make check LESSON=01` against the learner's copy."""

import pytest

LESSON = "01_hello_flask"


@pytest.mark.exercise(1, hint="GET /about should answer 200 with a sentence about you")
def test_about_page_says_something(lesson_client):
    response = lesson_client(LESSON).get("/about")
    assert response.status_code == 200
    assert response.get_data(as_text=True).strip()


@pytest.mark.exercise(4, hint="GET /home should answer exactly what GET / answers")
def test_home_is_a_second_address_of_the_home_page(lesson_client):
    client = lesson_client(LESSON)
    home = client.get("/home")
    assert home.status_code == 200
    assert home.get_data() == client.get("/").get_data()
