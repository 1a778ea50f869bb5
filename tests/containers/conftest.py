"""The image, built once per test run with Podman on a base made from Debian's packages.

Without Podman these tests skip, saying how to install it; with CI=true a missing Podman
fails the run instead.
"""

import pytest

from benchmarks import containers
from tests.conftest import IN_CI
from tests.databases import TEST_DATABASE_URL


@pytest.fixture(scope="session")
def app_image():
    """The repository's Dockerfile, built (its base too, if needed); yields the build's seconds."""
    if missing := containers.missing_tools():
        message = f"{', '.join(missing)} missing. {containers.PODMAN_HELP}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    if problem := containers.podman_works():
        pytest.fail(f"Podman is installed but cannot run here: {problem}")
    containers.build_base_image()
    return containers.build_app_image()


@pytest.fixture(scope="session")
def postgres_url():
    """The PostgreSQL the containers reach on the host's network (TEST_DATABASE_URL)."""
    if not TEST_DATABASE_URL:
        message = "The container tests need a PostgreSQL: set TEST_DATABASE_URL (lesson 10)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return TEST_DATABASE_URL
