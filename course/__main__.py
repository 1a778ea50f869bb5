"""The learner's commands: ``python -m course exercise|check|progress``, run from the course root.

``make exercise LESSON=03``, ``make check LESSON=03`` and ``make progress`` run these; on
Windows, where there is no make, type them as ``python -m course exercise 03`` and so on.
"""

import argparse
import os
import sys
from pathlib import Path

from course.checks import LessonResult, PytestDidNotRun, judge_lesson, run_tests
from course.lessons import ROOT, WORKSPACE_DIR, Lesson, all_lessons, find_lesson
from course.workspace import start_exercises

USAGE_ERROR = 2


def command(name: str, lesson: Lesson | None = None, verbose: bool = False) -> str:
    """How to type a course command here: through make when make started us, else python -m."""
    if "MAKELEVEL" in os.environ:
        typed = f"make {name}" + (f" LESSON={lesson.number}" if lesson else "")
        return typed + (" VERBOSE=1" if verbose else "")
    typed = f"python -m course {name}" + (f" {lesson.number}" if lesson else "")
    return typed + (" --verbose" if verbose else "")


def shown(path: Path) -> str:
    """A path as the learner types it: relative to the course root when it is inside."""
    path = path.resolve()
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def lesson_with_exercises(text: str | None, action: str) -> Lesson:
    """The lesson named on the command line (every lesson has exercises)."""
    if not text:
        raise LookupError(f"Which lesson? For example: {command(action, find_lesson('03'))}")
    return find_lesson(text)


def run_command(lesson: Lesson, folder: Path) -> str:
    """The command that runs the learner's copy, as the lesson runs its own."""
    if lesson.run:
        return lesson.run.format(folder=shown(folder))
    if (folder / "app.py").is_file():
        return f"flask --app {shown(folder)}/app.py run"
    return ""


def exercise(arguments) -> int:
    lesson = lesson_with_exercises(arguments.lesson, "exercise")
    folder, copied = start_exercises(lesson, arguments.workspace)
    if copied:
        print(f"Copied lesson {lesson.number} into {shown(folder)}/, your copy to edit.")
    else:
        print(f"{shown(folder)}/ exists already: your work there is kept, nothing was copied.")
        print("(To start this lesson's exercises afresh, delete that folder and run this again.)")
    print(f"Open:  {shown(folder / lesson.open)}")
    print(f"Read:  the exercises at the end of {shown(lesson.folder / 'README.md')}")
    if run := run_command(lesson, folder):
        print(f"Run:   {run}")
    print(f"Check: {command('check', lesson)}")
    return 0


def print_lesson(result: LessonResult, folder: Path) -> None:
    lesson = result.lesson
    print(f"Lesson {lesson.number} · {lesson.title}: checking {shown(folder)}/\n")
    width = max(len(item.exercise.title) for item in result.exercises)
    for item in result.exercises:
        detail = (
            "no check: its answer is in the lesson" if item.state == "question" else item.detail
        )
        line = (
            f"  {item.exercise.number}  {item.exercise.title:<{width}}  {item.state:<8}  {detail}"
        )
        print(line.rstrip())
    print()
    counts = [f"{result.tests_passed} passed"]
    if result.changed:
        counts.append(f"{len(result.changed)} changed by your exercises, as intended")
    if result.broken:
        counts.append(f"{len(result.broken)} failed")
    if result.tests_skipped:
        counts.append(f"{result.tests_skipped} skipped")
    if result.tests_passed or len(counts) > 1:
        print(f"The lesson's own tests, run on your copy: {', '.join(counts)}.")
    else:
        print("The lesson's own tests check the course's files, not a copy: none ran on yours.")
    for test, number in result.changed:
        print(f"  changed by exercise {number}, as intended: {test.nodeid.split('::', 1)[1]}")
    for test in result.broken:
        print(f"  failed: {test.nodeid.split('::', 1)[1]}\n          {test.message}")
    if result.broken:
        print("  Your change broke these: the lesson's app did them before.")
    for reason in result.skip_reasons:
        print(f"Some tests and checks skipped: {reason}")


def check(arguments) -> int:
    lesson = lesson_with_exercises(arguments.lesson, "check")
    folder = arguments.workspace / lesson.name
    if not folder.is_dir():
        print(f"There is no {shown(folder)}/ yet: start with {command('exercise', lesson)}")
        return USAGE_ERROR
    outcomes = run_tests(
        [lesson], arguments.workspace, lesson_tests=True, verbose=arguments.verbose
    )
    result = judge_lesson(lesson, outcomes)
    print_lesson(result, folder)
    checkable = [item for item in result.exercises if item.state != "question"]
    print()
    if result.complete:
        print(f"Done: all {len(checkable)} exercises pass. See the course: {command('progress')}")
        return 0
    if result.done < len(checkable):
        print(f"{result.done} of {len(checkable)} exercises pass.", end=" ")
    else:
        print(f"All {len(checkable)} exercises pass, but the change broke lesson tests.", end=" ")
    print(f"Edit {shown(folder / lesson.open)}, then run {command('check', lesson)} again.")
    if not arguments.verbose:
        print(f"(The tests' own output: {command('check', lesson, verbose=True)})")
    return 1


def progress(arguments) -> int:
    lessons = all_lessons()
    started = [lesson for lesson in lessons if (arguments.workspace / lesson.name).is_dir()]
    outcomes = run_tests(started, arguments.workspace) if started else []
    width = max(len(f"{lesson.number} · {lesson.title}") for lesson in lessons)
    print(f"Your exercises in {shown(arguments.workspace)}/\n")
    print(f"  {'lesson':<{width}}  {'done':<7}  exercises")
    for lesson in lessons:
        name = f"{lesson.number} · {lesson.title}"
        if lesson not in started:
            print(f"  {name:<{width}}  {'-':<7}  not started: {command('exercise', lesson)}")
        else:
            result = judge_lesson(lesson, outcomes)
            checked = [item for item in result.exercises if item.state != "question"]
            by_state = {state: [] for state in ("passed", "not yet", "skipped")}
            for item in checked:
                by_state[item.state].append(str(item.exercise.number))
            states = "; ".join(
                f"{state}: {', '.join(numbers)}" for state, numbers in by_state.items() if numbers
            )
            print(f"  {name:<{width}}  {f'{result.done} of {len(checked)}':<7}  {states}")
    example = started[0] if started else find_lesson("01")
    print(f"\nWhat is missing in a lesson: {command('check', example)} (with its number).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--workspace", type=Path, default=WORKSPACE_DIR, help="the folder of your copies"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, run, text in [
        ("exercise", exercise, "copy a lesson into the workspace to do its exercises"),
        ("check", check, "check the exercises of a lesson in the workspace"),
        ("progress", progress, "show which exercises of the course pass"),
    ]:
        sub = commands.add_parser(name, help=text, parents=[common])
        sub.set_defaults(run=run)
        if name != "progress":
            sub.add_argument("lesson", nargs="?", help="the lesson: 03, or 03_dynamic_routes")
        if name == "check":
            sub.add_argument("--verbose", action="store_true", help="show pytest's own output too")
    arguments = parser.parse_args(argv)
    arguments.workspace = arguments.workspace.resolve()
    try:
        return arguments.run(arguments)
    except (LookupError, PytestDidNotRun) as problem:
        print(problem)
        return USAGE_ERROR


if __name__ == "__main__":
    # A Windows console that cannot show a character shows a "?" rather than stopping.
    sys.stdout.reconfigure(errors="replace")
    sys.exit(main())
