"""Small archives shaped like UCI's "Sentiment Labelled Sentences", made by the tests."""

import zipfile
from pathlib import Path

from sentiment_model.uci_sentences import PARTS


def part_lines(part: str = "amazon", positive: int = 500, negative: int = 500) -> list[str]:
    """Lines in the real files' format, ``sentence<TAB>1|0``, with the real files' counts."""
    return [f"Real {part} review number {n}, liked.\t1" for n in range(positive)] + [
        f"Real {part} review number {n}, disliked.\t0" for n in range(negative)
    ]


def all_parts() -> dict[str, list[str]]:
    """Every part's file name with its lines, as the real archive has them."""
    return {member: part_lines(part) for part, (member, _) in PARTS.items()}


def make_archive(path: Path, members: dict[str, list[str]] | None = None) -> Path:
    """Write a zip laid out like the real download, holding each member's lines."""
    with zipfile.ZipFile(path, "w") as archive:
        for member, lines in (members or all_parts()).items():
            archive.writestr(f"sentiment labelled sentences/{member}", "\n".join(lines) + "\n")
        archive.writestr("sentiment labelled sentences/readme.txt", "a stand-in for the tests")
    return path
