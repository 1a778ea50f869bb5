"""Lesson 07: a User model, CRUD over JSON under /api/users, and the /users page."""

import pytest

from tests.forms import submit_form
from tests.json_errors import assert_json_error
from tests.users import ADA, GRACE, create, rows

LESSON = "07_database_crud"


@pytest.fixture
def app(database_lesson):
    """Lesson 07's app on a fresh, empty database: SQLite, and PostgreSQL when available."""
    return database_lesson(LESSON)


@pytest.fixture
def client(app):
    return app.test_client()


# Create and read


def test_create_answers_201_with_location_and_stores_the_row(app, client):
    response = client.post("/api/users", json=ADA)
    assert response.status_code == 201
    user = response.get_json()
    assert user == {"id": 1, **ADA}
    assert response.headers["Location"] == "/api/users/1"
    assert client.get(response.headers["Location"]).get_json() == user
    assert rows(app) == [("ada", "ada@example.com")]


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize("user_id", [2**31, 2**63, 10**30])
def test_ids_beyond_the_column_are_404_not_500(client, method, user_id):
    response = getattr(client, method)(f"/api/users/{user_id}", json={"username": "someone"})
    assert_json_error(response, 404, "not_found")


def test_get_missing_user_is_404(client):
    error = assert_json_error(client.get("/api/users/42"), 404, "not_found")
    assert error["message"] == "There is no user with id 42."


def test_list_is_empty_at_first(client):
    body = client.get("/api/users").get_json()
    assert body == {
        "users": [],
        "total": 0,
        "page": 1,
        "per_page": 20,
        "pages": 0,
        "next": None,
        "previous": None,
    }


def test_list_is_paginated_with_total_and_links(client):
    for number in range(5):
        create(client, {"username": f"user{number}", "email": f"user{number}@example.com"})
    first = client.get("/api/users?per_page=2").get_json()
    assert [user["username"] for user in first["users"]] == ["user0", "user1"]
    assert (first["total"], first["pages"], first["previous"]) == (5, 3, None)
    assert first["next"] == "/api/users?page=2&per_page=2"
    second = client.get(first["next"]).get_json()
    assert [user["username"] for user in second["users"]] == ["user2", "user3"]
    assert second["previous"] == "/api/users?page=1&per_page=2"
    last = client.get(second["next"]).get_json()
    assert [user["username"] for user in last["users"]] == ["user4"]
    assert last["next"] is None


def test_page_past_the_end_is_empty(client):
    create(client, ADA)
    body = client.get("/api/users?page=7").get_json()
    assert body["users"] == []
    assert body["total"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("per_page=101", "per_page"),
        ("per_page=-1", "per_page"),
    ],
)
def test_bad_pagination_is_422(client, query, field):
    error = assert_json_error(client.get(f"/api/users?{query}"), 422, "validation_failed")
    assert set(error["fields"]) == {field}


# Update and delete


def test_patch_changes_only_the_fields_sent(app, client):
    user = create(client, ADA)
    response = client.patch(f"/api/users/{user['id']}", json={"email": "ada@lovelace.org"})
    assert response.status_code == 200
    assert response.get_json() == {"id": user["id"], "username": "ada", "email": "ada@lovelace.org"}
    assert rows(app) == [("ada", "ada@lovelace.org")]


def test_patch_missing_user_is_404(client):
    assert_json_error(client.patch("/api/users/9", json={"username": "nobody"}), 404, "not_found")


def test_delete_answers_204_and_removes_the_row(app, client):
    ada, grace = create(client, ADA), create(client, GRACE)
    response = client.delete(f"/api/users/{ada['id']}")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert client.get(f"/api/users/{ada['id']}").status_code == 404
    assert client.get(f"/api/users/{grace['id']}").status_code == 200
    assert rows(app) == [("grace", "grace@example.com")]


def test_delete_missing_user_is_404(client):
    assert_json_error(client.delete("/api/users/3"), 404, "not_found")


# Validation


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"username": "al", "email": "al@example.com"}, {"username"}),
        ({"username": "a" * 81, "email": "long@example.com"}, {"username"}),
        ({"username": "   ", "email": "blank@example.com"}, {"username"}),
        ({"username": "ada", "email": "not-an-email"}, {"email"}),
        ({"username": "ada", "email": "a" * 110 + "@example.com"}, {"email"}),
        ({"username": "ada"}, {"email"}),
        ({"username": "nul\x00byte", "email": "nul@example.com"}, {"username"}),
        ({"username": "tab\tname", "email": "tab@example.com"}, {"username"}),
        ({}, {"username", "email"}),
        ({"username": 7, "email": ["ada@example.com"]}, {"username", "email"}),
        ({**ADA, "admin": True}, {"admin"}),
        (["ada", "ada@example.com"], {"body"}),
        ("ada", {"body"}),
    ],
)
def test_invalid_user_is_422_naming_the_fields(app, client, body, fields):
    error = assert_json_error(client.post("/api/users", json=body), 422, "validation_failed")
    assert set(error["fields"]) == fields
    assert rows(app) == []


@pytest.mark.parametrize(
    ("body", "fields"),
    [({"username": "x"}, {"username"}), ({"email": "nope"}, {"email"}), ({"id": 5}, {"id"})],
)
def test_invalid_patch_is_422_and_changes_nothing(app, client, body, fields):
    user = create(client, ADA)
    response = client.patch(f"/api/users/{user['id']}", json=body)
    error = assert_json_error(response, 422, "validation_failed")
    assert set(error["fields"]) == fields
    assert rows(app) == [("ada", "ada@example.com")]


def test_malformed_json_is_400(client):
    response = client.post("/api/users", data='{"username": ', content_type="application/json")
    assert_json_error(response, 400, "bad_request")


def test_form_encoded_body_is_415(app, client):
    assert_json_error(client.post("/api/users", data=ADA), 415, "unsupported_media_type")
    assert rows(app) == []


# Conflicts: the session is rolled back and nothing else is lost


@pytest.mark.parametrize(
    ("duplicate", "field"),
    [
        ({"username": "ada", "email": "other@example.com"}, "username"),
        ({"username": "other", "email": "ada@example.com"}, "email"),
    ],
)
def test_duplicate_is_409_and_nothing_is_half_written(app, client, duplicate, field):
    create(client, ADA)
    create(client, GRACE)
    error = assert_json_error(client.post("/api/users", json=duplicate), 409, "conflict")
    assert error["message"] == f"That {field} is already taken."
    assert rows(app) == [("ada", "ada@example.com"), ("grace", "grace@example.com")]
    create(client, {"username": "linus", "email": "linus@example.com"})
    assert len(rows(app)) == 3


def test_patch_into_a_taken_username_is_409_and_keeps_both_rows(app, client):
    create(client, ADA)
    grace = create(client, GRACE)
    response = client.patch(
        f"/api/users/{grace['id']}", json={"username": "ada", "email": "g@x.org"}
    )
    assert_json_error(response, 409, "conflict")
    assert rows(app) == [("ada", "ada@example.com"), ("grace", "grace@example.com")]
    assert client.get(f"/api/users/{grace['id']}").get_json()["username"] == "grace"


def test_patch_to_its_own_values_is_not_a_conflict(client):
    user = create(client, ADA)
    assert client.patch(f"/api/users/{user['id']}", json=ADA).status_code == 200


# The HTML page


def test_users_page_lists_and_adds_users_through_the_form(app, client):
    create(client, GRACE)
    response = submit_form(client, "/users", ADA)
    assert response.status_code == 303
    assert response.headers["Location"] == "/users"
    html = client.get("/users").get_data(as_text=True)
    assert "<td>ada</td><td>ada@example.com</td>" in html
    assert "<td>grace</td>" in html
    assert rows(app) == [("grace", "grace@example.com"), ("ada", "ada@example.com")]


def test_users_page_escapes_usernames(client):
    create(client, {"username": "<b>bold</b>", "email": "b@example.com"})
    html = client.get("/users").get_data(as_text=True)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_users_form_invalid_is_422_with_errors(app, client):
    response = submit_form(client, "/users", {"username": "al", "email": "nope"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="username-error"' in html
    assert 'id="email-error"' in html
    assert rows(app) == []


def test_users_form_duplicate_is_409_with_the_field_named(app, client):
    create(client, ADA)
    response = submit_form(client, "/users", {"username": "ada", "email": "new@example.com"})
    assert response.status_code == 409
    assert "That username is already taken." in response.get_data(as_text=True)
    assert rows(app) == [("ada", "ada@example.com")]


def test_users_form_without_csrf_token_is_400(app, client):
    client.get("/users")
    response = client.post("/users", data=ADA)
    assert response.status_code == 400
    assert rows(app) == []


def test_database_url_comes_from_the_environment(load_lesson, lesson_env, tmp_path):
    database = tmp_path / "chosen.sqlite"
    lesson_env.setenv("DATABASE_URL", f"sqlite:///{database}")
    create(load_lesson(LESSON).test_client(), ADA)
    assert database.is_file()


def test_rows_survive_a_restart(load_lesson):
    create(load_lesson(LESSON).test_client(), ADA)
    restarted = load_lesson(LESSON)
    assert restarted.test_client().get("/api/users/1").get_json()["username"] == "ada"
