"""final_app served for real (gunicorn, production mode) and Chromium to look at it.

Shared by the browser tests and ``make screenshot``, which takes the site's picture of the
page with the same tools.
"""

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from benchmarks.load_tools import GUNICORN, GUNICORN_CONFIG
from tests.conftest import ROOT
from tests.servers import free_port, running_server

CHROMIUM_HELP = (
    "Chromium is not installed, so the browser tests cannot run. Install it "
    "(Debian/Ubuntu: `sudo apt install chromium`) or point CHROMIUM at a Chrome or "
    "Chromium executable."
)
# Chromium as the probe on this kind of machine runs it: headless, no sandbox as root, and no
# background calls home, which a closed network would refuse over and over.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


def gunicorn_command_and_env(database_dir: Path, **settings: str) -> tuple[list[str], dict]:
    """How `make serve` starts final_app, on a free port and a database of the caller's."""
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "a-test-key-that-is-long-enough-for-production",
        "SESSION_COOKIE_SECURE": "0",
        "DATABASE_URL": f"sqlite:///{database_dir / 'served.sqlite'}",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "2",
        **settings,
    }
    return [str(GUNICORN), "--config", str(GUNICORN_CONFIG), "final_app:create_app()"], env


@contextlib.contextmanager
def served_final_app(database_dir: Path, **settings: str) -> Iterator[str]:
    """final_app under gunicorn with the course's configuration; yields its base URL."""
    with gunicorn_server(database_dir, **settings) as (base_url, _):
        yield base_url


@contextlib.contextmanager
def gunicorn_server(database_dir: Path, **settings: str) -> Iterator[tuple[str, object]]:
    """final_app under gunicorn; yields its base URL and the gunicorn master process."""
    command, env = gunicorn_command_and_env(database_dir, **settings)
    base_url = f"http://{env['GUNICORN_BIND']}"
    with running_server(command, f"{base_url}/health", cwd=ROOT, env=env) as process:
        yield base_url, process
