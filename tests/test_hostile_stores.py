"""SQLite stores from elsewhere, damaged or made to hurt: every read command answers in one line
on stderr with exit 1 (or answers right), in bounded time, and nothing is created beside the file."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qdaid import store


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "clean.sqlite"
    store.write_tables(path, store.load(store.bundled_dir() / store.DB_NAME))
    return path


def damaged(clean, tmp_path, *statements, name="bad.sqlite"):
    path = tmp_path / name
    path.write_bytes(clean.read_bytes())
    db = sqlite3.connect(path)
    with db:
        db.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            db.execute(sql)
    db.close()
    return path


def one_line_error(result, *words):
    assert result.exit_code == 1, result.output
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize(("statements", "words"), [
    # text where a number belongs: `figures` printed "abc" with exit 0
    (["UPDATE figures SET value = 'abc' WHERE rowid = 3"], ["figures row 3", "value"]),
    (["UPDATE figures SET value = 9e999 WHERE rowid = 2"], ["figures row 2", "value"]),  # infinity
    (["UPDATE figures SET metric = x'00ff' WHERE rowid = 5"], ["figures row 5", "metric"]),  # bytes, not text
    (["UPDATE honorees SET partner_regions = '[\"longnan\"' WHERE rowid = 1"], ["honorees row 1", "partner_regions"]),
    (["UPDATE honorees SET aliases = '{}' WHERE rowid = 1"], ["honorees row 1", "aliases"]),  # not a list
    (["UPDATE containment SET certain = 7 WHERE rowid = 1"], ["containment row 1", "certain"]),
    (["ALTER TABLE figures DROP COLUMN label"], ["no column 'label'"]),
    (["ALTER TABLE figures RENAME TO figures_old", "CREATE VIEW figures AS SELECT * FROM figures_old"], ["a view"]),
    (["UPDATE figures SET quote = printf('%.*c', 2000000, 'x') WHERE rowid = 1"], ["figures row 1", "quote"]),
    # 30 digits: SQLite keeps them as a float, 1.2345678901234568e+29; `figures` printed
    # 123456789012345677877719597056 and stats added it
    (["UPDATE figures SET value = 123456789012345678901234567890 WHERE rowid = 4"], ["figures row 4", "exactly"]),
])
def test_damage_is_one_line_in_every_read_command(cli, clean, tmp_path, statements, words):
    path = damaged(clean, tmp_path, *statements)
    for command in (["figures", "--limit", "2"], ["stats"], ["list", "honorees"], ["search", "口罩"], ["validate"]):
        one_line_error(cli(*command, "--db", path), str(path), *words)


def test_a_generated_column_is_refused_before_it_is_read(cli, clean, tmp_path):
    # quote as a column that makes 200 MB for every row read: seconds and gigabytes, were it read
    path = tmp_path / "generated.sqlite"
    path.write_bytes(clean.read_bytes())
    db = sqlite3.connect(path)
    with db:
        db.execute("ALTER TABLE figures DROP COLUMN quote")
        db.execute("ALTER TABLE figures ADD COLUMN quote TEXT GENERATED ALWAYS AS (printf('%.*c', 200000000, 'x'))")
    db.close()
    started = time.monotonic()
    for command in (["figures", "--limit", "2"], ["stats"], ["validate"]):
        one_line_error(cli(*command, "--db", path), "figures.quote is a generated or hidden column")
    assert time.monotonic() - started < 5


def test_a_corrupt_index_is_found_by_validate(cli, clean, tmp_path):
    # an index whose entries no longer match the table answers queries wrongly without an error
    path = damaged(clean, tmp_path, "PRAGMA writable_schema = ON",
                   "UPDATE sqlite_master SET sql = replace(sql, '(\"region\")', '(\"metric\")') "
                   "WHERE name = 'figures_region'")
    result = cli("validate", "--db", path)
    assert result.exit_code == 1 and "damaged" in result.stderr, result.stderr
    assert cli("validate", "--db", clean).exit_code == 0


def test_a_wal_store_is_read_without_files_made_beside_it(cli, clean, tmp_path):
    path = tmp_path / "wal.sqlite"
    path.write_bytes(clean.read_bytes())
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.close()  # checkpointed: no -wal left
    before = sorted(os.listdir(tmp_path))
    result = cli("figures", "--region", "longnan", "--db", path, "-f", "csv")
    assert result.exit_code == 0 and "8.58亿元" in result.stdout
    assert cli("stats", "--db", path, "-f", "csv").exit_code == 0
    assert sorted(os.listdir(tmp_path)) == before  # no -wal, no -shm


def test_a_wal_store_with_pending_changes_answers_with_them(cli, clean, tmp_path):
    path = tmp_path / "pending.sqlite"
    path.write_bytes(clean.read_bytes())
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    with writer:
        writer.execute("UPDATE figures SET raw = '8.58亿元(改)' WHERE raw = '8.58亿元'")
    assert (tmp_path / "pending.sqlite-wal").stat().st_size > 0  # the change lives in the WAL only
    result = cli("figures", "--region", "longnan", "--db", path, "-F", "raw", "-f", "csv")
    writer.close()
    assert result.exit_code == 0 and "8.58亿元(改)" in result.stdout


def answers_or_one_line(cli, path, *commands, seconds=10):
    """Each command answers (exit 0) or says what is wrong in one line (exit 1 or 2), never an
    internal error; all of them within `seconds`."""
    started = time.monotonic()
    for command in commands:
        result = cli(*command, "--db", path)
        assert result.exit_code in (0, 1, 2), (command, result.output)
        if result.exit_code:
            assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr, result.stderr
    assert time.monotonic() - started < seconds


COLUMNS = {"figures": ["value", "metric", "unit", "period_start", "paragraph", "quote", "part_of"],
           "honorees": ["name", "aliases", "partner_regions", "paragraph_start"],
           "regions": ["name", "parent", "aliases"], "containment": ["certain", "within"]}
VALUES = st.sampled_from(["NULL", "'abc'", "9e999", "-1", "x'00ff'", "'[1,'", "'{}'", "1.5", "''", "'[\"a\"]'",
                          "printf('%.*c', 1100000, 'y')"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])  # cli holds no state
@given(table=st.sampled_from(sorted(COLUMNS)), data=st.data(), value=VALUES, row=st.integers(1, 5))
def test_any_damaged_value_is_one_line_or_a_right_answer(cli, clean, tmp_path_factory, table, data, value, row):
    from hypothesis import assume

    column = data.draw(st.sampled_from(COLUMNS[table]))
    try:
        path = damaged(clean, tmp_path_factory.mktemp("prop"), f'UPDATE "{table}" SET "{column}" = {value} WHERE rowid = {row}')
    except sqlite3.IntegrityError:  # NOT NULL: SQLite itself keeps that damage out
        assume(False)
    answers_or_one_line(cli, path, ["figures", "--limit", "3", "-f", "csv"], ["stats", "-f", "csv"],
                        ["show", "pingdu", "-f", "json"])


def test_a_deeply_nested_record_in_a_large_json_file_is_refused_at_once(cli, tmp_path):
    """A record nested 50,000 objects deep in a file read a chunk at a time: each place the
    figures table might end was tried, each try parsing the rest (17 s); now a few, then the
    whole file once, which refuses it in one line."""
    import json

    from qdaid import reader

    data = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    figures = list(data["figures"].values())
    data["figures"] = {str(i + 1): dict(f, id=f"{f['id']}-{i}") for i, f in enumerate(figures * 40)}
    text = json.dumps(data, ensure_ascii=False)
    at = text.index('"quote":', text.index('"figures": {'))
    text = text[:at] + '"quote": ' + '{"a":' * 50000 + "1" + "}" * 50000 + ', "x' + text[at + len('"quote":'):]
    path = tmp_path / "deep.json"
    path.write_text(text, "utf-8")
    assert path.stat().st_size > reader.CHUNK
    started = time.monotonic()
    result = cli("figures", "--db", path)
    assert time.monotonic() - started < 3
    one_line_error(result, "not valid JSON")


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                        st.text(max_size=20), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                                   st.integers(), max_size=2))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])  # cli holds no state
@given(table=st.sampled_from(["figures", "honorees", "regions", "containment", "sources"]), data=st.data(),
       value=JSON_VALUES, drop=st.booleans())
def test_any_damaged_json_record_is_one_line_or_a_right_answer(cli, tmp_path_factory, table, data, value, drop):
    """The JSON store, damaged the same ways another program might: a field of any record set to a
    value of another type, or taken out."""
    import json

    tables = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    records = list(tables[table].values())
    record = records[data.draw(st.integers(0, len(records) - 1))]
    field = data.draw(st.sampled_from(sorted(record)))
    if drop:
        del record[field]
    else:
        record[field] = value
    path = tmp_path_factory.mktemp("json") / "damaged.json"
    path.write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
    answers_or_one_line(cli, path, ["figures", "--limit", "3", "-f", "csv"], ["stats", "-f", "csv"],
                        ["list", "regions", "-f", "csv"])


def test_a_store_is_checked_again_whenever_it_changes(cli, clean, tmp_path):
    # A query remembers (in the cache folder) that this version of the file passed the check of every
    # value, which reads every row; a changed file, even one whose size and modification time are put
    # back, is checked again (its change time and sampled blocks differ), never trusted on the old mark.
    path = damaged(clean, tmp_path)  # an undamaged copy
    assert cli("figures", "--limit", "1", "--db", path).exit_code == 0
    marks = list(Path(os.environ["XDG_CACHE_HOME"]).glob("qdaid/*.checked"))
    assert len(marks) == 1
    before = os.stat(path)
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE figures SET value = 'abc' WHERE rowid = 3")
    db.close()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    one_line_error(cli("figures", "--limit", "1", "--db", path), "figures row 3", "value")
    one_line_error(cli("figures", "--limit", "1", "--db", path), "figures row 3", "value")  # and again


def test_a_query_waits_for_a_write_in_progress(clean, tmp_path):
    # Another connection (an append in place) holds the store's write lock while it deletes every
    # figure but one; a query started meanwhile waits for the commit and answers after it. Opened
    # `immutable`, it did not wait: it read the file as it stood, which a longer write leaves torn.
    import subprocess
    import sys
    import threading

    path = damaged(clean, tmp_path, name="busy.sqlite")
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("DELETE FROM containment")
    writer.execute("UPDATE figures SET part_of = NULL")
    writer.execute("DELETE FROM figures WHERE rowid > 1")
    done = threading.Timer(2.0, lambda: (writer.execute("COMMIT"), writer.close()))
    done.start()
    try:
        result = subprocess.run([sys.executable, "-m", "qdaid", "figures", "-f", "csv", "-F", "id", "--db", str(path)],
                                capture_output=True, text=True, timeout=60)
    finally:
        done.join()
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2  # the header and the one figure the write left


def test_a_json_value_of_30_digits_is_refused_not_rounded(cli, tmp_path):
    # orjson reads 123456789012345678901234567890 as 1.2345678901234568e+29: 17 digits kept, 13 lost
    data = (store.bundled_dir() / store.DB_NAME).read_text("utf-8")
    path = tmp_path / "big.json"
    path.write_text(data.replace('"value": 858000000,', '"value": 123456789012345678901234567890,', 1), "utf-8")
    assert path.read_text("utf-8") != data
    for command in (["figures", "--limit", "2"], ["stats"]):
        one_line_error(cli(*command, "--db", path), str(path), "too large to be held exactly")
    result = cli("validate", "--db", path)
    said = result.stdout + result.stderr
    # said as written (30 digits), not as read: the review read 1.2345678901234568e+29 as the value
    assert result.exit_code == 1 and "a number of 30 digits (about 1.23457e+29), is too large to be held exactly" in said
    assert "1.2345678901234568e+29" not in said
