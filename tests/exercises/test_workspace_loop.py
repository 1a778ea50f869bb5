"""The learner's loop, end to end: `exercise` copies a lesson, `check` and `progress` judge it.

The commands run in this process (``course.__main__.main``), on a workspace in a temporary
folder, exactly as ``make exercise``, ``make check`` and ``make progress`` run them.
"""

import json
import re
import sys
import urllib.request
from pathlib import Path

import pytest

from course.__main__ import main
from course.checks import run_tests
from course.lessons import all_lessons
from tests.conftest import ROOT
from tests.exercises.conftest import solved_copy
from tests.servers import free_port, running_server

pytestmark = pytest.mark.takes(18)


@pytest.fixture(autouse=True)
def typed_without_make(monkeypatch):
    """The commands name themselves as typed without make (`make test` sets MAKELEVEL)."""
    monkeypatch.delenv("MAKELEVEL", raising=False)


def run(capsys, *arguments) -> tuple[int, str]:
    """Run a course command; give its exit code and what it printed."""
    code = main(list(arguments))
    return code, capsys.readouterr().out


def check(capsys, lesson: str, workspace) -> tuple[int, dict[int, str], str]:
    """Run ``check``: its exit code, what it says of each exercise, and all it printed."""
    code, output = run(capsys, "check", lesson, "--workspace", str(workspace))
    lines = re.findall(r"^  (\d+)  .*?  (passed|not yet|question|skipped)\b", output, re.MULTILINE)
    return code, {int(number): state for number, state in lines}, output


def test_exercise_copies_the_lesson_once_and_keeps_the_learners_work(capsys, learner_workspace):
    code, output = run(capsys, "exercise", "05", "--workspace", str(learner_workspace))
    folder = learner_workspace / "05_templates"
    assert code == 0
    assert f"Open:  {folder / 'templates' / 'reviews.html'}" in output
    assert f"Run:   flask --app {folder}/app.py run" in output
    assert "Check: python -m course check 05" in output
    copied = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))
    assert copied == [
        "app.py",
        "static",
        "static/style.css",
        "templates",
        "templates/base.html",
        "templates/error.html",
        "templates/reviews.html",
    ]
    (folder / "app.py").write_text("# my own work\n", encoding="utf-8")
    code, output = run(capsys, "exercise", "5", "--workspace", str(learner_workspace))
    assert code == 0
    assert "your work there is kept" in output
    assert (folder / "app.py").read_text(encoding="utf-8") == "# my own work\n"


def test_check_says_not_yet_then_passed_with_the_intended_changes(capsys, learner_workspace):
    """Lesson 02's first exercise changes /greet, which three of the lesson's tests pin."""
    run(capsys, "exercise", "02", "--workspace", str(learner_workspace))
    code, states, output = check(capsys, "02", learner_workspace)
    assert (code, states) == (1, {1: "not yet", 2: "not yet", 3: "question"})
    assert re.search(r"1  /greet answers JSON +not yet +GET /greet\?name=Ada should", output)
    assert "The lesson's own tests, run on your copy: 15 passed." in output
    assert "0 of 2 exercises pass." in output

    solved_copy("02_requests_and_responses", (1, 2), learner_workspace)
    code, states, output = check(capsys, "02", learner_workspace)
    assert (code, states) == (0, {1: "passed", 2: "passed", 3: "question"}), output
    assert "12 passed, 3 changed by your exercises, as intended." in output
    assert "changed by exercise 1, as intended: test_greet_has_a_default_name" in output
    assert "Done: all 2 exercises pass." in output


def test_check_of_a_configuration_lesson_passes_once_both_files_are_changed(
    capsys, learner_workspace
):
    """Lesson 10 teaches files, not an app: its own tests read the course's, and check says so."""
    run(capsys, "exercise", "10", "--workspace", str(learner_workspace))
    code, states, output = check(capsys, "10", learner_workspace)
    assert code == 1
    assert states == {1: "question", 2: "question", 3: "question", 4: "not yet", 5: "not yet"}
    assert "check the course's files, not a copy: none ran on yours." in output
    solved_copy("10_production", (4, 5), learner_workspace / "solved")
    code, states, output = check(capsys, "10", learner_workspace / "solved")
    assert (code, states[4], states[5]) == (0, "passed", "passed"), output


def test_check_shows_what_a_change_broke(capsys, learner_workspace):
    """An exercise done, but the escaping of lesson 03 lost on the way: the learner sees it."""
    app = solved_copy("03_dynamic_routes", (1,), learner_workspace) / "app.py"
    unescaped = app.read_text(encoding="utf-8").replace("{escape(username)}", "{username}")
    app.write_text(unescaped, encoding="utf-8")
    code, states, output = check(capsys, "03", learner_workspace)
    assert (code, states) == (1, {1: "passed", 2: "question", 3: "not yet"})
    assert "failed: test_username_is_escaped[03_dynamic_routes]" in output
    assert "1 failed" in output
    assert "Your change broke these" in output


def test_check_reports_an_app_that_does_not_load(capsys, learner_workspace):
    app = solved_copy("01_hello_flask", (), learner_workspace) / "app.py"
    app.write_text(app.read_text(encoding="utf-8") + "\nabout = undefined_name\n", "utf-8")
    code, states, output = check(capsys, "01", learner_workspace)
    assert (code, states) == (1, {1: "not yet", 2: "question", 3: "question", 4: "not yet"})
    assert "(your code raised NameError: name 'undefined_name' is not defined)" in output
    assert "4 failed" in output


def test_check_and_exercise_refuse_what_they_cannot_do(capsys, learner_workspace, monkeypatch):
    workspace = str(learner_workspace)
    code, output = run(capsys, "check", "03", "--workspace", workspace)
    assert code == 2
    assert "There is no" in output
    assert "start with python -m course exercise 03" in output
    monkeypatch.setenv("MAKELEVEL", "1")
    assert (
        "start with make exercise LESSON=03"
        in run(capsys, "check", "3", "--workspace", workspace)[1]
    )
    assert run(capsys, "check", "42", "--workspace", workspace)[0] == 2
    code, output = run(capsys, "exercise", "--workspace", workspace)
    assert code == 2
    assert "Which lesson? For example: make exercise LESSON=03" in output
    assert not any(learner_workspace.iterdir())


def test_progress_shows_the_whole_course(capsys, learner_workspace):
    solved_copy("01_hello_flask", (4,), learner_workspace)
    solved_copy("03_dynamic_routes", (), learner_workspace)
    code, output = run(capsys, "progress", "--workspace", str(learner_workspace))
    assert code == 0
    lines = {line.split("  ")[1]: line for line in output.splitlines() if line.startswith("  ")}
    assert re.search(r"1 of 2 +passed: 4; not yet: 1$", lines["01 · Hello, Flask"])
    assert re.search(r"0 of 2 +not yet: 1, 3$", lines["03 · Dynamic routes"])
    assert "not started: python -m course exercise 02" in lines["02 · Requests and responses"]
    for lesson in all_lessons():
        assert f"{lesson.number} · {lesson.title}" in lines


def test_every_solution_together_breaks_exactly_the_lesson_tests_marked_as_changed(
    learner_workspace,
):
    """The whole course solved: the lesson tests that fail are exactly those marked as
    changed by an exercise, so no mark is missing or stale and no solution breaks anything
    else. (That every check then passes is proven above, on the same copies.)

    On SQLite only, to keep it quick: lesson 07's checks prove its solutions on PostgreSQL.
    """
    lessons = [lesson for lesson in all_lessons() if lesson.exercises]
    for lesson in lessons:
        solved_copy(lesson.name, tuple(e.number for e in lesson.checkable), learner_workspace)
    options = ("-m", "not exercise", "-k", "not postgresql")
    outcomes = run_tests(lessons, learner_workspace, lesson_tests=True, pytest_options=options)
    # Lessons 08, 10 and 11 teach files other than an app; their own tests read the course's.
    with_app = {lesson.name for lesson in lessons if (lesson.folder / "app.py").is_file()}
    assert {outcome.lesson for outcome in outcomes} == with_app
    assert all(outcome.exercise is None for outcome in outcomes)
    failed = sorted(outcome.nodeid for outcome in outcomes if outcome.state == "failed")
    marked = sorted(outcome.nodeid for outcome in outcomes if outcome.changed_by)
    assert marked, "no lesson test is marked as changed by an exercise"
    assert failed == marked


def test_a_workspace_app_runs_with_the_lessons_own_command(learner_workspace):
    """``flask --app workspace/09_serving_the_model/app.py run``: the copy finds the model
    files, two folders up as from lessons/, and serves the learner's change."""
    folder = solved_copy("09_serving_the_model", (1,), learner_workspace)
    url = f"http://127.0.0.1:{free_port()}"
    flask = str(Path(sys.executable).with_name("flask"))
    command = [flask, "--app", f"{folder}/app.py", "run", "--port", url.rsplit(":", 1)[1]]
    with running_server(command, f"{url}/", cwd=ROOT):
        request = urllib.request.Request(
            f"{url}/api/batch",
            data=json.dumps({"texts": ["Great phone, I love it."]}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.load(response)
    assert [answer["prediction"] for answer in body["predictions"]] == ["positive"]
