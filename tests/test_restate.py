"""qdaid.pipeline.restate: same_fact, compare and link on figure records made by hand.

Each expectation is read off the numbers as written, with the arithmetic beside it.
"""

import pytest

from qdaid.pipeline.restate import compare, same_fact
from qdaid.pipeline.statements import link


def fig(raw, value, approx="exact", source="a", id=None, **fields):
    record = {"id": id or f"{source}-{raw}", "source": source, "metric": "fiscal_aid", "unit": "cny",
              "kind": "amount", "honoree": "longnan-group", "region": "longnan", "covers": [],
              "period_start": 2020, "period_end": 2020, "raw": raw, "value": value, "approx": approx}
    return {**record, **fields}


@pytest.mark.parametrize(("a", "b", "verdict", "reason"), [
    # 15.66亿 written to 0.01亿; rounded to the 0.1亿 the other writes: 15.7亿.
    (fig("15.66亿元", 1566000000), fig("15.7亿元", 1570000000, source="b"),
     "agrees", "15.7亿 is 15.66亿 rounded to 0.1亿"),
    # 179.4万 rounds to 179万 at 1万, not 190万: 190 − 179.4 = 10.6万 apart.
    (fig("190万人", 1900000, unit="person"), fig("179.4万人", 1794000, unit="person", source="b"),
     "disagrees", "190万 vs 179.4万: 10.6万 apart"),
    # both written to 0.1亿, 0.1亿 apart.
    (fig("1.2亿元", 120000000), fig("1.3亿元", 130000000, source="b"), "disagrees", "1.2亿 vs 1.3亿: 0.1亿 apart"),
    # the same number, the same way.
    (fig("62名", 62, unit="person"), fig("62名", 62, unit="person", source="b"), "agrees", "both 62"),
    # 五 and 5: one value, written two ways.
    (fig("五批", 5, unit="batch"), fig("5批", 5, unit="batch", source="b"), "agrees", "五 = 5"),
    # 2300多万: at least 2300万, short of 2400万 (its 3 counts 100万); 2350万 lies between.
    (fig("2300多万元", 23000000, "more_than"), fig("2350万元", 23500000, source="b"),
     "agrees", "2350万 fits 2300多万 (at least 2300万, below 2400万)"),
    # 2200万 is below the bound 2300万: 100万 short; the reason says the range it used.
    (fig("2300多万元", 23000000, "more_than"), fig("2200万元", 22000000, source="b"),
     "disagrees", "2300多万 vs 2200万: 100万 apart; 2300多万 (at least 2300万, below 2400万)"),
    # 620余万: 620万 up to 630万 (the 2 counts 10万); 9000余万: 9000万 up to 1亿 (the 9 counts
    # 1000万, and 9000万 + 1000万 is 1亿, said in 亿); 9000万 − 620万 = 8380万 apart.
    (fig("620余万元", 6200000, "over"), fig("9000余万元", 90000000, "over", source="b"), "disagrees",
     "620余万 vs 9000余万: 8380万 apart; 620余万 (at least 620万, below 630万); 9000余万 (at least 9000万, below 1亿)"),
    # 1.4万多: 1.4万 up to 1.5万; 1.5万 is not in it, but is written to 0.1万 and so stands for
    # 1.45万 up to 1.55万, which meets it: they agree, and the reason says by what (it said "1.5万 fits
    # 1.4万多 (… below 1.5万)", which contradicts itself).
    (fig("1.4万多名", 14000, "more_than", unit="person"), fig("1.5万名", 15000, unit="person", source="b"),
     "agrees", "1.5万 (1.45万 to 1.55万 as rounded) and 1.4万多 (at least 1.4万, below 1.5万) meet"),
    # 9.1万多: 多 after the decimal and 万: 9.1万 up to 9.2万; 9.15万 lies between.
    (fig("9.1万多人", 91000, "more_than", unit="person"), fig("9.15万人", 91500, unit="person", source="b"),
     "agrees", "9.15万 fits 9.1万多 (at least 9.1万, below 9.2万)"),
    # 超过 sets no upper bound: at least 100万, and 50万 is 50万 short of it.
    (fig("超过100万元", 1000000, "over"), fig("50万元", 500000, source="b"),
     "disagrees", "超过100万 vs 50万: 50万 apart; 超过100万 (at least 100万)"),
    # 近800万: at most 800万, within 5% (40万) below it: 790万 is inside.
    (fig("近800万元", 8000000, "nearly"), fig("790万元", 7900000, source="b"),
     "agrees", "790万 fits 近800万 (nearly 800万)"),
    # 近800万 cannot be 810万 (810万 rounds to itself at 1万: [809.5万, 810.5万) lies above 800万).
    (fig("近800万元", 8000000, "nearly"), fig("810万元", 8100000, source="b"),
     "disagrees", "近800万 vs 810万: 10万 apart; 近800万 (nearly 800万)"),
    # 约120万: within 5% (6万) of 120万, [114万, 126万]; 125万 ([124.5万, 125.5万)) is inside,
    # 127万 ([126.5万, 127.5万)) is not.
    (fig("约120万元", 1200000, "about"), fig("125万元", 1250000, source="b"),
     "agrees", "125万 fits 约120万 (about 120万)"),
    (fig("约120万元", 1200000, "about"), fig("127万元", 1270000, source="b"),
     "disagrees", "约120万 vs 127万: 7万 apart; 约120万 (about 120万)"),
    # 1亿 is written to 1亿: 1.06亿 rounds to it (as 15.66亿 to 15.7亿).
    (fig("1亿元", 100000000), fig("1.06亿元", 106000000, source="b"), "agrees", "1亿 is 1.06亿 rounded to 1亿"),
    # a rate: 20.84% rounds to 20.8% at 0.1.
    (fig("20.84%", 20.84, unit="percent", kind="ratio"), fig("20.8%", 20.8, unit="percent", kind="ratio", source="b"),
     "agrees", "20.8 is 20.84 rounded to 0.1"),
])
def test_compare(a, b, verdict, reason):
    assert compare(a, b) == (verdict, reason)


@pytest.mark.parametrize(("a", "b", "verdict"), [
    # 多/余 says "and some", short of the next unit of the last significant digit written.
    # 620余万: 620万 up to 630万 (its last significant digit, the 2, counts 10万). 50亿 and 9000余万
    # (9000万 up to 1亿) lie far above it; 625万 ([624.5万, 625.5万)) and 620多万 (620万 up to 630万
    # again) inside it.
    (fig("620余万元", 6200000, "over"), fig("50亿元", 5000000000, source="b"), "disagrees"),
    (fig("620余万元", 6200000, "over"), fig("9000余万元", 90000000, "over", source="b"), "disagrees"),
    (fig("620余万元", 6200000, "over"), fig("625万元", 6250000, source="b"), "agrees"),
    (fig("620余万元", 6200000, "over"), fig("620多万元", 6200000, "more_than", source="b"), "agrees"),
    # 9.1万多: 多 after the multiplier and a decimal: 9.1万 up to 9.2万. 900万多 (900万 up to 901万)
    # is a hundred times more; 9.15万 ([9.145万, 9.155万)) is inside.
    (fig("9.1万多人", 91000, "more_than", unit="person"), fig("900万多人", 9000000, "more_than", unit="person", source="b"),
     "disagrees"),
    (fig("9.1万多人", 91000, "more_than", unit="person"), fig("9.15万人", 91500, unit="person", source="b"), "agrees"),
    # 2300多万: 2300万 up to 2400万 (the 3 counts 100万); 2450万 ([2449.5万, 2450.5万)) is above it.
    (fig("2300多万元", 23000000, "more_than"), fig("2450万元", 24500000, source="b"), "disagrees"),
    # 7000余人: 7000 up to 8000; 7500 inside, 8500 above.
    (fig("7000余人", 7000, "over", unit="person"), fig("7500人", 7500, unit="person", source="b"), "agrees"),
    (fig("7000余人", 7000, "over", unit="person"), fig("8500人", 8500, unit="person", source="b"), "disagrees"),
    # 1200多个: 1200 up to 1300; 1250 inside, 1350 above.
    (fig("1200多个", 1200, "more_than", unit="item"), fig("1250个", 1250, unit="item", source="b"), "agrees"),
    (fig("1200多个", 1200, "more_than", unit="item"), fig("1350个", 1350, unit="item", source="b"), "disagrees"),
    # 10万余: 余 after 万, 10万 and some thousands, up to 11万: 10.5万 inside, 12万 above.
    (fig("10万余元", 100000, "over"), fig("10.5万元", 105000, source="b"), "agrees"),
    (fig("10万余元", 100000, "over"), fig("12万元", 120000, source="b"), "disagrees"),
    # 三百多: 300 up to 400 (the 3 counts hundreds); 五百 is above.
    (fig("三百多人", 300, "more_than", unit="person"), fig("五百人", 500, unit="person", source="b"), "disagrees"),
    # 超过 and 以上 say "at least" and no more: 500万 fits 超过100万 and 100万以上.
    (fig("超过100万元", 1000000, "over"), fig("500万元", 5000000, source="b"), "agrees"),
    (fig("100万元以上", 1000000, "over"), fig("500万元", 5000000, source="b"), "agrees"),
])
def test_more_and_over_stop_short_of_the_next_unit_written(a, b, verdict):
    assert compare(a, b)[0] == verdict
    assert compare(b, a)[0] == verdict


def test_rounding_is_half_up_and_no_wider_than_written():
    # 15.65亿 rounds to 15.7亿 (half up: [15.65, 15.75) holds it); 15.64亿 rounds to 15.6亿.
    assert compare(fig("15.65亿元", 1565000000), fig("15.7亿元", 1570000000, source="b"))[0] == "agrees"
    assert compare(fig("15.64亿元", 1564000000), fig("15.7亿元", 1570000000, source="b"))[0] == "disagrees"
    # 62 and 63 persons: each written to 1, neither rounds to the other.
    assert compare(fig("62名", 62), fig("63名", 63, source="b"))[0] == "disagrees"


@pytest.mark.parametrize(("change", "same"), [
    ({}, True),
    ({"source": "a"}, False),                                 # one source: not a restatement
    ({"metric": "donations_cash"}, False),                    # another metric
    ({"unit": "person"}, False),                              # another unit
    ({"honoree": "anshun-team"}, False),                      # another honoree
    ({"region": "anshun"}, False),                            # another place
    ({"honoree": None}, False),                               # the same place, no honoree: another scope
    ({"region": None}, True),                                 # the same honoree, no place named
    ({"honoree": None, "region": None}, False),               # nothing in common
    ({"period_start": 2017, "period_end": 2021}, False),      # 2020 inside 2017–2021: a part, not the fact
    ({"period_start": 2021, "period_end": 2021}, False),      # disjoint periods
    ({"period_start": None, "period_end": None}, True),       # one undated
    ({"kind": "duration", "metric": "fiscal_aid"}, False),    # a duration: never a fact of its own
])
def test_same_fact(change, same):
    a = fig("1.2亿元", 120000000, source="a")
    b = {**fig("1.3亿元", 130000000, source="b"), **change}
    if change.get("kind"):
        a["kind"] = change["kind"]
    assert same_fact(a, b) is same and same_fact(b, a) is same


def test_link_gives_each_restating_figure_a_row_for_each_way_an_earlier_source_wrote_its_fact():
    # Source a states the 2020 aid (1.2亿) and the 2017–2021 aid (5.3亿); b restates the 2020 aid
    # as 1.2亿: linked to a's 2020 figure (the same period), not to the five-year total (a part).
    a2020 = fig("1.2亿元", 120000000, id="a-1")
    a5 = fig("5.3亿元", 530000000, id="a-2", period_start=2017, period_end=2021)
    b2020 = fig("1.2亿元", 120000000, source="b", id="b-1")
    # c restates it as 1.3亿 and 1.25亿 (two sentences): a's and b's 1.2亿 are written alike, so the
    # earlier, a's, stands for both: one row each, to a's. 1.25亿 rounds to 1.3亿 at 0.1亿, not to
    # 1.2亿: both disagree. c's own two figures are never compared (one source).
    c2020 = fig("1.3亿元", 130000000, source="c", id="c-1")
    c2020b = fig("1.25亿元", 125000000, source="c", id="c-2")
    # d says 1.3亿: the fact is now written three ways (1.2亿 a, 1.3亿 c, 1.25亿 c): a row for each,
    # disagreeing with 1.2亿, agreeing with 1.3亿 (the same) and with 1.25亿 (1.3亿 is it rounded).
    d2020 = fig("1.3亿元", 130000000, source="d", id="d-1")
    rows = link([b2020], [a2020, a5]) + link([c2020, c2020b], [a2020, a5, b2020]) + \
        link([d2020], [a2020, a5, b2020, c2020, c2020b])
    assert [(r["id"], r["figure"], r["restates"], r["verdict"]) for r in rows] == [
        ("b-1-re-a-1", "b-1", "a-1", "agrees"),
        ("c-1-re-a-1", "c-1", "a-1", "disagrees"),
        ("c-2-re-a-1", "c-2", "a-1", "disagrees"),
        ("d-1-re-a-1", "d-1", "a-1", "disagrees"),
        ("d-1-re-c-1", "d-1", "c-1", "agrees"),
        ("d-1-re-c-2", "d-1", "c-2", "agrees"),
    ]
    assert link([a2020], [a5]) == []  # one source: nothing restated


def test_link_prefers_the_same_period_to_an_agreeing_overlapping_one():
    # b says 5.3亿 for 2020. a's 2020 figure is 1.2亿, a's 2017–2021 total 5.3亿: the fact b
    # restates is a's 2020 aid (the same period), and they disagree; the equal total of a wider
    # period is another fact (of which 2020 is a part).
    a2020 = fig("1.2亿元", 120000000, id="a-1")
    a5 = fig("5.3亿元", 530000000, id="a-2", period_start=2017, period_end=2021)
    rows = link([fig("5.3亿元", 530000000, source="b", id="b-1")], [a5, a2020])
    assert [(r["restates"], r["verdict"]) for r in rows] == [("a-1", "disagrees")]


def test_link_compares_a_figure_with_every_way_the_fact_was_written():
    # a's 2990名 and c's 3500名 state one fact (2020, the same honoree and place). b's 3000多名 (at
    # least 3000) cannot be 2990 (10 below the bound) but fits 3500: one row for each, and b
    # disagrees with a though it agrees with c (it once linked to c alone, hiding the dispute).
    people = {"unit": "person", "metric": "people_benefited"}
    a = fig("2990名", 2990, id="a-1", **people)
    c = fig("3500名", 3500, source="c", id="c-1", **people)
    rows = link([fig("3000多名", 3000, "more_than", source="b", id="b-1", **people)], [a, c])
    assert [(r["restates"], r["verdict"]) for r in rows] == [("a-1", "disagrees"), ("c-1", "agrees")]


def test_an_undated_figure_restates_the_statement_it_agrees_with_dated_or_not():
    # b's 1.25亿 has no period. a says 71600元 with none and 1.25亿 for 2017–2021: an undated
    # statement is no closer to an undated figure than a dated one, so the one that agrees (the
    # same 1.25亿) is the fact b restates, not the undated 71600元 (1.249284亿 away).
    a_undated = fig("71600元", 71600, id="a-1", period_start=None, period_end=None)
    a_since = fig("1.25亿元", 125000000, id="a-2", period_start=2017, period_end=2021)
    b = fig("1.25亿元", 125000000, source="b", id="b-1", period_start=None, period_end=None)
    (row,) = link([b], [a_undated, a_since])
    assert (row["restates"], row["verdict"], row["reason"]) == ("a-2", "agrees", "both 1.25亿")


def test_an_honorees_places_differ_only_where_both_sentences_name_them():
    # 窦宗君募集社会资金2600万元 in his section (place: his home, 青岛, region_basis section) and the same
    # sentence in a draft about 陇南 (place: the one helped city, region_basis context): one fact, the
    # draft's 2700万 then contradicts it. Two sentences that each name a place, 陇南 and 安顺: two facts.
    home = fig("2600万元", 26000000, honoree="dou-zongjun", region="qingdao", region_basis="section", period_start=None,
               period_end=None)
    draft = fig("2700万元", 27000000, source="d", honoree="dou-zongjun", region="longnan", region_basis="context",
                period_start=None, period_end=None)
    assert same_fact(home, draft)
    named = {**draft, "region_basis": "explicit"}
    assert same_fact(home, named)  # one of them a guess: the named place does not differ from it
    assert not same_fact({**home, "region_basis": "explicit"}, {**named, "region": "anshun"})
    # a place's figures (no honoree) keep their places however they were found
    assert not same_fact({**home, "honoree": None, "region_basis": "context"},
                         {**draft, "honoree": None, "region": "anshun", "region_basis": "context"})
