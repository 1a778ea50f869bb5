"""Lesson 07's users table, read and written the way its tests and its exercises' checks do."""

import sys

from sqlalchemy import select

ADA = {"username": "ada", "email": "ada@example.com"}
GRACE = {"username": "grace", "email": "grace@example.com"}


def rows(app) -> list[tuple[str, str]]:
    """What the users table holds, read straight from the database."""
    module = sys.modules[app.import_name]
    with app.app_context():
        users = module.db.session.scalars(select(module.User).order_by(module.User.id))
        return [(user.username, user.email) for user in users]


def create(client, user):
    response = client.post("/api/users", json=user)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
