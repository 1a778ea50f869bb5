"""The servers the comparison runs: each serves final_app (or its FastAPI twin) with one worker.

Every server gets the same app, the same environment and one process for the app, pinned
to the server core by the caller. Commands only: starting, waiting and stopping are the
caller's (benchmarks/run_benchmarks.py).
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load_tools import GUNICORN_CONFIG

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class ServerSpec:
    name: str
    label: str
    command: tuple[str, ...]
    # The Flask app as `make serve` runs it, or the FastAPI twin of its two endpoints.
    flask: bool = True


def server_specs(port_of) -> list[ServerSpec]:
    """Every server in the comparison; ``port_of(name)`` gives each its port."""
    gunicorn = (str(BIN / "gunicorn"), "--config", str(GUNICORN_CONFIG))

    def bind(name: str) -> str:
        return f"127.0.0.1:{port_of(name)}"

    return [
        ServerSpec(
            "granian",
            "granian (WSGI), as `make serve` runs it",
            (str(BIN / "python"), "-m", "final_app.serve"),
        ),
        ServerSpec(
            "gunicorn-sync",
            "gunicorn, sync worker",
            (*gunicorn, "--bind", bind("gunicorn-sync"), "final_app:create_app()"),
        ),
        ServerSpec(
            "gunicorn-gthread",
            "gunicorn, gthread worker, 4 threads",
            (
                *gunicorn,
                "--bind",
                bind("gunicorn-gthread"),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "final_app:create_app()",
            ),
        ),
        ServerSpec(
            "waitress",
            "waitress, 4 threads",
            (
                str(BIN / "waitress-serve"),
                f"--listen={bind('waitress')}",
                "--threads=4",
                "--call",
                "final_app:create_app",
            ),
        ),
        ServerSpec(
            "uwsgi",
            "uWSGI, one process, its HTTP/1.1 socket",
            (
                str(BIN / "uwsgi"),
                "--http11-socket",
                bind("uwsgi"),
                "--master",
                "--processes",
                "1",
                "--module",
                "final_app:create_app()",
                "--need-app",
                "--disable-logging",
                "--die-on-term",
            ),
        ),
        ServerSpec(
            "fastapi-twin",
            "FastAPI twin on uvicorn, middleware as FastAPI's docs write it",
            (
                str(BIN / "uvicorn"),
                "--factory",
                "benchmarks.fastapi_twin:create_twin",
                "--port",
                str(port_of("fastapi-twin")),
                "--no-access-log",
                "--log-level",
                "warning",
            ),
            flask=False,
        ),
        ServerSpec(
            "fastapi-twin-asgi",
            "FastAPI twin on uvicorn, pure ASGI middleware",
            (
                str(BIN / "uvicorn"),
                "--factory",
                "benchmarks.fastapi_twin:create_twin_asgi_middleware",
                "--port",
                str(port_of("fastapi-twin-asgi")),
                "--no-access-log",
                "--log-level",
                "warning",
            ),
            flask=False,
        ),
    ]
