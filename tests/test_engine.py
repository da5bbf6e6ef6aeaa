"""The one query engine through its public faces: the library (qdaid.open, facts.from_tables)
and the commands. Each test names the wrong change it is there to catch; expected values are
worked out from tests/fixtures.py or the article, noted beside them."""

from __future__ import annotations

import io
import json
import os
import sqlite3

import pytest

import qdaid
from qdaid import render, store
from qdaid.facts import from_tables
from qdaid.model import UsageError

from . import fixtures

YI = 10**8


# ---- the library ----------------------------------------------------------------------------

def test_the_library_answers_what_the_readme_shows():
    facts = qdaid.open()
    # ¶21: 消费扶贫 in Longnan: 8.58亿元 (2017–2021), and 2020's 7.54亿元 inside it
    assert [f["raw"] for f in facts.figures(region="陇南", metric="consumption_aid")] == ["8.58亿元", "7.54亿元"]
    (row,) = facts.totals(region="longnan", metric="consumption_aid")
    assert (row["total"], row["total_min"], row["total_max"], row["excluded"]) == (858000000,) * 3 + (1,)
    assert facts.profile("窦宗君")["id"] == "dou-zongjun"
    # 49.25万个口罩 (¶24): the figure, found by its word
    assert any(hit["table"] == "figures" and hit["field"] == "raw" or "口罩" in hit["quote"]
               for hit in facts.search("口罩"))


@pytest.mark.parametrize("sort", [None, "metric", "total"])
def test_the_library_totals_come_in_the_commands_order(cli, sort):
    # stats' rows in the order the command prints them in every format (the family order: money
    # first, the largest first: Longnan's consumption aid 8.58亿 heads it), not stats.py's key order
    args = ["--sort", sort] if sort else []
    printed = json.loads(cli("stats", "--region", "longnan", *args, "-f", "json").stdout)
    given = qdaid.open().totals(region="longnan", **({"sort": sort} if sort else {}))
    assert [(r["metric"], r["unit"], r["total"]) for r in given] == \
        [(r["metric"], r["unit"], r["total"]) for r in printed]
    if sort is None:
        assert (given[0]["metric"], given[0]["total"]) == ("consumption_aid", 858000000)


def test_the_library_refuses_an_unknown_filter_by_name():
    with pytest.raises(UsageError, match="no filter 'colour'"):
        qdaid.open().figures(colour="red")


@pytest.mark.parametrize(("given", "said"), [
    ({"honoree": 123}, "not a name"), ({"region": ["longnan", None]}, "not a name"), ({"metric": 5}, "not a name"),
    ({"year": "twenty"}, "not a year"), ({"since": 2017.5}, "not a year"), ({"until": [2020]}, "not a year"),
    ({"minimum": True}, "not an amount"), ({"maximum": [1]}, "not an amount"), ({"grep": 5}, "not a text"),
])
def test_the_library_says_what_is_wrong_with_a_filter_of_the_wrong_type(given, said):
    # These raised TypeError ('<=' not supported between 'int' and 'str') from inside the query
    with pytest.raises(UsageError, match=said):
        qdaid.open().totals(**given)


def test_the_library_reads_a_year_written_as_text():
    # 2020's figures of the article: year="2020" selects what year=2020 does (19 figures, none empty)
    facts = qdaid.open()
    assert facts.figures(year="2020") == facts.figures(year=2020) and len(facts.figures(year=2020)) > 10


def test_a_sqlite_store_opens_alike(tmp_path):
    path = tmp_path / "facts.sqlite"
    store.write_tables(path, store.load(store.bundled_dir() / store.DB_NAME))
    assert qdaid.open(path).figures(region="longnan") == qdaid.open().figures(region="longnan")


# ---- filters: the bounds are inclusive (a `>` made `>=` kept the suite green before) --------------

@pytest.mark.parametrize(("bound", "kept"), [
    ({"maximum": 858000000}, {"src-00100", "src-00120"}),   # 8.58亿 itself is within --max 8.58亿
    ({"minimum": 858000000}, {"src-00100"}),                # and within --min 8.58亿
    ({"maximum": 857999999}, {"src-00120"}),                # one yuan less: only 7.54亿
    ({"minimum": "0.5", "maximum": "0.5"}, {"src-00220"}),  # 约0.5元, stored as binary floating point
])
def test_amount_bounds_are_inclusive_and_exact(bound, kept):
    base = from_tables(fixtures.tables())
    metric = "funds_raised" if "0.5" in bound.values() else "consumption_aid"
    got = {f["id"] for f in base.figures(metric=metric, **bound)}
    assert got == kept


def test_a_decimal_bound_meets_the_decimal_written():
    # 0.1元 is stored as the nearest binary fraction (0.1000000000000000055…): --max 0.1 and
    # --min 0.1 both keep it, as the text wrote 0.1
    tables = fixtures.tables()
    tables["figures"][6]["value"] = 0.1
    base = from_tables(tables)
    for bound in ({"maximum": "0.1"}, {"minimum": "0.1"}):
        assert [f["id"] for f in base.figures(metric="funds_raised", **bound)] == ["src-00220"], bound


def test_a_bound_of_thirty_digits_is_exact(cli):
    result = cli("figures", "--min", "1" + "0" * 29, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    result = cli("figures", "--max", "0." + "0" * 28 + "1", "--metric", "consumption_aid", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


# ---- totals: adjacent years are disjoint, years that share one are not --------------------------------

def _two(first: tuple, second: tuple) -> dict:
    """Two donations by wang-wu in Anshun, no link between them: 100万 over `first`, 30万 over `second`."""
    tables = fixtures.tables()
    tables["figures"] = [
        fixtures._figure(1, "wang-wu", "donations_cash", 1000000, "cny", "100万元", period=first, region="anshun"),
        fixtures._figure(300, "wang-wu", "donations_cash", 300000, "cny", "30万元", period=second, region="anshun"),
    ]
    tables["containment"] = []
    (row,) = from_tables(tables).totals()
    return row


def test_adjacent_years_add_without_an_interval():
    # 2019 and 2020 cannot describe the same aid: 130万 exactly (deleting the year rule, or
    # reading two spans that merely meet as overlapping, makes this an interval)
    row = _two((2019, 2019), (2020, 2020))
    assert (row["total"], row["total_min"], row["total_max"], row["overlap_possible"]) == (1300000, 1300000, 1300000, False)


def test_spans_that_share_a_year_may_overlap():
    # 2017–2020 and 2020 share 2020: the 30万 may lie inside the 100万 — the text proves 100万, at
    # most 130万 (a `<` made `<=` in the period test reads them as disjoint)
    row = _two((2017, 2020), (2020, 2020))
    assert (row["total"], row["total_min"], row["total_max"], row["overlap_possible"]) == (1000000, 1000000, 1300000, True)


# ---- tables: a column plan that fits exactly is kept (`<=` made `<` sent it to one record a block) --

def test_a_table_that_fits_exactly_is_drawn_as_a_table():
    from rich.console import Console

    rows = [{"id": "abcdefghij-0001", "metric": "donations_cash", "raw": "8.58亿元"}]
    # each column: its widest token + 3 (padding and border), + 1 for the last border:
    # 15 + 3, 14 + 3, 8 cells (亿, 元 are two each) + 3, + 1 = 47
    for width, drawn_as_table in ((47, True), (46, False)):
        out = io.StringIO()
        render.print_table(Console(file=out, width=width, force_terminal=True, color_system=None), rows,
                           ["id", "metric", "raw"])
        lines = out.getvalue().splitlines()
        assert max(len(line) + sum(ord(c) > 0x2e80 for c in line) for line in lines) <= width
        assert lines[0].startswith("┏") is drawn_as_table, width


# ---- the report escapes what it quotes (quote=False, or no escaping at all, kept the suite green) --

def test_the_report_escapes_markup_and_quotes_in_the_data(cli, tmp_path):
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    honoree = tables["honorees"][0]
    honoree["motto"] = 'a"><script>alert(1)</script>'
    tables["figures"][0]["metric"] = "x\" onmouseover=\"alert(2)"  # in the figure's tooltip, an attribute
    db = tmp_path / "db.json"
    store.write_tables(db, tables)
    result = cli("report", "--db", db, "-o", "-")
    assert result.exit_code == 0
    page = result.stdout
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'onmouseover="alert(2)' not in page and "onmouseover=&quot;alert(2)" in page


# ---- the cache of a large JSON store ------------------------------------------------------------

@pytest.fixture
def large(tmp_path):
    """A copy of the bundled database (a JSON store: cached as SQLite, whatever its size)."""
    db = tmp_path / "db.json"
    db.write_bytes((store.bundled_dir() / store.DB_NAME).read_bytes())
    return db


def _cached(folder) -> list:
    return sorted(p.name for p in (folder / "qdaid").glob("*")) if (folder / "qdaid").exists() else []


def test_a_large_json_store_is_cached_and_the_cache_answers_alike(cli, large):
    folder = os.environ["XDG_CACHE_HOME"]
    first = cli("stats", "--db", large, "--explain", "-f", "json")
    assert first.exit_code == 0
    from pathlib import Path

    (name,) = _cached(Path(folder))
    cached = Path(folder) / "qdaid" / name
    with sqlite3.connect(cached) as db:  # a SQLite store with its key
        assert db.execute("SELECT count(*) FROM figures").fetchone()[0] == len(json.loads(large.read_text())["figures"])
    db.close()
    again = cli("stats", "--db", large, "--explain", "-f", "json")
    assert again.stdout == first.stdout and _cached(Path(folder)) == [name]


def test_a_changed_json_store_is_never_answered_from_its_cache(cli, large):
    before = json.loads(cli("figures", "--db", large, "--metric", "consumption_aid", "--region", "longnan", "-f", "json").stdout)
    data = json.loads(large.read_text("utf-8"))
    for record in data["figures"].values():
        if record["raw"] == "8.58亿元":
            record["value"] = 858000001  # same size on disk, one digit changed
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert len(text.encode()) == large.stat().st_size
    stat = large.stat()
    large.write_text(text, "utf-8")
    os.utime(large, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old modification time
    after = json.loads(cli("figures", "--db", large, "--metric", "consumption_aid", "--region", "longnan", "-f", "json").stdout)
    assert [f["value"] for f in before][:1] == [858000000] and [f["value"] for f in after][:1] == [858000001]


def test_an_unwritable_cache_folder_answers_from_memory(cli, large, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = cli("stats", "--db", large, "--metric", "consumption_aid", "--region", "longnan", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["total"] == 858000000
    assert blocked.read_text() == "a file where the cache folder would be"


def test_a_broken_json_store_read_in_memory_is_named_once(cli, tmp_path, monkeypatch):
    # where no cache could be written the store was read by a second loader, whose errors named
    # the file twice ("x.json: x.json: not valid JSON")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    broken = tmp_path / "broken.json"
    broken.write_text('{"figures": {}, "honorees": {}', "utf-8")
    result = cli("figures", "--db", broken)
    assert result.exit_code == 1 and result.stderr.count(str(broken)) == 1, result.stderr
    assert "not valid JSON" in result.stderr


def test_the_readme_python_example_runs_and_prints_what_it_says():
    import contextlib
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, re.S)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert lines[0] == "['8.58亿元', '7.54亿元']" and lines[1] == "858000000 1"  # as its comments say
    assert lines[2].split()[1] == "青岛市扶贫协作工作办公室党组书记、主任"  # ¶11: the heading before 窦宗君
    assert lines[3].startswith("qdrb-20210225-")


def test_a_large_json_store_streamed_into_its_cache_answers_as_in_memory(cli, tmp_path, monkeypatch):
    """A file large enough to be read a block at a time (10k figures, ~7 MiB), in every layout
    another program may write: through the cache (each chunk of figures written to SQLite as it
    is read) it gives the bytes the in-memory load gives."""
    import sys
    from pathlib import Path

    from qdaid import reader

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import generate

    big = tmp_path / "big.json"
    generate(10_000, big)
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(json.loads(big.read_text("utf-8"))), "utf-8")
    assert big.stat().st_size > reader.CHUNK
    commands = (["figures", "--region", "longnan"], ["stats", "--by", "honoree", "--explain"], ["list", "metrics"],
                ["search", "口罩"], ["show", "pingdu", "-f", "json"])
    cache_home = os.environ["XDG_CACHE_HOME"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "big.json"))  # a file: no cache folder, so in memory
    in_memory = {tuple(c): cli(*c, "--db", big, "-f", "csv" if "-f" not in c else "json").stdout for c in commands}
    monkeypatch.setenv("XDG_CACHE_HOME", cache_home)
    for path in (big, compact):
        for c in commands:
            result = cli(*c, "--db", path, "-f", "csv" if "-f" not in c else "json")
            assert result.exit_code == 0 and result.stdout == in_memory[tuple(c)], (path.name, c)
    assert len(list((Path(os.environ["XDG_CACHE_HOME"]) / "qdaid").glob("*.sqlite"))) == 2


def test_a_list_field_reads_alike_in_every_format(cli):
    # ¶4: 助力三市179.4万 covers the three cities (安顺, 陇南, 菏泽); CSV streamed from SQL wrote the
    # stored JSON text, the other formats the list joined by ';'
    import csv

    args = ["figures", "-F", "id,covers", "--grep", "179.4万"]
    (row,) = list(csv.DictReader(io.StringIO(cli(*args, "-f", "csv").stdout)))
    (record,) = json.loads(cli(*args, "-f", "json").stdout)
    assert sorted(record["covers"]) == ["anshun", "heze", "longnan"]
    assert row["covers"] == ";".join(record["covers"])
    tsv = cli(*args, "-f", "tsv").stdout.splitlines()[1].split("\t")
    assert tsv[1] == row["covers"]


@pytest.mark.parametrize("dumps", [
    lambda items: json.dumps(items),                         # Python's layout: ", " and \u escapes
    lambda items: json.dumps(items, ensure_ascii=False, indent=1),
    lambda items: json.dumps(items, ensure_ascii=False, separators=(",", ":")),  # as qdaid writes
    lambda items: json.dumps(items, separators=(",", ":")),  # compact, \u escapes: no quote to tell them
])
@pytest.mark.parametrize("aliases", [['窦 "老窦"', 'a","b', "", "\\"], ["", "窦主任", "x"]])
def test_lists_written_by_another_program_read_as_written(cli, tmp_path, dumps, aliases):
    # A list is read without a parser when it is '["a","b"]' with no backslash: the aliases and
    # places below, written in other layouts, with a quote and a '","' inside a text, or empty,
    # must read as they were written (cut at each '","' blindly, the first list had 6 aliases).
    path = tmp_path / "facts.sqlite"
    store.write_tables(path, store.load(store.bundled_dir() / store.DB_NAME))
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE honorees SET aliases = ?, partner_regions = ? WHERE id = 'dou-zongjun'",
                   (dumps(aliases), dumps(["anshun", "longnan", "heze"])))
    db.close()
    (record,) = [h for h in json.loads(cli("list", "honorees", "--db", path, "-f", "json").stdout) if h["id"] == "dou-zongjun"]
    assert record["aliases"] == aliases and record["partner_regions"] == ["anshun", "longnan", "heze"]
    shown = json.loads(cli("show", "dou-zongjun", "--db", path, "-f", "json").stdout)
    assert shown["aliases"] == aliases and shown["partner_regions"] == ["anshun", "longnan", "heze"]


def _keys_reordered(path, tmp_path, how: str):
    """The JSON store re-dumped by another program: keys sorted as text (jq -S; "1", "10", "100",
    "2"), or each table's records in reverse."""
    tables = json.loads(path.read_text("utf-8"))
    if how == "reversed":
        tables = {name: dict(reversed(records.items())) for name, records in tables.items()}
    out = tmp_path / f"{how}-{path.name}"
    out.write_text(json.dumps(tables, sort_keys=how == "sorted"), "utf-8")
    return out


@pytest.mark.parametrize("how", ["sorted", "reversed"])
def test_a_store_whose_keys_another_program_reordered_reads_in_the_order_of_its_doc_ids(cli, tmp_path, how):
    # Re-dumped with sort_keys, the bundled store's figures came out 00023, 01086, 04332 (doc ids
    # 1, 10, 100) where TinyDB's file gives 00023, 00025, 00176; lists and search too. The 10k store
    # is read a chunk at a time: the order holds across chunks.
    import sys
    from pathlib import Path

    from qdaid import reader

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import generate

    big = tmp_path / "big.json"
    generate(10_000, big)
    assert big.stat().st_size > reader.CHUNK
    commands = (["figures"], ["list", "regions"], ["list", "events"], ["list", "programs"], ["list", "honorees"],
                ["list", "sources"], ["search", "陇南"])
    for original in (store.bundled_dir() / store.DB_NAME, big):
        moved = _keys_reordered(original, tmp_path, how)
        for c in commands:
            want, got = (cli(*c, "--db", p, "-f", "csv") for p in (original, moved))
            assert want.exit_code == 0 and got.stdout == want.stdout, (original.name, c)


def test_doc_ids_tinydb_would_not_write_come_after_the_numbered_in_the_files_order(cli, tmp_path):
    # "x" and "07" are no doc ids of TinyDB's (it writes 1, 2, 3 …): their records are read after
    # the numbered ones, in the order the file gives them (x, then 07), not dropped, not refused.
    tables = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    first, second, *rest = tables["figures"].items()
    tables["figures"] = {"x": first[1], "07": second[1], **dict(rest)}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(tables), "utf-8")
    ids = [r["id"] for r in json.loads(cli("figures", "--db", path, "-F", "id", "-f", "json").stdout)]
    assert ids == [r["id"] for _, r in rest] + [first[1]["id"], second[1]["id"]]


@pytest.mark.parametrize(("typed", "same_as"), [("五十万", "50万"), ("两万五千元", "25000"), ("三千五百万", "3500万")])
def test_a_bound_in_chinese_numerals_is_the_amount_it_says(typed, same_as):
    # --min 五十万 was "not an amount" while --min ５０万 (full-width) was read (the outside review)
    facts = qdaid.open()
    assert facts.figures(minimum=typed) == facts.figures(minimum=same_as) != []
    assert facts.figures(maximum=typed) == facts.figures(maximum=same_as)


def test_a_search_for_a_chinese_numeral_is_a_search_for_the_word():
    # 两 is searched as text (两地, 两市), not as the amount 2
    assert all("两" in (row["quote"] or "") + (row["match"] or "") for row in qdaid.open().search("两"))


def test_a_zero_padded_doc_id_among_numbers_comes_after_them(cli, tmp_path):
    # Every key a whole number, one written "08" (TinyDB writes 8): read after the numbered ones,
    # as "x" and "07" are, though the file parses as numbers throughout.
    tables = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    records = list(tables["figures"].items())
    tables["figures"] = {("08" if key == "8" else key): record for key, record in records}
    path = tmp_path / "padded.json"
    path.write_text(json.dumps(tables), "utf-8")
    ids = [r["id"] for r in json.loads(cli("figures", "--db", path, "-F", "id", "-f", "json").stdout)]
    assert ids == [r["id"] for key, r in records if key != "8"] + [tables["figures"]["08"]["id"]]


def test_unnumbered_doc_ids_in_two_chunks_and_one_past_the_numbered_range_all_read(cli, tmp_path):
    # A 10k store read a chunk at a time, with "x1" first, "x2" last and a doc id of 2^62 (as
    # large as the rowids unnumbered ids are given): every record is read, in that order, none
    # refused as a rowid given twice.
    import sys
    from pathlib import Path

    from qdaid import reader

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from generate import generate

    big = tmp_path / "big.json"
    generate(10_000, big)
    assert big.stat().st_size > reader.CHUNK
    tables = json.loads(big.read_text("utf-8"))
    records = list(tables["figures"].items())
    renamed = {records[0][0]: "x1", records[-1][0]: "x2", records[1][0]: str(2**62)}
    tables["figures"] = {renamed.get(key, key): record for key, record in records}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(tables, indent=1), "utf-8")
    result = cli("figures", "--db", path, "-F", "id", "-f", "json")
    assert result.exit_code == 0, result.stderr
    ids = [r["id"] for r in json.loads(result.stdout)]
    kept = [r["id"] for key, r in records if key not in renamed]
    assert ids == kept + [records[0][1]["id"], records[1][1]["id"], records[-1][1]["id"]]


def test_a_cache_made_in_an_older_format_is_made_again(cli, tmp_path):
    # A cache of the layout before rowids were doc ids holds a jq -S copy's figures in the file's
    # order (00023, 01086, 04332): its format names it, and it is made again, never read.
    from qdaid import cache

    moved = _keys_reordered(store.bundled_dir() / store.DB_NAME, tmp_path, "sorted")
    with pytest.MonkeyPatch.context() as old:  # (the test's own monkeypatch holds its cache folder)
        old.setattr(cache, "_FORMAT", "qdaid-cache-2")
        old.setattr(cache, "_doc_order", lambda ids, after: (list(range(1, len(ids) + 1)), 0))
        stale = cli("figures", "--db", moved, "-F", "id", "-f", "csv", "--limit", "3").stdout
    assert stale.split()[1:] == ["qdrb-20210225-00023", "qdrb-20210225-01086", "qdrb-20210225-04332"]
    fresh = cli("figures", "--db", moved, "-F", "id", "-f", "csv", "--limit", "3").stdout
    assert fresh.split()[1:] == ["qdrb-20210225-00023", "qdrb-20210225-00025", "qdrb-20210225-00176"]


@pytest.mark.parametrize("typed", ["五十万天气", "万万", "十十", "亿万"])
def test_a_chinese_numeral_bound_that_is_no_amount_is_said_so(typed):
    # a word after it that names no unit, or numerals cn2an cannot read: not an amount, never 0
    with pytest.raises(UsageError, match="not an amount"):
        qdaid.open().figures(minimum=typed)


def test_names_may_come_as_a_set_or_a_tuple():
    facts = qdaid.open()
    assert facts.figures(region={"longnan"}) == facts.figures(region=("longnan",)) == facts.figures(region="longnan") != []
