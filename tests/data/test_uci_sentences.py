"""The opt-in loader for UCI's real Amazon sentences, against a server on 127.0.0.1.

Nothing here downloads from the internet: each test makes a small archive shaped like the
real one and serves it locally.
"""

import pytest

from sentiment_model.uci_sentences import (
    AMAZON_MEMBER,
    ARCHIVE_NAME,
    DatasetError,
    load_amazon_sentences,
)
from tests.data.fake_uci_archive import amazon_lines, make_archive
from tests.servers import free_port, static_file_server


@pytest.fixture
def served(tmp_path):
    """Serve a folder on 127.0.0.1; yield (folder, base URL, the paths requested)."""
    root = tmp_path / "served"
    root.mkdir()
    with static_file_server(root) as (base, requests):
        yield root, base, requests


def test_downloads_once_checks_and_caches(served, tmp_path, capsys):
    root, base, requests = served
    make_archive(root / "sentences.zip", amazon_lines())
    cache = tmp_path / "cache"
    reviews = load_amazon_sentences(cache_dir=cache, url=f"{base}/sentences.zip")
    assert len(reviews) == 1000
    assert reviews[0].text == "Real review number 0, liked."
    assert reviews[0].label == "positive"
    assert reviews[-1].label == "negative"
    assert (cache / ARCHIVE_NAME).is_file()
    assert "100%" in capsys.readouterr().err, "no progress bar while downloading"
    assert load_amazon_sentences(cache_dir=cache, url=f"{base}/sentences.zip") == reviews
    assert requests == ["/sentences.zip"], "the cached archive was downloaded again"


def test_url_can_come_from_the_environment(served, tmp_path, monkeypatch):
    root, base, _ = served
    make_archive(root / "mirror.zip", amazon_lines())
    monkeypatch.setenv("UCI_SENTENCES_URL", f"{base}/mirror.zip")
    assert len(load_amazon_sentences(cache_dir=tmp_path / "cache")) == 1000


def test_offline_is_a_clear_error_and_leaves_no_file(tmp_path):
    cache = tmp_path / "cache"
    url = f"http://127.0.0.1:{free_port()}/sentences.zip"
    with pytest.raises(DatasetError, match="Are you offline"):
        load_amazon_sentences(cache_dir=cache, url=url)
    assert not (cache / ARCHIVE_NAME).exists()
    assert list(cache.iterdir()) == []


def test_missing_file_on_the_server_is_a_clear_error(served, tmp_path):
    _, base, _ = served
    with pytest.raises(DatasetError, match="Could not download"):
        load_amazon_sentences(cache_dir=tmp_path / "cache", url=f"{base}/nothing-here.zip")


@pytest.mark.parametrize(
    ("lines", "member", "message"),
    [
        (amazon_lines(positive=499), AMAZON_MEMBER, "expected"),
        (["no label here", *amazon_lines()[1:]], AMAZON_MEMBER, "line 1"),
        (["Bad label\t7", *amazon_lines()[1:]], AMAZON_MEMBER, "line 1"),
        (amazon_lines(), "yelp_labelled.txt", "has no amazon_cells_labelled.txt"),
    ],
)
def test_wrong_contents_are_refused(tmp_path, lines, member, message):
    cache = tmp_path / "cache"
    cache.mkdir()
    make_archive(cache / ARCHIVE_NAME, lines, member)
    with pytest.raises(DatasetError, match=message):
        load_amazon_sentences(cache_dir=cache, url="http://127.0.0.1:9/never-used")


def test_not_a_zip_is_refused(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ARCHIVE_NAME).write_text("<html>a captive portal page</html>")
    with pytest.raises(DatasetError, match="not a zip archive"):
        load_amazon_sentences(cache_dir=cache)
