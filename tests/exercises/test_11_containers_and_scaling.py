"""Checks of lesson 11's exercises: run by `make check LESSON=11` against the learner's copy.

The copy holds the Dockerfile, compose.yaml and the Kubernetes manifests; the checks read
them as YAML, and kubernetes-validate checks a changed manifest against the API's schema.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

LESSON = "11_containers_and_scaling"


def still_valid(manifest: Path) -> None:
    """The extra gate: the manifest still matches Kubernetes' schema (when the tool is here)."""
    tool = shutil.which("kubernetes-validate", path=str(Path(sys.executable).parent))
    if tool:
        result = subprocess.run([tool, "--strict", str(manifest)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.exercise(
    4, hint="the Deployment's pod spec should spread replicas over kubernetes.io/hostname"
)
def test_replicas_spread_over_nodes(lesson_copy):
    manifest = lesson_copy / "kubernetes" / "deployment.yaml"
    pod = yaml.safe_load(manifest.read_text(encoding="utf-8"))["spec"]["template"]["spec"]
    spreads = pod.get("topologySpreadConstraints") or []
    by_host = [s for s in spreads if s.get("topologyKey") == "kubernetes.io/hostname"]
    assert by_host, "no topologySpreadConstraints over kubernetes.io/hostname"
    [spread] = by_host
    assert spread.get("maxSkew") == 1
    selector = spread.get("labelSelector", {}).get("matchLabels", {})
    assert selector == {"app.kubernetes.io/name": "reviews"}, "it must select the app's pods"
    still_valid(manifest)


@pytest.mark.exercise(5, hint="nginx's depends_on should wait for the app to be healthy")
def test_nginx_starts_once_the_app_is_healthy(lesson_copy):
    services = yaml.safe_load((lesson_copy / "compose.yaml").read_text(encoding="utf-8"))[
        "services"
    ]
    depends = services["nginx"].get("depends_on", {})
    assert isinstance(depends, dict), "depends_on is a plain list: it waits for nothing"
    assert depends.get("app", {}).get("condition") == "service_healthy"
    assert (
        services["db"]
        == yaml.safe_load((Path(__file__).parents[2] / "compose.yaml").read_text(encoding="utf-8"))[
            "services"
        ]["db"]
    ), "leave the database's service as it is"
