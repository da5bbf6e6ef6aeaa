"""Shared fixtures: a CLI runner, the bundled database, and an environment that touches no real data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qdaid import store
from qdaid.cli import app

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ("QDAID_DB", "QDAID_FORMAT", "QDAID_DEBUG", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def bundled_db() -> Path:
    return store.resolve_db()


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
