"""Golden tests: the bundled database against an independent reading of the article.

The expected values below were read off the article by hand, not copied from the database.
"""

import pytest


def _find(figures, honoree, raw, nth=0):
    found = [f for f in figures if f["honoree"] == honoree and f["raw"] == raw]
    assert found, f"no figure {raw!r} for {honoree}"
    return found[nth]


# honoree, raw, value, unit, approx, metric (the lexicon's word for the keyword before it), period, region
GOLDEN = [
    (None, "179.4万", 1794000, "person", "exact", "people_lifted_out", (None, None), None),
    (None, "1982人", 1982, "person", "exact", "honorees", (None, None), None),
    (None, "61人", 61, "person", "exact", "honorees_posthumous", (None, None), None),
    ("dou-zongjun", "2473万元", 24730000, "cny", "exact", "funds_raised", (None, None), None),
    ("dou-zongjun", "2600万元", 26000000, "cny", "exact", "funds_raised", (None, None), None),
    ("dou-zongjun", "1198名", 1198, "person", "exact", "people_treated", (None, None), None),
    ("dou-zongjun", "2300多万元", 23000000, "cny", "more_than", "donations_mixed", (2020, 2020), "longnan"),
    ("dou-zongjun", "10.6亿元", 1060000000, "cny", "exact", "consumption_aid", (2020, 2020), None),
    ("dou-zongjun", "8倍", 8, "times", "exact", "consumption_aid", (2020, 2020), None),
    ("dou-zongjun", "65次", 65, "occasion", "exact", "commendations", (2019, 2019), None),
    ("dou-zongjun", "82个", 82, "town", "exact", "towns_visited", (None, None), None),
    ("dou-zongjun", "510个", 510, "village", "exact", "villages_visited", (None, None), None),
    ("dou-zongjun", "一批", 1, "batch", "exact", "donations_goods", (2020, 2020), None),
    ("jiaozhou-office", "3.1亿元", 310000000, "cny", "exact", "donations_cash", (2016, 2021), None),
    ("jiaozhou-office", "10.3亿元", 1030000000, "cny", "exact", "investment_attracted", (2016, 2021), None),
    ("jiaozhou-office", "7万多人", 70000, "person", "more_than", "people_benefited", (2016, 2021), None),
    ("jiaozhou-office", "3.8亿元", 380000000, "cny", "exact", "investment_attracted", (2016, 2021), "zhenning"),
    ("jiaozhou-office", "7000余人", 7000, "person", "over", "people_lifted_out", (2016, 2021), "zhenning"),
    ("jiaozhou-office", "6000万元", 60000000, "cny", "exact", "investment_attracted", (2016, 2021), "huixian"),
    ("jiaozhou-office", "126名", 126, "person", "exact", "people_employed", (2016, 2021), "huixian"),
    ("jiaozhou-office", "1.8亿元", 180000000, "cny", "exact", "consumption_aid", (2016, 2021), None),
    ("jiaozhou-office", "50多万亩", 500000, "mu", "more_than", "planting_area", (None, None), "xinjiang"),
    ("jiaozhou-office", "4万多亩", 40000, "mu", "more_than", "planting_area", (None, None), "guizhou"),
    ("jiaozhou-office", "30多亿元", 3000000000, "cny", "more_than", "output_value", (None, None), None),
    ("jiaozhou-office", "4.7万户", 47000, "household", "exact", "households_lifted_out", (None, None), None),
    ("jiaozhou-office", "70%", 70, "percent", "exact", "pass_rate", (None, None), "zhenning"),
    ("longnan-group", "2批", 2, "batch", "exact", "cadres_dispatched", (2016, 2021), "longnan"),
    ("longnan-group", "35名", 35, "person", "exact", "cadres_dispatched", (2016, 2021), "longnan"),
    ("longnan-group", "7.6亿元", 760000000, "cny", "exact", "investment_attracted", (2017, 2021), "longnan"),
    ("longnan-group", "6.35万名", 63500, "person", "exact", "people_lifted_out", (2017, 2021), "longnan"),
    ("longnan-group", "8434人次", 8434, "person_time", "exact", "people_trained", (2017, 2021), "longnan"),
    ("longnan-group", "1.4万多名", 14000, "person", "more_than", "people_employed", (2017, 2021), "longnan"),
    ("longnan-group", "341个", 341, "workshop", "exact", "workshops_built", (None, None), "longnan"),
    ("longnan-group", "8.58亿元", 858000000, "cny", "exact", "consumption_aid", (2017, 2021), "longnan"),
    ("longnan-group", "7.54亿元", 754000000, "cny", "exact", "consumption_aid", (2020, 2020), "longnan"),
    ("longnan-group", "1.25亿元", 125000000, "cny", "exact", "donations_cash", (2017, 2021), "longnan"),
    ("longnan-group", "2.02亿元", 202000000, "cny", "exact", "donations_goods", (2017, 2021), "longnan"),
    ("longnan-group", "49.25万个", 492500, "mask", "exact", "donations_goods", (2020, 2021), "longnan"),
    ("longnan-group", "近800万元", 8000000, "cny", "nearly", "purchases_facilitated", (None, None), "longnan"),
    ("longnan-group", "1707万元", 17070000, "cny", "exact", "fiscal_aid", (None, None), "longnan"),
    ("longnan-group", "620余万元", 6200000, "cny", "over", "donations_goods", (None, None), "longnan"),
    ("longnan-group", "一架", 1, "helicopter", "exact", "aircraft", (None, None), "longnan"),
    ("longnan-group", "71600元", 71600, "cny", "exact", "donations_cash", (None, None), "longnan"),
    ("longnan-group", "3901.5余万元", 39015000, "cny", "over", "donations_mixed", (2020, 2020), "longnan"),
    ("longnan-group", "142个", 142, "village", "exact", "villages_targeted", (None, None), "longnan"),
    ("anshun-team", "五批", 5, "batch", "exact", "cadres_dispatched", (2013, 2021), "anshun"),
    ("anshun-team", "65人次", 65, "person_time", "exact", "cadres_dispatched", (2013, 2021), "anshun"),
    ("anshun-team", "54.58万", 545800, "person", "exact", "people_lifted_out", (2014, 2021), "anshun"),
    ("anshun-team", "20.84%", 20.84, "percent", "exact", "poverty_rate", (2014, 2021), "anshun"),
    ("anshun-team", "零", 0, "percent", "exact", "poverty_rate", (2014, 2021), "anshun"),
    ("anshun-team", "11.0436亿元", 1104360000, "cny", "exact", "fiscal_aid", (None, None), "anshun"),
    ("anshun-team", "39.22亿元", 3922000000, "cny", "exact", "investment_attracted", (None, None), "anshun"),
    ("anshun-team", "618名", 618, "person", "exact", "personnel_dispatched", (None, None), "anshun"),
    ("anshun-team", "48757人次", 48757, "person_time", "exact", "people_trained", (None, None), "anshun"),
    ("anshun-team", "8个", 8, "district", "exact", "districts_paired", (None, None), "qingdao"),
    ("anshun-team", "7个", 7, "county", "exact", "counties_paired", (None, None), "anshun"),
    ("anshun-team", "318所", 318, "school", "exact", "participants_mobilised", (None, None), "anshun"),
    ("anshun-team", "4.05亿元", 405000000, "cny", "exact", "consumption_aid", (None, None), "anshun"),
    ("pingdu-office", "一半以上", 50, "percent", "over", "share", (None, None), "pingdu"),
    ("pingdu-office", "540万元", 5400000, "cny", "exact", "funds_integrated", (None, None), "cuijiaji"),
    ("pingdu-office", "2.3亿元", 230000000, "cny", "exact", "funds_integrated", (2020, 2020), "cuijiaji"),
    ("pingdu-office", "1612亩", 1612, "mu", "exact", "land_area", (2020, 2020), "cuijiaji"),
    ("pingdu-office", "6000余亩", 6000, "mu", "over", "land_area", (2020, 2020), "cuijiaji"),
    ("pingdu-office", "3万余户(次)", 30000, "household_time", "over", "households_visited", (None, None), "pingdu"),
    ("pingdu-office", "209个", 209, "village", "exact", "villages_included", (2017, 2018), "pingdu"),
]


@pytest.mark.parametrize("expected", GOLDEN, ids=[f"{g[0]}:{g[1]}" for g in GOLDEN])
def test_figure_fields(figures, expected):
    honoree, raw, value, unit, approx, metric, period, region = expected
    f = _find(figures, honoree, raw)
    assert (f["value"], f["unit"], f["approx"], f["metric"]) == (value, unit, approx, metric)
    assert (f["period_start"], f["period_end"]) == period
    assert f["region"] == region


PART_OF = [  # child raw → parent raw, same honoree
    ("jiaozhou-office", "3.8亿元", "10.3亿元"),
    ("jiaozhou-office", "6000万元", "10.3亿元"),
    ("jiaozhou-office", "7000余人", "7万多人"),
    ("jiaozhou-office", "126名", "7万多人"),
    ("longnan-group", "7.54亿元", "8.58亿元"),
    ("longnan-group", "795名", "1.4万多名"),
    (None, "61人", "1982人"),
]


@pytest.mark.parametrize(("honoree", "child", "parent"), PART_OF)
def test_part_of(figures, honoree, child, parent):
    assert _find(figures, honoree, child)["part_of"] == _find(figures, honoree, parent)["id"]


def test_headline_restates_the_lead(figures):
    headline = [f for f in figures if f["paragraph"] == 1]
    assert [f["raw"] for f in headline] == ["1人", "4集体"]
    lead = {f["id"]: f for f in figures if f["paragraph"] == 2}
    assert all(f["part_of"] in lead and lead[f["part_of"]]["value"] == f["value"] for f in headline)


def test_only_those_figures_are_parts(figures):
    parts = sorted(f["raw"] for f in figures if f["part_of"])
    assert parts == sorted(["1人", "4集体", "61人", "3.8亿元", "7000余人", "6000万元", "126名", "795名", "7.54亿元"])


# Numbers in names, dates, slogans and idioms, as a careless parser would read them. (全国50典型案例
# is a figure: 50 cases, read as 入选全省20优秀案例 is, a bare number before a counted noun.)
NOT_FIGURES = {"1", "2", "5", "N", "3721", "8.12", "8", "一万", "两", "三", "十三", "一", "1+1", "一天", "三位",
               "三等", "2019", "2018年", "2月", "10日", "初四", "四全", "一对一", "2014"}


def test_names_dates_and_slogans_are_not_figures(figures):
    assert not {f["raw"] for f in figures} & NOT_FIGURES
    assert not [f["raw"] for f in figures if f["raw"].startswith(("19", "20")) and "年" in f["raw"]]


def test_every_raw_is_its_text_span(figures):
    from qdaid.store import bundled_sources

    text = bundled_sources()[0].read_text("utf-8")
    for f in figures:
        assert text[f["start"]:f["end"]] == f["raw"]
        assert f["raw"] in f["quote"]


def test_honorees(tables):
    honorees = {h["id"]: h for h in tables["honorees"]}
    assert list(honorees) == ["dou-zongjun", "jiaozhou-office", "longnan-group", "anshun-team", "pingdu-office"]
    dou = honorees["dou-zongjun"]
    assert (dou["name"], dou["kind"], dou["post"]) == ("窦宗君", "individual", "青岛市扶贫协作工作办公室党组书记、主任")
    assert dou["motto"] == "敢打硬仗,创新模式"
    assert dou["partner_regions"] == ["anshun", "longnan", "heze"]
    assert honorees["longnan-group"]["listed_under"] == "gansu"
    assert honorees["anshun-team"]["listed_under"] == "guizhou"
    assert honorees["jiaozhou-office"]["listed_under"] is None
    assert honorees["anshun-team"]["partner_regions"] == ["anshun"]
    assert set(honorees["jiaozhou-office"]["partner_regions"]) == {
        "zhenning", "huixian", "ningshan", "cele", "sangzhuzi", "yiling", "caoxian"}
    assert honorees["pingdu-office"]["home_region"] == "pingdu"
    assert honorees["pingdu-office"]["motto"] == "满腔热忱,执着坚守"


def test_regions_form_a_tree(tables):
    regions = {r["id"]: r for r in tables["regions"]}
    assert regions["huixian"]["parent"] == "longnan" and regions["longnan"]["parent"] == "gansu"
    assert regions["cuijiaji"]["level"] == "township" and regions["cuijiaji"]["parent"] == "pingdu"
    assert "陇南" in regions["longnan"]["aliases"]
    for needed in ("anshun", "longnan", "heze", "zhenning", "huixian", "ningshan", "cele", "sangzhuzi",
                   "yiling", "caoxian", "qingdao", "jiaozhou", "pingdu", "cuijiaji"):
        assert needed in regions


def test_events(tables):
    dated = {(e["date"], e["precision"]) for e in tables["events"]}
    for expected in [("1996", "year"), ("2013-08", "month"), ("2016-10", "month"),
                     ("2021-02-10", "day"), ("2021-02-25", "day")]:
        assert expected in dated


def test_programs(tables):
    names = {p["name"].replace("“", "").replace("”", "") for p in tables["programs"]}
    for expected in ["辣椒扶贫模式", "心耳康复·光明行动", "1+2+5+N消费扶贫模式", "产业扶贫农创体模式",
                     "3721工作体系", "组团式帮扶"]:
        assert expected in names


def test_source_metadata(tables):
    (source,) = tables["sources"]
    assert source["publisher"] == "青岛日报社/观海新闻"
    assert source["date"] == "2021-02-25"
    assert source["reporter"] == "王凯"
    assert source["editors"] == ["刘聪聪", "孙丽荣"]
