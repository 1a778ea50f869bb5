"""Lesson 08: the notebook lesson. Its own code is the pickle demonstration."""

import subprocess
import sys

from tests.conftest import LESSONS_DIR

DEMO = LESSONS_DIR / "08_training_the_model" / "pickle_runs_code.py"


def test_loading_a_pickle_runs_the_code_it_names():
    result = subprocess.run(
        [sys.executable, str(DEMO)], capture_output=True, text=True, check=True, timeout=30
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Loading the file..."
    assert lines[1] == "This line was printed by the file you loaded, not by your code."
    assert lines[2].startswith("...loaded.")
