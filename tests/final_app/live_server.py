"""final_app served for real (granian, production mode, as `make serve` runs it).

Shared by the browser tests, the production tests and ``make screenshot``, which takes the
site's picture of the page with the same server. gunicorn's sync workers are here too, for
the tests that show what nginx protects them from.
"""

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks.load_tools import GUNICORN, GUNICORN_CONFIG
from tests.conftest import ROOT
from tests.servers import free_port, running_server


def production_env(database_dir: Path, **settings: str) -> dict[str, str]:
    """The environment `make serve` gives the server, on a free port and the caller's database."""
    return {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "a-test-key-that-is-long-enough-for-production",
        "SESSION_COOKIE_SECURE": "0",
        "DATABASE_URL": f"sqlite:///{database_dir / 'served.sqlite'}",
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
        "WEB_CONCURRENCY": "2",
        **settings,
    }


SERVE_COMMAND = [sys.executable, "-m", "final_app.serve"]


@contextlib.contextmanager
def served_final_app(database_dir: Path, **settings: str) -> Iterator[str]:
    """final_app as `make serve` runs it; yields its base URL."""
    with production_server(database_dir, **settings) as (base_url, _):
        yield base_url


@contextlib.contextmanager
def production_server(
    database_dir: Path, **settings: str
) -> Iterator[tuple[str, subprocess.Popen]]:
    """final_app under granian; yields its base URL and granian's main process."""
    env = production_env(database_dir, **settings)
    base_url = f"http://127.0.0.1:{env['PORT']}"
    with running_server(SERVE_COMMAND, f"{base_url}/health", cwd=ROOT, env=env) as process:
        yield base_url, process


@contextlib.contextmanager
def gunicorn_server(database_dir: Path, **settings: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """final_app under gunicorn's sync workers, with lesson 10's gunicorn.conf.py."""
    env = production_env(database_dir, **settings)
    base_url = f"http://127.0.0.1:{env['PORT']}"
    command = [str(GUNICORN), "--config", str(GUNICORN_CONFIG), "final_app:create_app()"]
    with running_server(command, f"{base_url}/health", cwd=ROOT, env=env) as process:
        yield base_url, process
