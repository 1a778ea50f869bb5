"""What a lesson declares about its exercises agrees with its README, its checks and its tests.

``exercises.toml`` lists the exercises in the README's order; each checkable one has a
solution the README includes, the command that checks it, and at least one check; each
question is marked as one. CONTRIBUTING.md describes the format. (That the lesson tests
marked ``changed_by_exercise`` are exactly those the solutions change is proven in
test_workspace_loop.py, by running them.)
"""

import importlib
import inspect
import re

import pytest

from course.lessons import LESSONS_DIR, ROOT, Lesson, all_lessons
from course.workspace import start_exercises

WITH_EXERCISES = [lesson for lesson in all_lessons() if lesson.exercises]
ITEM = re.compile(r"^(\d+)\. ", flags=re.MULTILINE)


def readme_exercises(lesson: Lesson) -> dict[int, str]:
    """The numbered items of the README's "Exercises" section, by number."""
    text = (lesson.folder / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Exercises\n") :]
    section = re.split(r"^(?:Previous|Next):", section, flags=re.MULTILINE)[0]
    starts = list(ITEM.finditer(section))
    ends = [match.start() for match in starts[1:]] + [len(section)]
    pairs = zip(starts, ends, strict=True)
    return {int(match[1]): section[match.start() : end] for match, end in pairs}


def checks_of(lesson: Lesson) -> list[tuple[str, pytest.Mark]]:
    """The ``exercise`` marks on the checks of a lesson, with the check's name."""
    module = importlib.import_module(f"tests.exercises.{lesson.checks.stem}")
    return [
        (name, mark)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("test_")
        for mark in getattr(function, "pytestmark", [])
        if mark.name == "exercise"
    ]


def test_every_lesson_declares_its_exercises():
    assert len(all_lessons()) >= 11
    assert all_lessons() == WITH_EXERCISES


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_readme_lists_the_declared_exercises_in_order(lesson):
    items = readme_exercises(lesson)
    assert sorted(items) == [exercise.number for exercise in lesson.exercises]
    text = (lesson.folder / "README.md").read_text(encoding="utf-8")
    assert f"`make exercise LESSON={lesson.number}`" in text
    assert f"`python -m course exercise {lesson.number}`" in text
    assert f"`python -m course check {lesson.number}`" in text
    for exercise in lesson.exercises:
        item = items[exercise.number]
        if exercise.checkable:
            solution = exercise.solution.relative_to(ROOT).as_posix()
            assert f"Check it: `make check LESSON={lesson.number}`" in item, exercise
            assert f'--8<-- "{solution}"' in item, exercise
            assert '??? success "Solution"' in item, exercise
        else:
            assert item.startswith(f"{exercise.number}. **Question.**"), exercise
            assert '??? question "Answer"' in item, exercise
            assert "Check it:" not in item, exercise


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_at_least_two_exercises_check_themselves_each_with_its_own_solution(lesson):
    assert len(lesson.checkable) >= 2
    solutions = [exercise.solution for exercise in lesson.checkable]
    assert all(solution.is_file() for solution in solutions)
    assert len(set(solutions)) == len(solutions)
    assert sorted((lesson.folder / "solutions").iterdir()) == sorted(solutions), (
        "every file in solutions/ is the solution of a declared exercise"
    )


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_every_checkable_exercise_has_checks_and_every_check_an_exercise_and_a_hint(lesson):
    checks = checks_of(lesson)
    checked = {mark.args[0] for _, mark in checks}
    assert checked == {exercise.number for exercise in lesson.checkable}
    for name, mark in checks:
        assert mark.kwargs.get("hint", "").strip(), f"{name} has no hint"
        assert "\n" not in mark.kwargs["hint"], f"{name}: a hint is one line"


@pytest.mark.parametrize("lesson", WITH_EXERCISES, ids=lambda lesson: lesson.name)
def test_the_file_to_open_is_in_the_copy(lesson, learner_workspace):
    folder, copied = start_exercises(lesson, learner_workspace)
    assert copied
    assert (folder / lesson.open).is_file()


def test_no_check_file_or_solutions_without_a_declaration():
    declared = {lesson.name for lesson in WITH_EXERCISES}
    checks = (ROOT / "tests" / "exercises").glob("test_[0-9][0-9]_*.py")
    assert {path.stem.removeprefix("test_") for path in checks} == declared
    assert {path.parent.name for path in LESSONS_DIR.glob("*/solutions")} == declared
