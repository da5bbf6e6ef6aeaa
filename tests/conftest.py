"""Shared fixtures: a CLI runner, the bundled database, and an environment that touches no real data."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from typer.testing import CliRunner

from qdaid import store
from qdaid.cli import app

ARTICLES = Path(__file__).parent / "articles"
ROOT = Path(__file__).resolve().parent.parent
_SCRATCH = {".git", ".venv", "build", "dist", "__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache", "out"}

# Bounded, derandomised, and no example database written into the work tree.
settings.register_profile("qdaid", database=None, derandomize=True, deadline=None, print_blob=False)
settings.load_profile("qdaid")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="qdaid-hypothesis-")  # its caches, outside the work tree
set_hypothesis_home_dir(_HYPOTHESIS_HOME)


def _files() -> dict[str, tuple[int, int]]:
    found = {}
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & _SCRATCH or any(p.endswith(".egg-info") for p in parts) or not path.is_file():
            continue
        stat = path.stat()
        found[str(path.relative_to(ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="session", autouse=True)
def _no_stray_files():
    """The suite writes only to temporary folders: the work tree is the same before and after."""
    before = _files()
    yield
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)
    after = _files()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"the test suite changed or left files: {changed}"


_SETTINGS = ("QDAID_DB", "QDAID_FORMAT", "QDAID_LANG", "QDAID_DEBUG", "QDAID_MAX_BYTES", "XDG_DATA_HOME", "NO_COLOR",
             "FORCE_COLOR", "COLUMNS", "QDAID_PAGER", "PAGER", "LESS", "LESSCHARSET")


@pytest.fixture(scope="session", autouse=True)
def _clean_session_env(tmp_path_factory):
    """The same for what module and session fixtures run (a report built once for a module): set
    up before them, so a user's own database or settings never reach a test."""
    with pytest.MonkeyPatch.context() as patch:
        for name in _SETTINGS:
            patch.delenv(name, raising=False)
        patch.setenv("QDAID_HOME", str(tmp_path_factory.mktemp("qdaid-home-session")))
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("qdaid-cache-session")))
        yield


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path_factory):
    for name in _SETTINGS:
        monkeypatch.delenv(name, raising=False)
    # The user's own database folder is a fresh one for each test: no test reads or writes a real one.
    monkeypatch.setenv("QDAID_HOME", str(tmp_path_factory.mktemp("qdaid-home")))
    # and so is its cache folder (a large JSON database kept as SQLite)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("qdaid-cache")))


@pytest.fixture(scope="session")
def bundled_db() -> Path:
    return (store.bundled_dir() / store.DB_NAME)


@pytest.fixture(scope="session")
def tables(bundled_db) -> dict[str, list[dict]]:
    return store.load(bundled_db)


@pytest.fixture(scope="session")
def figures(tables) -> list[dict]:
    return tables["figures"]


@pytest.fixture
def db_copy(tmp_path, bundled_db) -> Path:
    """A private copy of the bundled database, with its source text beside it."""
    target = tmp_path / "qdaid.json"
    shutil.copy(bundled_db, target)
    for source in store.bundled_sources():
        shutil.copy(source, tmp_path / source.name)
    return target


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke
