"""The files lesson 11 teaches, checked without running a container: lint, schemas, pins.

hadolint lints the Dockerfile, podman-compose reads compose.yaml, kubernetes-validate
checks the manifests against Kubernetes' API schemas, offline. They are pinned test
dependencies (hadolint has no Windows build, so those tests skip there).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.edge import placeholders
from tests.conftest import IN_CI, ROOT

KUBERNETES = sorted((ROOT / "deploy" / "kubernetes").glob("*.yaml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        message = f"{name} is not installed: `pip install -r requirements.txt` installs it"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def pins(path: Path) -> dict[str, str]:
    """``{package: version}`` of a requirements file made by `make lock`."""
    found = re.findall(r"^([A-Za-z0-9_.\[\]-]+)==([^\s;]+)", path.read_text(), re.M)
    return {name.lower().split("[")[0]: version for name, version in found}


def test_the_image_installs_only_pins_the_course_is_tested_with():
    runtime, tested = pins(ROOT / "requirements-runtime.txt"), pins(ROOT / "requirements.txt")
    assert runtime, "requirements-runtime.txt holds no pins"
    assert {name: tested.get(name) for name in runtime} == runtime
    for heavy in ("pandas", "matplotlib", "jupyterlab", "pytest", "mkdocs", "vadersentiment"):
        assert heavy not in runtime, f"{heavy} is not needed at run time"


def test_the_dockerfile_passes_hadolint():
    result = subprocess.run(
        [tool("hadolint"), str(ROOT / "Dockerfile")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dockerfile_builds_from_a_base_given_as_an_argument():
    """The tests' base and the official image both fit: nothing only one of them has."""
    text = (ROOT / "Dockerfile").read_text()
    assert "ARG PYTHON_IMAGE=python:3.12-slim" in text
    assert text.count("FROM ${PYTHON_IMAGE}") == 2
    for only_in_some_bases in ("apt-get", "useradd", "adduser", "apk ", "curl", "wget"):
        assert only_in_some_bases not in text
    assert re.search(r"^USER 10001", text, re.M)


def test_the_build_leaves_out_what_the_image_does_not_need():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", ".git", "instance", "data/external", "workspace", ".env"):
        assert path in ignored, path


def test_compose_yaml_is_a_valid_compose_file(tmp_path):
    env = {"SECRET_KEY": "x" * 64, "POSTGRES_PASSWORD": "a-test-password", "PATH": str(BIN)}
    result = subprocess.run(
        [tool("podman-compose"), "--file", str(ROOT / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PATH": f"{BIN}:/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "replicas: 2" in result.stdout
    assert "nginx.conf:/etc/nginx/templates/reviews.conf.template" in result.stdout


def test_compose_refuses_to_start_without_the_secrets(tmp_path):
    result = subprocess.run(
        [tool("podman-compose"), "--file", str(ROOT / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": f"{BIN}:/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_compose_gives_nginx_every_value_its_configuration_leaves_open():
    text = (ROOT / "compose.yaml").read_text()
    nginx = text[text.index("  nginx:") :]
    for name in placeholders():
        assert re.search(rf"^\s+{name}:", nginx, re.M), name
    listed = re.search(r'NGINX_ENVSUBST_FILTER: "\^\(([A-Z_|]+)\)', nginx).group(1).split("|")
    assert sorted(listed) == placeholders(), "NGINX_ENVSUBST_FILTER must list exactly them"


def test_the_env_example_holds_no_real_secret():
    example = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert example == {"SECRET_KEY": "", "POSTGRES_PASSWORD": ""}
    assert ".env" in (ROOT / ".gitignore").read_text().split()


@pytest.mark.parametrize("manifest", KUBERNETES, ids=lambda path: path.name)
def test_kubernetes_manifests_match_the_api_schemas(manifest):
    result = subprocess.run(
        [tool("kubernetes-validate"), "--strict", str(manifest)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_runs_as_lesson_11_says():
    text = (ROOT / "deploy" / "kubernetes" / "deployment.yaml").read_text()
    for setting in (
        "runAsNonRoot: true",
        "readOnlyRootFilesystem: true",
        "path: /ready",
        "path: /health",
        "maxUnavailable: 0",
    ):
        assert setting in text, setting
    secret = (ROOT / "deploy" / "kubernetes" / "secret.example.yaml").read_text()
    key = re.search(r'SECRET_KEY: "([^"]*)"', secret).group(1)
    assert len(key) < 32, "the template's key must be one production refuses"
