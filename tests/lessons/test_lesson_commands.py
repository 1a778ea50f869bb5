"""Each lesson starts with the very commands its text gives, from where the text says."""

import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, LESSONS_DIR, ROOT, lesson_names
from tests.servers import free_port, get, port_is_free, running_server

FLASK = str(Path(sys.executable).with_name("flask"))


def commands_in_text(lesson: str, program: str) -> list[str]:
    """The lines of the lesson's README that start with ``program``."""
    text = (LESSONS_DIR / lesson / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^{re.escape(program)} .*$", text, flags=re.MULTILINE)


def lesson_env(tmp_path: Path) -> dict[str, str]:
    """The learner's environment, with a throwaway database instead of the instance folder."""
    database = f"sqlite:///{tmp_path / 'lesson.sqlite'}"
    return {**os.environ, "PYTHONUNBUFFERED": "1", "DATABASE_URL": database}


@pytest.mark.parametrize("lesson", lesson_names())
def test_flask_run_command_from_the_root_serves_the_lesson(lesson, tmp_path):
    commands = commands_in_text(lesson, "flask --app")
    assert commands, f"lessons/{lesson}/README.md gives no `flask --app ... run` command"
    command = shlex.split(commands[0])
    assert command[1:3] == ["--app", f"lessons/{lesson}/app.py"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running_server(
        [FLASK, *command[1:], "--port", str(port)], url, cwd=ROOT, env=lesson_env(tmp_path)
    ):
        status, _ = get(url)
    assert status == 200


@pytest.mark.parametrize("lesson", lesson_names())
def test_python_app_py_inside_the_folder_serves_the_lesson(lesson, tmp_path):
    """``python app.py`` runs the development server on its default port, 5000."""
    assert "python app.py" in commands_in_text(lesson, "python"), (
        "the text never says python app.py"
    )
    if not port_is_free(5000):
        message = "port 5000 is in use (is `make serve` running?); cannot try `python app.py`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = "http://127.0.0.1:5000/"
    with running_server(
        [sys.executable, "app.py"], url, cwd=LESSONS_DIR / lesson, env=lesson_env(tmp_path)
    ):
        status, _ = get(url)
    assert status == 200
