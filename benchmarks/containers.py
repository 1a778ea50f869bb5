"""The image of final_app with Podman, and replicas of it on 127.0.0.1.

The container tests and ``make scale-test`` share this. The Dockerfile's default base is
the official Python image; where no registry is reachable, the tests build one from
Debian's own packages with mmdebstrap (../shared/CONTAINERS.md says why and how), and pass
it as ``PYTHON_IMAGE``.
"""

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from sentiment_model.paths import ROOT

BASE_IMAGE = "localhost/course-python:bookworm"
APP_IMAGE = "localhost/course-app:test"
PODMAN_HELP = (
    "Podman is not installed, so the container tests cannot run. On Debian or Ubuntu: "
    "`sudo apt install podman runc mmdebstrap` (the tests build their own base image from "
    "Debian's packages). With Docker instead, build and run the image by hand as lesson 11 "
    "shows."
)
SECRET_KEY = "a-container-test-key-that-is-long-enough"  # noqa: S105 (a test key, public)


def missing_tools() -> list[str]:
    return [tool for tool in ("podman", "mmdebstrap") if shutil.which(tool) is None]


def podman(
    *arguments: str, check: bool = True, timeout: float = 600
) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["podman", *arguments], capture_output=True, text=True, check=check, timeout=timeout
    )


def image_exists(name: str) -> bool:
    return podman("image", "exists", name, check=False).returncode == 0


def build_base_image() -> None:
    """A Python 3 base made from Debian's packages (about 20 s), unless it already exists."""
    if image_exists(BASE_IMAGE):
        return
    with tempfile.TemporaryDirectory() as folder:
        tarball = Path(folder) / "base.tar"
        subprocess.run(
            [
                *("mmdebstrap", "--variant=apt"),
                *("--include=python3,python3-venv,ca-certificates", "bookworm", str(tarball)),
            ],
            capture_output=True,
            check=True,
            timeout=600,
        )
        podman("import", str(tarball), BASE_IMAGE)


def build_app_image(tag: str = APP_IMAGE) -> float:
    """Build the repository's Dockerfile on the local base; return the seconds it took.

    pip inside the build reaches the package index through the host's network and CA
    bundle (../shared/CONTAINERS.md); ``--format docker`` keeps the HEALTHCHECK.
    """
    started = time.monotonic()
    podman(
        "build",
        "--format",
        "docker",
        "--network",
        "host",
        "--volume",
        "/etc/ssl/certs:/etc/ssl/certs:ro",
        "--build-arg",
        f"PYTHON_IMAGE={BASE_IMAGE}",
        "--tag",
        tag,
        str(ROOT),
        timeout=1200,
    )
    return time.monotonic() - started


def image_size_mb(name: str) -> float:
    return int(podman("image", "inspect", "--format", "{{.Size}}", name).stdout.strip()) / 1e6


def run_container(name: str, port: int, *options: str, **env: str) -> None:
    """Start the app's image in the background on the host's network, on 127.0.0.1:``port``."""
    variables = {"SECRET_KEY": SECRET_KEY, "HOST": "127.0.0.1", "PORT": str(port), **env}
    podman("rm", "--force", name, check=False)
    podman(
        "run",
        "--detach",
        "--name",
        name,
        "--network",
        "host",
        *(f"--env={key}={value}" for key, value in variables.items()),
        *options,
        APP_IMAGE,
    )


def remove(name: str) -> None:
    podman("rm", "--force", "--volumes", "--time", "0", name, check=False)


def logs(name: str) -> str:
    result = podman("logs", name, check=False)
    return result.stdout + result.stderr


def wait_until_ready(port: int, name: str, timeout: float = 60) -> None:
    """Until ``/ready`` answers 200; fails with the container's log if it exits or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2):
                return
        except (urllib.error.URLError, OSError):
            state = podman("inspect", "--format", "{{.State.Status}}", name, check=False)
            if state.stdout.strip() in {"exited", "stopped"}:
                raise RuntimeError(f"{name} exited:\n{logs(name)}") from None
            time.sleep(0.2)
    raise RuntimeError(f"{name} was not ready within {timeout:.0f} s:\n{logs(name)}")


@contextlib.contextmanager
def replicas(ports: list[int], **env: str) -> Iterator[list[str]]:
    """One container per port, all ready; removed afterwards whatever happens."""
    names = [f"course-replica-{port}" for port in ports]
    try:
        for name, port in zip(names, ports, strict=True):
            run_container(name, port, **env)
        for name, port in zip(names, ports, strict=True):
            wait_until_ready(port, name)
        yield names
    finally:
        for name in names:
            remove(name)


def state(name: str) -> dict:
    return json.loads(podman("inspect", "--format", "{{json .State}}", name).stdout)


def podman_works() -> str | None:
    """None if Podman can run a container here, else what it said."""
    result = podman("info", check=False)
    return None if result.returncode == 0 else result.stderr.strip()[-500:]
