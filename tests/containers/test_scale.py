"""Scaling out, measured: two replicas of the image behind lesson 10's nginx, one PostgreSQL.

The scenario (benchmarks/scale.py, which `make scale-test` also runs for its figures): a
session made by one replica is accepted by the other; under load, one replica is killed
with SIGKILL, and then both are restarted one at a time with SIGTERM. No client request
may fail. Timings are reported by `make scale-test`, never asserted.
"""

import pytest

from benchmarks.edge import NGINX_HELP, missing_tools
from benchmarks.scale import run_scenario
from tests.conftest import IN_CI
from tests.databases import throwaway_schema

pytestmark = pytest.mark.serial


@pytest.fixture(scope="module")
def figures(app_image, postgres_url, tmp_path_factory):
    if missing := missing_tools():
        message = f"{', '.join(missing)} missing. {NGINX_HELP}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    with throwaway_schema() as url:
        return run_scenario(url, tmp_path_factory.mktemp("scale"))


def test_a_session_signed_by_one_replica_is_accepted_by_the_other(figures):
    assert figures["session_cookie_shared"]


def test_killing_a_replica_under_load_fails_no_client_request(figures):
    killed = figures["replica_killed"]
    assert killed["requests"] > 100, killed
    assert killed["failed"] == 0, (killed, figures["nginx"])


def test_the_killed_replica_takes_traffic_again_once_restarted(figures):
    assert figures["killed_replica_serves_again"]
    assert figures["after_restart"]["failed"] == 0


def test_a_rolling_restart_fails_no_client_request(figures):
    rolling = figures["rolling_restart"]
    assert rolling["requests"] > 100, rolling
    assert rolling["failed"] == 0, (rolling, figures["nginx"])
