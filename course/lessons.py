"""The lessons, and what each one's ``exercises.toml`` declares about its exercises.

A lesson has exercises that check themselves when its folder holds ``exercises.toml``: which
files ``make exercise`` copies into the workspace, which one the learner opens, and one
``[[exercise]]`` table per exercise of its README, in order. CONTRIBUTING.md describes the
format.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS_DIR = ROOT / "lessons"
WORKSPACE_DIR = ROOT / "workspace"
CHECKS_DIR = ROOT / "tests" / "exercises"
DECLARATION = "exercises.toml"


@dataclass(frozen=True)
class Exercise:
    """One numbered exercise of a lesson's README."""

    number: int
    title: str
    solution: Path | None

    @property
    def checkable(self) -> bool:
        """A question has no solution file, so nothing to check."""
        return self.solution is not None


@dataclass(frozen=True)
class Lesson:
    """A lesson folder and, when it declares them, its exercises."""

    name: str
    title: str
    copy: tuple[Path, ...] = ()
    open: str = ""
    run: str = ""
    exercises: tuple[Exercise, ...] = ()

    @property
    def number(self) -> str:
        return self.name[:2]

    @property
    def folder(self) -> Path:
        return LESSONS_DIR / self.name

    @property
    def checks(self) -> Path:
        """The pytest file that holds this lesson's checks."""
        return CHECKS_DIR / f"test_{self.name}.py"

    @property
    def checkable(self) -> tuple[Exercise, ...]:
        return tuple(exercise for exercise in self.exercises if exercise.checkable)

    def exercise(self, number: int) -> Exercise:
        return self.exercises[number - 1]


def read_lesson(folder: Path) -> Lesson:
    """The lesson in ``folder``, with the exercises its ``exercises.toml`` declares."""
    readme = folder / "README.md"
    heading = readme.read_text(encoding="utf-8").splitlines()[0] if readme.is_file() else ""
    title = re.sub(r"^# Lesson \d+ · ", "", heading) or folder.name
    declaration = folder / DECLARATION
    if not declaration.is_file():
        return Lesson(folder.name, title)
    data = tomllib.loads(declaration.read_text(encoding="utf-8"))
    exercises = tuple(
        Exercise(
            number,
            entry["title"],
            folder / entry["solution"] if "solution" in entry else None,
        )
        for number, entry in enumerate(data.get("exercise", []), start=1)
    )
    copy = tuple(ROOT / path for path in data.get("copy", [folder.relative_to(ROOT).as_posix()]))
    return Lesson(folder.name, title, copy, data["open"], data.get("run", ""), exercises)


def all_lessons() -> list[Lesson]:
    """Every lesson of the course, in order, whether or not it has exercises yet."""
    return [read_lesson(path) for path in sorted(LESSONS_DIR.glob("[0-9][0-9]_*")) if path.is_dir()]


def find_lesson(text: str) -> Lesson:
    """The lesson ``text`` names: ``3``, ``03``, ``03_dynamic_routes`` or its folder path."""
    wanted = Path(text.strip()).name
    if wanted.isdigit():
        wanted = f"{int(wanted):02d}"
    for lesson in all_lessons():
        if lesson.name == wanted or lesson.number == wanted:
            return lesson
    known = ", ".join(lesson.number for lesson in all_lessons())
    raise LookupError(f"There is no lesson {text!r}; the lessons are {known}.")
