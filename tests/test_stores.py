"""One fact base, three files: TinyDB JSON indented (as qdaid writes), JSON compact (as TinyDB and
other programs write), and the SQLite store. Every read command prints the same bytes from each."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from qdaid import store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from generate import generate  # noqa: E402  (bench/generate.py: the bundled figures replicated)

COMMANDS = [["list", w] for w in ("honorees", "regions", "programs", "metrics", "sources", "events")] + [
    ["figures"], ["figures", "--region", "gansu", "--year", "2020", "--overlapping"], ["stats", "--explain"],
    ["stats", "--by", "honoree", "--by", "year"], ["search", "陇南"], ["search", "kouzhao"], ["search", "57万"],
    ["timeline"], ["show", "pingdu", "-f", "json"],
    ["show", "dou", "-f", "jsonl"], ["cite", "03457", "-f", "json"], ["figures", "-f", "json", "--metric", "donations"],
    # The SQLite store answers figures and stats with SQL: every filter, sort and format, the same bytes.
    ["figures", "--honoree", "窦宗君", "--honoree", "pingdu"], ["figures", "--kind", "collective", "--unit", "yuan"],
    ["figures", "--metric", "消费扶贫"], ["figures", "--metric", "money", "--approx", "more_than", "--approx", "over"],
    ["figures", "--since", "2017", "--until", "2021"], ["figures", "--year", "2020"],
    ["figures", "--min", "1e6", "--max", "2.3e8"], ["figures", "--grep", "口罩"], ["figures", "--grep", "ＡＢＣ"],
    ["figures", "--sort", "value", "--desc", "--limit", "7"], ["figures", "--sort", "region"],
    ["figures", "--sort", "period_start", "--desc"], ["figures", "--desc", "--limit", "3", "--grep", "万"],
    ["figures", "--region", "longnan", "-f", "jsonl"], ["figures", "--region", "anshun", "-f", "table"],
    ["figures", "--region", "longnan", "--lang", "en", "-f", "tsv"], ["figures", "--kind", "individual", "-f", "md"],
    ["stats", "--region", "longnan", "--year", "2020", "--overlapping"], ["stats", "--by", "region", "--min", "100"],
    ["stats", "--kind", "collective", "--metric", "people", "-f", "json"],
    # stats from SQLite: what nothing holds is summed in SQL, the rest figure by figure
    ["stats", "--by", "year"], ["stats", "--by", "region", "--by", "year", "-f", "json"], ["stats", "--approx", "over"],
    ["stats", "--unit", "cny", "--by", "honoree", "-f", "json"], ["stats", "--since", "2020", "--by", "region"],
    ["report", "-o", "-"], ["report", "--region", "gansu"],
    ["timeline", "--honoree", "anshun-team", "--since", "2018"], ["timeline", "--region", "gansu", "--until", "2019"],
]


def stores(folder: Path, tables: dict) -> dict[str, Path]:
    indented = folder / "indented.json"
    indented.write_text(store.dumps(tables), "utf-8")
    compact = folder / "compact.json"
    compact.write_text(json.dumps(json.loads(indented.read_text("utf-8"))), "utf-8")  # TinyDB's layout
    sqlite = folder / "store.sqlite"
    store.write_tables(sqlite, tables)
    odd = folder / "named-like.json"  # a SQLite store is known by its header, not its name
    odd.write_bytes(sqlite.read_bytes())
    return {"indented": indented, "compact": compact, "sqlite": sqlite, "odd": odd}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("stores")
    for source in store.bundled_sources():
        (folder / source.name).write_bytes(source.read_bytes())
    return stores(folder, store.load(store.bundled_dir() / store.DB_NAME))


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_every_store_prints_the_same_bytes(cli, bundled, command):
    outputs = {}
    for name, path in bundled.items():
        result = cli(*command, "--db", path, *([] if "-f" in command or command[0] == "report" else ["-f", "csv"]))
        assert result.exit_code == 0, (name, result.output)
        outputs[name] = (result.stdout, result.stderr)  # the notes too (figures a period filter left out)
    assert outputs["indented"][0] and len(set(outputs.values())) == 1, {k: v[1] for k, v in outputs.items()}


def test_validate_agrees(cli, bundled):
    for path in bundled.values():
        result = cli("validate", "--db", path)
        assert result.exit_code == 0 and "valid" in result.stderr, result.output


def test_a_generated_10k_fact_base_in_every_store(cli, tmp_path):
    generate(10_000, tmp_path / "big.json")
    paths = stores(tmp_path, store.load(tmp_path / "big.json"))
    for command in (["figures", "--region", "longnan"], ["stats", "--by", "metric"], ["list", "metrics"],
                    ["show", "longnan-group", "-f", "json"],
                    ["figures", "--kind", "individual"], ["figures", "--honoree", "平度", "--region", "qingdao"],
                    ["figures", "--region", "gansu", "--year", "2020"], ["figures", "--region", "隴南", "--lang", "en"],
                    ["figures", "--kind", "collective", "--sort", "value", "--desc", "--limit", "5", "-f", "json"],
                    ["figures", "--region", "nowhere"]):
        outputs = {(r.stdout, r.stderr, r.exit_code) for r in
                   (cli(*command, "--db", p, *([] if "-f" in command else ["-f", "csv"])) for p in paths.values())}
        assert len(outputs) == 1 and next(iter(outputs))[0 if command[-1] != "nowhere" else 1], (command, outputs)


def test_a_damaged_sqlite_store_is_one_line(cli, tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = cli("figures", "--db", path)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and str(path) in result.stderr


def test_odd_values_print_alike_from_sql_tuples_and_records(cli, tmp_path):
    """The SQLite store writes plain CSV from SQL tuples: numbers SQLite holds as REAL (tiny, long,
    whole) and text with commas, quotes and line breaks come out as the JSON store prints them."""
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    odd = [(0.00001, 'a "quoted", 逗号'), (0.30000000000000004, "line\nbreak\r"), (2.5, ""), (1e-7, ",")]
    for figure, (value, quote) in zip(tables["figures"], odd, strict=False):
        figure["value"], figure["quote"] = value, quote
    files = stores(tmp_path, tables)
    for args in (["figures"], ["figures", "-F", "value,quote,id"], ["figures", "--sort", "value", "--limit", "9"],
                 ["figures", "-F", "quote"]):
        printed = {name: cli(*args, "--db", path, "-f", "csv").stdout for name, path in files.items()}
        assert len(set(printed.values())) == 1, args
    assert ",0.00001," in cli("figures", "--db", files["sqlite"], "-f", "csv").stdout  # not 1e-05


@pytest.mark.parametrize("args", [["cite", "3457"], ["cite", "03457", "4306"], ["cite", "7"], ["cite", "qdrb-2021"],
                                  ["cite", "zzz"], ["show", "nobody"], ["show", "平度", "-f", "csv"]])
def test_figures_and_profiles_by_name_alike_in_every_store(cli, bundled, args):
    """The SQLite store finds a figure by id or by its id's end, and an honoree's figures, with SQL:
    the same answers, the same errors (ambiguous, unknown, with the same suggestions)."""
    seen = {name: (r.exit_code, r.stdout, r.stderr) for name, path in bundled.items()
            for r in [cli(*args, "--db", path, *([] if "-f" in args else ["-f", "json"]))]}
    assert len(set(seen.values())) == 1, seen


def test_search_streams_the_sqlite_figures(bundled):
    """search reads the SQLite store's figures one at a time (a million of them were 1.7 GiB held
    at once) and finds what the JSON store finds."""
    from qdaid.query import search

    sql = store.fact_base(bundled["sqlite"])
    found = search(sql, "口罩")
    assert "figures" not in sql.tables  # nothing was held
    assert found == search(store.fact_base(bundled["indented"]), "口罩")
    # 49.25万个口罩、700套防护服…237万元…捐款57万元: the sentence holds four figures
    assert sum(hit["table"] == "figures" for hit in found) == 4


@pytest.mark.parametrize("seed", range(6))
def test_stats_alike_from_json_and_sqlite_on_shaken_figures(tmp_path, seed):
    """A JSON store is loaded into SQLite, a SQLite store read in place: on the bundled figures
    shaken at random (tied largest values, fractions, approximations, kinds, periods, places; the
    containment links kept), every grouping and filter gives the same rows, types and all."""
    import random

    from qdaid.filters import Filters
    from qdaid.model import APPROX, KINDS
    from qdaid.stats import totals

    rng = random.Random(seed)
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    regions = [None, *(r["id"] for r in tables["regions"])]
    largest = max(f["value"] for f in tables["figures"])
    for f in tables["figures"]:
        roll = rng.random()
        if roll < 0.15:
            f["value"] = largest  # ties for the headline, free and held alike
        elif roll < 0.3:
            f["value"] = rng.choice([0.1, 0.2, 0.30000000000000004, 1e-7, 2.5, 12564.16])  # sums exact, not floating
        if rng.random() < 0.3:
            f["approx"] = rng.choice(APPROX)
        if rng.random() < 0.15:
            f["kind"] = rng.choice(KINDS[:3])
        if rng.random() < 0.3:
            start = rng.choice([None, 2017, 2019, 2020])
            f["period_start"], f["period_end"] = start, rng.choice([None, start, 2021]) if start else None
        if rng.random() < 0.2:
            f["region"] = rng.choice(regions)
    files = stores(tmp_path, tables)
    json_base, sql_base = store.fact_base(files["compact"]), store.fact_base(files["sqlite"])
    for by in (["metric"], ["honoree"], ["year"], ["region", "year"], ["honoree", "region"]):
        for flt in ({}, {"regions": ["longnan"]}, {"year": 2020, "overlapping": True}, {"units": ["cny"]},
                    {"approx": ["over", "exact"]}):
            for explain in (False, True):
                expected = totals(json_base, json_base.where(Filters(**flt)), by, explain)
                got = totals(sql_base, sql_base.where(Filters(**flt)), by, explain)
                assert json.dumps(got) == json.dumps(expected), (by, flt)


def test_stats_from_a_sqlite_store_without_links_or_value_index(tmp_path):
    """A SQLite store made elsewhere may lack the containment table and the value index (the
    headline is then found without it): stats says what the JSON store without links says."""
    import sqlite3

    from qdaid.filters import Where
    from qdaid.stats import totals

    tables = store.load(store.bundled_dir() / store.DB_NAME)
    tables["containment"] = []
    files = stores(tmp_path, tables)
    with sqlite3.connect(files["sqlite"]) as db:
        db.execute("DROP TABLE containment")
        db.execute("DROP INDEX figures_value")
    db.close()
    sql = store.fact_base(files["sqlite"])
    assert "containment" not in sql.present
    for by in (["metric"], ["honoree", "year"]):
        expected = totals(store.fact_base(files["indented"]), Where(), by, explain=True)
        assert json.dumps(totals(sql, Where(), by, explain=True)) == json.dumps(expected), by


def test_covers_round_trips_and_reads_empty_where_a_store_predates_it(cli, tmp_path):
    """A figure's covers (the places a figure of several speaks for) comes back as written from
    JSON and from SQLite (where a list is JSON text); a store written before the field existed
    reads it as an empty list, never null."""
    import sqlite3

    tables = store.load(store.bundled_dir() / store.DB_NAME)
    three = ["anshun", "longnan", "heze"]  # 助力三市: three cities, in the order the text names them
    tables["figures"][0]["covers"] = three
    written = [f["covers"] for f in tables["figures"]]
    assert written.count([]) == len(written) - 2  # the first, and the bundled 179.4万 (¶4 三市)
    (tmp_path / "now").mkdir()
    for path in stores(tmp_path / "now", tables).values():
        assert [f["covers"] for f in store.load(path)["figures"]] == written, path
        printed = json.loads(cli("figures", "--db", path, "-f", "json").stdout)
        assert [f["covers"] for f in printed] == written, path
    for figure in tables["figures"]:
        del figure["covers"]
    (tmp_path / "old").mkdir()
    old = stores(tmp_path / "old", tables)
    with sqlite3.connect(old["sqlite"]) as db:
        db.execute("ALTER TABLE figures DROP COLUMN covers")
    db.close()
    for name in ("indented", "compact", "sqlite"):
        assert {repr(f["covers"]) for f in store.load(old[name])["figures"]} == {"[]"}, name
        printed = json.loads(cli("figures", "--db", old[name], "-f", "json").stdout)
        assert {repr(f["covers"]) for f in printed} == {"[]"}, name


def test_a_wrong_value_in_a_store_that_predates_a_field_names_its_record(cli, tmp_path):
    """A JSON store written before covers existed, one figure's value text: one line naming that
    figure (the record was looked for by its shape after covers was filled in, and not found:
    StopIteration, a traceback)."""
    data = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    for figure in data["figures"].values():
        del figure["covers"]
    data["figures"]["7"]["value"] = "abc"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("figures", "--db", path)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"figures record {data['figures']['7']['id']!r} value is 'abc', of the wrong type" in result.stderr
