"""The lower end of an interval, worked out by hand: what the text proves when figures may
overlap (the heaviest set of figures that cannot, and the years of a multi-year total outside its
own year's figure), and that every interval says why, on Chinese and English pages.

Paragraph numbers are the article's non-blank lines (data/000_0077034771fe7207.txt)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from qdaid import store

YI = 10**8


def yi(amount: str) -> int:
    """12.63亿 as the exact integer it is (12.63 * 10**8 in floating point is not)."""
    return int(Decimal(amount) * YI)

QINGDAO_2020, LONGNAN_TOTAL, LONGNAN_2020 = "qdrb-20210225-01610", "qdrb-20210225-03457", "qdrb-20210225-03492"


def _json(cli, *args) -> list[dict]:
    result = cli("stats", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _interval(r: dict) -> tuple:
    return r["total"], r["total_min"], r["total_max"], r["overlap_possible"]


# ---- the bundled article ------------------------------------------------------------------------

def test_consumption_aid_proves_longnan_and_anshun_together(cli):
    # ¶10 Qingdao's 2020 consumption aid, 10.6亿 (no single place); ¶21 Longnan 2017–2021 (2017年以来), 8.58亿,
    # its 2020 part 7.54亿 inside it and inside the 10.6亿 (counted once); ¶15 Jiaozhou 2016–2021, 1.8亿, no
    # place; ¶30 Anshun, undated, 4.05亿. Longnan's 8.58亿 and Anshun's 4.05亿 are of places that do not nest:
    # they cannot be the same money, so the text proves 8.58 + 4.05 = 12.63亿, more than the 10.6亿 alone
    # (which may hold part of either, so it cannot join them). It is also the least possible: the 4.05亿
    # all in 2020 and with the 7.54亿 making up the 10.6亿 (7.54 + 3.06), the 1.8亿 inside the rest.
    # At most: 10.6 + 8.58 + 1.8 + 4.05 − 7.54 (held by two) = 17.49亿.
    (r,) = _json(cli, "--metric", "consumption_aid", "--unit", "cny", "--explain")
    assert _interval(r) == (yi("12.63"), yi("12.63"), yi("17.49"), True)
    assert r["total_is_lower_bound"] is False  # no 多/余 in 8.58亿 or 4.05亿
    # Why not more: the 10.6亿 and Jiaozhou's 1.8亿 (no single place, years that meet 2017–2021) may repeat
    # Longnan's 8.58亿, the largest figure taken
    assert r["excluded_because"] == [
        f"{LONGNAN_2020} in {LONGNAN_TOTAL} (part_of)", f"{LONGNAN_2020} in {QINGDAO_2020} (scope)",
        f"qdrb-20210225-02441 may overlap {LONGNAN_TOTAL} (years meet, no single place)",
        f"{QINGDAO_2020} may overlap {LONGNAN_TOTAL} (years meet, no single place)"]
    as_csv = next(csv.DictReader(io.StringIO(cli("stats", "--metric", "consumption_aid", "--unit", "cny",
                                                 "-f", "csv").stdout)))
    assert (as_csv["total"], as_csv["total_min"], as_csv["total_max"], as_csv["overlap_possible"]) == \
        ("1263000000", "1263000000", "1749000000", "true")
    page = ["stats", "--metric", "consumption_aid", "--unit", "cny", "--explain", "-F", "metric,total,excluded_because",
            "-f", "md"]
    zh, en = cli(*page).stdout, cli(*page, "--lang", "en").stdout
    assert "12.63亿–17.49亿元" in zh and "1.263–1.749 billion CNY" in en
    assert f"qdrb-20210225-02441 可能与 {LONGNAN_TOTAL} 重复（时期相交，无单一地点）" in zh
    assert f"qdrb-20210225-02441 may overlap {LONGNAN_TOTAL} (years meet, no single place)" in en


def test_the_years_of_a_total_outside_its_years_figure_add_to_a_figure_of_that_year(cli):
    # Dou's 10.6亿 (2020) and the Longnan team's 8.58亿 (2017–2021), whose 2020 figure is 7.54亿: the other
    # years hold 8.58 − 7.54 = 1.04亿, which no 2020 figure can hold, and the 7.54亿 lies inside the 10.6亿
    # (the city's 2020 figure holds the team's, the build's `scope`): at least 10.6 + 1.04 = 11.64亿, at
    # most 10.6 + 8.58 − 7.54 = 11.64亿. Exactly 11.64亿, with no overlap left to explain.
    args = ["--metric", "consumption_aid", "--unit", "cny", "--honoree", "dou-zongjun", "--honoree", "longnan-group"]
    (r,) = _json(cli, *args, "--explain")
    assert _interval(r) == (yi("11.64"), yi("11.64"), yi("11.64"), False)
    assert r["excluded_because"] == [f"{LONGNAN_2020} in {LONGNAN_TOTAL} (part_of)",
                                     f"{LONGNAN_2020} in {QINGDAO_2020} (scope)"]
    result = cli("stats", *args, "-f", "csv", "--lang", "en")
    assert next(csv.DictReader(io.StringIO(result.stdout)))["total_min"] == "1164000000"
    assert "may count the same aid twice" not in result.stderr  # no interval, no note


def test_an_interval_from_periods_and_places_says_why(cli):
    # ¶30 Anshun's 1.89亿 (undated) and ¶23 the Longnan team's 3901.5余万 (2020) cannot overlap (places that do
    # not nest): the text proves them. ¶15 Jiaozhou's 2100万 names no place and no year: it may repeat the
    # largest, 1.89亿. ¶10 Dou's 2300多万 for Longnan's flood in 2020 may be the team's 2020 money in Longnan.
    (r,) = _json(cli, "--metric", "donations_mixed", "--explain")
    assert _interval(r) == (228015000, 228015000, 272015000, True) and r["excluded"] == 0
    assert r["excluded_because"] == [
        "qdrb-20210225-02530 may overlap qdrb-20210225-04935 (undated, no single place)",
        "qdrb-20210225-01553 may overlap qdrb-20210225-03959 (years meet, same place)"]
    args = ["stats", "--metric", "donations_mixed", "--explain", "-F", "metric,total,excluded_because", "-f", "md"]
    zh, en = cli(*args).stdout, cli(*args, "--lang", "en").stdout
    assert "qdrb-20210225-02530 可能与 qdrb-20210225-04935 重复（未注明时期，无单一地点）" in zh
    assert "qdrb-20210225-01553 可能与 qdrb-20210225-03959 重复（时期相交，同一地点）" in zh
    assert "qdrb-20210225-01553 may overlap qdrb-20210225-03959 (years meet, same place)" in en
    assert "may overlap" not in zh and "可能与" not in en


@pytest.mark.parametrize("by", ["metric", "honoree", "region", "year"])
def test_every_interval_says_why(cli, by):
    """An interval comes from a figure excluded on a possibility, sources that disagree, or counted
    figures whose years and places leave an overlap open; --explain names one of them for each."""
    rows = _json(cli, "--by", by, "--explain")
    intervals = [r for r in rows if r["overlap_possible"]]
    assert intervals
    for r in intervals:
        said = [line for line in r["excluded_because"] if "possibly" in line or " may overlap " in line]
        assert said or r["sources_disagree"], r


# ---- the rule on changed copies of the article's figures: Dou's 10.6亿 (¶10, 2020, no single place)
# beside the Longnan team's 8.58亿 (¶21, 2017–2021) and its 2020 figure 7.54亿 (part_of the 8.58亿) ---------

TWO = ["--metric", "consumption_aid", "--unit", "cny", "--honoree", "dou-zongjun", "--honoree", "longnan-group"]
IN_CITY = f"{LONGNAN_2020}-in-01610"  # the build's link: the city's 2020 figure holds the team's (scope)


def _changed(cli, tmp_path, figures: dict[str, dict], keep_scope: bool = False, links: list[dict] = ()) -> dict:
    """The two honorees' consumption aid in a copy of the bundled database with these figures'
    fields changed (id → fields); the scope link of the 7.54亿 in the 10.6亿 dropped unless kept."""
    tables = store.load(store.bundled_dir() / store.DB_NAME)
    for f in tables["figures"]:
        f.update(figures.get(f["id"], {}))
    tables["containment"] = [c for c in tables["containment"] if keep_scope or c["id"] != IN_CITY] + list(links)
    db = tmp_path / "db.json"
    store.write_tables(db, tables)
    (r,) = [r for r in _json(cli, "--db", db, *TWO, "--explain") if r["unit"] == "cny"]
    return r


def test_the_rest_of_a_total_outside_the_year_is_proven(cli, tmp_path):
    # Without the link saying the 7.54亿 lies in the 10.6亿: the 1.04亿 of 2017–2019 and 2021 still cannot be
    # in a 2020 figure, so at least 10.6 + 1.04 = 11.64亿; at most 10.6 + 8.58 = 19.18亿 (the 7.54亿, inside
    # the 8.58亿, may be other money than the city's); the 8.58亿 may overlap the 10.6亿 (years meet, and
    # the 10.6亿 has no single place)
    r = _changed(cli, tmp_path, {})
    assert _interval(r) == (yi("11.64"), yi("11.64"), yi("19.18"), True)
    assert r["excluded_because"] == [f"{LONGNAN_2020} in {LONGNAN_TOTAL} (part_of)",
                                     f"{LONGNAN_TOTAL} may overlap {QINGDAO_2020} (years meet, no single place)"]
    # a 2020 figure of Gansu, which holds Longnan, is as far from the other years: 11.64亿 still
    assert _changed(cli, tmp_path, {QINGDAO_2020: {"region": "gansu"}})["total_min"] == yi("11.64")


# Where the rest could still lie inside the 10.6亿, the rule must not apply: the text then proves the
# larger figure alone, 10.6亿 (the 8.58亿 may lie wholly inside it), at most 10.6 + 8.58 = 19.18亿.
MUST_NOT = [
    ("the 10.6亿 spans 2019–2020: the rest may be 2019 money inside it", {QINGDAO_2020: {"period_start": 2019}}, []),
    ("the part is of the total's own years (a 其中 breakdown): the total has no other years",
     {LONGNAN_2020: {"period_start": 2017, "period_end": 2021}}, []),
    ("the 10.6亿 has no year", {QINGDAO_2020: {"period_start": None, "period_end": None}}, []),
    ("the part is Huixian's: Longnan's other 2020 money, elsewhere in Longnan, may be in the rest",
     {LONGNAN_2020: {"region": "huixian"}}, []),
    ("the part is 7.54余亿 (at least): the rest may be less than 1.04亿, down to nothing",
     {LONGNAN_2020: {"approx": "over", "raw": "7.54余亿元"}}, []),
    ("the part is about 7.54亿 (约): the rest may be less", {LONGNAN_2020: {"approx": "about", "raw": "约7.54亿元"}}, []),
    ("the part is Dou's: it need not be all of the team's 2020", {LONGNAN_2020: {"honoree": "dou-zongjun"}}, []),
    ("the build only inferred from the years that the part lies in the total (as it does the COVID months' "
     "捐款57万元 in 2017–2021's 1.25亿: other money of those months may be in the rest)",
     {LONGNAN_2020: {"part_of": None}},
     [{"id": f"{LONGNAN_2020}-in-03457", "figure": LONGNAN_2020, "within": LONGNAN_TOTAL, "reason": "period",
       "certain": True, "note": "8.58亿元 over 2017–2021 covers 7.54亿元 in 2020", "source": "qdrb-20210225"}]),
]


@pytest.mark.parametrize(("why", "figures", "links"), MUST_NOT, ids=[m[0][:40] for m in MUST_NOT])
def test_the_rest_is_not_proven_where_it_may_lie_inside(cli, tmp_path, why, figures, links):
    r = _changed(cli, tmp_path, figures, links=links)
    assert (r["total_min"], r["total_max"], r["overlap_possible"]) == (yi("10.6"), yi("19.18"), True), why


# ---- the search itself -----------------------------------------------------------------------------

def test_the_search_finds_the_heaviest_set_that_cannot_overlap():
    """Against every subset, on random pieces (years, places and values drawn): the set found is
    the heaviest of those no two of whose pieces can overlap, and is such a set."""
    import itertools
    import random

    from qdaid import overlap

    class Places:  # four places, none inside another (a set of its own)
        def within(self, region):
            return {region}

    base, draw = Places(), random.Random(7)
    for _ in range(150):
        pieces = sorted(((draw.randint(1, 1000), False,
                          ((f"s{i}",), draw.choice([None, ((2019, 2019),), ((2020, 2021),), ((2021, 2021),)]),
                           draw.choice([None, "a", "b", "c"]))) for i in range(draw.randint(3, 11))),
                        key=lambda p: -p[0])

        def apart(chosen, pieces=pieces):
            return all(overlap.apart(base, pieces[i][2], pieces[j][2]) for i, j in itertools.combinations(chosen, 2))

        found = overlap._heaviest(base, pieces)
        best = max(sum(pieces[i][0] for i in c) for r in range(len(pieces) + 1)
                   for c in itertools.combinations(range(len(pieces)), r) if apart(c))
        assert apart(found) and sum(pieces[i][0] for i in found) == best, pieces


def test_beyond_the_exact_search_a_remainder_never_makes_the_proven_sum_smaller(monkeypatch):
    # Largest first, past the exact search's size: 10 (2020, place a); a remainder of 6 (a total's 2017–2019,
    # place b); 5 of 2018 and 5 of 2019 in place b, each inside the remainder's years and place. Taking the
    # remainder after the 10 bars both 5s (16); without it, 10 + 5 + 5 = 20, apart by years or places.
    from qdaid import overlap

    class Places:
        def within(self, region):
            return {region}

    monkeypatch.setattr(overlap, "EXACT_UP_TO", 0)
    pieces = [(10, False, (("s1",), ((2020, 2020),), "a")), (6, False, (("(rest)", "t", "p"), ((2017, 2019),), "b")),
              (5, False, (("s2",), ((2018, 2018),), "b")), (5, False, (("s3",), ((2019, 2019),), "b"))]
    assert sum(pieces[i][0] for i in overlap._heaviest(Places(), pieces)) == 20


def test_a_later_figure_that_may_overlap_never_lowers_what_one_sentence_proves(cli, tmp_path):
    # ¶23: 一对一帮扶41名贫困学生、30名贫困残疾人 (Longnan, undated): one sentence lists two groups
    # of people, which cannot be the same people, so the text proves 71. A later report's undated
    # 一对一帮扶陇南3名贫困学生 may be among them, or not: 71 to 74, never less than 71.
    db = tmp_path / "facts.json"
    db.write_bytes((store.bundled_dir() / store.DB_NAME).read_bytes())
    later = tmp_path / "later.txt"
    later.write_text("青岛帮扶陇南学生\n\n青岛日报社/观海新闻3月5日讯 青岛爱心人士一对一帮扶陇南3名贫困学生。\n",
                     encoding="utf-8")
    assert cli("build", "--append", later, "--date", "2021-03-05", "-o", db).exit_code == 0
    for store_path in (db, tmp_path / "facts.sqlite"):
        if store_path.suffix == ".sqlite":
            assert cli("export", "sqlite", store_path, "--db", db).exit_code == 0
        (row,) = _json(cli, "--db", store_path, "--metric", "people_supported")
        assert (row["count"], row["total"], row["total_min"], row["total_max"]) == (3, 71, 71, 74)
        assert row["overlap_possible"] is True and row["total_is_lower_bound"] is False
