"""Checks of lesson 06's exercises: run by `make check LESSON=06` against the learner's copy."""

import re
from datetime import UTC, datetime, timedelta

import pytest

LESSON = "06_sessions_and_security"
FIRST_VISIT = re.compile(r'<time id="first-visit">([^<]+)</time>')
PERMISSIONS = ("camera=()", "microphone=()", "geolocation=()")


def first_visit_shown(client) -> str:
    """The first-visit time /me shows, as text."""
    match = FIRST_VISIT.search(client.get("/me").get_data(as_text=True))
    assert match, '/me shows no <time id="first-visit">'
    return match[1].strip()


@pytest.mark.exercise(
    1, hint='/me should show <time id="first-visit">…</time>: when this visitor first came, in UTC'
)
def test_me_shows_the_first_visit_and_keeps_it(lesson_client):
    client = lesson_client(LESSON)
    before = datetime.now(UTC)
    shown = first_visit_shown(client)
    after = datetime.now(UTC)
    try:
        first_visit = datetime.fromisoformat(shown)
    except ValueError:
        pytest.fail(f"{shown!r} is not an ISO 8601 time, such as 2025-01-31T09:30:00+00:00")
    assert first_visit.tzinfo is not None, f"{shown!r} does not say its time zone"
    assert before - timedelta(seconds=1) <= first_visit <= after
    assert first_visit_shown(client) == shown
    assert first_visit_shown(client) == shown


@pytest.mark.exercise(
    1, hint="the first visit should be kept in the session cookie, not in the server's memory"
)
def test_first_visit_travels_in_the_session(load_lesson, lesson_env):
    lesson_env.setenv("SECRET_KEY", "kept-in-the-environment")
    app = load_lesson(LESSON)
    before = app.test_client()
    shown = first_visit_shown(before)
    cookie = before.get_cookie("session")
    assert cookie is not None, "/me set no session cookie"
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert shown in {str(value) for value in session.values()}
    restarted = load_lesson(LESSON).test_client()
    restarted.set_cookie("session", cookie.value)
    assert first_visit_shown(restarted) == shown


@pytest.mark.exercise(
    4, hint="every response, pages, API, errors and static files, should carry Permissions-Policy"
)
def test_permissions_policy_on_every_response(lesson_client):
    client = lesson_client(LESSON)
    for path in ["/", "/me", "/api/posts/1", "/nowhere", "/static/style.css"]:
        with client.get(path) as response:
            policy = response.headers.get("Permissions-Policy", "")
        for rule in PERMISSIONS:
            assert rule in policy, f"{path}: Permissions-Policy does not say {rule}"
