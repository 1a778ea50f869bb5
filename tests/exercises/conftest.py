"""Proof that every check can tell whether its exercise was done.

``make test`` runs each check (a test marked ``exercise``) three times, each time against a
copy of its lesson made the way ``make exercise`` makes one: untouched, where the check must
fail with an assertion; with its exercise's reference solution applied, where it must pass;
and with all the lesson's solutions applied in order, where it must pass too. ``make check``
passes ``--workspace``, and then each check runs once, against the learner's copy.
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.lessons import read_lesson
from course.workspace import start_exercises
from tests.conftest import LESSONS_DIR, ROOT, checked_lessons
from tests.patches import apply_patch

# What lessons reach outside their own folder: lesson 09 loads ../../models, as
# workspace/09_serving_the_model/app.py does, so the copies sit two levels below a copy of it.
SHARED_FOLDERS = ("models",)


@dataclass(frozen=True)
class ProofCopy:
    """A copy of a lesson with some of its reference solutions applied, in order."""

    lesson: str
    solutions: tuple[int, ...] = ()

    def __str__(self) -> str:
        if not self.solutions:
            return "untouched"
        plural = "s" if len(self.solutions) > 1 else ""
        return f"solution{plural}-" + "+".join(map(str, self.solutions))


def proof_copies_for(lesson_name: str, number: int) -> list[ProofCopy]:
    """The copies that prove exercise ``number``'s checks: untouched, solved, all solved."""
    lesson = read_lesson(LESSONS_DIR / lesson_name)
    everything = tuple(exercise.number for exercise in lesson.checkable)
    copies = [ProofCopy(lesson_name), ProofCopy(lesson_name, (number,))]
    if everything != (number,):
        copies.append(ProofCopy(lesson_name, everything))
    return copies


def pytest_generate_tests(metafunc):
    check = metafunc.definition.get_closest_marker("exercise")
    if check is None or checked_lessons(metafunc.config):
        return
    copies = proof_copies_for(metafunc.module.LESSON, check.args[0])
    metafunc.parametrize("lesson_folders", copies, indirect=True, ids=str)


@pytest.fixture(scope="session")
def course_root(tmp_path_factory) -> Path:
    """A folder standing in for the course's root, with what lessons reach outside their own."""
    root = tmp_path_factory.mktemp("course")
    for name in SHARED_FOLDERS:
        shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="session")
def make_proof_copy(course_root):
    """Give a function that makes (once per session) the folder of a ``ProofCopy``."""
    made = {}

    def make(copy: ProofCopy) -> Path:
        if copy not in made:
            made[copy] = solved_copy(copy.lesson, copy.solutions, course_root / str(copy))
        return made[copy]

    return make


def solved_copy(lesson_name: str, solutions: tuple[int, ...], workspace: Path) -> Path:
    """Copy the lesson into ``workspace`` as ``make exercise`` does, then apply ``solutions``."""
    lesson = read_lesson(LESSONS_DIR / lesson_name)
    folder, _ = start_exercises(lesson, workspace)
    for number in solutions:
        apply_patch(lesson.exercise(number).solution, folder)
    return folder


@pytest.fixture
def learner_workspace(course_root) -> Path:
    """An empty workspace, placed like the course's own ``workspace/`` (beside ``models/``)."""
    return Path(tempfile.mkdtemp(dir=course_root, prefix="workspace-"))


@pytest.fixture
def lesson_folders(request, lesson_folders, make_proof_copy):
    """The learner's workspace copy when checking one; otherwise this test's proof copy."""
    copy = getattr(request, "param", None)
    if copy is None:
        return lesson_folders
    return {copy.lesson: make_proof_copy(copy)}


@pytest.fixture
def lesson_copy(request, lesson_folders) -> Path:
    """The folder of the copy of the module's ``LESSON`` under check (a file lesson's checks
    read it directly; an app lesson's load its app with ``load_lesson``)."""
    lesson = read_lesson(LESSONS_DIR / request.module.LESSON)
    folder = lesson_folders.get(lesson.name)
    assert folder is not None, f"no copy to check: run `make exercise LESSON={lesson.number}`"
    return folder


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    """On the untouched copy a check must fail, and fail by an assertion, not by crashing."""
    callspec = getattr(pyfuncitem, "callspec", None)
    copy = callspec.params.get("lesson_folders") if callspec else None
    if not isinstance(copy, ProofCopy) or copy.solutions:
        return (yield)
    try:
        yield
    except (AssertionError, pytest.fail.Exception):
        return True
    pytest.fail(
        "this check passes on the untouched lesson, so it cannot tell whether the exercise "
        "was done: make it observe what the exercise changes",
        pytrace=False,
    )
