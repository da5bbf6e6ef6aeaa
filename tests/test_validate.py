"""qdaid validate: passes on the bundled database and names each kind of corruption."""

import json

import pytest


def test_bundled_database_is_valid(cli, bundled_db):
    result = cli("validate", "--db", bundled_db)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stderr


def _corrupt(path, change):
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _first(data, table):
    return data[table]["1"]


CORRUPTIONS = [
    ("offset", lambda d: _first(d, "figures").update(start=_first(d, "figures")["start"] + 1), "text["),
    ("value", lambda d: _first(d, "figures").update(value=2), "reads"),
    ("type", lambda d: _first(d, "figures").update(value="1"), "expected int or float"),
    ("missing field", lambda d: _first(d, "figures").pop("unit"), "field 'unit' missing"),
    ("dangling honoree", lambda d: d["figures"]["30"].update(honoree="nobody"), "names no record in honorees"),
    ("dangling region", lambda d: _first(d, "figures").update(region="atlantis"), "names no record in regions"),
    ("dangling part_of", lambda d: _first(d, "figures").update(part_of="x-1"), "names no record in figures"),
    ("duplicate id", lambda d: d["figures"]["2"].update(id=d["figures"]["1"]["id"]), "is not unique"),
    ("approx vocabulary", lambda d: _first(d, "figures").update(approx="roughly"), "is not one of"),
    ("checksum", lambda d: _first(d, "sources").update(sha256="0" * 64), "does not match its sha256"),
    ("missing table", lambda d: d.pop("events"), "events: table missing"),
    # Checked once per distinct quote and raw text: a changed one is still found
    ("quote", lambda d: d["figures"]["2"].update(quote="这句话不在原文中。"),
     "figures[qdrb-20210225-00025]: quote not found"),
    ("raw", lambda d: [d["figures"][n].update(raw="许多") for n in ("1", "2")],
     "figures[qdrb-20210225-00025]: raw '许多' does not read"),
    ("an end without its start", lambda d: _first(d, "figures").update(period_start=None, period_end=2020),
     "a period that ends needs its start"),
    ("cycle", lambda d: (d["figures"]["1"].update(part_of=d["figures"]["2"]["id"]),
                         d["figures"]["2"].update(part_of=d["figures"]["1"]["id"])), "cycle"),
]


@pytest.mark.parametrize(("name", "change", "message"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_each_corruption_is_reported(cli, db_copy, name, change, message):
    _corrupt(db_copy, change)
    result = cli("validate", "--db", db_copy)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "problem" in result.stderr.strip().splitlines()[-1]


def test_all_problems_are_listed_at_once(cli, db_copy):
    def change(d):
        _first(d, "figures").update(region="atlantis")
        d["figures"]["2"].update(approx="roughly")

    _corrupt(db_copy, change)
    result = cli("validate", "--db", db_copy)
    assert result.exit_code == 1
    assert "atlantis" in result.stderr and "roughly" in result.stderr
    assert "2 problems found" in result.stderr


def test_an_open_since_of_an_undated_article_is_valid(cli, tmp_path):
    # 2017年以来 in a text with no date and no other year: written in 2017 or later, so its period
    # is open (2017–, period_end null), as the README says; validate called it a broken period
    article = tmp_path / "later.txt"
    article.write_text("工作组再获表彰\n\n3月9日讯 2017年以来,工作组组织社会各界向陇南捐款12500万元。\n", "utf-8")
    assert cli("build", article, "-o", tmp_path / "db.json").exit_code == 0
    figure = next(iter(json.loads((tmp_path / "db.json").read_text("utf-8"))["figures"].values()))
    assert (figure["raw"], figure["period_start"], figure["period_end"]) == ("12500万元", 2017, None)
    result = cli("validate", "--db", tmp_path / "db.json", "--sources", tmp_path)
    assert result.exit_code == 0, result.output
