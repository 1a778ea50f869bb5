"""Lesson 06: signed sessions, the secret key, CSRF on every form, and security headers."""

import base64
import json
import logging
import zlib

import pytest

from tests.conftest import chain_lessons_from
from tests.forms import csrf_token_in, submit_form

LESSON = "06_sessions_and_security"
LATER_LESSONS = chain_lessons_from(LESSON)


def session_cookie(client):
    cookie = client.get_cookie("session")
    assert cookie is not None, "the app set no session cookie"
    return cookie


def session_data(cookie: str) -> tuple[dict, bool, str]:
    """The data in a session cookie, whether it was compressed, and the signed rest of it.

    Flask compresses a session that has grown (with zlib; the cookie then starts with a dot).
    """
    compressed = cookie.startswith(".")
    payload, rest = cookie.removeprefix(".").split(".", 1)
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw), compressed, rest


def visits_shown(client) -> int:
    html = client.get("/me").get_data(as_text=True)
    return int(html.split('<strong id="visits">')[1].split("</strong>")[0])


# Sessions


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_session_counts_visits_and_remembers_a_name(lesson_client, lesson):
    client = lesson_client(lesson)
    assert [visits_shown(client) for _ in range(3)] == [1, 2, 3]
    response = submit_form(client, "/me", {"name": "Ada"})
    assert response.status_code == 303
    assert "Welcome back, Ada!" in client.get("/me").get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_name_from_the_session_is_escaped(lesson_client, lesson):
    """{{ name }} is autoescaped: a name is shown as text, whatever it contains."""
    client = lesson_client(lesson)
    submit_form(client, "/me", {"name": "<b onmouseover=alert(1)>Ada</b>"})
    html = client.get("/me").get_data(as_text=True)
    assert "Welcome back, &lt;b onmouseover=alert(1)&gt;Ada&lt;/b&gt;!" in html
    assert "<b onmouseover" not in html


def test_each_browser_has_its_own_session(load_lesson):
    app = load_lesson(LESSON)
    first, second = app.test_client(), app.test_client()
    visits_shown(first)
    visits_shown(first)
    assert visits_shown(second) == 1


def test_forget_me_clears_the_session(lesson_client):
    client = lesson_client(LESSON)
    submit_form(client, "/me", {"name": "Ada"})
    assert submit_form(client, "/me", {}, action="/me/forget").status_code == 303
    assert "Hello, stranger!" in client.get("/me").get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_tampered_session_cookie_is_rejected(lesson_client, lesson):
    """The session is signed: edit the cookie's data and the app ignores all of it."""
    client = lesson_client(lesson)
    submit_form(client, "/me", {"name": "Ada"})
    data, compressed, signed_rest = session_data(session_cookie(client).value)
    assert data["name"] == "Ada"
    data["name"] = "admin"
    raw = json.dumps(data).encode()
    forged = base64.urlsafe_b64encode(zlib.compress(raw) if compressed else raw).decode()
    client.set_cookie("session", f"{'.' if compressed else ''}{forged.rstrip('=')}.{signed_rest}")
    html = client.get("/me").get_data(as_text=True)
    assert "admin" not in html
    assert "Hello, stranger!" in html


def test_session_signed_with_another_key_is_rejected(load_lesson, lesson_env):
    lesson_env.setenv("SECRET_KEY", "the-real-key")
    real = load_lesson(LESSON).test_client()
    lesson_env.setenv("SECRET_KEY", "an-attackers-guess")
    attacker = load_lesson(LESSON).test_client()
    submit_form(attacker, "/me", {"name": "admin"})
    real.set_cookie("session", session_cookie(attacker).value)
    assert "Hello, stranger!" in real.get("/me").get_data(as_text=True)


def test_session_survives_a_restart_with_the_same_key(load_lesson, lesson_env):
    lesson_env.setenv("SECRET_KEY", "kept-in-the-environment")
    before = load_lesson(LESSON).test_client()
    submit_form(before, "/me", {"name": "Ada"})
    after = load_lesson(LESSON).test_client()
    after.set_cookie("session", session_cookie(before).value)
    assert "Welcome back, Ada!" in after.get("/me").get_data(as_text=True)


# The secret key and cookie flags


def test_secret_key_comes_from_the_environment(load_lesson, lesson_env):
    lesson_env.setenv("SECRET_KEY", "from-the-environment")
    assert load_lesson(LESSON).secret_key == "from-the-environment"


def test_development_without_a_key_uses_a_random_one_and_warns(load_lesson, caplog):
    with caplog.at_level(logging.WARNING):
        first, second = load_lesson(LESSON), load_lesson(LESSON)
    assert len(first.secret_key) == 64
    assert first.secret_key != second.secret_key
    assert "SECRET_KEY is not set" in caplog.text


def test_production_without_a_key_refuses_to_start(load_lesson, lesson_env):
    lesson_env.setenv("APP_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        load_lesson(LESSON)


def test_cookie_flags_in_development(lesson_client):
    client = lesson_client(LESSON)
    header = client.get("/me").headers["Set-Cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header


def test_cookie_is_secure_in_production(load_lesson, lesson_env):
    lesson_env.setenv("APP_ENV", "production")
    lesson_env.setenv("SECRET_KEY", "a-production-key")
    header = load_lesson(LESSON).test_client().get("/me").headers["Set-Cookie"]
    assert "Secure" in header
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header


# CSRF


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize(
    ("form_page", "action", "data"),
    [
        ("/reviews", "/reviews", {"text": "Posted by another site", "rating": "1"}),
        ("/me", "/me", {"name": "Mallory"}),
        ("/me", "/me/forget", {}),
    ],
)
def test_form_post_without_a_csrf_token_is_400(lesson_client, lesson, form_page, action, data):
    client = lesson_client(lesson)
    submit_form(client, "/me", {"name": "Ada"})
    client.get(form_page)
    response = client.post(action, data=data)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    html = client.get("/reviews").get_data(as_text=True) + client.get("/me").get_data(as_text=True)
    assert "Posted by another site" not in html
    assert "Mallory" not in html
    assert "Welcome back, Ada!" in html


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_form_post_with_a_valid_token_is_accepted(lesson_client, lesson):
    client = lesson_client(lesson)
    response = submit_form(client, "/reviews", {"text": "Posted with a token", "rating": "5"})
    assert response.status_code == 303
    assert "Posted with a token" in client.get("/reviews").get_data(as_text=True)


def test_token_from_another_session_is_rejected(load_lesson):
    """A token is bound to its session: an attacker cannot reuse the one their own visit got."""
    app = load_lesson(LESSON)
    attacker, victim = app.test_client(), app.test_client()
    token = csrf_token_in(attacker.get("/reviews").get_data(as_text=True))
    victim.get("/reviews")
    response = victim.post("/reviews", data={"text": "Forged", "rating": "1", "csrf_token": token})
    assert response.status_code == 400
    assert "Forged" not in victim.get("/reviews").get_data(as_text=True)


@pytest.mark.parametrize("lesson", LATER_LESSONS)
def test_json_api_needs_no_token_but_needs_json(lesson_client, lesson):
    """API routes are exempt from CSRF because a cross-site form cannot send JSON."""
    client = lesson_client(lesson)
    created = client.post("/api/posts", json={"title": "Sent as JSON"})
    assert created.status_code == 201
    as_form = client.post("/api/posts", data={"title": "Sent as a form"})
    assert as_form.status_code == 415
    as_text = client.post("/api/posts", data='{"title": "x"}', content_type="text/plain")
    assert as_text.status_code == 415


# Security headers


@pytest.mark.parametrize("lesson", LATER_LESSONS)
@pytest.mark.parametrize("path", ["/", "/reviews", "/me", "/api/posts/1", "/nowhere", "/api/x"])
def test_security_headers_on_every_response(lesson_client, lesson, path):
    headers = lesson_client(lesson).get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_security_headers_on_static_files(lesson_client):
    with lesson_client(LESSON).get("/static/style.css") as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
