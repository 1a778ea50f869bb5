"""MkDocs hook: the lesson texts and the notebook become pages, and chain lessons get a diff.

A lesson's text lives once, in ``lessons/NN_topic/README.md``, next to its code, and the
notebook lives in ``notebooks/``. Both sit outside ``docs/``, so this hook adds them to the
site under their repository paths; links between them then work on GitHub and on the site
alike. For lessons 02-07, each a copy of the previous one plus one idea, it replaces the
marker ``<!-- lesson-diff -->`` with the diff from the previous lesson, computed at build
time from the two folders, so it can never disagree with the code.
"""

import difflib
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "lessons"
DIFF_MARKER = "<!-- lesson-diff -->"
CHAIN_END = "08"
EXTERNAL_GLOBS = ("lessons/*/README.md", "notebooks/*.ipynb", "benchmarks/results/*.png")


@event_priority(100)  # before mkdocs-jupyter looks for notebooks among the files
def on_files(files, config):
    for pattern in EXTERNAL_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            files.append(
                File(
                    path.relative_to(ROOT).as_posix(),
                    src_dir=str(ROOT),
                    dest_dir=config["site_dir"],
                    use_directory_urls=config["use_directory_urls"],
                )
            )
    return files


def on_page_markdown(markdown, page, config, files):
    if DIFF_MARKER not in markdown:
        return markdown
    lesson = Path(page.file.src_uri).parent.name
    return markdown.replace(DIFF_MARKER, diff_section(lesson))


def chain_lessons() -> list[str]:
    return sorted(p.name for p in LESSONS.glob("[0-9][0-9]_*") if p.name < CHAIN_END)


def diff_section(lesson: str) -> str:
    """Markdown with one diff block per file that changed since the previous lesson."""
    chain = chain_lessons()
    if lesson not in chain or chain.index(lesson) == 0:
        raise ValueError(f"{lesson} has a diff marker but no previous lesson in the chain")
    previous = chain[chain.index(lesson) - 1]
    old_dir, new_dir = LESSONS / previous, LESSONS / lesson
    names = sorted({*lesson_files(old_dir), *lesson_files(new_dir)})
    blocks = []
    for name in names:
        old, new = read_lines(old_dir / name), read_lines(new_dir / name)
        diff = list(
            difflib.unified_diff(
                old, new, f"lessons/{previous}/{name}", f"lessons/{lesson}/{name}", n=3
            )
        )
        if diff:
            blocks.append(f"`{name}`\n\n```diff\n{''.join(diff)}```\n")
    return (
        f"## What changed since lesson {previous[:2]}\n\n"
        f"Generated from the two folders when this site was built "
        f"(`diff -ru lessons/{previous} lessons/{lesson}` shows the same).\n\n"
        + "\n".join(blocks)
    )


def lesson_files(folder: Path) -> list[str]:
    """The code files of a lesson (not its text, caches or local database)."""
    suffixes = {".py", ".html", ".css", ".js"}
    return [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts
        and "instance" not in path.relative_to(folder).parts
    ]


def read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines
