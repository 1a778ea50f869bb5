"""Opt-in: UCI's "Sentiment Labelled Sentences" (Kotzias et al., 2015), real reviews.

Three parts of 1,000 real review sentences each, 500 positive and 500 negative, licensed
CC BY 4.0: Amazon (phones and accessories), Yelp (restaurants) and IMDb (films). The course
never needs them; a learner who wants to see the model meet real reviews opts in, and the
archive is downloaded once into ``data/external/`` (which git ignores) and checked.
``UCI_SENTENCES_CACHE`` names another folder that holds the archive, for a copy made
elsewhere (offline machines).
"""

import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from sentiment_model.paths import DATA_DIR
from sentiment_model.review_data import Review

URL = "https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip"
URL_VARIABLE = "UCI_SENTENCES_URL"
CACHE_VARIABLE = "UCI_SENTENCES_CACHE"
CACHE_DIR = DATA_DIR / "external"
ARCHIVE_NAME = "sentiment_labelled_sentences.zip"
# Each part: the file inside the archive, and the category it is about in our data's terms.
PARTS = {
    "amazon": ("amazon_cells_labelled.txt", "phones"),
    "yelp": ("yelp_labelled.txt", "restaurants"),
    "imdb": ("imdb_labelled.txt", "films"),
}
EXPECTED_COUNTS = {"negative": 500, "positive": 500}
CITATION = (
    "Kotzias, D., Denil, M., de Freitas, N. and Smyth, P. (2015). From Group to Individual "
    "Labels using Deep Features. KDD 2015. UCI Machine Learning Repository, CC BY 4.0."
)


class DatasetError(RuntimeError):
    """The data set could not be downloaded or is not what it should be; says what to do."""


def load_uci_sentences(
    cache_dir: Path | None = None, url: str | None = None
) -> dict[str, list[Review]]:
    """The labelled sentences of each part, downloaded on first use and checked every time.

    ``UCI_SENTENCES_URL`` and ``UCI_SENTENCES_CACHE`` override where they come from and go.
    """
    cache_dir = cache_dir or Path(os.environ.get(CACHE_VARIABLE) or CACHE_DIR)
    archive = cache_dir / ARCHIVE_NAME
    url = url or os.environ.get(URL_VARIABLE) or URL
    if not archive.is_file():
        download(url, archive)
    return read_uci_sentences(archive)


def download(url: str, destination: Path) -> None:
    """Fetch ``url`` to ``destination`` with a progress bar; never leave half a file behind."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (https or a test server)
            total = int(response.headers.get("Content-Length") or 0) or None
            with (
                tempfile.NamedTemporaryFile(dir=destination.parent, delete=False) as partial,
                tqdm(total=total, unit="B", unit_scale=True, desc=destination.name) as progress,
            ):
                for block in iter(lambda: response.read(1 << 16), b""):
                    partial.write(block)
                    progress.update(len(block))
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        if "partial" in locals():
            Path(partial.name).unlink(missing_ok=True)
        raise DatasetError(
            f"Could not download {url} ({error}). Are you offline? Download the archive by "
            f"hand and save it as {destination}, then run this again."
        ) from None
    shutil.move(partial.name, destination)


def read_uci_sentences(archive: Path) -> dict[str, list[Review]]:
    """Read and check every part inside the archive: format, labels and counts."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            names = zipped.namelist()
            return {
                part: read_part(zipped, names, member, category, archive)
                for part, (member, category) in PARTS.items()
            }
    except zipfile.BadZipFile:
        raise DatasetError(f"{archive} is not a zip archive. {_fix(archive)}") from None


def read_part(
    zipped: zipfile.ZipFile, names: list[str], member: str, category: str, archive: Path
) -> list[Review]:
    found = [name for name in names if name.endswith(member)]
    if not found:
        raise DatasetError(f"{archive} has no {member}. {_fix(archive)}")
    # Lines end with "\n" only: the IMDb file has U+0085 (NEL) characters inside sentences,
    # which str.splitlines() would wrongly treat as line ends.
    lines = zipped.read(found[0]).decode("utf-8").split("\n")
    reviews = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text, separator, label = line.rpartition("\t")
        if not separator or label.strip() not in {"0", "1"} or not text.strip():
            raise DatasetError(f"{member}, line {number}: not 'sentence<TAB>0|1'.")
        label = "positive" if label.strip() == "1" else "negative"
        reviews.append(Review(text.strip(), label, category))
    counts = dict(Counter(review.label for review in reviews))
    if counts != EXPECTED_COUNTS:
        raise DatasetError(f"{member} has {counts}, expected {EXPECTED_COUNTS}. {_fix(archive)}")
    return reviews


def _fix(archive: Path) -> str:
    return f"Delete {archive} and run this again to download a fresh copy."
