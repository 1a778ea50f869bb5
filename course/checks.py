"""Run a lesson's checks, and its own tests, against a learner's copy, and sum them up.

The checks are pytest tests (``tests/exercises/test_NN_topic.py``); pytest runs in this
process with ``--workspace`` and ``--lesson``, which ``tests/conftest.py`` turns into "load
the lesson from the workspace, keep only the tests about it, and label each one". This
module reads those labels from the reports and never looks inside a test.
"""

import contextlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from course.lessons import ROOT, Exercise, Lesson

LESSON_TESTS = ROOT / "tests" / "lessons"
# No cache of earlier runs (so a learner's own `pytest --lf` is left alone), and none of the
# plugins no check uses: the browser's cannot run inside another pytest run (as the proof
# runs this), and Hypothesis's imports all of Hypothesis at the end of every run.
PLUGINS_OFF = ["-p", "no:cacheprovider", "-p", "no:playwright", "-p", "no:hypothesispytest"]
QUIET = ["-q", "--no-header", "--tb=line"]


@dataclass
class Outcome:
    """What became of one test: passed, failed (with its first line), or skipped (why)."""

    nodeid: str
    lesson: str
    exercise: int | None = None
    hint: str = ""
    changed_by: tuple[int, ...] = ()
    state: str = "passed"
    message: str = ""
    crashed: bool = False


class Recorder:
    """A pytest plugin that keeps the outcome of every labelled test."""

    def __init__(self):
        self.outcomes: dict[str, Outcome] = {}
        self.crashes: dict[str, str] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        """Tell a test that crashed (the app raised) from one whose assertion failed."""
        report = yield
        failure = call.excinfo
        if failure is not None and not failure.errisinstance(
            (AssertionError, pytest.fail.Exception, pytest.skip.Exception)
        ):
            self.crashes.setdefault(item.nodeid, f"{failure.typename}: {failure.value}")
        return report

    def pytest_runtest_logreport(self, report):
        labels = dict(report.user_properties)
        if "lesson" not in labels:
            return
        outcome = self.outcomes.setdefault(
            report.nodeid,
            Outcome(
                report.nodeid,
                labels["lesson"],
                labels.get("exercise"),
                labels.get("hint", ""),
                labels.get("changed_by", ()),
            ),
        )
        if report.failed and outcome.state != "failed":
            outcome.state = "failed"
            outcome.crashed = report.nodeid in self.crashes
            outcome.message = self.crashes.get(report.nodeid) or first_line(report)
        elif report.skipped and outcome.state == "passed":
            outcome.state, outcome.message = "skipped", first_line(report)


def first_line(report) -> str:
    """The one line that says why a test failed or was skipped."""
    if isinstance(report.longrepr, tuple):
        return report.longrepr[2].removeprefix("Skipped: ")
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr)
    return text.strip().splitlines()[0] if text.strip() else ""


class PytestDidNotRun(RuntimeError):
    """pytest stopped before running the tests (a usage or collection error)."""


def run_tests(
    lessons: list[Lesson],
    workspace: Path,
    lesson_tests: bool = False,
    verbose: bool = False,
    pytest_options: tuple[str, ...] = (),
) -> list[Outcome]:
    """Run the checks of ``lessons`` (and their own tests) against their copies in ``workspace``."""
    files = [str(lesson.checks) for lesson in lessons]
    if lesson_tests:
        # A lesson's tests are in its own file and in earlier lessons' (those of the chain
        # run over every later lesson), never in a later lesson's.
        last = max(lesson.number for lesson in lessons)
        files += [
            str(path)
            for path in sorted(LESSON_TESTS.glob("test_[0-9][0-9]_*.py"))
            if path.name[5:7] <= last
        ]
    arguments = [*files, f"--rootdir={ROOT}", f"--workspace={workspace}", *PLUGINS_OFF]
    arguments += pytest_options
    arguments += [f"--lesson={lesson.name}" for lesson in lessons]
    recorder = Recorder()
    if verbose:
        code = pytest.main([*arguments, "--tb=short"], [recorder])
        output = ""
    else:
        with contextlib.redirect_stdout(io.StringIO()) as captured:
            code = pytest.main([*arguments, *QUIET], [recorder])
        output = captured.getvalue()
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise PytestDidNotRun(f"pytest stopped ({code!r}) before running the checks:\n{output}")
    return list(recorder.outcomes.values())


@dataclass
class ExerciseResult:
    """How one exercise of a lesson stands: passed, not yet, skipped, or a question."""

    exercise: Exercise
    state: str
    detail: str = ""


@dataclass
class LessonResult:
    """A lesson's exercises, and its own tests as they run on the learner's copy."""

    lesson: Lesson
    exercises: list[ExerciseResult]
    tests_passed: int = 0
    tests_skipped: int = 0
    changed: list[tuple[Outcome, int]] = field(default_factory=list)
    broken: list[Outcome] = field(default_factory=list)
    skip_reasons: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(result.state == "passed" for result in self.exercises)

    @property
    def complete(self) -> bool:
        """Every check passes (or had to skip) and the change broke none of the lesson's tests."""
        states = {result.state for result in self.exercises}
        return "not yet" not in states and not self.broken


def judge_exercise(exercise: Exercise, checks: list[Outcome]) -> ExerciseResult:
    """An exercise passes when its checks pass; one that fails gives its hint."""
    if not exercise.checkable:
        return ExerciseResult(exercise, "question")
    failed = [check for check in checks if check.state == "failed"]
    if failed:
        detail = failed[0].hint
        if failed[0].crashed:
            detail += f" (your code raised {failed[0].message})"
        return ExerciseResult(exercise, "not yet", detail)
    if checks and all(check.state == "skipped" for check in checks):
        return ExerciseResult(exercise, "skipped", checks[0].message)
    if not checks:
        return ExerciseResult(exercise, "not yet", "this exercise has no check yet")
    return ExerciseResult(exercise, "passed")


def judge_lesson(lesson: Lesson, outcomes: list[Outcome]) -> LessonResult:
    """Sum up the outcomes about ``lesson``: its exercises, and what the change did to its tests."""
    mine = [outcome for outcome in outcomes if outcome.lesson == lesson.name]
    exercises = [
        judge_exercise(exercise, [check for check in mine if check.exercise == exercise.number])
        for exercise in lesson.exercises
    ]
    passed = {result.exercise.number for result in exercises if result.state == "passed"}
    result = LessonResult(lesson, exercises)
    result.skip_reasons = sorted({test.message for test in mine if test.state == "skipped"})
    for test in (outcome for outcome in mine if outcome.exercise is None):
        if test.state == "passed":
            result.tests_passed += 1
        elif test.state == "skipped":
            result.tests_skipped += 1
        elif intended := [number for number in test.changed_by if number in passed]:
            result.changed.append((test, intended[0]))
        else:
            result.broken.append(test)
    return result
