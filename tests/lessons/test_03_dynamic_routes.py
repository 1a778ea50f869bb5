"""Lesson 03: variables in URLs, converters, and url_for."""

import pytest

from tests.conftest import chain_lessons_from

LESSON = "03_dynamic_routes"
LATER_LESSONS = chain_lessons_from(LESSON)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_user_profile_shows_the_name(lesson_client, lesson):
    response = lesson_client(lesson).get("/user/ada")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "User ada"


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_username_is_escaped(lesson_client, lesson):
    """A name from the URL is shown as text: a script in it never runs in the browser."""
    response = lesson_client(lesson).get("/user/<img src=x onerror=alert(1)>")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<img" not in body
    assert body == "User &lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_int_converter_passes_an_int(lesson_client, lesson):
    response = lesson_client(lesson).get("/post/42")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Post 42"


@pytest.mark.parametrize("path", ["/post/forty-two", "/post/-1", "/post/4.2"])
def test_converter_mismatch_is_404(lesson_client, path):
    """A URL the converter does not accept matches no route at all."""
    assert lesson_client(LESSON).get(path).status_code == 404


def test_path_converter_accepts_slashes(lesson_client):
    response = lesson_client(LESSON).get("/path/docs/lessons/03")
    assert response.get_data(as_text=True) == "Subpath docs/lessons/03"


def test_path_is_escaped(lesson_client):
    response = lesson_client(LESSON).get("/path/a/<b>")
    assert response.get_data(as_text=True) == "Subpath a/&lt;b&gt;"


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_links_are_built_with_url_for(lesson_client, lesson):
    """url_for quotes what a URL cannot hold (the space) and adds query strings."""
    client = lesson_client(lesson)
    body = client.get("/links").get_data(as_text=True)
    assert 'href="/user/Ada%20Lovelace"' in body
    assert 'href="/post/42"' in body
    assert 'href="/greet?name=Ada"' in body
    assert client.get("/user/Ada%20Lovelace").get_data(as_text=True) == "User Ada Lovelace"
