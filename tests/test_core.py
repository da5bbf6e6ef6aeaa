"""Unit tests of the query half on the hand-written fact base of fixtures.py: names, filters,
totals, row views, serialisers, the output dispatch, export and validate. Each expected value is
worked out from the records in fixtures.py, noted beside it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal

import pytest

from qdaid import export, formats, render, validate, views
from qdaid.facts import FactBase, from_tables
from qdaid.filters import Filters
from qdaid.model import UsageError
from qdaid.query import search, timeline
from qdaid.stats import totals

from . import fixtures


@pytest.fixture
def base() -> FactBase:
    return from_tables(fixtures.tables())


def select(base: FactBase, flt: Filters) -> list[dict]:
    return list(base.select(base.where(flt)))


def stats(base: FactBase, flt: Filters, by: list[str]) -> list[dict]:
    return totals(base, base.where(flt), by, explain=True)[0]


def ids(rows) -> set[int]:
    return {int(r["id"].split("-")[1]) for r in rows}


# ---- names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["longnan", "陇南", "陇南市", "ＬｏｎｇＮａｎ", " 陇南 ", "longnanshi"])
def test_region_names(base, typed):
    assert base.region(typed) == "longnan"


def test_unknown_region_names_its_field_and_suggests(base):
    with pytest.raises(UsageError) as err:
        base.region("longan")
    assert err.value.param == "region" and "did you mean longnan" in str(err.value) and "--" not in str(err.value)


@pytest.mark.parametrize(("typed", "honoree"), [("王五", "wang-wu"), ("wangwu", "wang-wu"), ("甲工作组", "team-a"),
                                                ("甲组", "team-a"), ("team", "team-a")])
def test_honoree_names(base, typed, honoree):
    assert base.honoree(typed) == honoree


def test_a_province_includes_the_places_below_it(base):
    assert base.within("gansu") == {"gansu", "longnan", "huixian"}


# ---- filters ---------------------------------------------------------------------------------

def test_region_filter_takes_places_below(base):
    # gansu: every team-a figure (100…220, in longnan or huixian); none of wang-wu's (anshun)
    assert ids(select(base, Filters(regions=["甘肃"]))) == {100, 120, 140, 160, 180, 200, 220}


def test_filters_and_across_options_or_within_one(base):
    chosen = select(base, Filters(metrics=["donations"], regions=["anshun", "longnan"]))
    assert ids(chosen) == {140, 600, 660}  # donations_cash in longnan (1.25亿) and anshun (2600万, 71600)


def test_min_max_in_base_units(base):
    assert ids(select(base, Filters(units=["cny"], minimum=Decimal("1e8")))) == {100, 120, 140}


def test_year_errors_name_the_field_not_a_flag(base):
    with pytest.raises(UsageError) as err:
        select(base, Filters(since=1800))
    assert err.value.param == "since" and str(err.value) == "1800 is not a year between 1900 and 2100"


def test_filters_take_keywords_only():
    with pytest.raises(TypeError):
        Filters(["team-a"])  # type: ignore[misc]


# ---- totals ----------------------------------------------------------------------------------

def _row(rows, **match):
    (found,) = [r for r in rows if all(r[k] == v for k, v in match.items())]
    return found


def test_a_part_is_left_out_of_its_total(base):
    rows = stats(base, Filters(regions=["longnan"]), ["metric"])
    aid = _row(rows, metric="consumption_aid")
    # 7.54亿 (2020) is part_of 8.58亿 (2017–2021): the total is the larger one alone
    assert (aid["total"], aid["count"], aid["excluded"]) == (858000000, 2, 1)
    assert aid["excluded_ids"] == ["src-00120"]


def test_persons_add_as_a_lower_bound_and_percent_never(base):
    rows = stats(base, Filters(), ["honoree"])
    people = _row(rows, honoree="team-a", unit="person")
    # 126名 may lie inside 1.4万多名 (the containment fixture): 1.4万, at most 1.4万 + 126
    assert (people["total"], people["total_min"], people["total_max"]) == (14000, 14000, 14000 + 126)
    assert people["overlap_possible"] and people["total_is_lower_bound"] and people["excluded"] == 1
    assert _row(rows, honoree="team-a", unit="percent")["total"] is None
    assert _row(rows, honoree="wang-wu", unit="year")["total"] is None


def test_yuan_add_exactly(base):
    cash = _row(stats(base, Filters(), ["metric"]), metric="donations_cash")
    assert cash["total"] == 125000000 + 26000000 + 71600 and cash["honorees"] == 2
    raised = _row(stats(base, Filters(), ["metric"]), metric="funds_raised")
    assert raised["total"] == 0.5 and raised["total_is_approximate"]  # 约0.5元


def test_a_part_two_added_figures_hold_is_counted_once(tmp_path):
    from qdaid import store

    t = fixtures.tables()
    t["figures"].append(fixtures._figure(130, "team-a", "consumption_aid", 900000000, "cny", "9亿元",
                                         period=(2020, 2020), region="gansu"))
    link = {"id": "src-00120-in-00130", "figure": "src-00120", "within": "src-00130", "reason": "scope",
            "certain": True, "note": "7.54亿 in Longnan (2020) is part of 9亿 in Gansu (2020)", "source": "src"}
    t["containment"].append(link)
    aid = _row(stats(from_tables(t), Filters(), ["metric"]), metric="consumption_aid")
    # 8.58亿 (Longnan, 2017–2021) and 9亿 (Gansu, 2020) may overlap (Longnan lies in Gansu, 2020 in
    # 2017–2021): at most both, with 7.54亿 (Longnan, 2020), which lies in both, once. And no less: the
    # 7.54亿 is the team's own 2020 figure of Longnan (part_of), so the other 1.04亿 of the 8.58亿 is of
    # 2017–2019 and 2021, outside the 2020 figure: 9 + 1.04 = 10.04亿, exactly (overlap.year_shares)
    assert (aid["total"], aid["total_max"], aid["excluded"]) == (900000000 + 858000000 - 754000000,) * 2 + (1,)
    assert aid["overlap_possible"] is False
    # When 9亿 is itself inside 8.58亿, 7.54亿 is inside one added figure only: nothing to take off
    # (wang-wu's 100万元 in Anshun is added beside 8.58亿)
    t["containment"].append(link | {"id": "src-00130-in-00100", "figure": "src-00130", "within": "src-00100"})
    t["figures"].append(fixtures._figure(610, "wang-wu", "consumption_aid", 1000000, "cny", "100万元",
                                         period=(2019, 2019), region="anshun"))
    aid = _row(stats(from_tables(t), Filters(), ["metric"]), metric="consumption_aid")
    assert (aid["total"], aid["excluded"]) == (858000000 + 1000000, 2)
    # A SQLite store written from the same records says the same
    store.write_tables(tmp_path / "t.sqlite", t)
    assert stats(store.fact_base(tmp_path / "t.sqlite"), Filters(), ["metric"]) == stats(from_tables(t), Filters(), ["metric"])


def test_group_by_year_uses_the_one_period_label(base):
    years = {r["year"] for r in stats(base, Filters(), ["year"])}
    assert {"2017–2021", "2020", "2019", None} == years


# ---- search, timeline, views -----------------------------------------------------------------

def test_search_finds_pinyin_and_chinese(base):
    assert {(h["table"], h["id"]) for h in search(base, "WangWu")} == {("honorees", "wang-wu")}
    assert ("programs", "lajiao") in {(h["table"], h["id"]) for h in search(base, "辣椒")}


def test_timeline_in_date_order(base):
    rows = timeline(base, [], [])
    assert [r["date"] for r in rows][:2] == ["1996", "2013-08"]
    assert "2017–2021" in {r["date"] for r in rows}


def test_region_rows_count_figures_below(base):
    rows, _, _ = views.rows(base, "regions")
    counts = {r["id"]: r["figures"] for r in rows}
    # longnan: 100,120,140,160,220; huixian: 180,200; anshun: 600,620,640,660
    assert counts == {"gansu": 7, "longnan": 7, "huixian": 2, "guizhou": 4, "anshun": 4}


# ---- serialisers and the output dispatch -----------------------------------------------------

def test_csv_cells(base):
    text = formats.to_csv([{"a": ["x", "y"], "b": None, "c": True, "d": 0.1 + 0.2, "e": 'q"1,2'}], list("abcde"))
    assert text == 'a,b,c,d,e\nx;y,,true,0.30000000000000004,"q""1,2"\n'


def test_markdown_escapes_pipes():
    assert formats.to_markdown([{"a": "x|y"}], ["a"]).splitlines()[-1] == "| x\\|y |"


def test_one_dispatch_for_every_format(base):
    rows = select(base, Filters(honorees=["王五"]))
    view = render.View(["id", "value", "unit"])
    written = {}
    for fmt in ("csv", "tsv", "json", "jsonl", "md"):
        out = io.StringIO()
        render.Output(fmt, out=out).emit(rows, view)
        written[fmt] = out.getvalue()
    assert [r["value"] for r in csv.DictReader(io.StringIO(written["csv"]))] == ["26000000", "1198", "3", "71600"]
    assert [r["value"] for r in json.loads(written["json"])] == [26000000, 1198, 3, 71600]
    assert written["tsv"].splitlines()[0] == "id\tvalue\tunit"
    assert len(written["jsonl"].splitlines()) == 4 and written["md"].startswith("| id | value | unit |")
    assert set(render.WRITERS) == set(render.FORMATS) - {"auto"}


def test_unknown_fields_and_formats_name_their_option():
    with pytest.raises(UsageError) as err:
        render.Output("csv", "id,colour").columns(["id", "value"], None)
    assert err.value.param == "fields" and "colour" in str(err.value)
    with pytest.raises(UsageError) as err:
        render.Output("xml").format()
    assert err.value.param == "fmt"


# ---- export and validate ---------------------------------------------------------------------

def test_sqlite_export_keys_and_closure():
    db = sqlite3.connect(":memory:")
    export.to_sqlite(fixtures.tables(), db)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    below = {r for (r,) in db.execute("SELECT region FROM region_closure WHERE ancestor = 'gansu'")}
    assert below == {"gansu", "longnan", "huixian"}
    assert db.execute("SELECT honoree, region FROM honoree_partners ORDER BY 1").fetchall() == [
        ("team-a", "longnan"), ("wang-wu", "anshun")]
    assert db.execute("SELECT sum(value) FROM figures WHERE unit = 'cny' AND honoree = 'wang-wu'").fetchone() == (
        26071600,)


def _reference_problems(tables) -> list[str]:
    return [p for p in validate.problems(tables, []) if "names no record" in p or "cycle" in p]


def test_validate_checks_every_reference_model_declares():
    tables = fixtures.tables()
    assert _reference_problems(tables) == []
    tables["programs"][0]["source"] = "nowhere"
    tables["events"][0]["source"] = "nowhere"
    tables["honorees"][1]["partner_regions"] = ["atlantis"]
    found = _reference_problems(tables)
    assert "programs[lajiao]: source 'nowhere' names no record in sources" in found
    assert "events[src-e00700]: source 'nowhere' names no record in sources" in found
    assert "honorees[wang-wu]: partner_regions 'atlantis' names no record in regions" in found


def test_validate_finds_cycles_in_regions_and_parts():
    tables = fixtures.tables()
    tables["regions"][0]["parent"] = "huixian"  # gansu → huixian → longnan → gansu
    tables["figures"][0]["part_of"] = "src-00120"  # 100 ↔ 120
    found = _reference_problems(tables)
    assert "regions[gansu]: parent forms a cycle" in found and "figures[src-00100]: part_of forms a cycle" in found


