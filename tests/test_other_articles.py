"""The pipeline on articles it was not written for: another city in Traditional characters,
and a work team's totals with no honoree headings. Expected figures were read by hand."""

from pathlib import Path

import pytest

from qdaid.pipeline.records import extract

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def dalian():
    return extract([ARTICLES / "dalian_traditional.txt"])


@pytest.fixture(scope="module")
def team():
    return extract([ARTICLES / "work_team_totals.txt"])


def _by_raw(tables):
    return {f["raw"]: f for f in tables["figures"]}


def test_traditional_honorees(dalian):
    honorees = {h["id"]: h for h in dalian["honorees"]}
    assert list(honorees) == ["li-ming", "liupanshui-team"]
    assert honorees["li-ming"]["name"] == "李明"
    assert honorees["li-ming"]["post"] == "大連市扶貧協作辦公室主任"  # quoted as written
    assert honorees["li-ming"]["partner_regions"] == ["liupanshui"]
    assert honorees["liupanshui-team"]["home_region"] == "dalian"
    assert dalian["sources"][0]["publisher"] == "大連新聞網"


# raw, value, unit, approx, metric, honoree, region, (period_start, period_end)
DALIAN = [
    ("1.2億元", 120000000, "cny", "exact", "funds_raised", "li-ming", "liupanshui", (2017, 2021)),
    ("15家", 15, "enterprise", "exact", "enterprises_introduced", "li-ming", "liupanshui", (2017, 2021)),
    ("8500餘名", 8500, "person", "over", "people_employed", "li-ming", "liupanshui", (2017, 2021)),
    ("18次", 18, "occasion", "exact", "field_visits", "li-ming", "liupanshui", (None, None)),
    ("兩萬五千名", 25000, "person", "exact", "people_benefited", "li-ming", "liupanshui", (None, None)),
    ("3.65億元", 365000000, "cny", "exact", "fiscal_aid", "liupanshui-team", "liupanshui", (2018, 2021)),
    ("216個", 216, "project", "exact", "projects_implemented", "liupanshui-team", "liupanshui", (2018, 2021)),
    ("48個", 48, "workshop", "exact", "workshops_built", "liupanshui-team", "liupanshui", (2018, 2021)),
    ("2300多人", 2300, "person", "more_than", "people_employed", "liupanshui-team", "liupanshui", (2018, 2021)),
    ("12個", 12, "workshop", "exact", "workshops_built", "liupanshui-team", "liupanshui", (2020, 2020)),
    ("2.4億元", 240000000, "cny", "exact", "consumption_aid", "liupanshui-team", "liupanshui", (2020, 2020)),
    ("6000餘人次", 6000, "person_time", "over", "people_trained", "liupanshui-team", "liupanshui", (2020, 2020)),
    ("18.5%", 18.5, "percent", "exact", "poverty_rate", "liupanshui-team", "liupanshui", (2020, 2020)),
    ("零", 0, "percent", "exact", "poverty_rate", "liupanshui-team", "liupanshui", (2020, 2020)),
]


@pytest.mark.parametrize("expected", DALIAN, ids=[e[0] for e in DALIAN])
def test_traditional_figures(dalian, expected):
    raw, value, unit, approx, metric, honoree, region, period = expected
    f = _by_raw(dalian)[raw]
    assert (f["value"], f["unit"], f["approx"], f["metric"], f["honoree"], f["region"]) == (
        value, unit, approx, metric, honoree, region)
    assert (f["period_start"], f["period_end"]) == period


def test_traditional_counts_and_links(dalian):
    figures = dalian["figures"]
    assert len(figures) == 19
    by_raw = _by_raw(dalian)
    assert by_raw["12個"]["part_of"] == by_raw["48個"]["id"]
    headline = [f for f in figures if f["paragraph"] == 1]
    assert [f["raw"] for f in headline] == ["3人", "2集體"] and all(f["part_of"] for f in headline)


def test_article_without_headings_keeps_its_figures(team):
    assert team["honorees"] == []
    figures = team["figures"]
    assert all(f["honoree"] is None for f in figures)
    by_raw = _by_raw(team)
    expected = {"2.5亿元": 250000000, "1.6亿元": 160000000, "9000万元": 90000000, "42名": 42, "360名": 360,
                "65次": 65, "1.2万名": 12000, "约3.2亿元": 320000000, "2万余人": 20000}
    assert {raw: f["value"] for raw, f in by_raw.items()} == expected
    assert by_raw["1.6亿元"]["part_of"] == by_raw["2.5亿元"]["id"]
    assert by_raw["9000万元"]["part_of"] == by_raw["2.5亿元"]["id"]
    assert (by_raw["1.6亿元"]["region"], by_raw["9000万元"]["region"]) == ("anshun", "longnan")
    assert by_raw["42名"]["metric"] == "cadres_dispatched"
    assert by_raw["360名"]["metric"] == "personnel_dispatched"
    assert by_raw["约3.2亿元"]["approx"] == "about"
    assert by_raw["2万余人"]["approx"] == "over"
    assert team["sources"][0]["date"] is None  # no sidecar: the year is unknown, not guessed


def test_offsets_hold_in_the_original_text(dalian, team):
    for name, tables in (("dalian_traditional.txt", dalian), ("work_team_totals.txt", team)):
        text = Path(ARTICLES / name).read_text("utf-8")
        for f in tables["figures"]:
            assert text[f["start"]:f["end"]] == f["raw"]
