"""Lesson 10's nginx.conf on 127.0.0.1: filled in, wrapped, started and stopped.

The edge tests, the scale-out tests and the slow-client benchmark share this, so they all
run the very file the lesson teaches: its ``${...}`` values filled in by ``envsubst``, as
a learner installs it, inside a minimal main configuration that keeps nginx's files in a
folder of the caller's (as Debian's /etc/nginx/nginx.conf does for a real install).
"""

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from sentiment_model.paths import ROOT

NGINX_CONF = ROOT / "lessons" / "10_production" / "nginx.conf"
NGINX_SITE_SCRIPT = NGINX_CONF.with_name("nginx_site.sh")
STATIC_ROOT = ROOT / "final_app" / "static"
NGINX_HELP = (
    "nginx is not installed, so the edge tests cannot run. Install it (Debian/Ubuntu: "
    "`sudo apt install nginx`; macOS: `brew install nginx`); envsubst and openssl too "
    "(`sudo apt install gettext-base openssl`)."
)
_PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")


def missing_tools() -> list[str]:
    return [tool for tool in ("nginx", "envsubst", "openssl") if shutil.which(tool) is None]


def placeholders(text: str | None = None) -> list[str]:
    """The names of the ``${...}`` values nginx.conf leaves to each machine."""
    return sorted(set(_PLACEHOLDER.findall(text or NGINX_CONF.read_text(encoding="utf-8"))))


def render(values: dict[str, str], site_script: Path = NGINX_SITE_SCRIPT) -> str:
    """nginx.conf filled in by nginx_site.sh, exactly as a learner installs it.

    ``site_script`` may be a learner's copy: it fills in the nginx.conf beside it.
    """
    result = subprocess.run(
        ["sh", str(site_script)],
        env={**os.environ, **values},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for a day, and its key."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        capture_output=True,
        check=True,
    )
    return certificate, key


def main_config(folder: Path, site: Path) -> str:
    """The minimal nginx.conf around the site file: nginx's files stay in ``folder``."""
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/css css; application/javascript js; image/png png; }}
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp}
    include {site};
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_setup(
    folder: Path, app_servers: list[str], site_script: Path = NGINX_SITE_SCRIPT, **values: str
) -> dict:
    """Lesson 10's configuration, filled in for 127.0.0.1 and checked with ``nginx -t``.

    Returns the values it was filled in with (ports, certificate), the files' paths and the
    command that starts nginx on them. Raises ``subprocess.CalledProcessError`` (with
    nginx's message in ``stderr``) when the configuration does not pass ``nginx -t``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = self_signed_certificate(folder)
    filled = {
        "SERVER_NAME": "localhost",
        "HTTP_PORT": str(free_port()),
        "HTTPS_PORT": str(free_port()),
        "TLS_CERTIFICATE": str(certificate),
        "TLS_CERTIFICATE_KEY": str(key),
        "APP_SERVERS": " ".join(f"server {address};" for address in app_servers),
        "STATIC_ROOT": f"{STATIC_ROOT}/",
        "RATE_LIMIT_EXEMPT": "",
        **values,
    }
    site = folder / "reviews.conf"
    site.write_text(render(filled, site_script), encoding="utf-8")
    config = folder / "nginx.conf"
    config.write_text(main_config(folder, site), encoding="utf-8")
    command = ["nginx", "-p", str(folder), "-c", str(config)]
    subprocess.run([*command, "-t"], capture_output=True, text=True, check=True)
    return {**filled, "folder": folder, "config": config, "site": site, "command": command}


@contextlib.contextmanager
def running_nginx(folder: Path, app_servers: list[str], **values: str) -> Iterator[dict]:
    """nginx with lesson 10's configuration in front of ``app_servers`` (HOST:PORT each).

    Yields what ``nginx_setup`` returns.
    """
    setup = nginx_setup(folder, app_servers, **values)
    process = subprocess.Popen(
        [*setup["command"], "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(int(setup["HTTPS_PORT"]), process)
        yield setup
    finally:
        process.terminate()
        process.wait(timeout=15)
        if process.stderr:
            process.stderr.close()


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode(errors='replace')}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nginx did not listen on {port} within {timeout:.0f} s")


class SlowClients:
    """Connections that send a request's headers one byte a second, until released.

    A slowloris: each holds whatever reads it, a worker of a server that reads requests in
    its worker processes (gunicorn's sync workers), or a connection slot of nginx.
    """

    def __init__(self, port: int, count: int, context: ssl.SSLContext | None = None):
        self.sockets = []
        for _ in range(count):
            raw = socket.create_connection(("127.0.0.1", port), timeout=10)
            wrapped = context.wrap_socket(raw, server_hostname="localhost") if context else raw
            self.sockets.append(wrapped)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.trickle, daemon=True)

    def trickle(self):
        request = b"POST /api HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        for byte in request:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.send(bytes([byte]))
            if self.stop.wait(1.0):
                return

    def __enter__(self):
        self.thread.start()
        time.sleep(1.0)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()
