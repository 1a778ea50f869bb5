"""Checks of lesson 07's exercises: run by `make check LESSON=07` against the learner's copy."""

import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from tests.forms import submit_form
from tests.json_errors import assert_json_error
from tests.users import ADA, GRACE, create, rows

LESSON = "07_database_crud"


@pytest.mark.exercise(1, hint="GET /api/users?username=grace should list grace and no one else")
def test_users_can_be_filtered_by_username(database_lesson):
    client = database_lesson(LESSON).test_client()
    create(client, ADA)
    create(client, GRACE)
    only_grace = client.get("/api/users?username=grace").get_json()
    assert [user["username"] for user in only_grace["users"]] == ["grace"]
    assert only_grace["total"] == 1
    assert client.get("/api/users?username=nobody").get_json()["users"] == []
    assert client.get("/api/users").get_json()["total"] == 2


@pytest.mark.exercise(
    2, hint="POST /api/users with the email Ada@Example.COM should store ada@example.com"
)
def test_api_stores_emails_in_lower_case(database_lesson):
    app = database_lesson(LESSON)
    client = app.test_client()
    user = create(client, {"username": "ada", "email": "Ada@Example.COM"})
    assert user["email"] == "ada@example.com"
    assert rows(app) == [("ada", "ada@example.com")]
    clash = client.post("/api/users", json={"username": "lovelace", "email": "ada@example.com"})
    assert_json_error(clash, 409, "conflict")


@pytest.mark.exercise(2, hint="the /users form should store emails in lower case too")
def test_page_stores_emails_in_lower_case(database_lesson):
    app = database_lesson(LESSON)
    client = app.test_client()
    response = submit_form(client, "/users", {"username": "grace", "email": "Grace@Example.com"})
    assert response.status_code == 303
    assert rows(app) == [("grace", "grace@example.com")]


@pytest.mark.exercise(
    3, hint="a new user's row should get a created_at time from the database itself"
)
def test_the_database_fills_in_created_at(database_lesson):
    app = database_lesson(LESSON)
    module = sys.modules[app.import_name]
    assert hasattr(module.User, "created_at"), "User has no created_at column"
    table = module.User.__table__
    with app.app_context():
        quoted = module.db.engine.dialect.identifier_preparer.quote(table.name)
        insert = text(
            f"INSERT INTO {quoted} (username, email) VALUES (:username, :email)"  # noqa: S608
        )
        module.db.session.execute(insert, {"username": "raw", "email": "raw@example.com"})
        module.db.session.commit()
        created = module.db.session.scalars(select(module.User.created_at)).one()
    assert isinstance(created, datetime), f"created_at is {created!r}, not a time"
    now = datetime.now(UTC).replace(tzinfo=None)
    assert abs(created.replace(tzinfo=None) - now) < timedelta(days=1)
    assert create(app.test_client(), ADA)["username"] == "ada"
