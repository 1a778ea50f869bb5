"""The opt-in loader for UCI's real review sentences, against a server on 127.0.0.1.

Nothing here downloads from the internet: each test makes a small archive shaped like the
real one and serves it locally.
"""

import pytest

from sentiment_model.uci_sentences import (
    ARCHIVE_NAME,
    PARTS,
    DatasetError,
    load_uci_sentences,
)
from tests.data.fake_uci_archive import all_parts, make_archive, part_lines
from tests.servers import refused_port, static_file_server

AMAZON_MEMBER = PARTS["amazon"][0]


@pytest.fixture
def served(tmp_path):
    """Serve a folder on 127.0.0.1; yield (folder, base URL, the paths requested)."""
    root = tmp_path / "served"
    root.mkdir()
    with static_file_server(root) as (base, requests):
        yield root, base, requests


def test_downloads_once_checks_and_caches(served, tmp_path, capsys):
    root, base, requests = served
    make_archive(root / "sentences.zip")
    cache = tmp_path / "cache"
    parts = load_uci_sentences(cache_dir=cache, url=f"{base}/sentences.zip")
    assert {part: len(reviews) for part, reviews in parts.items()} == {
        "amazon": 1000,
        "yelp": 1000,
        "imdb": 1000,
    }
    assert parts["yelp"][0].text == "Real yelp review number 0, liked."
    assert parts["yelp"][0].label == "positive"
    assert parts["yelp"][0].category == "restaurants"
    assert parts["imdb"][-1].label == "negative"
    assert (cache / ARCHIVE_NAME).is_file()
    assert "100%" in capsys.readouterr().err, "no progress bar while downloading"
    assert load_uci_sentences(cache_dir=cache, url=f"{base}/sentences.zip") == parts
    assert requests == ["/sentences.zip"], "the cached archive was downloaded again"


def test_url_can_come_from_the_environment(served, tmp_path, monkeypatch):
    root, base, _ = served
    make_archive(root / "mirror.zip")
    monkeypatch.setenv("UCI_SENTENCES_URL", f"{base}/mirror.zip")
    assert len(load_uci_sentences(cache_dir=tmp_path / "cache")["amazon"]) == 1000


def test_a_copy_elsewhere_is_read_without_any_download(tmp_path, monkeypatch):
    """UCI_SENTENCES_CACHE may name a folder that already holds the archive (offline)."""
    copy = tmp_path / "copy"
    copy.mkdir()
    make_archive(copy / ARCHIVE_NAME)
    monkeypatch.setenv("UCI_SENTENCES_CACHE", str(copy))
    monkeypatch.setenv("UCI_SENTENCES_URL", "http://127.0.0.1:9/never-used")
    assert len(load_uci_sentences()["imdb"]) == 1000


def test_a_sentence_holding_a_next_line_character_stays_one_sentence(tmp_path):
    """The real IMDb file has U+0085 inside sentences; only "\\n" ends a line."""
    members = all_parts()
    imdb = PARTS["imdb"][0]
    members[imdb] = ["A slow film\u0085 with a good score.\t1", *members[imdb][1:]]
    cache = tmp_path / "cache"
    cache.mkdir()
    make_archive(cache / ARCHIVE_NAME, members)
    first = load_uci_sentences(cache_dir=cache)["imdb"][0]
    assert first.text == "A slow film\u0085 with a good score."
    assert first.label == "positive"


def test_offline_is_a_clear_error_and_leaves_no_file(tmp_path):
    cache = tmp_path / "cache"
    with refused_port() as port, pytest.raises(DatasetError, match="Are you offline"):
        load_uci_sentences(cache_dir=cache, url=f"http://127.0.0.1:{port}/sentences.zip")
    assert not (cache / ARCHIVE_NAME).exists()
    assert list(cache.iterdir()) == []


def test_missing_file_on_the_server_is_a_clear_error(served, tmp_path):
    _, base, _ = served
    with pytest.raises(DatasetError, match="Could not download"):
        load_uci_sentences(cache_dir=tmp_path / "cache", url=f"{base}/nothing-here.zip")


@pytest.mark.parametrize(
    ("lines", "member", "message"),
    [
        (part_lines(positive=499), AMAZON_MEMBER, "expected"),
        (["no label here", *part_lines()[1:]], AMAZON_MEMBER, "line 1"),
        (["Bad label\t7", *part_lines()[1:]], PARTS["yelp"][0], "line 1"),
        (None, PARTS["imdb"][0], "has no imdb_labelled.txt"),
    ],
)
def test_wrong_contents_are_refused(tmp_path, lines, member, message):
    members = all_parts()
    if lines is None:
        del members[member]
    else:
        members[member] = lines
    cache = tmp_path / "cache"
    cache.mkdir()
    make_archive(cache / ARCHIVE_NAME, members)
    with pytest.raises(DatasetError, match=message):
        load_uci_sentences(cache_dir=cache, url="http://127.0.0.1:9/never-used")


def test_not_a_zip_is_refused(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ARCHIVE_NAME).write_text("<html>a captive portal page</html>")
    with pytest.raises(DatasetError, match="not a zip archive"):
        load_uci_sentences(cache_dir=cache)
