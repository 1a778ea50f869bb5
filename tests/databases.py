"""PostgreSQL for the tests: TEST_DATABASE_URL names the server, each user gets a schema."""

import contextlib
import os
import urllib.parse
import uuid
from collections.abc import Iterator

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


@contextlib.contextmanager
def throwaway_schema() -> Iterator[str]:
    """A PostgreSQL URL (psycopg driver) whose tables go to a new schema, dropped afterwards."""
    import psycopg

    server = TEST_DATABASE_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    options = urllib.parse.quote(f"-csearch_path={schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield server.replace("postgresql://", "postgresql+psycopg://", 1) + (
            f"{separator}options={options}"
        )
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
