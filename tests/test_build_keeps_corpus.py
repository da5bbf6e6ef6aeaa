"""A build never drops by accident what a file holds: building over a database that holds articles
the build does not (a corpus built up with --append, or another text under the same id), tables
qdaid does not write, or that cannot be read as a qdaid database (another program's file, one cut
short) is refused, naming why, unless --force; a rebuild of the same articles goes on."""

import json
import sqlite3

import pytest

from qdaid import store


def _article(folder, name, text):
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path):
    return (_article(tmp_path, "a", "甲县帮扶\n2020年，青岛向甲县捐款100万元。\n"),
            _article(tmp_path, "b", "乙县帮扶\n2020年，青岛向乙县捐款200万元。\n"))


@pytest.mark.parametrize("suffix", [".json", ".sqlite"])
def test_a_build_over_a_corpus_it_would_shrink_is_refused(cli, tmp_path, two, suffix):
    a, b = two
    db = tmp_path / f"corpus{suffix}"
    assert cli("build", a, "-o", db, "--date", "2021-01-01").exit_code == 0
    assert cli("build", "--append", b, "-o", db, "--date", "2021-02-01").exit_code == 0
    before = db.read_bytes()
    result = cli("build", b, "-o", db, "--date", "2021-02-01")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "holds 1 article this build does not (a); to add to it, use --append" in result.stderr
    assert db.read_bytes() == before  # nothing written
    assert cli("build", a, b, "-o", db).exit_code == 0  # the same articles again: a rebuild
    assert sorted(s["id"] for s in store.held_sources(db)[0]) == ["a", "b"]
    assert cli("build", b, "-o", db, "--force").exit_code == 0
    assert sorted(s["id"] for s in store.held_sources(db)[0]) == ["b"]


def test_another_text_under_the_same_id_is_not_a_rebuild(cli, tmp_path, two):
    a, _ = two
    db = tmp_path / "corpus.json"
    assert cli("build", a, "-o", db, "--date", "2021-01-01").exit_code == 0
    a.write_text("甲县帮扶\n2020年，青岛向甲县捐款300万元。\n", encoding="utf-8")  # a.txt rewritten: another article
    result = cli("build", a, "-o", db, "--date", "2021-01-01")
    assert result.exit_code == 2 and "holds 1 article this build does not (a)" in result.stderr


def _notes_db(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('my important notes')")
    db.commit()
    db.close()


@pytest.mark.parametrize(("name", "make", "said"), [
    ("notes.db", _notes_db, "cannot be read as a qdaid database"),  # another program's SQLite file
    ("contacts.json", lambda p: p.write_text('{"_default": {"1": {"name": "my contacts"}}}'),
     "cannot be read as a qdaid database"),  # another program's TinyDB file
    ("cut.json", lambda p: p.write_bytes((store.bundled_dir() / store.DB_NAME).read_bytes()[:60000]),
     "cannot be read as a qdaid database"),  # a corpus cut short
    ("mine.json", lambda p: p.write_text(json.dumps({**json.loads((store.bundled_dir() / store.DB_NAME).read_text(
        "utf-8")), "my_notes": {"1": {"text": "checked"}}}), "utf-8"), "holds tables qdaid does not write (my_notes)"),
])
def test_a_file_a_build_cannot_show_to_be_a_rebuild_is_replaced_only_with_force(cli, tmp_path, name, make, said):
    target = tmp_path / name
    make(target)
    before = target.read_bytes()
    result = cli("build", "-o", target)  # the bundled article
    assert result.exit_code == 2 and said in result.stderr and "--force" in result.stderr, result.stderr
    assert target.read_bytes() == before
    assert cli("build", "-o", target, "--force").exit_code == 0
