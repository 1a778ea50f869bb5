"""The course site: it builds offline with --strict, and shows only code from tested files."""

import functools
import html
import json
import os
import re
from pathlib import Path

import pytest
import yaml

from course.lessons import all_lessons
from docs.hooks.course_pages import INCLUDE
from tests.conftest import LESSONS_DIR, ROOT

# One build of the site serves both modules: keep them in one worker of a parallel run.
pytestmark = [pytest.mark.xdist_group("site"), pytest.mark.takes(7)]

CHAIN = sorted(p.name for p in LESSONS_DIR.glob("0[2-7]_*"))
PAGE_SOURCES = sorted(
    [
        *ROOT.glob("docs/*.md"),
        *LESSONS_DIR.glob("*/README.md"),
        *ROOT.glob("*/README.md"),
        ROOT / "README.md",
    ]
)
CODE_SUFFIXES = {".py", ".html", ".css", ".js", ".toml", ".cfg", ".yml", ".yaml", ".ini", ".conf"}
CODE_SUFFIXES |= {".lua", ".sh"}
CODE_NAMES = {"Makefile", "run"}
FENCE = re.compile(r"^(?P<indent> *)```[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
# The pages GitHub shows as well as the site: every README.
READMES = [path for path in PAGE_SOURCES if path.name == "README.md"]
LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s#]+)")


def mkdocs_nav_sources() -> set[str]:
    """Every file the mkdocs.yml nav points at."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!relative", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 (SafeLoader subclass)

    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)

    return set(walk(config["nav"]))


def test_every_lesson_has_a_page_in_the_nav_and_the_site(site):
    nav = mkdocs_nav_sources()
    for lesson in sorted(p.name for p in LESSONS_DIR.iterdir() if p.is_dir()):
        assert f"lessons/{lesson}/README.md" in nav, f"lessons/{lesson} has no page in the nav"
        assert (site / "lessons" / lesson / "index.html").is_file()


@pytest.mark.parametrize("lesson", CHAIN)
def test_chain_lesson_pages_show_the_generated_diff(site, lesson):
    previous = sorted(p.name for p in LESSONS_DIR.glob("0[1-7]_*"))[CHAIN.index(lesson)]
    page = (site / "lessons" / lesson / "index.html").read_text(encoding="utf-8")
    assert f"What changed since lesson {previous[:2]}" in page
    assert f"lessons/{previous}/app.py" in page
    assert f"lessons/{lesson}/app.py" in page
    assert '<span class="gi">+' in page, "no highlighted diff lines"


@pytest.mark.parametrize("lesson", sorted(p.parent.name for p in LESSONS_DIR.glob("*/app.py")))
def test_lesson_pages_include_the_tested_code_verbatim(site, lesson):
    """The page's copy of app.py is the file itself, line for line."""
    page = (site / "lessons" / lesson / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for line in (LESSONS_DIR / lesson / "app.py").read_text(encoding="utf-8").splitlines():
        assert line in text, line


@pytest.mark.parametrize(
    "lesson", [lesson for lesson in all_lessons() if lesson.exercises], ids=lambda one: one.name
)
def test_exercises_show_their_check_and_their_solution_from_its_file(site, lesson):
    """Each checkable exercise's folded solution is its patch, the file the proof applies."""
    page = (site / "lessons" / lesson.name / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert text.count(f"make check LESSON={lesson.number}") >= len(lesson.checkable)
    for exercise in lesson.checkable:
        for line in exercise.solution.read_text(encoding="utf-8").splitlines():
            if line[:1] in "+-" and line[:3] not in ("+++", "---") and line[1:].strip():
                assert line in text, f"{exercise.solution.name}: {line}"


@functools.cache
def project_code_lines() -> frozenset[str]:
    """Stripped lines of 25+ characters from the project's own code files."""
    skip = {".venv", "site", ".git", "tests", "__pycache__", "node_modules", "instance", ".cache"}
    lines = set()
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in skip]
        for name in names:
            if Path(name).suffix in CODE_SUFFIXES or name in CODE_NAMES:
                text = (Path(folder) / name).read_text(encoding="utf-8", errors="ignore")
                lines.update(line.strip() for line in text.splitlines() if len(line.strip()) >= 25)
    return frozenset(lines)


@pytest.mark.parametrize("source", PAGE_SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_page_pastes_project_code(source):
    """Code from the project is included from its file (--8<--), never copied into a page."""
    code = project_code_lines()
    for block in FENCE.finditer(source.read_text(encoding="utf-8")):
        body = [line.strip() for line in block["body"].splitlines()]
        if all(line.startswith("--8<--") or not line for line in body):
            continue
        pasted = [line for line in body if line in code]
        assert len(pasted) < 2, f"{source.name} pastes project code instead of including it:\n" + (
            "\n".join(pasted)
        )


def test_search_index_holds_the_lessons(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "This is my basic flask application!" in text
    assert "cross-site request forgery" in text


def test_site_needs_no_network(site):
    """No web fonts, scripts or styles from other hosts: the site reads offline."""
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in page, path
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page), path


def test_code_blocks_have_copy_buttons(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '"content.code.copy"' in page


def bare_includes(readme: Path) -> list[str]:
    """The includes with no link to their file on the last non-blank line before them.

    That line is the one before the include's code block, or before the include itself
    when it stands outside one (CONTRIBUTING.md, "Includes").
    """
    lines = readme.read_text(encoding="utf-8").splitlines()
    bare = []
    for number, line in enumerate(lines):
        include = INCLUDE.match(line)
        if include is None:
            continue
        start = number
        while start > 0 and INCLUDE.match(lines[start - 1]):
            start -= 1
        if start > 0 and lines[start - 1].lstrip().startswith("```"):
            start -= 1
        before = next((text for text in reversed(lines[:start]) if text.strip()), "")
        targets = {(readme.parent / target).resolve() for target in LINK.findall(before)}
        if (ROOT / include["path"]).resolve() not in targets:
            bare.append(f"line {number + 1}: {include['path']}")
    return bare


@pytest.mark.parametrize("readme", READMES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_readme_has_a_bare_include(readme):
    """On GitHub an include shows as its raw line: a link beside it leads to the file."""
    assert bare_includes(readme) == []


def test_a_bare_include_is_found(tmp_path):
    """The rule above, on a README that breaks it and one that keeps it."""
    (tmp_path / "app.py").write_text("print()\n", encoding="utf-8")
    include = f'--8<-- "{Path(os.path.relpath(tmp_path / "app.py", ROOT)).as_posix()}"'
    readme = tmp_path / "README.md"
    readme.write_text(f"The app:\n\n```python\n{include}\n```\n", encoding="utf-8")
    assert len(bare_includes(readme)) == 1
    readme.write_text(f"The [app](app.py):\n\n```python\n{include}\n```\n", encoding="utf-8")
    assert bare_includes(readme) == []
