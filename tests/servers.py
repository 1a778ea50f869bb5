"""Start a real server process for a test and stop it afterwards, whatever happens."""

import contextlib
import functools
import http.server
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

POSIX = os.name == "posix"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections at once, for as long as the block runs.

    The port is bound and never listened on: nothing else (another test's server in a
    parallel run) can take it, so a client gets "connection refused" instead of waiting
    for a timeout on whatever might answer there.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def wait_until_answering(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Poll ``url`` until it answers (any HTTP status), or fail with the server's output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            process.stdout.seek(0)
            output = process.stdout.read().decode(errors="replace")
            raise AssertionError(f"the server exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url} within {timeout:.0f} s")


@contextlib.contextmanager
def running_server(
    command: list[str], url: str, cwd: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """Run ``command`` until the block ends; it must answer at ``url`` first.

    Its output goes to a temporary file, not a pipe: a server that logs every request
    would block once nobody read a full pipe.
    """
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=POSIX,
        )
        process.stdout = output
        try:
            wait_until_answering(url, process)
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    """Stop the process and, on POSIX, everything it started (make starts gunicorn)."""
    if process.poll() is None:
        if POSIX:
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        if POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()


def get(url: str) -> tuple[int, str]:
    """GET ``url``; return the status and the body, for any status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextlib.contextmanager
def static_file_server(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve the files in ``root`` on 127.0.0.1; yield the base URL and the paths requested."""
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
