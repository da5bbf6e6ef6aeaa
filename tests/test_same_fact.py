"""Which figures of different sources state the same fact (issue 26, restate.same_fact and link),
on short articles written for these tests (tests/articles/same_fact), built together:

- periods/: a year's figure and another source's total over years are not one fact: the year is
  a part of the span (containment), and the total counts the span;
- scope/: one honoree's figure and a city-wide figure of the same place are not one fact; a
  sentence naming the honoree is the honoree's;
- every/: a fact written 8.34亿, 8.3亿, 8.34亿, 8.33亿 by four sources: 8.3亿 agrees with each
  (each rounds to it), 8.33亿 and 8.34亿 do not (0.01亿 apart at the 0.01亿 both write): every two
  statements are compared, and stats, list sources and cite say so.

A figure's id is its source's id and the offset of its number in the file. Every expected value
is worked out from the texts, beside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qdaid import store

HERE = Path(__file__).parent / "articles" / "same_fact"


def fid(folder: str, name: str, raw: str) -> str:
    """The id of the figure whose number is raw in the article folder/name (its first)."""
    meta = json.loads((HERE / folder / f"{name}.meta.json").read_text(encoding="utf-8"))
    return f"{meta['id']}-{(HERE / folder / f'{name}.txt').read_text(encoding='utf-8').index(raw):05d}"


def _build(folder: Path, target: Path) -> Path:
    from typer.testing import CliRunner

    from qdaid.cli import app

    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each folder built together (the files in order of name), in JSON."""
    out = tmp_path_factory.mktemp("same_fact")
    return {name: _build(HERE / name, out / f"{name}.json") for name in ("periods", "scope", "every")}


def _json(cli, *args):
    result = cli(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _stats(cli, db, metric) -> dict:
    (row,) = _json(cli, "stats", "--db", db, "--metric", metric, "-F",
                   "total,total_min,total_max,overlap_possible,sources_disagree")
    return row


def _sources(cli, db) -> dict:
    return {r["id"]: (r["figures"], r["confirmed"], r["disputed"]) for r in _json(cli, "list", "sources", "--db", db)}


def _same_fact(cli, db, figure) -> list[tuple[str, str]]:
    """cite's other sources of the figure: (their figure, the verdict), the reason's wording aside."""
    (record,) = _json(cli, "cite", figure, "--db", db)
    return [re.match(r"(\S+) \(\S+: .+?, (agrees|disagrees): ", line).groups() for line in record["same_fact"]]


# periods/: 1_year (whrb, 03-10): "2020年,威海市向定西市捐款0.6亿元"; 2_span (dxrb, 03-12): "2018年以来,
# 威海市向定西市捐款2.4亿元" (2018–2021, the article's year), and 销售农产品3.1亿元; 3_again (xh, 03-15):
# "2020年,威海市向定西市捐款6000万元". All of Dingxi, no honoree.
YEAR = fid("periods", "1_year", "0.6亿元")
SPAN = fid("periods", "2_span", "2.4亿元")
AGAIN = fid("periods", "3_again", "6000万元")


def test_a_year_is_a_part_of_another_sources_span_and_restated_by_a_third(built):
    tables = store.load(built["periods"])
    # 6000万 in 2020 is 0.6亿 in 2020: the same period, the same value (agrees); neither is the
    # 2018–2021 total's fact (it was: "0.6亿 vs 2.4亿" disagrees)
    assert [(r["figure"], r["restates"], r["verdict"]) for r in tables["restatements"]] == [(AGAIN, YEAR, "agrees")]
    # 2020 lies inside 2018–2021 and 2.4亿 ≥ 0.6亿: each 2020 figure is a part of the span, certainly;
    # the span came after 0.6亿 (found when 2_span was built), before 6000万 (when 3_again was)
    assert [(r["figure"], r["within"], r["reason"], r["certain"], r["source"]) for r in tables["containment"]] == [
        (YEAR, SPAN, "period", True, "dxrb-20210312"), (AGAIN, SPAN, "period", True, "xh-20210315")]


def test_the_total_of_a_span_and_its_years_is_the_span(cli, built):
    # donations: 2.4亿 over 2018–2021 holds both 2020 figures (0.6亿, and 6000万 restating it): the
    # total is 2.4亿, proven (no overlap left open, no dispute); it was 0.6亿 to 2.4亿
    assert _stats(cli, built["periods"], "donations_cash") == {
        "total": 240000000, "total_min": 240000000, "total_max": 240000000, "overlap_possible": False,
        "sources_disagree": []}
    # whrb's 0.6亿 is confirmed by xh's 6000万 and xh's by whrb's; dxrb's 2.4亿 and 3.1亿: no other
    # source states them (a part is not a restatement)
    assert _sources(cli, built["periods"]) == {"whrb-20210310": (1, 1, 0), "dxrb-20210312": (2, 0, 0),
                                               "xh-20210315": (1, 1, 0)}
    assert _same_fact(cli, built["periods"], SPAN) == []
    assert _same_fact(cli, built["periods"], YEAR) == [(AGAIN, "agrees")]


def test_a_draft_of_the_year_is_supported_by_the_years_not_contradicted_by_the_span(cli, built, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("威海定西协作\n2020年,威海市向定西市捐款0.6亿元。\n", encoding="utf-8")
    result = cli("check", draft, "--db", built["periods"], "--date", "2021-03-20", "-f", "json")
    (row,) = json.loads(result.stdout)
    # its fact is 2020's: 0.6亿 (whrb) and 6000万 (xh), both equal to it; 2.4亿 is 2018–2021's
    assert (result.exit_code, row["verdict"], sorted(row["sources"])) == (0, "supported", sorted([YEAR, AGAIN]))


# scope/: 1_honoree (whrb, 03-01): the honoree 赵志远 (heading), "赵志远发起…募集社会资金1800万元,资助
# 贫困学生3000名", and "有1人获评" twice (the title, the lead); 2_city (whgov, 03-05): "2020年,威海市共募集
# 社会资金3.5亿元" (the city's, no honoree); 3_named (qlwb, 03-08, in Traditional characters, no
# heading): "趙志遠發起…募集社會資金1800餘萬元": the sentence names him.
OWN = fid("scope", "1_honoree", "1800万元")
CITY = fid("scope", "2_city", "3.5亿元")
NAMED = fid("scope", "3_named", "1800餘萬元")


def test_an_honorees_figure_is_not_the_same_fact_as_a_city_wide_one(built):
    tables = store.load(built["scope"])
    figures = {f["id"]: f for f in tables["figures"]}
    # both of Weihai, of funds raised: the city's 3.5亿 is no restatement of one man's 1800万 (it was:
    # "disagrees"). qlwb's sentence names 赵志远, whom whrb made known: the figure is his, and 1800万 fits
    # 1800余万 (at least 1800万): agrees
    assert (figures[NAMED]["honoree"], figures[CITY]["honoree"]) == ("zhao-zhiyuan", None)
    assert [(r["figure"], r["restates"], r["verdict"]) for r in tables["restatements"]] == [(NAMED, OWN, "agrees")]
    assert tables["containment"] == []


def test_an_honorees_figure_and_a_city_wide_one_may_overlap_but_never_span_a_dispute(cli, built):
    # funds raised: 1800万 (undated, his; 1800余万 restates it: counted once) and the city's 3.5亿 in
    # 2020, one place: his may be within the city's, or not: from the larger alone, 3.5亿, to both,
    # 3.5亿 + 1800万 = 3.68亿; no dispute (it was 1800万 to 3.5亿, "sources disagree")
    assert _stats(cli, built["scope"], "funds_raised") == {
        "total": 350000000, "total_min": 350000000, "total_max": 368000000, "overlap_possible": True,
        "sources_disagree": []}
    # whrb: 4 figures (1人, 1人, 1800万, 3000名), its 1800万 confirmed; whgov's 3.5亿: nothing; qlwb's confirmed
    assert _sources(cli, built["scope"]) == {"whrb-20210301": (4, 1, 0), "whgov-20210305": (1, 0, 0),
                                             "qlwb-20210308": (1, 1, 0)}
    assert _same_fact(cli, built["scope"], CITY) == []
    assert _same_fact(cli, built["scope"], OWN) == [(NAMED, "agrees")]


# every/: the team 威海市帮扶定西市工作组, "2020年,工作组争取财政帮扶资金…": 1_daily (whrb, 02-26) 8.34亿;
# 2_evening (whwb, 02-27) 8.3亿; 3_reprint (dzrb, 03-01) 8.34亿 again; 4_wire (xh, 03-02) 8.33亿.
DAILY = fid("every", "1_daily", "8.34亿元")
EVENING = fid("every", "2_evening", "8.3亿元")
REPRINT = fid("every", "3_reprint", "8.34亿元")
WIRE = fid("every", "4_wire", "8.33亿元")


def test_each_statement_is_linked_to_every_way_the_fact_was_written_before(built):
    tables = store.load(built["every"])
    # 8.3亿 (0.1亿 written): 8.34亿 and 8.33亿 both round to it. The reprint's 8.34亿 is written as the
    # daily's: rows to the daily (the same) and the evening. The wire's 8.33亿: to the daily's way
    # (8.34亿: disagrees, 0.01亿 apart) and the evening's (agrees); the reprint is written as the
    # daily, which stands for it (it once linked to the evening alone: "agrees", and nothing else)
    assert [(r["figure"], r["restates"], r["verdict"]) for r in tables["restatements"]] == [
        (EVENING, DAILY, "agrees"),
        (REPRINT, DAILY, "agrees"), (REPRINT, EVENING, "agrees"),
        (WIRE, DAILY, "disagrees"), (WIRE, EVENING, "agrees")]


def test_stats_spans_every_value_when_two_statements_disagree(cli, built):
    # counted once, at the daily's 8.34亿; two statements disagree (8.33亿, 8.34亿), so the interval
    # spans every source's value: from 8.3亿 (the evening's) to 8.34亿; the note names the four
    # (it was 8.34亿 flat, with no note)
    assert _stats(cli, built["every"], "fiscal_aid") == {
        "total": 830000000, "total_min": 830000000, "total_max": 834000000, "overlap_possible": False,
        "sources_disagree": [f"{DAILY} vs {EVENING} vs {REPRINT} vs {WIRE}"]}


def test_list_sources_and_cite_see_every_other_statement(cli, built):
    db = built["every"]
    # one figure each; confirmed: another source agrees with it (each has one, the evening's 8.3亿
    # at least); disputed: another disagrees: the 8.34亿 of the daily and the reprint, and the wire's
    # 8.33亿 (the reprint's too, though the wire's row names the daily, written the same)
    assert _sources(cli, db) == {"whrb-20210226": (1, 1, 1), "whwb-20210227": (1, 1, 0),
                                 "dzrb-20210301": (1, 1, 1), "xh-20210302": (1, 1, 1)}
    assert _same_fact(cli, db, DAILY) == [(EVENING, "agrees"), (REPRINT, "agrees"), (WIRE, "disagrees")]
    assert _same_fact(cli, db, EVENING) == [(DAILY, "agrees"), (REPRINT, "agrees"), (WIRE, "agrees")]
    assert _same_fact(cli, db, REPRINT) == [(DAILY, "agrees"), (EVENING, "agrees"), (WIRE, "disagrees")]
    assert _same_fact(cli, db, WIRE) == [(DAILY, "disagrees"), (EVENING, "agrees"), (REPRINT, "disagrees")]
    # the team's profile: each of its four figures with the three others
    profile = _json(cli, "show", "dingxi-group", "--db", db)
    assert len(profile["restatements"]) == 12
    assert {(r["figure"], r["other"], r["verdict"]) for r in profile["restatements"] if r["figure"] == REPRINT} == \
        {(REPRINT, DAILY, "agrees"), (REPRINT, EVENING, "agrees"), (REPRINT, WIRE, "disagrees")}


@pytest.mark.parametrize("folder", ["periods", "scope", "every"])
def test_appending_each_article_gives_the_bytes_of_building_them_together(cli, tmp_path, built, folder):
    # the facts, their ways and the parts an append finds from the store are those of one build
    files = sorted((HERE / folder).glob("*.txt"))
    target = tmp_path / "appended.json"
    assert cli("build", files[0], "-o", target).exit_code == 0
    for path in files[1:]:
        assert cli("build", "--append", path, "-o", target).exit_code == 0
    assert target.read_bytes() == built[folder].read_bytes()


# The rules themselves, on figure records made by hand (tests/test_restate.fig: fiscal aid, the
# Longnan group, Longnan, 2020, source a; b changes what the row says).
def _years(start, end):
    return {"period_start": start, "period_end": end}


@pytest.mark.parametrize(("a", "b", "same", "a_holds_b"), [
    (_years(2020, 2020), _years(2020, 2020), True, False),       # one year
    (_years(2017, 2021), _years(2017, 2021), True, False),       # one span, however written
    (_years(None, None), _years(2017, 2021), True, False),       # undated: it says no period
    (_years(2017, 2021), _years(2017, 2026), True, False),       # one "since", counted to each source's date
    (_years(2017, None), _years(2017, 2021), True, False),       # an open "since" (an undated article's)
    (_years(2017, 2021), _years(2020, 2020), False, True),       # a year inside the span: a part
    (_years(2017, None), _years(2017, 2017), False, True),       # the first year of an open "since": a part
    (_years(2016, 2021), _years(2017, 2021), False, True),       # a span inside a wider one
    (_years(2016, 2020), _years(2017, 2021), False, False),      # spans that overlap: neither
    (_years(2019, 2019), _years(2020, 2020), False, False),      # two years
])
def test_which_periods_state_one_fact_and_which_hold_another(a, b, same, a_holds_b):
    from qdaid.pipeline.restate import holds, same_fact

    from .test_restate import fig

    fa, fb = fig("5亿元", 500000000, **a), fig("1亿元", 100000000, source="b", **b)
    assert (same_fact(fa, fb), same_fact(fb, fa)) == (same, same)
    assert (holds(fa, fb), holds(fb, fa)) == (a_holds_b, False)


@pytest.mark.parametrize(("a", "b", "same"), [
    ({}, {}, True),                                               # the same honoree and place
    ({}, {"region": None}, True),                                 # the same honoree, one names no place
    ({}, {"honoree": None}, False),                               # one honoree's, and no honoree's: other scopes
    ({"honoree": None}, {"honoree": None}, True),                 # no honoree: the same place
    ({"honoree": None}, {"honoree": None, "region": "anshun"}, False),
    ({"honoree": None, "region": None}, {"honoree": None, "region": None}, False),  # about nothing
])
def test_which_subjects_state_one_fact(a, b, same):
    from qdaid.pipeline.restate import same_fact

    from .test_restate import fig

    assert same_fact(fig("1.2亿元", 120000000, **a), fig("1.2亿元", 120000000, source="b", **b)) is same


def test_an_undated_statement_never_joins_two_years_into_one_fact():
    # a: 1.2亿, undated. b: 1.2亿 in 2019 and 1.3亿 in 2020 (two sentences). The 2019 figure states a's
    # fact (undated: any year; the same value); the 2020 one would too, but the fact is 2019's now:
    # 2020's is another fact, of no earlier source (both once linked to a, and stats counted one)
    from qdaid.pipeline.statements import link

    from .test_restate import fig

    undated = fig("1.2亿元", 120000000, id="a-1", **_years(None, None))
    b2019 = fig("1.2亿元", 120000000, source="b", id="b-1", **_years(2019, 2019))
    b2020 = fig("1.3亿元", 130000000, source="b", id="b-2", **_years(2020, 2020))
    assert [(r["figure"], r["restates"], r["verdict"]) for r in link([b2019, b2020], [undated])] == [
        ("b-1", "a-1", "agrees")]


def test_a_years_figure_is_no_restatement_of_an_undated_record_it_may_lie_in(cli, tmp_path):
    # The bundled ¶55-56: the Anshun team's 实现消费扶贫4.05亿元 (04948), no year in its sentence
    # (its section tells the team's record since 2013). A later report's 2019年…实现消费扶贫1.2亿元
    # may be one year of it: not the same fact. Linked as one that disagrees, it made the team's
    # total 1.2亿 (what the sources agree on) and `check` called the 2019 sentence contradicted.
    # Total: the 4.05亿 (proven), up to 4.05亿 + 1.2亿 = 5.25亿 if the year lies outside it.
    article = tmp_path / "article.txt"
    article.write_text((store.bundled_dir() / "000_0077034771fe7207.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "article.meta.json").write_text((store.bundled_dir() / "000_0077034771fe7207.meta.json")
                                                .read_text(encoding="utf-8"), encoding="utf-8")
    year = "2019年,山东省青岛市赴安顺东西部扶贫协作工作队在安顺实现消费扶贫1.2亿元。"
    later = tmp_path / "later.txt"
    later.write_text(f"安顺协作一年间\n\n本报2020年1月8日讯 {year}\n", encoding="utf-8")
    db = tmp_path / "two.json"
    assert cli("build", article, later, "-o", db).exit_code == 0
    records = json.loads(db.read_text(encoding="utf-8"))
    assert not records.get("restatements"), records["restatements"]
    (row,) = _json(cli, "stats", "--db", db, "--honoree", "anshun", "--metric", "consumption_aid", "-F",
                   "total,total_min,total_max,overlap_possible,sources_disagree")
    assert row == {"total": 405000000, "total_min": 405000000, "total_max": 525000000, "overlap_possible": True,
                   "sources_disagree": []}
    draft = tmp_path / "draft.txt"
    draft.write_text(year + "\n", encoding="utf-8")
    result = cli("check", draft, "--date", "2021-03-01", "-f", "json")
    assert result.exit_code == 0 and [r["verdict"] for r in json.loads(result.stdout)] == ["unsupported"], result.stdout
