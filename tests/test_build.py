"""qdaid build: reproduces the committed database, is deterministic, atomic and exclusive."""

import json
import os
from pathlib import Path

import pytest

from qdaid import store
from qdaid.model import DataError

ARTICLES = Path(__file__).parent / "articles"


def rows_of(result) -> list[dict]:
    import csv
    import io

    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_build_reproduces_the_committed_database(cli, tmp_path, bundled_db):
    target = tmp_path / "qdaid.json"
    for source in store.bundled_sources():
        (tmp_path / source.name).write_bytes(source.read_bytes())
        meta = source.with_suffix(".meta.json")
        (tmp_path / meta.name).write_bytes(meta.read_bytes())
    result = cli("build", *[tmp_path / s.name for s in store.bundled_sources()], "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == bundled_db.read_bytes()


def test_build_is_deterministic(cli, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    article = ARTICLES / "dalian_traditional.txt"
    assert cli("build", article, "-o", first).exit_code == 0
    assert cli("build", article, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_built_database_validates(cli, tmp_path):
    target = tmp_path / "qdaid.json"
    assert cli("build", ARTICLES / "work_team_totals.txt", "-o", target).exit_code == 0
    result = cli("validate", "--db", target, "--sources", ARTICLES)
    assert result.exit_code == 0, result.output


def test_failed_build_leaves_the_old_file(cli, tmp_path, monkeypatch):
    target = tmp_path / "qdaid.json"
    target.write_text('{"old": {}}\n')
    before = target.read_bytes()

    def explode(*args, **kwargs):
        raise RuntimeError("pipeline failed midway")

    monkeypatch.setattr("qdaid.pipeline.records.add_articles", explode)
    result = cli("build", "-o", target)
    assert result.exit_code == 1
    assert "internal error: RuntimeError: pipeline failed midway" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "qdaid.json"
    target.write_text("old\n")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]


def test_unwritable_folder_is_one_clear_error(tmp_path):
    missing = tmp_path / "no" / "such" / "qdaid.json"
    with pytest.raises(DataError, match="cannot write there"):
        store.write(missing, "x")


def test_second_build_on_the_same_target_is_refused_and_keeps_the_first_ones_lock(tmp_path):
    from qdaid import fileio

    target = tmp_path / "qdaid.json"
    lock = tmp_path / ".qdaid.json.lock"
    with fileio.exclusive(target):
        for _ in range(2):  # a refused build must not remove the running build's lock
            with pytest.raises(DataError, match="another build"), fileio.exclusive(target):
                pass
            assert lock.exists()
    assert not lock.exists()  # removed by the build that held it
    with fileio.exclusive(target):
        pass


def test_disk_full_during_a_build_keeps_the_old_file(tmp_path, monkeypatch):
    import errno
    from pathlib import Path

    target = tmp_path / "qdaid.json"
    target.write_text("old\n")

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(DataError, match="No space left on device"):
        store.write(target, "new\n")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qdaid.json"]


# ---- adding articles: --append, and metadata on the command line -------------------------------

def _built(cli, *args):
    result = cli("build", *args)
    assert result.exit_code == 0, result.output
    return result


def test_append_gives_the_same_database_as_building_together(cli, tmp_path, bundled_db):
    article = store.bundled_sources()[0]
    yantai, suzhou = ARTICLES / "yantai_honorees.txt", ARTICLES / "suzhou_tongren_years.txt"
    together, step = tmp_path / "together.json", tmp_path / "step.json"
    _built(cli, article, yantai, suzhou, "-o", together)
    _built(cli, article, "-o", step)
    before = {t: {r["id"]: r for r in rows} for t, rows in store.load(step).items()}
    _built(cli, "--append", yantai, "-o", step)
    _built(cli, "--append", suzhou, "-o", step)
    assert step.read_bytes() == together.read_bytes()
    after = store.load(step)
    for table, records in before.items():  # what was there stays, under the same ids
        kept = {r["id"]: r for r in after[table]}
        assert all(kept[i] == r for i, r in records.items()), table
    assert len(after["sources"]) == 3 and cli("validate", "--db", step, "--sources", ARTICLES).exit_code == 0


def test_append_refuses_a_source_it_holds_and_a_database_that_is_not_there(cli, tmp_path):
    db = tmp_path / "db.json"
    _built(cli, ARTICLES / "work_team_totals.txt", "-o", db)
    before = db.read_bytes()
    result = cli("build", "--append", ARTICLES / "work_team_totals.txt", "-o", db)
    assert result.exit_code == 1 and "the same text as the source 'work_team_totals'" in result.stderr
    assert db.read_bytes() == before  # nothing changed
    result = cli("build", "--append", ARTICLES / "work_team_totals.txt", "-o", tmp_path / "none.json")
    assert result.exit_code == 2 and "nothing to append to" in result.stderr
    assert not (tmp_path / "none.json").exists()


def test_append_without_output_adds_to_your_database_never_the_bundled_one(cli, bundled_db):
    before = bundled_db.read_bytes()
    _built(cli, "--append", ARTICLES / "work_team_totals.txt", "--id", "wtt")
    assert bundled_db.read_bytes() == before
    sources = {r["id"] for r in rows_of(cli("list", "sources", "-f", "csv"))}
    assert sources == {"qdrb-20210225", "wtt"}  # the bundled article and the appended one, in your database


def test_metadata_flags_replace_the_sidecar(cli, tmp_path):
    db = tmp_path / "db.json"
    _built(cli, ARTICLES / "yantai_honorees.txt", "-o", db, "--id", "ytrb-20210301", "--title", "烟台表彰",
           "--date", "2021-03-01", "--publisher", "烟台日报", "--url", "https://example.org/yt")
    (source,) = rows_of(cli("list", "sources", "--db", db, "-f", "csv"))
    assert (source["id"], source["title"], source["date"], source["publisher"], source["url"]) == \
        ("ytrb-20210301", "烟台表彰", "2021-03-01", "烟台日报", "https://example.org/yt")
    figure_ids = {r["id"] for r in rows_of(cli("figures", "--db", db, "-F", "id", "-f", "csv"))}
    assert figure_ids and all(i.startswith("ytrb-20210301-") for i in figure_ids)
    result = cli("build", ARTICLES / "yantai_honorees.txt", "-o", tmp_path / "x.json", "--date", "2021-02-30")
    assert result.exit_code == 2 and "--date: '2021-02-30' is not a date" in result.stderr
    result = cli("build", ARTICLES / "yantai_honorees.txt", ARTICLES / "work_team_totals.txt", "-o",
                 tmp_path / "y.json", "--title", "x")
    assert result.exit_code == 2 and "describes one article" in result.stderr


def test_the_bundled_article_built_from_its_text_alone_gives_the_same_totals(cli, tmp_path, bundled_db):
    """No sidecar, so no date. The text reports 2020年11月 as past (¶8 以不失一分的高质量通过…评估验收,
    ¶34 满分通过省级验收评估) and no later month; its dateline says 2月25日讯 (¶2). The 25th of
    February that follows November 2020 is in 2021: the article's year is 2021, as its sidecar says,
    so 自2017年以来 runs to 2021 and holds 2020's 7.54亿元 (Longnan's consumption aid is 8.58亿元,
    not 8.58亿 + 7.54亿 = 16.12亿, what the build gave when "since 2017" was left open)."""
    import json

    article = store.bundled_sources()[0]
    (tmp_path / article.name).write_bytes(article.read_bytes())
    target = tmp_path / "db.json"
    result = cli("build", tmp_path / article.name, "-o", target)
    assert result.exit_code == 0, result.output
    warning, wrote = result.stderr.splitlines()
    assert warning.startswith(f"warning: {article.name} has no date: taken as 2021, the first 2月25日")
    assert "2020年11月" in warning and warning.endswith("give --date to set it") and wrote.startswith("wrote")
    # the date the build took, recorded (list sources and cite showed none): 2021 and the dateline's
    # 2月25日, the sidecar's own date
    assert store.load(target)["sources"][0]["date"] == "2021-02-25"

    def rows(db, *args) -> list[dict]:
        result = cli("stats", "--db", db, *args, "-f", "json")
        assert result.exit_code == 0, result.output
        found = json.loads(result.stdout)
        for row in found:  # ids differ by their source (the file's name, no sidecar's id): the offset is the figure
            row["headline"] = row["headline"] and row["headline"].rsplit("-", 1)[1]
        return found

    for args in (["--region", "longnan", "--metric", "consumption_aid"], ["--by", "metric"],
                 ["--by", "honoree", "--by", "year"]):
        assert rows(target, *args) == rows(bundled_db, *args), args
    (longnan,) = rows(target, "--region", "longnan", "--metric", "consumption_aid")
    assert (longnan["total"], longnan["excluded"]) == (858000000, 1)


def test_covers_round_trips_through_a_built_sqlite_and_json_store(cli, tmp_path):
    """build -o x.sqlite and -o x.json of the bundled article: 179.4万 (助力三市, ¶4) covers the three
    cities the sentence names, read back alike from each store; a figure of one place covers none."""
    import json

    for source in store.bundled_sources():
        (tmp_path / source.name).write_bytes(source.read_bytes())
        meta = source.with_suffix(".meta.json")
        (tmp_path / meta.name).write_bytes(meta.read_bytes())
    printed = {}
    for name in ("x.sqlite", "x.json"):
        result = cli("build", *[tmp_path / s.name for s in store.bundled_sources()], "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        shown = cli("figures", "--db", tmp_path / name, "-f", "json")
        printed[name] = {f["raw"]: f["covers"] for f in json.loads(shown.stdout)}
    assert printed["x.sqlite"] == printed["x.json"]
    assert printed["x.json"]["179.4万"] == ["anshun", "longnan", "heze"]
    assert printed["x.json"]["8.58亿元"] == []


def test_a_folder_built_elsewhere_keeps_its_articles_beside_the_database(cli, tmp_path, monkeypatch):
    """The README's `qdaid build articles/ -o corpus.json`: validate re-reads every quote from its
    article, which it looks for beside the database; the articles are copied there (a file of that
    name holding other bytes is kept, and the copy adds the source id to its name)."""
    seed = store.bundled_sources()[0]
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_bytes(seed.read_bytes())
    (articles / "a.meta.json").write_text('{"id": "qdrb-a", "date": "2021-02-25"}', "utf-8")
    (tmp_path / "a.txt").write_text("someone else's notes\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("build", "articles/", "-o", "corpus.json").exit_code == 0
    assert (tmp_path / "a.txt").read_text("utf-8") == "someone else's notes\n"  # never replaced
    assert (tmp_path / "a.qdrb-a.txt").read_bytes() == seed.read_bytes()  # the name with the source id
    result = cli("validate", "--db", "corpus.json")
    assert result.exit_code == 0, result.output


def test_a_folder_in_the_folder_built_is_named_not_passed_over(cli, tmp_path):
    articles = tmp_path / "articles"
    (articles / "2020").mkdir(parents=True)
    (articles / "a.txt").write_bytes(store.bundled_sources()[0].read_bytes())
    result = cli("build", articles, "-o", tmp_path / "corpus.json")
    assert result.exit_code == 0, result.output
    assert f"note: {articles}: the folders in it are not read (2020): name them to build them too" in \
        result.stderr.splitlines()


def test_a_folder_holding_its_own_database_builds_again(cli, tmp_path):
    # build hf -o hf/corpus.json keeps the page's text as hf/news_page.txt; the next build of hf must not
    # read that text as a second article (it was refused as the same text), nor macOS's ._ files
    folder = tmp_path / "hf"
    folder.mkdir()
    (folder / "news_page.html").write_bytes((Path(__file__).parent / "pages" / "news_page.html").read_bytes())
    (folder / "._news_page.txt").write_bytes(b"\x00\x05\x16\x07")  # a resource fork, not UTF-8
    first = cli("build", folder, "-o", folder / "corpus.json")
    assert first.exit_code == 0, first.output
    assert (folder / "news_page.txt").is_file()
    again = cli("build", folder, "-o", folder / "corpus.json")
    assert again.exit_code == 0, again.output
    assert f"note: {folder / 'news_page.txt'}: left out, as the text of the web page beside it" in again.stderr
    assert len(store.load(folder / "corpus.json")["sources"]) == 1


@pytest.mark.parametrize("append", [False, True])
def test_a_failed_write_takes_back_the_article_copies_it_made(cli, tmp_path, monkeypatch, append):
    # The copies beside the database are written before it; a write that fails (a full disk) or is
    # interrupted leaves the folder as it was: the old database, the user's own file of the same name
    # untouched, no copy naming a database that was never written.
    import errno

    from qdaid import appending

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(store.bundled_sources()[0].read_bytes())
    (tmp_path / "in" / "b.txt").write_text("标题\n2020年,青岛向陇南捐款57万元。\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.txt").write_text("the user's own notes\n", "utf-8")
    (out / "a.txt").write_bytes(store.bundled_sources()[0].read_bytes())  # a.txt's very bytes: kept as the copy
    target = out / "corpus.sqlite"
    if append:
        assert cli("build", tmp_path / "in" / "b.txt", "-o", target).exit_code == 0  # b.txt's copy: b.b.txt
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(appending if append else store, "append" if append else "write_tables", full)
    result = cli("build", *(["--append"] if append else []), tmp_path / "in" / "a.txt",
                 *([] if append else [tmp_path / "in" / "b.txt"]), "-o", target)
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(("compact", "before"), [(False, ""), (True, ""), (False, "\n  ")])
def test_a_database_named_as_an_article_is_refused(cli, tmp_path, compact, before):
    # `qdaid build facts.json -o new.json` read the database's JSON as an article's text: 657
    # figures from its quotes and field names, exit 0 (the outside review, finding 6).
    tables = json.loads((store.bundled_dir() / store.DB_NAME).read_text("utf-8"))
    db = tmp_path / "facts.json"
    db.write_text(before + json.dumps(tables, ensure_ascii=False, **({} if compact else {"indent": 1})), "utf-8")
    result = cli("build", db, "-o", tmp_path / "new.json")
    assert result.exit_code == 1 and "a qdaid database, not an article" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "new.json").exists()
