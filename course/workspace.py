"""Copy what a lesson's exercises ask the learner to edit into ``workspace/``, once."""

import shutil
import tempfile
from pathlib import Path

from course.lessons import Lesson

# The lesson's text and answers, and what running it leaves behind, stay in lessons/.
NOT_COPIED = ("README.md", "exercises.toml", "solutions")
NOT_COPIED += ("instance", "*.sqlite", "*.db", "__pycache__", ".*_cache", ".ipynb_checkpoints")


def copy_lesson(lesson: Lesson, destination: Path) -> None:
    """Copy the lesson's declared files into ``destination``, which must not exist yet.

    The lesson's own folder is copied as its contents; any other file or folder it declares
    (a notebook, a configuration file) is copied under its own name. The copy is made beside
    ``destination`` and renamed into place, so an interrupted copy never leaves half a lesson.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(*NOT_COPIED)
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".copying-") as scratch:
        staged = Path(scratch) / destination.name
        staged.mkdir()
        for source in lesson.copy:
            if source == lesson.folder:
                shutil.copytree(source, staged, ignore=ignore, dirs_exist_ok=True)
            elif source.is_dir():
                shutil.copytree(source, staged / source.name, ignore=ignore)
            else:
                shutil.copy2(source, staged / source.name)
        staged.rename(destination)


def start_exercises(lesson: Lesson, workspace: Path) -> tuple[Path, bool]:
    """The lesson's folder in ``workspace``, copied there unless it exists (then it is kept).

    Returns the folder and whether it was copied now.
    """
    folder = workspace / lesson.name
    if folder.exists():
        return folder, False
    copy_lesson(lesson, folder)
    return folder, True
