"""A build never drops articles a database holds by accident: building one article over a database
that holds others (a corpus built up with --append) is refused, naming them, unless --force."""

import json

from qdaid import store


def _article(folder, name, text):
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_build_over_a_corpus_it_would_shrink_is_refused(cli, tmp_path):
    a = _article(tmp_path, "a", "甲县帮扶\n2020年，青岛向甲县捐款100万元。\n")
    b = _article(tmp_path, "b", "乙县帮扶\n2020年，青岛向乙县捐款200万元。\n")
    db = tmp_path / "corpus.json"
    assert cli("build", a, "-o", db, "--date", "2021-01-01").exit_code == 0
    assert cli("build", "--append", b, "-o", db, "--date", "2021-02-01").exit_code == 0
    before = db.read_bytes()
    result = cli("build", b, "-o", db, "--date", "2021-02-01")
    assert result.exit_code == 2
    assert "holds 1 article this build does not (a)" in result.stderr and "--append" in result.stderr
    assert db.read_bytes() == before  # nothing written
    # the same articles again: a rebuild, no question asked
    assert cli("build", a, b, "-o", db).exit_code == 0
    assert {s["id"] for s in json.loads(db.read_text("utf-8"))["sources"].values()} == {"a", "b"}
    assert cli("build", b, "-o", db, "--force").exit_code == 0
    assert store.source_ids(db) == {"b"}


def test_a_sqlite_corpus_is_kept_the_same_way(cli, tmp_path):
    a = _article(tmp_path, "a", "甲县帮扶\n2020年，青岛向甲县捐款100万元。\n")
    b = _article(tmp_path, "b", "乙县帮扶\n2020年，青岛向乙县捐款200万元。\n")
    db = tmp_path / "corpus.sqlite"
    assert cli("build", a, "-o", db, "--date", "2021-01-01").exit_code == 0
    assert cli("build", "--append", b, "-o", db, "--date", "2021-02-01").exit_code == 0
    result = cli("build", a, "-o", db, "--date", "2021-01-01")
    assert result.exit_code == 2 and "(b)" in result.stderr
    assert store.source_ids(db) == {"a", "b"}
