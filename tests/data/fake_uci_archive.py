"""Small archives shaped like UCI's "Sentiment Labelled Sentences", made by the tests."""

import zipfile
from pathlib import Path

from sentiment_model.uci_sentences import AMAZON_MEMBER


def amazon_lines(positive: int = 500, negative: int = 500) -> list[str]:
    """Lines in the real file's format, ``sentence<TAB>1|0``, with the real file's counts."""
    return [f"Real review number {n}, liked.\t1" for n in range(positive)] + [
        f"Real review number {n}, disliked.\t0" for n in range(negative)
    ]


def make_archive(path: Path, lines: list[str], member: str = AMAZON_MEMBER) -> Path:
    """Write a zip laid out like the real download, holding ``lines`` as ``member``."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"sentiment labelled sentences/{member}", "\n".join(lines) + "\n")
        archive.writestr("sentiment labelled sentences/readme.txt", "a stand-in for the tests")
    return path
