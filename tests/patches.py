"""Apply a reference solution (a unified diff) to a copy of a lesson, without git or patch.

Each exercise's solution is written against the untouched lesson, so a learner can read it
whichever exercises they did first. Applied one after another, a later patch may find that
an earlier one changed its context lines, so a hunk is placed where its lines match, and,
failing that, with fewer context lines (as GNU patch's "fuzz" does), never by line number
alone. A hunk whose changed lines match nowhere, or in more than one place, is an error.
"""

import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")


class PatchError(Exception):
    """The patch does not apply to these files."""


@dataclass
class Hunk:
    start: int
    lines: list[str] = field(default_factory=list)

    def side(self, wanted: str, lines: list[str] | None = None) -> list[str]:
        """The hunk's lines as they were (``wanted="-"``) or will be (``"+"``)."""
        lines = self.lines if lines is None else lines
        return [line[1:] for line in lines if line[0] in (" ", wanted)]


@dataclass
class FilePatch:
    path: str
    created: bool
    hunks: list[Hunk] = field(default_factory=list)


def parse(text: str) -> list[FilePatch]:
    """The files and hunks of a unified diff (``--- a/name``, ``+++ b/name``, ``@@``)."""
    patches: list[FilePatch] = []
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("--- ") and index + 1 < len(lines) and lines[index + 1][:4] == "+++ ":
            old = line[4:].split("\t")[0].strip()
            new = lines[index + 1][4:].split("\t")[0].strip()
            patches.append(FilePatch(new.removeprefix("b/"), created=old == "/dev/null"))
        elif match := HUNK_HEADER.match(line):
            patches[-1].hunks.append(Hunk(int(match[1])))
        elif patches and patches[-1].hunks and line[:1] in (" ", "-", "+"):
            patches[-1].hunks[-1].lines.append(line if line.endswith("\n") else line + "\n")
        elif patches and patches[-1].hunks and line == "\n":
            patches[-1].hunks[-1].lines.append(" \n")
    if not patches:
        raise PatchError("no file changes found: is this a unified diff?")
    return patches


def with_less_context(hunk: Hunk) -> list[list[list[str]]]:
    """The hunk's lines, then with 1, 2, ... context lines dropped in all, from either end.

    Each entry holds the variants that drop that many; a variant that would match anywhere
    (an insertion with no context left) is left out.
    """
    lines = hunk.lines
    leading = next(i for i, line in enumerate(lines) if line[0] != " ")
    trailing = next(i for i, line in enumerate(reversed(lines)) if line[0] != " ")
    rounds = []
    for dropped in range(leading + trailing + 1):
        variants = [
            lines[front : len(lines) - (dropped - front)]
            for front in range(min(dropped, leading) + 1)
            if dropped - front <= trailing
        ]
        rounds.append([variant for variant in variants if hunk.side("-", variant)])
    return rounds


def apply_hunk(text: list[str], hunk: Hunk, name: str) -> list[str]:
    """``text`` with the hunk applied where its old lines, with the most context, match once."""
    ambiguous = False
    for variants in with_less_context(hunk):
        for lines in variants:
            old, new = hunk.side("-", lines), hunk.side("+", lines)
            places = [
                start
                for start in range(len(text) - len(old) + 1)
                if text[start : start + len(old)] == old
            ]
            if len(places) == 1:
                return text[: places[0]] + new + text[places[0] + len(old) :]
            ambiguous = ambiguous or len(places) > 1
        if ambiguous:
            break
    where = "in several places" if ambiguous else "nowhere"
    raise PatchError(f"{name}: the hunk at line {hunk.start} matches {where}")


# A notebook's solution is one of its cells as the solution has it, not a diff of its JSON:
# ``# notebook: notebooks/NAME.ipynb, cell: ID`` on the first line (the notebook's place in
# the course), then the cell as it should read, so the lesson page can show it whole.
NOTEBOOK_CELL = re.compile(r"^# notebook: (?P<notebook>\S+\.ipynb), cell: (?P<cell>[\w-]+)\n")
COURSE_ROOT = Path(__file__).resolve().parents[1]


def notebook_cell(notebook: dict, cell_id: str, name: str) -> dict:
    """The cell of ``notebook`` with id ``cell_id``."""
    cells = [cell for cell in notebook["cells"] if cell.get("id") == cell_id]
    if len(cells) != 1:
        raise PatchError(f"{name} has no cell {cell_id!r}")
    return cells[0]


def source_lines(source: str | list[str]) -> list[str]:
    """A cell's source as lines that all end with a newline, as the hunks compare them."""
    return [line + "\n" for line in "".join(source).split("\n")]


def apply_cell(solution: Path, folder: Path) -> list[Path]:
    """Change the notebook cell a ``.py`` solution names the way the solution changes it.

    The solution's changes are the diff between the course's cell and the solution's, so
    two solutions of the same cell can be applied one after the other, as patches can.
    """
    text = solution.read_text(encoding="utf-8")
    header = NOTEBOOK_CELL.match(text)
    if header is None:
        raise PatchError(f"{solution.name}: its first line must name a notebook and a cell")
    course_notebook = json.loads((COURSE_ROOT / header["notebook"]).read_text(encoding="utf-8"))
    course_cell = notebook_cell(course_notebook, header["cell"], header["notebook"])
    original = source_lines(course_cell["source"])
    solved = source_lines(text[header.end() :].rstrip("\n"))
    diff = "".join(difflib.unified_diff(original, solved, "a/cell", "b/cell"))
    target = folder / Path(header["notebook"]).name
    notebook = json.loads(target.read_text(encoding="utf-8"))
    cell = notebook_cell(notebook, header["cell"], target.name)
    lines = source_lines(cell["source"])
    for hunk in parse(diff)[0].hunks if diff else []:
        lines = apply_hunk(lines, hunk, f"{target.name}, cell {header['cell']}")
    cell["source"] = "".join(lines).removesuffix("\n")
    cell["outputs"], cell["execution_count"] = [], None
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return [target]


def apply_patch(patch_file: Path, folder: Path) -> list[Path]:
    """Apply ``patch_file`` to the files in ``folder``; return the files it changed."""
    if patch_file.suffix == ".py":
        return apply_cell(patch_file, folder)
    changed = []
    for file_patch in parse(patch_file.read_text(encoding="utf-8")):
        target = folder / file_patch.path
        if file_patch.created:
            if target.exists():
                raise PatchError(f"{file_patch.path}: the patch creates it, but it exists")
            text: list[str] = []
        else:
            if not target.is_file():
                raise PatchError(f"{file_patch.path}: no such file in {folder}")
            text = target.read_text(encoding="utf-8").splitlines(keepends=True)
        for hunk in file_patch.hunks:
            text = apply_hunk(text, hunk, file_patch.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(text), encoding="utf-8")
        changed.append(target)
    return changed


def main(arguments: list[str]) -> int:
    """``python -m tests.patches FOLDER PATCH...``: apply patches in order (for maintainers)."""
    if len(arguments) < 2:
        print("usage: python -m tests.patches FOLDER PATCH...")
        return 2
    folder = Path(arguments[0])
    for patch_file in arguments[1:]:
        for changed in apply_patch(Path(patch_file), folder):
            print(f"{patch_file}: changed {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
