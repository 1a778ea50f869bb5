"""Checks of lesson 10's exercises: run by `make check LESSON=10` against the learner's copy.

The copy holds the configuration files the lesson teaches; the checks read the settings
from them (nginx's directives from its file, gunicorn's by running its configuration). When
nginx is installed, the changed nginx.conf must also pass `nginx -t`, filled in as the
lesson's edge tests fill in the course's.
"""

import re
import runpy
import subprocess

import pytest

from benchmarks.edge import missing_tools, nginx_setup

LESSON = "10_production"


def directive(text: str, pattern: str) -> re.Match:
    found = re.search(pattern, text, re.M)
    assert found, f"nginx.conf has no line like {pattern!r}"
    return found


def per_second(rate: str) -> float:
    amount, unit = re.fullmatch(r"(\d+)r/([sm])", rate).groups()
    return int(amount) / (60 if unit == "m" else 1)


@pytest.mark.exercise(
    4, hint="the batch zone should allow 30 requests a minute, and /api/batch a burst of 2"
)
def test_batches_are_limited_to_one_every_two_seconds(lesson_copy, tmp_path):
    text = (lesson_copy / "nginx.conf").read_text(encoding="utf-8")
    batch = directive(text, r"^limit_req_zone \$limited_client zone=batch:\S+ rate=(\S+);")
    assert per_second(batch[1]) == pytest.approx(0.5), f"the batch zone's rate is {batch[1]}"
    location = directive(text, r"location = /api/batch \{(?P<body>[^}]*)\}")["body"]
    burst = re.search(r"limit_req zone=batch burst=(\d+)", location)
    assert burst, "location = /api/batch no longer uses the batch zone"
    assert burst[1] == "2", f"the burst for /api/batch is {burst[1]}"
    api = directive(text, r"^limit_req_zone \$limited_client zone=api:\S+ rate=(\S+);")
    assert api[1] == "20r/s", "leave POST /api's limit as it was"
    nginx_accepts(lesson_copy, tmp_path)


def nginx_accepts(lesson_copy, folder) -> None:
    """The extra gate: nginx itself accepts the changed file (when nginx is here)."""
    if missing_tools():
        return
    try:
        nginx_setup(folder, ["127.0.0.1:5000"], site_script=lesson_copy / "nginx_site.sh")
    except subprocess.CalledProcessError as error:
        pytest.fail(f"nginx -t refuses your nginx.conf: {error.stderr.strip()}", pytrace=False)


def gunicorn_settings(lesson_copy, monkeypatch, **env: str) -> dict:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(lesson_copy / "gunicorn.conf.py"))


@pytest.mark.exercise(
    5, hint="graceful_timeout should come from GUNICORN_GRACEFUL_TIMEOUT, 30 s when unset"
)
def test_gunicorns_graceful_timeout_comes_from_the_environment(lesson_copy, monkeypatch):
    monkeypatch.delenv("GUNICORN_GRACEFUL_TIMEOUT", raising=False)
    assert gunicorn_settings(lesson_copy, monkeypatch)["graceful_timeout"] == 30
    set_to_12 = gunicorn_settings(lesson_copy, monkeypatch, GUNICORN_GRACEFUL_TIMEOUT="12")
    assert set_to_12["graceful_timeout"] == 12, "GUNICORN_GRACEFUL_TIMEOUT=12 had no effect"
