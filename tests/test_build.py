"""qdaid build: reproduces the committed database, is deterministic, atomic and exclusive."""

import os
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


def test_second_build_on_the_same_target_is_refused_and_keeps_the_first_ones_lock(tmp_path):
    from qdaid import fileio

    target = tmp_path / "qdaid.json"
    lock = tmp_path / ".qdaid.json.lock"
    with fileio.exclusive(target):
        for _ in range(2):  # a refused build must not remove the running build's lock
            with pytest.raises(DataError, match="another build"), fileio.exclusive(target):
                pass
            assert lock.exists()
    assert not lock.exists()  # removed by the build that held it
    with fileio.exclusive(target):
        pass


def test_disk_full_during_a_build_keeps_the_old_file(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    target = tmp_path / "qdaid.json"
    target.write_text("old\n")

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(DataError, match="No space left on device"):
        store.write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]
