"""qdaid build: reproduces the committed database, is deterministic, atomic and exclusive."""

import os
import threading
from pathlib import Path

import pytest

from qdaid import store
from qdaid.model import DataError

ARTICLES = Path(__file__).parent / "articles"


def test_build_reproduces_the_committed_database(cli, tmp_path, bundled_db):
    target = tmp_path / "qdaid.json"
    for source in store.bundled_sources():
        (tmp_path / source.name).write_bytes(source.read_bytes())
        meta = source.with_suffix(".meta.json")
        (tmp_path / meta.name).write_bytes(meta.read_bytes())
    result = cli("build", *[tmp_path / s.name for s in store.bundled_sources()], "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == bundled_db.read_bytes()


def test_build_is_deterministic(cli, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    article = ARTICLES / "dalian_traditional.txt"
    assert cli("build", article, "-o", first).exit_code == 0
    assert cli("build", article, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_built_database_validates(cli, tmp_path):
    target = tmp_path / "qdaid.json"
    assert cli("build", ARTICLES / "work_team_totals.txt", "-o", target).exit_code == 0
    result = cli("validate", "--db", target, "--sources", ARTICLES)
    assert result.exit_code == 0, result.output


def test_failed_build_leaves_the_old_file(cli, tmp_path, monkeypatch):
    target = tmp_path / "qdaid.json"
    target.write_text('{"old": {}}\n')
    before = target.read_bytes()

    def explode(*args, **kwargs):
        raise RuntimeError("pipeline failed midway")

    monkeypatch.setattr("qdaid.pipeline.records.extract", explode)
    result = cli("build", "-o", target)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: pipeline failed midway" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "qdaid.json"
    target.write_text("old\n")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]


def test_unwritable_folder_is_one_clear_error(tmp_path):
    missing = tmp_path / "no" / "such" / "qdaid.json"
    with pytest.raises(DataError, match="cannot write there"):
        store.write(missing, "x")


def test_second_build_on_the_same_target_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "qdaid.json"
    inside, release = threading.Event(), threading.Event()
    real_fsync = os.fsync

    def slow_fsync(fd):
        inside.set()
        release.wait(5)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", slow_fsync)
    first = threading.Thread(target=store.write, args=(target, "first\n"))
    first.start()
    assert inside.wait(5)
    try:
        with pytest.raises(DataError, match="another build"):
            store.write(target, "second\n")
    finally:
        release.set()
        first.join()
    assert target.read_text() == "first\n"


def test_disk_full_during_a_build_keeps_the_old_file(tmp_path, monkeypatch):
    import errno

    target = tmp_path / "qdaid.json"
    target.write_text("old\n")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    with pytest.raises(DataError, match="No space left on device"):
        store.write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]
