"""Many sources: three short articles (tests/articles/corpus) that restate each other's facts,
built together and one after another.

a_ytrb (烟台日报, 2021-02-26): the Yantai team in Chongqing, in 2020: 帮扶资金2.6亿元, 引进企业15家,
    带动3200名贫困群众增收; it created the “订单农业”帮扶模式.
b_jiaodong (胶东在线, 2021-03-01): the same team, 2020: 2.63亿元 (rounds to a's 2.6亿 at the 0.1亿 a
    writes: agrees), 15家 (equal: agrees), 3500名 (a says 3200: 300 apart, disagrees).
c_review (烟台市人民政府, 2021-03-05, in Traditional characters: 煙台市幫扶重慶市工作組): 2.7億元
    (a's 2.6亿 is 0.1亿 from it; b's 2.63亿 rounds to 2.6亿, not 2.7亿, 0.07亿 from it: disagrees
    with both), 3000多名 (at least 3000, below 4000: a's 3200 and b's 3500 both fit), and the programme again.

Expectations are read off the texts above; a figure's id is its source id and the offset of its
number in the file.
"""

import json
import os
import sqlite3
from pathlib import Path

import pytest

from qdaid import store

CORPUS = Path(__file__).parent / "articles" / "corpus"
A, B, C = "ytrb-20210226", "jdzx-20210301", "ytgov-20210305"
FILES = {A: CORPUS / "a_ytrb.txt", B: CORPUS / "b_jiaodong.txt", C: CORPUS / "c_review.txt"}


def fid(source: str, raw: str) -> str:
    """The id of the figure whose number is raw, first written in source's text."""
    return f"{source}-{FILES[source].read_text(encoding='utf-8').index(raw):05d}"


def row(source, raw, earlier, earlier_raw, verdict, reason):
    figure, restates = fid(source, raw), fid(earlier, earlier_raw)
    return {"id": f"{figure}-re-{restates}", "figure": figure, "restates": restates, "verdict": verdict,
            "reason": reason}


# One row per figure that restates an earlier source and per way the earlier sources wrote that
# fact (earliest first): every two sources' statements of a fact are compared.
EXPECTED_RESTATEMENTS = [
    row(B, "2.63亿元", A, "2.6亿元", "agrees", "2.6亿 is 2.63亿 rounded to 0.1亿"),
    row(B, "15家", A, "15家", "agrees", "both 15"),
    row(B, "3500名", A, "3200名", "disagrees", "3500 vs 3200: 300 apart"),
    # the 2020 aid is written 2.6亿 (a) and 2.63亿 (b): 2.7亿 is 0.1亿 from the one, and 2.63亿 rounds
    # to 2.6亿, not 2.7亿: it disagrees with both
    row(C, "2.7億元", A, "2.6亿元", "disagrees", "2.7亿 vs 2.6亿: 0.1亿 apart"),
    row(C, "2.7億元", B, "2.63亿元", "disagrees", "2.7亿 vs 2.63亿: 0.07亿 apart"),
    # the people helped, 3200 (a) and 3500 (b): both fit 3000多 (3000 up to 4000: its 3 counts thousands)
    row(C, "3000多名", A, "3200名", "agrees", "3200 fits 3000多 (at least 3000, below 4000)"),
    row(C, "3000多名", B, "3500名", "agrees", "3500 fits 3000多 (at least 3000, below 4000)"),
]


def built(cli, *args) -> None:
    result = cli("build", *map(str, args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def together(tmp_path_factory):
    from typer.testing import CliRunner

    from qdaid.cli import app

    target = tmp_path_factory.mktemp("corpus") / "all.json"
    result = CliRunner().invoke(app, ["build", str(CORPUS), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_a_folder_builds_its_articles_in_name_order_and_links_the_restated_facts(together):
    tables = store.load(together)
    assert [s["id"] for s in tables["sources"]] == [A, B, C]  # a_, b_, c_: by file name
    assert tables["restatements"] == EXPECTED_RESTATEMENTS


def test_an_honoree_and_a_programme_named_by_several_sources_are_one_record(together):
    tables = store.load(together)
    team = [h for h in tables["honorees"] if h["name"] == "烟台市帮扶重庆市工作组"]
    assert len(tables["honorees"]) == 2 and len(team) == 1  # 李明 (a only) and the team, not four records
    assert team[0]["sources"] == [A, B, C] and team[0]["source"] == A  # the first record's, c's Traditional name too
    # every money and people figure of the three sources is the team's
    assert {f["honoree"] for f in tables["figures"] if f["unit"] in ("cny", "person") and f["metric"] != "honorees"} \
        == {team[0]["id"]}
    (programme,) = tables["programs"]  # “订单农业”帮扶模式 (a) and “訂單農業”幫扶模式 (c)
    assert programme["name"] == "“订单农业”帮扶模式" and programme["sources"] == [A, C]
    assert programme["honoree"] == team[0]["id"]


def test_appending_keeps_ids_and_gives_the_same_bytes_as_building_together(cli, tmp_path, together):
    step = tmp_path / "step.json"
    built(cli, FILES[A], "-o", step)
    alone = store.load(step)
    built(cli, "--append", FILES[B], "-o", step)
    built(cli, "--append", FILES[C], "-o", step)
    assert step.read_bytes() == together.read_bytes()
    after = store.load(step)
    for table in ("honorees", "figures", "programs", "events"):  # a's ids are where they were
        assert [r["id"] for r in after[table] if r.get("source") == A] == [r["id"] for r in alone[table]]


def test_appending_to_sqlite_inserts_in_place(cli, tmp_path, together):
    step, whole = tmp_path / "step.db", tmp_path / "whole.db"
    built(cli, FILES[A], "-o", step)
    inode, old_rows = step.stat().st_ino, _rows(step, "figures")
    built(cli, "--append", FILES[B], FILES[C], "-o", step)
    assert step.stat().st_ino == inode  # the same file, written in place (a build writes a new one)
    assert _rows(step, "figures")[:len(old_rows)] == old_rows  # a's rows untouched, first
    built(cli, CORPUS, "-o", whole)
    for table in ("sources", "honorees", "regions", "figures", "restatements", "programs", "events"):
        assert store.load(step)[table] == store.load(whole)[table] == store.load(together)[table], table
    for helper in ("region_closure", "honoree_partners"):
        assert sorted(_rows(step, helper)) == sorted(_rows(whole, helper))
    result = cli("validate", "--db", step, "--sources", CORPUS)
    assert result.exit_code == 0, result.output


def test_a_failed_sqlite_append_changes_nothing(cli, tmp_path, monkeypatch):
    step = tmp_path / "step.db"
    built(cli, FILES[A], "-o", step)
    before = step.read_bytes()
    from qdaid import export

    real = export.insert

    def failing(db, table, records):
        real(db, table, records)
        if table == "figures":
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export, "insert", failing)
    result = cli("build", "--append", str(FILES[B]), "-o", str(step))
    assert result.exit_code == 1 and "the store is as it was" in result.stderr
    assert step.read_bytes() == before


def test_figures_cli_reads_restatements_of_a_corpus(cli, together):
    # the JSON the CLI prints: b's 3500名 and the team's one id
    result = cli("figures", "--db", str(together), "--honoree", "烟台市帮扶重庆市工作组", "-f", "json", "-F", "id,raw")
    assert result.exit_code == 0, result.output
    raws = [f["raw"] for f in json.loads(result.stdout)]
    assert raws == ["2.6亿元", "15家", "3200名", "2.63亿元", "15家", "3500名", "2.7億元", "3000多名"]


def _rows(path: Path, table: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        db.close()


def test_a_store_of_an_older_model_is_appended_to_by_writing_it_whole(cli, tmp_path):
    # a's database as a qdaid of before issue 26 wrote it: no restatements table, no sources lists
    old = tmp_path / "old.json"
    built(cli, FILES[A], "-o", old)
    data = json.loads(old.read_text("utf-8"))
    del data["restatements"]
    for table in ("honorees", "programs"):
        for record in data[table].values():
            del record["sources"]
    old.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    built(cli, "--append", FILES[B], "-o", old)
    tables = store.load(old)
    team = next(h for h in tables["honorees"] if h["name"] == "烟台市帮扶重庆市工作组")
    assert team["sources"] == [A, B]  # the first source read from `source`, where the list was missing
    assert [r["figure"] for r in tables["restatements"]] == [fid(B, "2.63亿元"), fid(B, "15家"), fid(B, "3500名")]
    together = tmp_path / "ab.json"
    built(cli, FILES[A], FILES[B], "-o", together)
    assert old.read_bytes() == together.read_bytes()  # written whole, in today's layout


@pytest.mark.parametrize(("args", "said"), [
    (["EMPTY"], "holds no article (.txt or .html)"),
    ([str(CORPUS), "--id", "x"], "--id describes one article"),
])
def test_usage_errors_of_a_corpus_are_one_line(cli, tmp_path, args, said):
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "EMPTY" / "notes.md").write_text("not an article")
    result = cli("build", *[str(tmp_path / a) if a == "EMPTY" else a for a in args], "-o", tmp_path / "db.json")
    assert result.exit_code == 2 and said in result.stderr and result.stderr.count("\n") == 1


def test_a_sqlite_store_of_an_older_model_gets_the_new_table_and_columns(cli, tmp_path):
    old, together = tmp_path / "old.db", tmp_path / "ab.db"
    built(cli, FILES[A], "-o", old)
    db = sqlite3.connect(old)
    with db:  # as a qdaid of before issue 26 wrote it
        db.execute("DROP TABLE restatements")
        db.execute("ALTER TABLE honorees DROP COLUMN sources")
        db.execute("ALTER TABLE programs DROP COLUMN sources")
    db.close()
    built(cli, "--append", FILES[B], "-o", old)
    built(cli, FILES[A], FILES[B], "-o", together)
    for table in ("honorees", "programs", "figures", "restatements"):
        assert store.load(old)[table] == store.load(together)[table], table
    assert cli("validate", "--db", old, "--sources", CORPUS).exit_code == 0


@pytest.mark.parametrize("split", [1, 2])
@pytest.mark.parametrize("suffix", [".json", ".sqlite"])
def test_any_split_into_a_build_and_an_append_gives_the_same_tables(cli, tmp_path, together, split, suffix):
    step = tmp_path / f"step{suffix}"
    files = [FILES[A], FILES[B], FILES[C]]
    built(cli, *files[:split], "-o", step)
    built(cli, "--append", *files[split:], "-o", step)
    if suffix == ".json":
        assert step.read_bytes() == together.read_bytes()
    else:
        assert store.load(step) == store.load(together)


def test_an_empty_article_name_is_refused_not_read_as_the_current_folder(cli, tmp_path, monkeypatch):
    # `qdaid build "$ARTICLE"` with the variable unset: "" was the current folder, every .txt in it built
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("标题\n2017年以来,青岛市向陇南市捐款1亿元。\n", encoding="utf-8")
    result = cli("build", "", "-o", tmp_path / "out.json")
    assert result.exit_code == 2 and "empty" in result.stderr and not (tmp_path / "out.json").exists()


def test_a_numeral_that_does_not_read_and_a_broken_address_are_one_line(cli, tmp_path):
    # 一千…亿亿: the number grammar takes it, the numeral reader does not (an internal error before);
    # http://[::1 (an address left open): urllib's ValueError (an internal error before), a usage error now
    article = tmp_path / "n.txt"
    article.write_text("标题\n2017年以来,青岛市向陇南市捐款一千二百三十四万五千六百七十八亿亿元。\n", encoding="utf-8")
    result = cli("build", article, "-o", tmp_path / "n.json")
    assert result.exit_code == 1 and "does not read as a number" in result.stderr
    assert "internal error" not in result.stderr and result.stderr.count("\n") == 1
    result = cli("build", "http://[::1", "-o", tmp_path / "x.json")
    assert result.exit_code == 2 and "not a web address" in result.stderr


def test_a_dateline_with_its_year_dates_the_article(cli, tmp_path):
    # "2021年3月1日讯" is the article's date (its "since" runs to 2021), not a publisher "2021年" and
    # "no date"; "青岛日报2021年3月1日讯" names the publisher before it
    rows = []
    for name, lead in (("one", ""), ("two", "青岛日报")):
        article = tmp_path / f"{name}.txt"
        article.write_text(f"青岛援助陇南\n{lead}2021年3月1日讯 2017年以来,青岛市向陇南市捐款1.25亿元。\n", encoding="utf-8")
        result = cli("build", article, "-o", tmp_path / f"{name}.json")
        assert result.exit_code == 0 and "no date" not in result.stderr, result.stderr
        (source,) = json.loads(cli("list", "sources", "--db", tmp_path / f"{name}.json", "-f", "json").stdout)
        (figure,) = json.loads(cli("figures", "--db", tmp_path / f"{name}.json", "-f", "json").stdout)
        rows.append((source["publisher"], source["date"], figure["period_start"], figure["period_end"]))
    assert rows == [(None, "2021-03-01", 2017, 2021), ("青岛日报", "2021-03-01", 2017, 2021)]


def test_a_number_before_a_year_leaves_the_year_whole(cli, tmp_path):
    # "编号12345,2017年以来": 12345,201 was read as one grouped number, and the 7 of 2017 left over
    # became a duration "7年"; a comma group is three digits and no more
    article = tmp_path / "e.txt"
    article.write_text("标题\n编号12345,2017年以来青岛捐款1亿元。\n", encoding="utf-8")
    assert cli("build", article, "-o", tmp_path / "e.json", "--date", "2021-03-01").exit_code == 0
    figures = json.loads(cli("figures", "--db", tmp_path / "e.json", "-f", "json").stdout)
    assert [(f["raw"], f["period_start"], f["period_end"]) for f in figures] == [("1亿元", 2017, 2021)]


def test_a_pipe_named_like_an_article_in_a_folder_is_left_out_and_said(cli, tmp_path):
    # A FIFO (or a device) called x.txt in the folder would block a build that opened it; it was
    # skipped without a word, so a reader could not tell why its article was missing.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("标题\n2017年以来,青岛市向陇南市捐款1亿元。\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    result = cli("build", folder, "-o", tmp_path / "out.json")
    assert result.exit_code == 0, result.stderr
    assert "b.txt: not a regular file, left out" in result.stderr
    assert [s["id"] for s in store.load(tmp_path / "out.json")["sources"]] == ["a"]


def test_an_undated_article_keeps_the_date_the_build_took(cli, tmp_path):
    # Without a sidecar or --date the build takes a year from the text and says so on stderr; the
    # source said no date (list sources, cite), though every "since" of it ran to that year.
    # one.txt: its dateline 2月25日讯 falls before 2020年11月, the latest month it reports as past:
    # the first 25 February after that, 2021-02-25 (the bundled article's case; its sidecar says
    # the same). two.txt: no dateline, 2019年 the latest year it reports: 2019, the year alone.
    (tmp_path / "one.txt").write_text("青岛援助陇南\n青岛日报2月25日讯 2020年11月,青岛市向陇南市捐款1.25亿元。\n",
                                      encoding="utf-8")
    (tmp_path / "two.txt").write_text("青岛援助陇南\n2017年以来,青岛市向陇南市捐款1.25亿元,2019年捐款3000万元。\n",
                                      encoding="utf-8")
    for name, date in (("one", "2021-02-25"), ("two", "2019")):
        db = tmp_path / f"{name}.json"
        result = cli("build", tmp_path / f"{name}.txt", "-o", db)
        assert result.exit_code == 0 and "has no date: taken as " + date[:4] in result.stderr, result.stderr
        (source,) = json.loads(cli("list", "sources", "--db", db, "-f", "json").stdout)
        assert source["date"] == date
        figure = json.loads(cli("figures", "--db", db, "-f", "json").stdout)[0]
        assert json.loads(cli("cite", figure["id"], "--db", db, "-f", "json").stdout)[0]["date"] == date
        assert cli("validate", "--db", db, "--sources", tmp_path).exit_code == 0


def test_the_bundled_article_built_from_its_text_alone_has_its_date(tmp_path):
    # data/000_….txt without its sidecar: dated 2月25日 (its dateline), the year after 2020年11月: the
    # sidecar's own date, 2021-02-25
    import shutil

    from qdaid.pipeline.records import extract

    alone = tmp_path / "000_0077034771fe7207.txt"
    shutil.copyfile(Path(__file__).parent.parent / "data" / alone.name, alone)
    (source,) = extract([alone])["sources"]
    assert source["date"] == "2021-02-25"


def test_the_same_text_under_another_name_is_built_once(cli, tmp_path):
    # a reprint saved twice, or a page appended again: the same text would be a second source that
    # "confirms" every one of its own figures. Refused, in a build and in an append, one line, exit 1.
    seed = store.bundled_sources()[0].read_bytes()
    (tmp_path / "a.txt").write_bytes(seed)
    (tmp_path / "copy.txt").write_bytes(seed)
    both = cli("build", tmp_path / "a.txt", tmp_path / "copy.txt", "-o", tmp_path / "x.json")
    assert both.exit_code == 1 and "the same text as the source 'a'" in both.stderr and not (tmp_path / "x.json").exists()
    assert cli("build", tmp_path / "a.txt", "-o", tmp_path / "x.sqlite").exit_code == 0
    again = cli("build", "--append", tmp_path / "copy.txt", "-o", tmp_path / "x.sqlite")
    assert again.exit_code == 1 and again.stderr.count("\n") == 1 and "an article is built once" in again.stderr
