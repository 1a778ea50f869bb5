"""Property-based fuzzing of the API: whatever arrives, never a 5xx, always the error shape.

Hypothesis throws arbitrary JSON, wrong types, deeply nested values, huge and odd Unicode
strings, raw bytes and wrong content types at each endpoint: 1,000 examples per endpoint
in CI (CI=true), fewer locally so the suite stays quick.
"""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from final_app import create_app
from tests.conftest import IN_CI
from tests.final_app.conftest import assert_matches_spec
from tests.json_errors import assert_json_error

pytestmark = pytest.mark.takes(20)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or (1000 if IN_CI else 150))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None)),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)
review_text = st.one_of(
    st.text(st.characters(codec=None), max_size=300),
    st.builds(lambda char, n: char * n, st.characters(codec=None), st.integers(4990, 5010)),
)
documents = st.one_of(
    json_values,
    st.fixed_dictionaries({"text": review_text}),
    st.fixed_dictionaries({"text": json_values}),
    st.fixed_dictionaries({"texts": st.lists(review_text, max_size=20)}),
    st.fixed_dictionaries({"texts": json_values}),
    st.fixed_dictionaries({"text": review_text}, optional={"extra": json_values}),
)
json_bodies = documents.map(lambda value: json.dumps(value, allow_nan=True).encode())
odd_bodies = st.one_of(
    st.binary(max_size=300),
    st.integers(1, 200_000).map(lambda depth: ("[" * depth + "]" * depth).encode()),
    st.integers(1, 50_000).map(lambda depth: ('{"a":' * depth + "1" + "}" * depth).encode()),
    st.just(b'{"text": "' + b"x" * (1024 * 1024) + b'"}'),
    st.just(b'{"text": 1' + b"0" * 5000 + b"}"),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/problem+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
    ]
)


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    """One app for all examples (hypothesis runs many inside a single test)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("APP_ENV", "testing")
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'db.sqlite'}")
        patch.delenv("MODEL_DIR", raising=False)
        yield create_app().test_client()


def check(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code == 200:
        assert_matches_spec(response)
    else:
        assert response.status_code in {400, 413, 415, 422}
        assert_json_error(response, response.status_code)


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
@FUZZ
@given(body=st.one_of(json_bodies, odd_bodies), content_type=content_types)
def test_api_never_fails_with_a_server_error(fuzz_client, path, body, content_type):
    check(fuzz_client.post(path, data=body, content_type=content_type))


@pytest.mark.parametrize("path", ["/api", "/api/batch"])
@FUZZ
@given(body=json_bodies)
def test_well_declared_json_is_answered_or_explained(fuzz_client, path, body):
    """With the right content type only validation can fail: 200 or 422, never 400/415."""
    response = fuzz_client.post(path, data=body, content_type="application/json")
    check(response)
    assert response.status_code in {200, 413, 422}
