"""A corpus of the bundled article and later reports: a fact restated without its honoree's name is
the same fact when the values agree; a later article's year is inside an earlier article's "since"
only as far as that article's date; an article that gives an honoree figures is one of its sources;
an append keeps what another tool wrote in the file. Each expectation is read off the texts."""

import json
import shutil

import pytest

from qdaid import store

# ¶21 of the bundled article (2021-02-25), in the section of 青岛赴陇南扶贫协作挂职干部工作组
# (longnan-group): 2017年以来，采购、销售陇南已认定扶贫产品8.58亿元 (2017–2021, Longnan) and
# 2017年以来，举办劳务协作培训班109次 (2017–2021, Longnan).
CONSUMPTION_AID = 858000000


@pytest.fixture
def corpus(tmp_path, cli):
    """build(name, text, date) appends an article to a copy of the bundled database; returns its path."""
    db = tmp_path / "corpus.json"
    shutil.copy(store.bundled_dir() / store.DB_NAME, db)
    for source in store.bundled_sources():
        shutil.copy(source, tmp_path / source.name)

    def build(name, text, date):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        result = cli("build", "--append", path, "--date", date, "-o", db)
        assert result.exit_code == 0, result.output
        return db

    return build


def stats_row(cli, db, *filters):
    result = cli("stats", "--db", db, *filters, "-f", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    return row


def test_a_restatement_without_the_honoree_is_the_same_fact_when_the_values_agree(cli, corpus):
    # 2021-03-05: 2017年以来 (2017–2021), Longnan, consumption aid, 8.58亿: the work team's figure, no team named
    db = corpus("restated", "陇南消费帮扶\n2017年以来，青岛帮助陇南销售扶贫产品8.58亿元。\n", "2021-03-05")
    row = stats_row(cli, db, "--region", "longnan", "--metric", "consumption_aid")
    assert (row["total"], row["total_min"], row["total_max"]) == (CONSUMPTION_AID,) * 3
    assert row["overlap_possible"] is False
    sources = {s["id"]: s for s in json.loads(cli("list", "sources", "--db", db, "-f", "json").stdout)}
    assert sources["restated"]["confirmed"] == 1 and sources["restated"]["disputed"] == 0


def test_a_different_value_without_the_honoree_is_not_taken_for_the_same_fact(cli, corpus):
    # 12亿 for the same place and years, no honoree named (8.58亿 rounded to 1亿 is 9亿, not 12亿): maybe
    # the city's whole, of which the team's is a part; not linked, so the total is an interval from the
    # larger to both together
    db = corpus("other", "陇南消费帮扶\n2017年以来，青岛帮助陇南销售扶贫产品12亿元。\n", "2021-03-05")
    row = stats_row(cli, db, "--region", "longnan", "--metric", "consumption_aid")
    assert (row["total_min"], row["total_max"]) == (1200000000, 1200000000 + CONSUMPTION_AID)
    assert row["overlap_possible"] is True


@pytest.mark.parametrize(("date", "certain"), [("2022-01-10", False), ("2021-01-31", True)])
def test_a_later_years_figure_may_reach_past_the_date_of_an_earlier_since(cli, corpus, date, certain):
    # 2021年，工作组举办劳务协作培训班20次: inside 2017–2021's 109次 by its years; but 2017年以来 was
    # written on 2021-02-25, and a report of 2022 may count training held after that date
    db = corpus("later", "陇南劳务协作\n2021年，青岛赴陇南扶贫协作挂职干部工作组举办劳务协作培训班20次。\n", date)
    row = stats_row(cli, db, "--region", "longnan", "--metric", "training_sessions")
    assert row["total_min"] == 109
    assert row["total_max"] == (109 if certain else 129)
    assert row["overlap_possible"] is (not certain)


def test_an_article_that_gives_an_honoree_figures_is_one_of_its_sources(cli, corpus):
    db = corpus("team", "陇南劳务协作\n2021年，青岛赴陇南扶贫协作挂职干部工作组举办劳务协作培训班20次。\n",
                "2022-01-10")
    honorees = {h["id"]: h for h in json.loads(cli("list", "honorees", "--db", db, "-f", "json").stdout)}
    assert "team" in honorees["longnan-group"]["sources"]


def test_an_append_keeps_the_tables_and_fields_another_tool_wrote(cli, corpus, tmp_path):
    db = tmp_path / "corpus.json"
    shutil.copy(store.bundled_dir() / store.DB_NAME, db)
    data = json.loads(db.read_text("utf-8"))
    data["notes"] = {"1": {"text": "checked by the desk"}}
    for record in data["figures"].values():
        record["x_checked"] = True
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # compact, as another program writes
    corpus("more", "陇南消费帮扶\n2021年，青岛帮助陇南销售扶贫产品3亿元。\n", "2022-01-10")
    after = json.loads(db.read_text("utf-8"))
    assert after["notes"] == {"1": {"text": "checked by the desk"}}
    kept = [r for r in after["figures"].values() if r.get("x_checked") is True]
    assert len(kept) == len(data["figures"]) == len(after["figures"]) - 1


def test_building_together_and_appending_give_the_same_bytes_with_parts_across_sources(cli, tmp_path):
    # the later year's figure is a part of the earlier "since" (a containment row made by the corpus, with
    # its note): the record's fields in the model's order either way
    for source in store.bundled_sources():
        shutil.copy(source, tmp_path / source.name)
        shutil.copy(source.with_suffix(".meta.json"), tmp_path / source.with_suffix(".meta.json").name)
    later = tmp_path / "later.txt"
    later.write_text("陇南劳务协作\n2020年，青岛赴陇南扶贫协作挂职干部工作组举办劳务协作培训班20次。\n", encoding="utf-8")
    (tmp_path / "later.meta.json").write_text('{"date": "2021-03-01"}', encoding="utf-8")
    bundled = tmp_path / store.bundled_sources()[0].name
    assert cli("build", bundled, later, "-o", tmp_path / "together.json").exit_code == 0
    assert cli("build", bundled, "-o", tmp_path / "appended.json").exit_code == 0
    assert cli("build", "--append", later, "-o", tmp_path / "appended.json").exit_code == 0
    together = (tmp_path / "together.json").read_bytes()
    assert b'"within": "qdrb-20210225-' in together  # a part across sources was found
    assert (tmp_path / "appended.json").read_bytes() == together


@pytest.mark.parametrize(("draft", "verdict"), [
    # 窦宗君's section (¶10): 2020年消费扶贫额达到10.6亿元 — no place, his figure; copied without his name
    ("2020年，消费扶贫额达到10.6亿元。", "supported"),
    # another value, no honoree, no place: maybe another scope; unsupported, never contradicted
    ("2020年，消费扶贫额达到12亿元。", "unsupported"),
])
def test_a_draft_copying_an_honorees_figure_of_no_place_is_supported(cli, draft, verdict):
    result = cli("check", "-", "--date", "2021-02-25", "-F", "verdict,raw", "-f", "csv", input=f"t\n{draft}\n")
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.strip().splitlines()[1:]]
    assert [r for r in rows if r[1].endswith("亿元")] == [[verdict, draft.split("达到")[1].rstrip("。")]]


# Across scopes only what is written alike, and never two honorees through a figure of neither: each
# corpus below is the bundled article and short reports of 2021 on Longnan's consumption aid since 2017
# (the work team's 2017年以来…8.58亿元 is the bundled one's).
CITY_3 = "2017年以来，青岛帮助陇南销售农特产品3亿元。"  # no honoree named
DOU_3 = "2017年以来，窦宗君牵头帮助陇南销售农特产品3亿元。"  # 窦宗君, an honoree of the bundled article
DOU_4 = "2017年以来，窦宗君牵头帮助陇南销售农特产品4亿元。"
OFFICE_3 = "2017年以来，胶州市扶贫协作工作办公室帮助陇南销售农特产品3亿元。"  # another honoree


def _restated(db):
    data = json.loads(db.read_text("utf-8"))
    return {(r["figure"].split("-")[0], r["restates"].split("-")[0], r["verdict"]) for r in data["restatements"].values()}


def test_an_honorees_dispute_stays_when_a_figure_of_no_honoree_agrees_with_one_of_its_values(cli, corpus):
    for n, (text, date) in enumerate([(CITY_3, "2021-03-05"), (DOU_3, "2021-03-10"), (DOU_4, "2021-03-18")]):
        db = corpus(f"r{n}", f"陇南消费协作\n{text}\n", date)
    # 窦宗君 says 3亿, then 4亿, for the same place and years: his sources disagree, whatever the city's 3亿 says
    assert ("r2", "r1", "disagrees") in _restated(db)
    row = stats_row(cli, db, "--region", "longnan", "--metric", "consumption_aid", "--explain")
    assert row["sources_disagree"]


def test_two_honorees_are_not_one_fact_through_a_figure_of_neither(cli, corpus):
    for n, (text, date) in enumerate([(CITY_3, "2021-03-05"), (DOU_3, "2021-03-10"), (OFFICE_3, "2021-03-15")]):
        db = corpus(f"r{n}", f"陇南消费协作\n{text}\n", date)
    linked = _restated(db)
    assert ("r1", "r0", "agrees") in linked  # 窦宗君's 3亿 is the city's report's 3亿
    assert not any({a, b} == {"r2", "r1"} for a, b, _ in linked)  # the office's 3亿 is not his
    assert not any("r2" in (a, b) for a, b, _ in linked)  # nor the city's, which is already his


def test_two_reports_of_no_honoree_that_disagree_stay_disputed_beside_the_honorees_figure(cli, corpus):
    corpus("b", "陇南消费协作\n2017年以来，青岛累计帮助陇南销售农特产品8.58亿元。\n", "2021-03-05")
    db = corpus("c", "陇南消费协作\n2017年以来，青岛累计帮助陇南销售农特产品8.8亿元。\n", "2021-03-20")
    assert {("b", "qdrb", "agrees"), ("c", "b", "disagrees")} <= _restated(db)
    row = stats_row(cli, db, "--region", "longnan", "--metric", "consumption_aid")
    assert (row["total_min"], row["total_max"]) == (CONSUMPTION_AID, 880000000)


def test_a_rounder_value_of_another_scope_is_not_the_honorees(cli, corpus):
    # the Red Cross's 1亿 since 2017 and the team's 社会各界 1.25亿: 1.25亿 rounds to 1亿, but a named
    # body's donation is at most a part of everyone's, not the same statement
    db = corpus("g", "红十字会情系陇南\n2017年以来，青岛市红十字会向陇南捐款1亿元。\n", "2021-03-08")
    assert not any(a == "g" for a, _, _ in _restated(db))
    row = stats_row(cli, db, "--region", "longnan", "--metric", "donations_cash")
    assert row["total_max"] > 125000000 + 100000000 - 1


@pytest.mark.parametrize(("date", "certain"), [("2021", False), ("2021-02", False), ("2021-01", True)])
def test_a_later_date_given_by_year_or_month_may_fall_after_the_since(cli, corpus, date, certain):
    db = corpus("later", "陇南劳务协作\n2021年，青岛赴陇南扶贫协作挂职干部工作组举办劳务协作培训班20次。\n", date)
    row = stats_row(cli, db, "--region", "longnan", "--metric", "training_sessions")
    assert row["total_max"] == (109 if certain else 129)


def test_an_undated_figure_is_no_statement_of_a_year_its_article_was_written_before_the_end_of(cli, corpus):
    # the bundled article (2021-02-25) gives ¶21's 援建扶贫车间341个 undated; a report of 2022 gives the work
    # team's workshops built in 2021: a count of another time, not the same fact disputed
    db = corpus("y2021", "陇南帮扶\n2021年，青岛赴陇南扶贫协作挂职干部工作组新建帮扶车间56个。\n", "2022-01-10")
    assert not any(a == "y2021" for a, _, _ in _restated(db))
    sources = {s["id"]: s for s in json.loads(cli("list", "sources", "--db", db, "-f", "json").stdout)}
    assert sources["y2021"]["disputed"] == 0 and sources["qdrb-20210225"]["disputed"] == 0


def test_a_restatement_naming_the_honoree_home_is_the_honoree_figure_of_no_place(cli, corpus):
    # ¶29, the 胶州 office's section (home 胶州市): 2016年以来,累计采购协作地产品1.8亿元, a sentence that
    # names no place (协作地: the partners). A later report's 胶州市…1.8亿 (no honoree named) is that
    # figure: its place is the office's home, the number written alike, one honoree's only.
    db = corpus("jiaozhou", "胶州消费帮扶\n2016年以来，胶州市累计采购协作地产品1.8亿元。\n", "2021-03-05")
    sources = {s["id"]: s for s in json.loads(cli("list", "sources", "--db", db, "-f", "json").stdout)}
    assert sources["jiaozhou"]["confirmed"] == 1 and sources["jiaozhou"]["disputed"] == 0
    rows = json.loads(db.read_text(encoding="utf-8"))["restatements"].values()
    assert [(r["figure"][:8], r["restates"]) for r in rows if r["figure"].startswith("jiaozhou")] == \
        [("jiaozhou", "qdrb-20210225-02441")]


def test_the_same_number_at_another_honoree_home_is_not_the_honoree_figure(cli, corpus):
    # 平度市 is another office's home (平度 office, ¶34–38): 1.8亿 there is not the 胶州 office's figure
    db = corpus("pingdu", "平度消费帮扶\n2016年以来，平度市累计采购协作地产品1.8亿元。\n", "2021-03-05")
    sources = {s["id"]: s for s in json.loads(cli("list", "sources", "--db", db, "-f", "json").stdout)}
    assert sources["pingdu"]["confirmed"] == 0 and sources["pingdu"]["disputed"] == 0
