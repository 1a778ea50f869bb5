"""The learner's loop, end to end: `exercise` copies a lesson, `check` and `progress` judge it.

The commands run in this process (``course.__main__.main``), on a workspace in a temporary
folder, exactly as ``make exercise``, ``make check`` and ``make progress`` run them.
"""

import json
import re
import sys
import urllib.request
from pathlib import Path

from course.__main__ import main
from course.checks import judge_lesson, run_tests
from course.lessons import all_lessons, find_lesson
from tests.conftest import ROOT
from tests.exercises.conftest import solved_copy
from tests.servers import free_port, running_server


def run(capsys, *arguments) -> tuple[int, str]:
    """Run a course command; give its exit code and what it printed."""
    code = main(list(arguments))
    return code, capsys.readouterr().out


def exercise_line(output: str, number: int) -> str:
    """The line of ``check``'s report about exercise ``number``."""
    match = re.search(rf"^  {number}  .*$", output, flags=re.MULTILINE)
    assert match, output
    return match[0]


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
    workspace = str(learner_workspace)
    run(capsys, "exercise", "02", "--workspace", workspace)
    code, output = run(capsys, "check", "02", "--workspace", workspace)
    assert code == 1
    assert re.search(r"1  /greet answers JSON +not yet +GET /greet\?name=Ada should", output)
    assert "not yet" in exercise_line(output, 2)
    assert "question" in exercise_line(output, 3)
    assert "The lesson's own tests, run on your copy: 15 passed." in output
    assert "0 of 2 exercises pass." in output

    lesson = find_lesson("02")
    solved_copy(lesson.name, (1, 2), learner_workspace / "solved")
    (learner_workspace / lesson.name / "app.py").write_bytes(
        (learner_workspace / "solved" / lesson.name / "app.py").read_bytes()
    )
    code, output = run(capsys, "check", "02", "--workspace", workspace)
    assert code == 0, output
    assert "passed" in exercise_line(output, 1)
    assert "passed" in exercise_line(output, 2)
    assert "12 passed, 3 changed by your exercises, as intended." in output
    assert "changed by exercise 1, as intended: test_greet_has_a_default_name" in output
    assert "Done: all 2 exercises pass." in output


def test_check_shows_what_a_change_broke(capsys, learner_workspace):
    """An exercise done, but the escaping of lesson 03 lost on the way: the learner sees it."""
    workspace = str(learner_workspace)
    folder = solved_copy("03_dynamic_routes", (1,), learner_workspace)
    app = folder / "app.py"
    app.write_text(
        app.read_text(encoding="utf-8").replace("{escape(username)}", "{username}"),
        encoding="utf-8",
    )
    code, output = run(capsys, "check", "03", "--workspace", workspace)
    assert code == 1
    assert "passed" in exercise_line(output, 1)
    assert "not yet" in exercise_line(output, 3)
    assert "1 failed" in output
    assert "failed: test_username_is_escaped[03_dynamic_routes]" in output
    assert "Your change broke these" in output


def test_check_reports_an_app_that_does_not_load(capsys, learner_workspace):
    workspace = str(learner_workspace)
    run(capsys, "exercise", "01", "--workspace", workspace)
    app = learner_workspace / "01_hello_flask" / "app.py"
    app.write_text(app.read_text(encoding="utf-8") + "\nabout = undefined_name\n", "utf-8")
    code, output = run(capsys, "check", "01", "--workspace", workspace)
    assert code == 1
    assert "(your code raised NameError: name 'undefined_name' is not defined)" in output
    assert "4 failed" in output


def test_check_and_exercise_refuse_what_they_cannot_do(capsys, learner_workspace):
    workspace = str(learner_workspace)
    code, output = run(capsys, "check", "03", "--workspace", workspace)
    assert code == 2
    assert "There is no" in output
    assert "start with python -m course exercise 03" in output
    assert run(capsys, "check", "42", "--workspace", workspace)[0] == 2
    code, output = run(capsys, "exercise", "08", "--workspace", workspace)
    assert code == 2
    assert "no exercises that check themselves yet" in output
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


def test_every_solution_together_passes_every_check_and_breaks_only_marked_tests(
    learner_workspace,
):
    """The whole course solved: every check passes; the lesson tests that fail are exactly
    those marked as changed by one of the exercises (so no mark is missing or stale).

    On SQLite only, to keep it quick: the checks of lesson 07 prove its solutions on
    PostgreSQL too (above, in this suite).
    """
    lessons = [lesson for lesson in all_lessons() if lesson.exercises]
    for lesson in lessons:
        solved_copy(lesson.name, tuple(e.number for e in lesson.checkable), learner_workspace)
    outcomes = run_tests(
        lessons, learner_workspace, lesson_tests=True, pytest_options=("-k", "not postgresql")
    )
    for lesson in lessons:
        result = judge_lesson(lesson, outcomes)
        assert {item.state for item in result.exercises} <= {"passed", "question"}, lesson.name
        assert result.broken == [], lesson.name
        marked = [o for o in outcomes if o.lesson == lesson.name and o.changed_by]
        assert sorted(test.nodeid for test, _ in result.changed) == sorted(
            test.nodeid for test in marked
        )
    assert sum(len(judge_lesson(lesson, outcomes).changed) for lesson in lessons) >= 4


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
