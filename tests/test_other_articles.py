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
    # 他先後18次…, 兩萬五千名: no year in their sentence, but 他 goes on with what the paragraph's 2017年以來
    # opens (李明's work since 2017): framed by it
    ("18次", 18, "occasion", "exact", "field_visits", "li-ming", "liupanshui", (2017, 2021)),
    ("兩萬五千名", 25000, "person", "exact", "people_benefited", "li-ming", "liupanshui", (2017, 2021)),
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
    # no sidecar, no dateline: the year the build takes for its periods, the latest it reports as
    # past (2020年工作总结, 2020年…), is the date it records, the year alone (no month or day is said)
    assert team["sources"][0]["date"] == "2020"


def test_offsets_hold_in_the_original_text(dalian, team):
    for name, tables in (("dalian_traditional.txt", dalian), ("work_team_totals.txt", team)):
        text = Path(ARTICLES / name).read_text("utf-8")
        for f in tables["figures"]:
            assert text[f["start"]:f["end"]] == f["raw"]


# ---- a city's yearly figures, dated sentence by sentence (read by hand) ---------------------

@pytest.fixture(scope="module")
def suzhou():
    tables = extract([ARTICLES / "suzhou_tongren_years.txt"])
    return tables, {f["raw"]: f for f in tables["figures"]}


def test_yearly_figures_are_dated_and_inside_their_total(suzhou):
    _, found = suzhou
    assert (found["3.6亿元"]["period_start"], found["3.6亿元"]["period_end"]) == (2016, 2021)  # 2016年以来, report 2021
    for raw, year in (("0.8亿元", 2018), ("1.1亿元", 2019), ("1.2亿元", 2020)):  # 其中, each with its own year
        assert (found[raw]["period_start"], found[raw]["period_end"]) == (year, year)
        assert found[raw]["part_of"] == found["3.6亿元"]["id"]
    assert found["3.6亿元"]["region"] == "tongren"


def test_comparisons_and_anaphora(suzhou):
    _, found = suzhou
    # 较2018年增长45%: the 2019 sentence's growth, not a 2018 figure; 是2018年的3倍: a ratio of 2020's
    assert (found["45%"]["period_start"], found["45%"]["kind"]) == (2019, "ratio")
    assert (found["3倍"]["period_start"], found["3倍"]["kind"]) == (2020, "ratio")
    assert found["12次"]["period_start"] == found["2300万元"]["period_start"] == 2019
    # 自结对以来: since the pairing of 2016, not since the last year the text named (2018)
    for raw in ("2个", "36家", "1.2万名"):
        assert (found[raw]["period_start"], found[raw]["period_end"]) == (2016, 2021), raw


def test_the_yearly_figures_add_to_their_total_once(suzhou):
    from qdaid.facts import from_tables
    from qdaid.filters import Where
    from qdaid.stats import totals

    tables, _ = suzhou
    base = from_tables(tables)
    (row,) = [r for r in totals(base, Where(), ["metric"])[0] if r["unit"] == "cny" and r["total"] == 3.6 * 10**8]
    assert row["excluded"] == 3 and not row["overlap_possible"]  # 0.8 + 1.1 + 1.2 are inside the 3.6亿


# ---- honorees named in running text (another city, no heading template) -----------------------

def test_honorees_named_in_running_text():
    tables = extract([ARTICLES / "yantai_honorees.txt"])
    honorees = {h["id"]: h for h in tables["honorees"]}
    assert list(honorees) == ["li-ming", "chongqing-group", "wang-fang"]
    assert (honorees["li-ming"]["kind"], honorees["li-ming"]["post"]) == ("individual", "烟台市扶贫协作办公室主任")
    assert (honorees["wang-fang"]["post"], honorees["chongqing-group"]["kind"]) == ("莱阳市扶贫办副主任", "collective")
    assert honorees["chongqing-group"]["partner_regions"] == ["chongqing"]
    found = {f["raw"]: f for f in tables["figures"]}
    assert (found["2.6亿元"]["honoree"], found["2.6亿元"]["region"]) == ("chongqing-group", "chongqing")
    assert found["1800户"]["honoree"] == "wang-fang"
    assert (found["1800户"]["period_start"], found["1800户"]["period_end"]) == (2016, 2021)  # 五年来, report 2021
