"""Many sources, the query half (issue 26): a fact two sources state is counted once; where they
disagree the total spans their values and says which figures differ; `list sources` counts what
other sources confirm or dispute; `cite` and `show` name the other sources of a fact.

The fact base is tests/fixtures.py's source "src" and a second source "wire" written here by hand;
the restatements are given as the build would link them (the linking itself is tested with the
pipeline). Every expected value follows from the figures below.
"""

from __future__ import annotations

import json

import pytest

from . import fixtures

WIRE = {**fixtures.SOURCE, "id": "wire", "title": "通讯社稿", "publisher": "某通讯社", "date": "2021-03-01",
        "path": "wire.txt"}


def _wire(n, honoree, metric, value, unit, raw, **more) -> dict:
    figure = fixtures._figure(n, honoree, metric, value, unit, raw, **more)
    return {**figure, "id": f"wire-{n:05d}", "source": "wire"}


def _tables(*restatements) -> dict:
    tables = fixtures.tables()
    tables["sources"].append(WIRE)
    tables["figures"] += [
        # "甲工作组2017年以来在陇南促成消费扶贫8.6亿元": src's 8.58亿 (src-00100) rounded to 0.1亿: agrees
        _wire(100, "team-a", "consumption_aid", 860000000, "cny", "8.6亿元", period=(2017, 2021), region="longnan"),
        # "甲工作组累计捐款1.35亿元": src says 1.25亿 (src-00140) for the same years and place: disagrees
        _wire(140, "team-a", "donations_cash", 135000000, "cny", "1.35亿元", period=(2017, 2021), region="longnan"),
        # "王五2019年捐款2500万元": src says 2600万 (src-00600): disagrees, and lower
        _wire(600, "wang-wu", "donations_cash", 25000000, "cny", "2500万元", period=(2019, 2019), region="anshun"),
    ]
    tables["restatements"] = [{"id": f"{a}-restates-{b}", "figure": a, "restates": b, "verdict": v, "reason": why}
                              for a, b, v, why in restatements]
    return tables


AGREES = ("wire-00100", "src-00100", "agrees", "8.6亿 is 8.58亿 rounded to 0.1亿")
DISAGREES = ("wire-00140", "src-00140", "disagrees", "1.35亿 vs 1.25亿: 0.1亿 apart")
LOWER = ("wire-00600", "src-00600", "disagrees", "2500万 vs 2600万: 100万 apart")


def _totals(tables, **filters) -> dict:
    from qdaid.facts import from_tables

    return {r["metric"]: r for r in from_tables(tables).totals(explain=True, **filters)}


def test_a_fact_two_sources_agree_on_is_counted_once():
    # src-00100 8.58亿 holds its 2020 share src-00120 (其中 7.54亿); wire's 8.6亿 restates the 8.58亿:
    # counted once, at the first source's value; 3 figures, 2 excluded
    r = _totals(_tables(AGREES, DISAGREES, LOWER), metric=["consumption_aid"])["consumption_aid"]
    assert (r["total"], r["total_min"], r["total_max"], r["count"], r["excluded"]) == \
        (858000000, 858000000, 858000000, 3, 2)
    assert (r["overlap_possible"], r["sources_disagree"]) == (False, [])
    assert "wire-00100 in src-00100 (restated)" in r["excluded_because"]
    assert r["figure_ids"] == ["src-00100"]


def test_without_the_link_the_two_sources_add():
    # the same figures with no restatement: 8.58亿 (src) and 8.6亿 (wire) are one place, one period
    # and two sentences: they may overlap, so 8.6亿 (the larger alone) to 17.18亿
    r = _totals(_tables(), metric=["consumption_aid"])["consumption_aid"]
    assert (r["total_min"], r["total_max"], r["overlap_possible"]) == (860000000, 1718000000, True)


def test_sources_that_disagree_give_an_interval_spanning_their_values():
    # donations_cash in Longnan: src 1.25亿, wire 1.35亿 (the same fact): once, 1.25亿–1.35亿
    r = _totals(_tables(AGREES, DISAGREES, LOWER), metric=["donations_cash"], region=["longnan"])["donations_cash"]
    assert (r["total"], r["total_min"], r["total_max"]) == (125000000, 125000000, 135000000)
    assert (r["overlap_possible"], r["count"], r["excluded"]) == (False, 2, 1)
    assert r["sources_disagree"] == ["src-00140 vs wire-00140"]
    # everywhere: Longnan 1.25亿–1.35亿, Anshun's 2019 2600万 (wire: 2500万, lower) and its 2020 71600元;
    # places that do not nest add: min 1.25亿 + 2500万 + 71600 = 150071600, max 1.35亿 + 2600万 + 71600
    r = _totals(_tables(AGREES, DISAGREES, LOWER), metric=["donations_cash"])["donations_cash"]
    assert (r["total"], r["total_min"], r["total_max"]) == (150071600, 150071600, 161071600)
    assert sorted(r["sources_disagree"]) == ["src-00140 vs wire-00140", "src-00600 vs wire-00600"]
    assert (r["count"], r["excluded"], r["overlap_possible"]) == (5, 2, False)


def test_a_later_figure_alone_is_counted_when_the_earlier_is_filtered_out():
    # --year 2019 --region anshun: src's 2600万 and wire's 2500万 both 2019: once, 2500万–2600万;
    # the restating figure alone (a filter on wire's source is not possible, but a honoree filter
    # keeping one side is: both are wang-wu's) — here both are kept
    r = _totals(_tables(LOWER), metric=["donations_cash"], region=["anshun"], year=2019)["donations_cash"]
    assert (r["total_min"], r["total_max"], r["count"]) == (25000000, 26000000, 2)


@pytest.fixture
def two_sources(tmp_path):
    from qdaid import export

    db = tmp_path / "two.sqlite"
    export.write_sqlite(_tables(AGREES, DISAGREES, LOWER), db)
    return db


def test_stats_says_which_sources_disagree_in_every_format(cli, two_sources):
    for fmt in ("csv", "json", "table"):
        result = cli("stats", "--db", two_sources, "--metric", "donations_cash", "-f", fmt, "--lang", "en")
        assert result.exit_code == 0, result.stderr
        assert "sources disagree on 2 facts (src-00140 vs wire-00140; src-00600 vs wire-00600)" in result.stderr
    (row,) = json.loads(cli("stats", "--db", two_sources, "--metric", "donations_cash", "-f", "json").stdout)
    assert (row["total_min"], row["total_max"]) == (150071600, 161071600)
    result = cli("stats", "--db", two_sources, "--metric", "consumption_aid", "-f", "json")
    assert "disagree" not in result.stderr  # they agree on 8.58亿


def test_list_sources_counts_what_other_sources_confirm_or_dispute(cli, two_sources):
    # src: 12 figures (fixtures.FIGURES); one confirmed (8.58亿 by wire's 8.6亿), two disputed
    # (1.25亿 vs 1.35亿, 2600万 vs 2500万); wire: its 3 figures, the same one confirmed, two disputed
    rows = {r["id"]: r for r in json.loads(cli("list", "sources", "--db", two_sources, "-f", "json").stdout)}
    assert {k: (r["figures"], r["confirmed"], r["disputed"]) for k, r in rows.items()} == \
        {"src": (12, 1, 2), "wire": (3, 1, 2)}
    assert rows["wire"]["title"] == "通讯社稿" and rows["wire"]["date"] == "2021-03-01"


def test_cite_and_show_name_the_other_sources_of_a_fact(cli, two_sources):
    (record,) = json.loads(cli("cite", "src-00140", "--db", two_sources, "-f", "json").stdout)
    assert record["same_fact"] == ["wire-00140 (wire: 1.35亿元, disagrees: 1.35亿 vs 1.25亿: 0.1亿 apart)"]
    (record,) = json.loads(cli("cite", "wire-00100", "--db", two_sources, "-f", "json").stdout)
    assert record["same_fact"] == ["src-00100 (src: 8.58亿元, agrees: 8.6亿 is 8.58亿 rounded to 0.1亿)"]
    (record,) = json.loads(cli("cite", "src-00160", "--db", two_sources, "-f", "json").stdout)
    assert record["same_fact"] == []  # 1.4万多名: no other source states it
    # team-a's profile: its 8.58亿 and 1.25亿 are restated by wire (its own wire figures restate src's)
    profile = json.loads(cli("show", "team-a", "--db", two_sources, "-f", "json").stdout)
    pairs = {(r["figure"], r["other"], r["verdict"]) for r in profile["restatements"]}
    assert pairs == {("src-00100", "wire-00100", "agrees"), ("src-00140", "wire-00140", "disagrees"),
                     ("wire-00100", "src-00100", "agrees"), ("wire-00140", "src-00140", "disagrees")}
    page = cli("show", "team-a", "--db", two_sources, "-f", "table", "--lang", "en").stdout
    assert "the same facts in other sources" in page and "wire-00140" in page
    page = cli("show", "team-a", "--db", two_sources, "-f", "table").stdout
    assert "其他来源所述的同一事实" in page and "wire-00140" in page


def test_a_store_older_than_the_covers_field_lists_it_empty(cli, tmp_path):
    # A SQLite store written before figures had `covers`: the field reads as empty (model.ADDED_FIELDS),
    # in CSV too (its SQL once read the missing column "covers" as the text 'covers': malformed JSON)
    import csv
    import io
    import sqlite3

    from qdaid import export

    db = tmp_path / "old.sqlite"
    export.write_sqlite(fixtures.tables(), db)
    with sqlite3.connect(db) as con:
        con.execute("ALTER TABLE figures DROP COLUMN covers")
    result = cli("figures", "--db", db, "--region", "longnan", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # team-a's figures in Longnan and Huixian (fixtures.FIGURES): 100, 120, 140, 160, 180, 200, 220
    assert [r["id"] for r in rows] == [f"src-00{n}" for n in (100, 120, 140, 160, 180, 200, 220)]
    assert {r["covers"] for r in rows} == {""}


def test_a_fact_three_sources_state_spans_all_three_values():
    # A third source, "daily", gives 1.4亿 for team-a's donations in Longnan; the build links it to
    # its closest statement, wire's 1.35亿 (a chain: daily -> wire -> src). The fact is counted once:
    # from src's 1.25亿 up to daily's 1.4亿; the note names all three figures.
    tables = _tables(AGREES, DISAGREES, LOWER)
    tables["sources"].append({**WIRE, "id": "daily", "title": "日报", "path": "daily.txt"})
    tables["figures"].append({**_wire(140, "team-a", "donations_cash", 140000000, "cny", "1.4亿元",
                                      period=(2017, 2021), region="longnan"), "id": "daily-00140", "source": "daily"})
    tables["restatements"].append({"id": "daily-re-wire", "figure": "daily-00140", "restates": "wire-00140",
                                   "verdict": "disagrees", "reason": "1.4亿 vs 1.35亿: 0.05亿 apart"})
    r = _totals(tables, metric=["donations_cash"], region=["longnan"])["donations_cash"]
    assert (r["total"], r["total_min"], r["total_max"], r["count"], r["excluded"]) == \
        (125000000, 125000000, 140000000, 3, 2)
    assert r["sources_disagree"] == ["src-00140 vs wire-00140 vs daily-00140"]
    # a chain whose first link agrees and second does not: src 8.58亿 = wire 8.6亿 (rounded), daily says 9亿
    tables["figures"].append({**_wire(100, "team-a", "consumption_aid", 900000000, "cny", "9亿元",
                                      period=(2017, 2021), region="longnan"), "id": "daily-00100", "source": "daily"})
    tables["restatements"].append({"id": "daily-re-wire-100", "figure": "daily-00100", "restates": "wire-00100",
                                   "verdict": "disagrees", "reason": "9亿 vs 8.6亿: 0.4亿 apart"})
    r = _totals(tables, metric=["consumption_aid"])["consumption_aid"]
    assert (r["total_min"], r["total_max"], r["sources_disagree"]) == \
        (858000000, 900000000, ["src-00100 vs wire-00100 vs daily-00100"])


def test_every_page_shows_the_interval_sources_that_disagree_give(cli, two_sources):
    # Longnan's cash donations: 1.25亿 (src) and 1.35亿 (wire): no overlap, but two values: the table,
    # Markdown and chart show 1.25亿–1.35亿元 (they showed 1.25亿元 alone); the chart says "sources differ",
    # not "may overlap"
    for fmt in ("table", "md"):
        page = cli("stats", "--db", two_sources, "--metric", "donations_cash", "--region", "longnan", "-f", fmt).stdout
        assert "1.25亿–1.35亿元" in page and "可能重复" not in page, page
    chart = cli("stats", "--db", two_sources, "--metric", "donations_cash", "--region", "longnan", "--chart",
                "--lang", "en").stdout
    assert "125–135 million CNY, sources differ" in chart and "░" in chart, chart


@pytest.mark.parametrize(("reason", "zh", "en"), [
    # restate.py's reasons, as stored (and as csv/json carry them), said by each page: written by hand
    ("8.6亿 is 8.58亿 rounded to 0.1亿", "8.6亿即8.58亿取整到0.1亿", "860 million is 858 million rounded to 10 million"),
    ("1.35亿 vs 1.25亿: 0.1亿 apart", "1.35亿与1.25亿相差0.1亿", "135 million vs 125 million: 10 million apart"),
    ("both 62", "均为62", "both 62"),
    ("五 = 5", "五 = 5", "“五” = 5"),
    ("790万 fits 近800万 (nearly 800万)", "790万在近800万（接近800万）之内", "7.9 million fits nearly 8 million"),
    ("1.5万 (1.45万 to 1.55万 as rounded) and 1.4万多 (at least 1.4万, below 1.5万) meet",
     "1.5万（取整前在1.45万至1.55万之间）、1.4万多（至少1.4万，不到1.5万）可以相合",
     "15,000 (14,500 to 15,500 as rounded) and more than 14,000 (below 15,000) meet"),
    # 多/余 is bounded (2300多万: 2300万 up to, not including, 2400万): each page says the range used
    ("2300多万 vs 2200万: 100万 apart; 2300多万 (at least 2300万, below 2400万)",
     "2300多万与2200万相差100万；2300多万（至少2300万，不到2400万）",
     "more than 23 million vs 22 million: 1 million apart; more than 23 million (below 24 million)"),
    ("9000余万 vs 620余万: 8380万 apart; 9000余万 (at least 9000万, below 1亿); 620余万 (at least 620万, below 630万)",
     "9000余万与620余万相差8380万；9000余万（至少9000万，不到1亿）；620余万（至少620万，不到630万）",
     "over 90 million vs over 6.2 million: 83.8 million apart; over 90 million (below 100 million); "
     "over 6.2 million (below 6.3 million)"),
    ("625万 fits 620余万 (at least 620万, below 630万)", "625万在620余万（至少620万，不到630万）之内",
     "6.25 million fits over 6.2 million (below 6.3 million)"),
    # 超过 (and 以上) set no upper bound: "at least", which the English amount says already
    ("超过100万 vs 50万: 50万 apart; 超过100万 (at least 100万)", "超过100万与50万相差50万；超过100万（至少100万）",
     "over 1 million vs 500,000: 500,000 apart"),
    ("近800万 (nearly 800万) and 约790万 (about 790万) meet", "近800万（接近800万）、约790万（约790万）可以相合",
     "nearly 8 million and about 7.9 million meet"),
])
def test_a_reason_is_said_in_the_pages_language(reason, zh, en):
    from qdaid.messages import reason_text

    assert (reason_text(reason, "zh"), reason_text(reason, "en")) == (zh, en)


def test_every_reason_the_build_gives_reads_in_one_language():
    # every branch of restate.compare, on figures made by hand: no English word on a Chinese page, no
    # Chinese outside quotation marks on an English one
    import re

    from qdaid.messages import reason_text
    from qdaid.pipeline.restate import compare

    from .test_english import outside_quotes
    from .test_restate import fig

    pairs = [("1.25亿元", 125000000, "exact", "1.25亿元", 125000000, "exact"), ("12500万元", 125000000, "exact",
             "1.25亿元", 125000000, "exact"), ("8.6亿元", 860000000, "exact", "8.58亿元", 858000000, "exact"),
             ("2300多万元", 23000000, "more_than", "2350万元", 23500000, "exact"),
             ("近800万元", 8000000, "nearly", "约790万元", 7900000, "about"),
             ("1.35亿元", 135000000, "exact", "1.25亿元", 125000000, "exact"),
             ("近1.3亿元", 130000000, "nearly", "1.5亿元", 150000000, "exact"), ("五批", 5, "exact", "6批", 6, "exact"),
             ("1,200万元", 12000000, "exact", "1,300万元", 13000000, "exact"),
             ("9000余万元", 90000000, "over", "620余万元", 6200000, "over"),
             ("625万元", 6250000, "exact", "620余万元", 6200000, "over"),
             ("超过100万元", 1000000, "over", "50万元", 500000, "exact"),
             ("三百多人", 300, "more_than", "五百人", 500, "exact")]
    for raw_a, a, approx_a, raw_b, b, approx_b in pairs:
        _, reason = compare(fig(raw_a, a, approx_a), fig(raw_b, b, approx_b, source="b"))
        assert not re.search(r"[A-Za-z]", reason_text(reason, "zh")), reason
        assert not re.search(r"[\u4e00-\u9fff]", outside_quotes(reason_text(reason, "en"))), reason


def test_restatements_are_shown_in_the_pages_language(cli, two_sources):
    # the profile's table and cite's same fact: verdict and reason in Chinese on a Chinese page (they
    # were English: disagrees, 1.35亿 vs 1.25亿: 0.1亿 apart), in English with English amounts on an
    # English one; machine formats keep the stored reason, whatever the language
    for command in (["show", "team-a"], ["cite", "src-00140"]):
        zh = cli(*command, "--db", two_sources, "-f", "table").stdout
        en = cli(*command, "--db", two_sources, "-f", "table", "--lang", "en").stdout
        assert "不符" in zh and "1.35亿与1.25亿相差0.1亿" in zh and "disagrees" not in zh and " vs " not in zh
        assert "135 million vs 125 million: 10 million apart" in " ".join(en.split()), en
    for fmt in ("json", "csv"):
        plain = cli("cite", "src-00140", "--db", two_sources, "-f", fmt)
        english = cli("cite", "src-00140", "--db", two_sources, "-f", fmt, "--lang", "en")
        assert plain.stdout == english.stdout and "1.35亿 vs 1.25亿: 0.1亿 apart" in plain.stdout


def test_stats_explains_restatements_in_the_pages_language(cli, two_sources):
    # --explain on a Chinese page said "（restated）" and "src-00140 vs wire-00140", in its table and note
    result = cli("stats", "--db", two_sources, "--metric", "donations_cash", "--explain", "-f", "table")
    assert "wire-00140 包含于 src-00140（同一事实）" in " ".join(result.stdout.split()).replace("（ ", "（")
    assert "src-00140 与 wire-00140" in result.stdout and "src-00140 与 wire-00140" in result.stderr
    assert "restated" not in result.stdout and " vs " not in result.stdout + result.stderr
    english = cli("stats", "--db", two_sources, "--metric", "donations_cash", "--explain", "-f", "table", "--lang", "en")
    assert "(restated)" in english.stdout and "src-00140 vs wire-00140" in english.stderr


def test_a_profile_of_two_sources_heads_each_paragraph_with_its_source(cli, two_sources):
    # team-a's src-00100…00180 and wire-00100/00140 are all paragraph 3 (fixtures: 2 + n // 100), of two
    # different articles: one "第3段" table would mix them. Each article's paragraph is its own table.
    page = cli("show", "team-a", "--db", two_sources, "-f", "table").stdout
    heads = [line.strip() for line in page.splitlines() if line.strip().endswith("段")]
    assert heads == ["src 第3段", "src 第4段", "wire 第3段"]
    section = page.split("wire 第3段")[1].split("其他来源所述的同一事实")[0]
    assert "wire-00100" in section and "wire-00140" in section and "src-00" not in section
    english = cli("show", "team-a", "--db", two_sources, "-f", "table", "--lang", "en").stdout
    assert "wire, paragraph 3" in english and "src, paragraph 4" in english
    # the honoree record itself is src's alone (fixtures): its paragraphs need no source named
    assert "段落  2–5\n" in page


def test_a_profile_named_by_two_sources_says_whose_paragraphs_it_gives(cli, tmp_path):
    # team-a named by both articles: its paragraphs 2–5 are src's (its first source), and the page says so
    from qdaid import export

    tables = _tables(AGREES)
    for honoree in tables["honorees"]:
        if honoree["id"] == "team-a":
            honoree["sources"] = ["src", "wire"]
    export.write_sqlite(tables, tmp_path / "named.sqlite")
    page = cli("show", "team-a", "--db", tmp_path / "named.sqlite", "-f", "table").stdout
    assert "段落  2–5 (src)\n" in page


def test_an_end_of_the_interval_a_more_than_figure_gives_is_a_lower_bound():
    # src-00160 made exact, "14000名", and a wire figure of the same fact that is 多. Against "1.5万多名"
    # (at least 15000) the interval is 14000–15000 and its top is the wire's: ≥ 15000
    # (total_max_is_lower_bound), its least src's exact 14000 (no bound). Against "1.3万多名" it is
    # 13000–14000: the least is the wire's, ≥ 13000, and the top src's exact 14000.
    for wire_value, raw, low, high, low_open, high_open in ((15000, "1.5万多名", 14000, 15000, False, True),
                                                            (13000, "1.3万多名", 13000, 14000, True, False)):
        tables = _tables(("wire-00160", "src-00160", "disagrees", f"{raw[:-1]} vs 14000"))
        tables["figures"] = [{**f, "approx": "exact", "raw": "14000名"} if f["id"] == "src-00160" else f
                             for f in tables["figures"] if f["id"] != "src-00180"]  # Huixian's 126名: another matter
        tables["figures"].append(_wire(160, "team-a", "people_employed", wire_value, "person", raw,
                                       approx="more_than", region="longnan"))
        r = _totals(tables, metric=["people_employed"], region=["longnan"])["people_employed"]
        assert (r["total_min"], r["total_max"]) == (low, high)
        assert (r["total_is_lower_bound"], r["total_max_is_lower_bound"]) == (low_open, high_open)
