"""Serve final_app in production with granian: ``python -m final_app.serve``.

granian is an HTTP server written in Rust: it parses HTTP and keeps connections alive in
Rust, and calls the Flask app (a WSGI app, like any other) only with a complete request.
The benchmarks chose it: on one core it serves the same app at about twice gunicorn's
rate (benchmarks/README.md). It runs the same on Linux, macOS and Windows.

Every setting comes from the environment, with the defaults below; ``make serve`` sets
``PORT`` and ``WEB_CONCURRENCY`` and keeps a ``SECRET_KEY`` for you.
"""

import os

from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels

from final_app.config import ConfigurationError, whole_number

APP = "final_app:create_app"


def server_settings() -> dict:
    """The keyword arguments for ``Granian``, read from the environment."""
    return {
        # Where to listen. Behind a reverse proxy on the same machine, keep 127.0.0.1; in a
        # container, HOST=0.0.0.0 so the platform's network can reach it.
        "address": os.environ.get("HOST", "127.0.0.1"),
        "port": whole_number("PORT", 5000),
        # Predicting is CPU work and Python runs it in one thread at a time per process, so
        # one process (worker) per core, each with one thread running the app.
        "workers": whole_number("WEB_CONCURRENCY", min(os.cpu_count() or 1, 8)),
        "blocking_threads": whole_number("APP_THREADS", 1),
        # A worker that crashes is replaced; on SIGTERM (or Ctrl+C) workers finish the
        # requests they have and are killed after GRACEFUL_TIMEOUT seconds; on SIGHUP they
        # are replaced one by one, without dropping a connection.
        "respawn_failed_workers": True,
        "respawn_interval": 0.5,
        "workers_kill_timeout": whole_number("GRACEFUL_TIMEOUT", 30),
        # A client gets 10 s to send its request headers; idle kept-alive connections
        # are closed by the proxy in front, which knows its clients.
        "http1_settings": HTTP1Settings(header_read_timeout=10_000),
        # granian logs its own start and stop; the app writes one JSON line per request
        # itself (final_app/request_log.py), so granian's access log stays off.
        "log_level": log_level(os.environ.get("LOG_LEVEL", "info")),
        "log_access": False,
        "interface": Interfaces.WSGI,
        "factory": True,
    }


def log_level(name: str) -> LogLevels:
    try:
        return LogLevels(name.strip().lower())
    except ValueError:
        choices = ", ".join(level.value for level in LogLevels)
        raise ConfigurationError(f"LOG_LEVEL={name!r}: use one of {choices}.") from None


def main() -> None:
    Granian(APP, **server_settings()).serve()


if __name__ == "__main__":
    main()
