"""Fixtures shared by every suite: the repository's paths and the lesson loader.

Every chain lesson has its own ``app.py``. ``from app import app`` would hand all of them the
first one Python cached, so a lesson's tests could silently run against another lesson's app.
Instead each lesson is loaded from its file under a name of its own.

The same tests run against a learner's copy of a lesson: ``--workspace DIR --lesson NAME``
(what ``make check`` passes) loads lesson NAME from ``DIR/NAME`` instead of ``lessons/NAME``
and keeps only the tests about that lesson. The markers the exercises need live here too.
"""

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from flask import Flask

from tests.browser import CHROMIUM_ARGS, CHROMIUM_HELP, chromium_executable
from tests.databases import TEST_DATABASE_URL, throwaway_schema

ROOT = Path(__file__).resolve().parent.parent
LESSONS_DIR = ROOT / "lessons"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_HELP = (
    "No PostgreSQL for the database tests: set TEST_DATABASE_URL=postgresql://user:password@"
    "127.0.0.1/dbname to run them against PostgreSQL as well as SQLite (lessons/10_production "
    "says how to install one)."
)


def lesson_names() -> list[str]:
    """The lessons that have an app, in course order (``01_hello_flask``, ...)."""
    return sorted(path.parent.name for path in LESSONS_DIR.glob("[0-9][0-9]_*/app.py"))


def chain_lessons_from(first: str) -> list[str]:
    """Lesson ``first`` and every later lesson of the 01-07 chain, which keep what it taught."""
    return [name for name in lesson_names() if first <= name < "08"]


def load_lesson_module(
    lesson: str, filename: str = "app.py", folder: Path | None = None
) -> ModuleType:
    """Execute ``lessons/<lesson>/app.py`` (or ``filename``, or a copy in ``folder``) afresh.

    The module is registered in ``sys.modules`` before it runs because Flask looks itself up
    there to find the lesson's folder (and so its ``templates/`` and ``static/``).
    """
    path = (folder or LESSONS_DIR / lesson) / filename
    if not path.is_file():
        raise FileNotFoundError(f"no lesson app at {path}")
    name = f"lesson_{lesson}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


@pytest.fixture
def lesson_env(monkeypatch, tmp_path):
    """A clean environment for lesson apps: development mode, no key, a throwaway database.

    Tests change it with ``monkeypatch.setenv`` before loading a lesson.
    """
    for name in ("APP_ENV", "SECRET_KEY", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'lesson.sqlite'}")
    return monkeypatch


def pytest_addoption(parser):
    group = parser.getgroup("exercises", "checking a learner's copy of a lesson")
    group.addoption(
        "--workspace", metavar="DIR", help="load the lessons named by --lesson from DIR/<lesson>"
    )
    group.addoption(
        "--lesson",
        action="append",
        default=[],
        metavar="NAME",
        help="with --workspace: a lesson to check (03_dynamic_routes); keeps only its tests",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "serial: starts servers on fixed resources (nginx, load, containers): a parallel run "
        "keeps these tests together in one worker",
    )
    config.addinivalue_line(
        "markers",
        "takes(seconds): about how long the module's tests take in a parallel run; a "
        "parallel run starts the longest groups first, so the workers finish together",
    )
    config.addinivalue_line(
        "markers",
        "exercise(number, hint): a check of the module's lesson's exercise `number`; `hint` "
        "says what is missing when it fails, never the answer",
    )
    config.addinivalue_line(
        "markers",
        "changed_by_exercise(number, lesson=LESSON): this lesson test pins behaviour that "
        "exercise `number` changes on purpose (make check reports it as intended)",
    )
    if config.getoption("workspace") and not config.getoption("lesson"):
        raise pytest.UsageError("--workspace needs at least one --lesson to check")


def checked_lessons(config) -> dict[str, Path]:
    """The lessons being checked in a learner's workspace, and their folders there."""
    workspace = config.getoption("workspace")
    if not workspace:
        return {}
    return {lesson: Path(workspace).resolve() / lesson for lesson in config.getoption("lesson")}


def module_lesson(item) -> str | None:
    """The lesson a test's module is about: its ``LESSON``."""
    return getattr(getattr(item, "module", None), "LESSON", None)


def item_lesson(item) -> str | None:
    """The lesson a test is about: its ``lesson`` parameter, or its module's ``LESSON``."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "lesson" in callspec.params:
        return callspec.params["lesson"]
    return module_lesson(item)


def parallel_group(item) -> str:
    """The worker group of a test in a parallel run (``make test``: ``-n auto --dist loadgroup``).

    A module's tests stay together, so its module and session fixtures (a built site, a
    notebook run, a live server) are made once, not once per worker; tests marked ``serial``
    share one group, so they run one after another; a module can name its own group (the
    site's tests share one site build) with ``pytest.mark.xdist_group``.
    """
    if item.get_closest_marker("serial"):
        return "serial"
    named = [mark for mark in item.iter_markers("xdist_group") if mark.args]
    return named[0].args[0] if named else item.nodeid.split("::")[0]


def longest_first(items: list) -> None:
    """Order the groups by what their modules declare they take (``takes``), longest first.

    pytest-xdist hands each worker the next group in this order (``make test`` passes
    ``--no-loadscope-reorder``, or it would order them by how many tests they have): a
    long group started last would leave one worker running it while the other waits.
    Groups that declare nothing keep their order, after the rest.
    """
    declared: dict[str, dict[str, float]] = {}
    for item in items:
        mark = item.get_closest_marker("takes")
        if mark is not None:
            group = declared.setdefault(parallel_group(item), {})
            group[item.nodeid.split("::")[0]] = mark.args[0]
    weight = {group: sum(modules.values()) for group, modules in declared.items()}
    items.sort(key=lambda item: -weight.get(parallel_group(item), 0))


@pytest.hookimpl(wrapper=True)  # around pytest-xdist (it reads the groups) and pytest
def pytest_collection_modifyitems(config, items):
    """Group the tests for a parallel run; when checking a workspace, keep and label its tests.

    The labels travel on each report as ``user_properties``: the lesson, and for a check its
    exercise and hint, for a lesson test the exercises that change it on purpose. The groups
    are ordered last, after pytest has ordered the tests by the fixtures they share.
    """
    for item in items:
        item.add_marker(pytest.mark.xdist_group(parallel_group(item)))
    label_checked_tests(config, items)
    result = yield
    longest_first(items)
    return result


def label_checked_tests(config, items) -> None:
    """When checking a workspace, keep only the tests of its lessons, and label them."""
    checked = checked_lessons(config)
    if not checked:
        return
    dropped = [item for item in items if item_lesson(item) not in checked]
    kept = [item for item in items if item_lesson(item) in checked]
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept
    for item in kept:
        lesson = item_lesson(item)
        item.user_properties.append(("lesson", lesson))
        check = item.get_closest_marker("exercise")
        if check is not None:
            item.user_properties += [("exercise", check.args[0]), ("hint", check.kwargs["hint"])]
        changed_by = tuple(
            mark.args[0]
            for mark in item.iter_markers("changed_by_exercise")
            if mark.kwargs.get("lesson", module_lesson(item)) == lesson
        )
        if changed_by:
            item.user_properties.append(("changed_by", changed_by))


@pytest.fixture
def lesson_folders(request) -> dict[str, Path]:
    """Lessons to load from somewhere other than ``lessons/``: the workspace copies checked."""
    return checked_lessons(request.config)


@pytest.fixture
def load_lesson(lesson_env, lesson_folders):
    """Give a function that loads a lesson's app with the environment a test sets.

    Each call runs the lesson's module again, so no state leaks from one test to the next.
    """
    loaded = []

    def load(lesson: str) -> Flask:
        module = load_lesson_module(lesson, folder=lesson_folders.get(lesson))
        loaded.append(module.__name__)
        return module.app

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture
def lesson_client(load_lesson):
    """Give a function that returns a test client for a named lesson's app."""

    def client_for(lesson: str):
        return load_lesson(lesson).test_client()

    return client_for


@pytest.fixture
def database_lesson(load_lesson, lesson_env, database_url):
    """Give a function that loads a lesson's app on a fresh, empty database.

    SQLite, and PostgreSQL when available (``database_url``); the connections are closed
    afterwards so the database can be dropped.
    """
    loaded = []

    def load(lesson: str) -> Flask:
        lesson_env.setenv("DATABASE_URL", database_url)
        app = load_lesson(lesson)
        loaded.append(app)
        return app

    yield load
    for app in loaded:
        with app.app_context():
            sys.modules[app.import_name].db.engine.dispose()


class UnpicklingOnce:
    """``joblib`` as ``sentiment_model.loader`` uses it, but each file's bytes unpickled once.

    The tests make a new app for almost every test, and each app loads the model, as it must
    (a server does it once per process). Unpickling the files took 0.14 s each time, more
    than half of the time of the app's and lesson 09's tests (121 loads). The loader still
    reads the card and checks the scikit-learn version, the SHA-256 of each file and the
    labels every time; only ``joblib.load`` of bytes it has already unpickled in this process
    hands back the same objects. Different bytes (a changed or damaged file) are loaded for
    real.
    """

    def __init__(self, joblib: ModuleType):
        self.joblib = joblib
        self.loaded: dict[str, object] = {}

    def load(self, path):
        from sentiment_model.card import sha256_of

        key = sha256_of(Path(path))
        if key not in self.loaded:
            self.loaded[key] = self.joblib.load(path)
        return self.loaded[key]


@pytest.fixture(scope="session")
def model_files_unpickled_once():
    """Load the model files through ``UnpicklingOnce`` for the rest of this test process."""
    # Imported here, not at the top: lessons 01-07 and their checks need no scikit-learn.
    from sentiment_model import loader

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "joblib", UnpicklingOnce(loader.joblib))
        yield


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database for one test: a SQLite file, or a PostgreSQL schema.

    SQLite always; PostgreSQL when TEST_DATABASE_URL names a server (required in CI). Each
    PostgreSQL test gets a schema of its own, dropped afterwards, so tests never see each
    other's rows.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    if not TEST_DATABASE_URL:
        if IN_CI:
            pytest.fail(POSTGRES_HELP)
        pytest.skip(POSTGRES_HELP)
    with throwaway_schema() as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium (Playwright cannot download its own browser here)."""
    executable = chromium_executable()
    if executable is None:
        if IN_CI:
            pytest.fail(CHROMIUM_HELP)
        pytest.skip(CHROMIUM_HELP)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}
