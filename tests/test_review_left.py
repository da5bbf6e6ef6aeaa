"""Five findings of an outside review, each checked through the CLI on the bundled article
(data/000_0077034771fe7207.txt) with values read from its text: a rebuild keeps what an append
was told; an append onto a JSON file of another layout keeps its doc ids; check matches an
honoree's figure of no place to a draft naming the honoree's home; a reprint saved with CRLF
or a BOM is the same article; cite finds the README's figure id on a database built from the
text alone."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from qdaid import store

ARTICLE = store.bundled_dir() / "000_0077034771fe7207.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def built(cli, *args):
    result = cli("build", *args)
    assert result.exit_code == 0, result.output
    return result


# ---- 4. a reprint with CRLF line ends or a BOM is the same article ------------------------

def _windows(folder: Path, name: str = "w.txt") -> Path:
    """The article as Windows Notepad saves it: a BOM, then CRLF line ends."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8").replace(b"\n", b"\r\n"))
    return path


def _plain(folder: Path, name: str = "a.txt") -> Path:
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(ARTICLE, folder / name))


def test_a_windows_copy_builds_the_same_figures_at_the_same_offsets(cli, tmp_path):
    plain, windows = _plain(tmp_path / "plain"), _windows(tmp_path / "windows")
    built(cli, plain, "-o", plain.parent / "db.json")
    built(cli, windows, "-o", windows.parent / "db.json")
    a = as_json(cli("figures", "--db", plain.parent / "db.json", "-f", "json"))
    w = as_json(cli("figures", "--db", windows.parent / "db.json", "-f", "json"))
    assert [f["id"].split("-", 1)[1] for f in w] == [f["id"].split("-", 1)[1] for f in a]
    same = ("raw", "value", "unit", "metric", "period_start", "period_end", "region", "quote", "paragraph", "start", "end")
    assert [{k: f[k] for k in same} for f in w] == [{k: f[k] for k in same} for f in a]
    at = TEXT.index("8.58亿元")  # 2017年以来,采购、销售陇南已认定扶贫产品8.58亿元
    (cited,) = as_json(cli("cite", f"w-{at:05d}", "--db", windows.parent / "db.json", "-f", "json",
                           "-F", "raw,start,end,sha256,path"))
    assert (cited["raw"], cited["start"], cited["end"]) == ("8.58亿元", at, at + len("8.58亿元"))
    # the text kept beside the database is what the offsets index, its sha256 the one recorded
    kept = windows.parent / cited["path"]
    assert kept != windows and windows.read_bytes()[:3] == b"\xef\xbb\xbf"  # the user's file as it was
    stored = kept.read_text(encoding="utf-8")
    assert stored == TEXT and stored[cited["start"]:cited["end"]] == "8.58亿元"
    assert all(stored[f["start"]:f["end"]] == f["raw"] for f in w)
    assert cli("validate", "--db", windows.parent / "db.json").exit_code == 0


def test_a_windows_copy_appended_is_refused_as_the_article_held(cli, tmp_path):
    plain = _plain(tmp_path)
    built(cli, plain, "-o", tmp_path / "db.json")
    before = (tmp_path / "db.json").read_bytes()
    result = cli("build", "--append", _windows(tmp_path), "-o", tmp_path / "db.json")
    assert result.exit_code != 0
    assert "the same text as the source 'a'" in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "db.json").read_bytes() == before


def test_a_lone_bom_or_crlf_alone_is_the_same_article(cli, tmp_path):
    plain = _plain(tmp_path)
    built(cli, plain, "-o", tmp_path / "db.json")
    for name, data in (("bom.txt", b"\xef\xbb\xbf" + plain.read_bytes()),
                       ("crlf.txt", plain.read_bytes().replace(b"\n", b"\r\n"))):
        (tmp_path / name).write_bytes(data)
        result = cli("build", "--append", tmp_path / name, "-o", tmp_path / "db.json")
        assert result.exit_code != 0 and "the same text" in result.stderr, name


# ---- 2. an append onto a JSON file of another layout keeps every doc id ------------------

CORPUS = Path(__file__).parent / "articles" / "corpus"  # b restates a's facts of the Yantai team (test_corpus.py)


def _relaid(path: Path) -> dict:
    """The database as another program may write it: compact, another table first, figures under
    doc ids 10, 20 … in reverse order, honorees and regions numbered otherwise."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["figures"] = {str(int(k) * 10): r for k, r in reversed(list(tables["figures"].items()))}
    tables["honorees"] = {str(7 + 2 * n): r for n, r in enumerate(reversed(list(tables["honorees"].values())))}
    tables["regions"] = {str(100 + n): r for n, r in enumerate(reversed(list(tables["regions"].values())))}
    relaid = {"notes": {"1": {"by": "another tool"}}, **tables}
    path.write_text(json.dumps(relaid, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return relaid


def test_an_append_onto_a_json_file_of_another_layout_keeps_its_doc_ids(cli, tmp_path):
    built(cli, CORPUS / "a_ytrb.txt", "-o", tmp_path / "db.json")
    before = _relaid(tmp_path / "db.json")
    built(cli, "--append", CORPUS / "b_jiaodong.txt", "-o", tmp_path / "db.json")
    after = json.loads((tmp_path / "db.json").read_text(encoding="utf-8"))
    assert after["notes"] == before["notes"]
    for table, docs in before.items():
        if table == "notes":
            continue
        assert {k: r["id"] for k, r in docs.items()} == {k: after[table][k]["id"] for k in docs}, table
        new = sorted(int(k) for k in after[table] if k not in docs)
        first = max(map(int, docs), default=0) + 1  # TinyDB's next id
        assert new == list(range(first, first + len(new))), table
    assert [r["id"] for k, r in after["sources"].items() if k not in before["sources"]] == ["jdzx-20210301"]
    assert len(after["figures"]) > len(before["figures"])
    # the Yantai team (烟台市帮扶重庆市工作组), under its doc id, gained the later source that names it
    (team,) = (k for k, r in before["honorees"].items() if r["name"] == "烟台市帮扶重庆市工作组")
    assert after["honorees"][team]["sources"] == ["ytrb-20210226", "jdzx-20210301"]
    assert cli("validate", "--db", tmp_path / "db.json").exit_code == 0
    # the tables are those of building both at once, whatever their doc ids
    (tmp_path / "both").mkdir()
    built(cli, CORPUS / "a_ytrb.txt", CORPUS / "b_jiaodong.txt", "-o", tmp_path / "both" / "db.json")
    both = json.loads((tmp_path / "both" / "db.json").read_text(encoding="utf-8"))
    for table in both:
        assert sorted(map(json.dumps, both[table].values())) == sorted(map(json.dumps, after[table].values())), table


# ---- 3. check: an honoree's figure of no place is of its home ----------------------------

# ¶ of the 胶州 office (胶州市扶贫协作工作办公室, home 胶州市): 2016年以来,累计采购协作地产品1.8亿元 names no place
BOUGHT = "累计采购协作地产品"
BOUGHT_18 = f"qdrb-20210225-{TEXT.index(BOUGHT + '1.8亿元') + len(BOUGHT):05d}"


def _checked(cli, tmp_path, sentence: str) -> dict:
    (tmp_path / "draft.txt").write_text(sentence + "\n", encoding="utf-8")
    result = cli("check", tmp_path / "draft.txt", "--date", "2021-02-25", "-f", "json",
                 "-F", "verdict,raw,sources,source_values")
    assert result.exit_code == 0, result.output  # nothing contradicted, whatever the verdict
    (row,) = json.loads(result.stdout)
    return row


def test_check_supports_a_draft_naming_the_honorees_home_for_its_figure_of_no_place(cli, tmp_path):
    row = _checked(cli, tmp_path, "胶州市2016年以来累计采购协作地产品1.8亿元。")
    assert row == {"verdict": "supported", "raw": "1.8亿元", "sources": [BOUGHT_18], "source_values": ["1.8亿元"]}
    # without a period the same
    assert _checked(cli, tmp_path, "胶州市累计采购协作地产品1.8亿元。")["sources"] == [BOUGHT_18]


def test_check_leaves_a_wrong_place_another_scope_or_value_unsupported(cli, tmp_path):
    for sentence in ("平度市2016年以来累计采购协作地产品1.8亿元。",  # another honoree's home
                     "青岛市2016年以来累计采购协作地产品1.8亿元。",  # above 胶州: the city's, another scope
                     "胶州市2016年以来累计采购协作地产品2.5亿元。",  # another value: another scope, not a contradiction
                     "胶州市2018年以来累计采购协作地产品1.8亿元。"):  # another "since": another fact
        row = _checked(cli, tmp_path, sentence)
        assert (row["verdict"], row["sources"]) == ("unsupported", []), sentence


# ---- 5. cite: the README's figure id on a database built from the article's text alone ----

def test_cite_finds_the_readmes_figure_id_on_a_database_built_from_the_text_alone(cli, tmp_path):
    text_alone = tmp_path / ARTICLE.name  # the article without its sidecar: its source id is the file's name
    shutil.copy(ARTICLE, text_alone)
    built(cli, text_alone)  # your database, which queries then read
    at = TEXT.index("8.58亿元")  # 2017年以来,采购、销售陇南已认定扶贫产品8.58亿元
    fields = ("-f", "json", "-F", "id,raw,start,quote")
    result = cli("cite", "qdrb-20210225-03457", *fields)  # as the README's tour writes it
    (cited,) = as_json(result)
    assert cited == {"id": f"{text_alone.stem}-{at:05d}", "raw": "8.58亿元", "start": at,
                     "quote": "2017年以来,采购、销售陇南已认定扶贫产品8.58亿元,带动贫困人口9.1万多人。"}
    assert result.stderr.count("\n") == 1 and f"取为唯一的数字 {text_alone.stem}-03457" in result.stderr
    english = cli("cite", "qdrb-20210225-03457", "--lang", "en", *fields)
    assert as_json(english) == [cited] and f"taken as {text_alone.stem}-03457" in english.stderr
    assert as_json(cli("cite", "03457", *fields)) == [cited]


def test_cite_takes_no_figure_of_another_source_for_an_id_it_does_not_hold(cli, tmp_path):
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    built(cli, tmp_path / ARTICLE.name)
    stem = ARTICLE.stem
    for missing in ("qdrb-20210225-99999", f"{stem}-99999"):  # no figure ends so; a source it holds
        result = cli("cite", missing, "-f", "json")
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "no figure" in result.stderr, missing
    # the bundled database holds the source qdrb-20210225: its id is never taken as another's
    result = cli("cite", "qdrb-20210225-99999", "--db", store.bundled_dir() / store.DB_NAME)
    assert result.exit_code == 2 and "note:" not in result.stderr


# ---- 1. a rebuild keeps what an append was told -------------------------------------------

TOLD = {"id": "qd-0305", "title": "青岛表彰先进（转载）", "date": "2021-03-05", "url": "https://example.org/0305"}


def _sources(cli, db: Path) -> dict[str, dict]:
    rows = as_json(cli("list", "sources", "--db", db, "-f", "json", "-F", "id,title,date,url,publisher,reporter"))
    return {r["id"]: r for r in rows}


def _appended_with_options(cli, tmp_path, suffix: str) -> tuple[Path, Path, Path]:
    a, b = _plain(tmp_path), tmp_path / "b.txt"
    shutil.copy(CORPUS / "a_ytrb.txt", b)
    db = tmp_path / f"db{suffix}"
    built(cli, b, "-o", db)
    built(cli, "--append", a, "-o", db, *(x for k, v in TOLD.items() for x in (f"--{k}", v)))
    return a, b, db


@pytest.mark.parametrize("suffix", [".json", ".sqlite"])
def test_a_rebuild_keeps_the_metadata_an_append_was_given(cli, tmp_path, suffix):
    a, b, db = _appended_with_options(cli, tmp_path, suffix)
    result = built(cli, a, b, "-o", db)  # the same articles again, without the options: a rebuild
    source = _sources(cli, db)[TOLD["id"]]
    assert {k: source[k] for k in TOLD} == TOLD
    assert source["publisher"] == "青岛日报社/观海新闻"  # read from the text, as before
    assert "kept from" in result.stderr and "2021-03-05" in result.stderr
    at = TEXT.index("8.58亿元")
    (cited,) = as_json(cli("cite", f"{TOLD['id']}-{at:05d}", "--db", db, "-f", "json", "-F", "raw,date"))
    assert cited == {"raw": "8.58亿元", "date": "2021-03-05"}
    assert cli("validate", "--db", db).exit_code == 0


def test_what_the_rebuild_is_told_now_wins_field_by_field(cli, tmp_path):
    a, b, db = _appended_with_options(cli, tmp_path, ".json")
    a.with_suffix(".meta.json").write_text(json.dumps({"title": "新标题"}), encoding="utf-8")
    built(cli, a, "-o", db, "--force", "--url", "https://example.org/new")
    (source,) = _sources(cli, db).values()
    assert source == {"id": TOLD["id"], "title": "新标题", "date": "2021-03-05", "url": "https://example.org/new",
                      "publisher": "青岛日报社/观海新闻", "reporter": "王凯"}


def test_another_text_or_what_the_text_gives_is_not_kept(cli, tmp_path):
    a, b, db = _appended_with_options(cli, tmp_path, ".json")
    tables = json.loads(db.read_text(encoding="utf-8"))
    doc = next(k for k, s in tables["sources"].items() if s["id"] == TOLD["id"])
    tables["sources"][doc]["reporter"] = "王"  # as an older rule may have read it from the text: read again
    db.write_text(json.dumps(tables, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    other = tmp_path / "other" / "a.txt"  # another text under the same name: nothing of the first is its
    other.parent.mkdir()
    other.write_text(TEXT.replace("8.58亿元", "8.59亿元"), encoding="utf-8")
    result = built(cli, a, other, "-o", db, "--force")
    sources = _sources(cli, db)
    assert "a" in sources and "a-2" not in sources  # (a: the other text, by its file name)
    assert sources[TOLD["id"]]["reporter"] == "王凯" and sources[TOLD["id"]]["date"] == "2021-03-05"
    assert sources["a"]["url"] is None and sources["a"]["date"] == "2021-02-25"
    assert result.stderr.count("kept from") == 1


# ---- 4 and 1: a database an older qdaid built from a CRLF file -----------------------------

def test_a_database_built_from_a_crlf_file_before_is_rebuilt_and_appended_to_as_holding_it(cli, tmp_path, monkeypatch):
    from qdaid.pipeline import text as tx

    windows = _windows(tmp_path)
    with monkeypatch.context() as before:  # qdaid as it was: the text read as its bytes are
        before.setattr(tx, "normalised", lambda text: text)
        built(cli, windows, "-o", tmp_path / "db.json", "--date", "2021-03-05")
    (old,) = json.loads((tmp_path / "db.json").read_text(encoding="utf-8"))["sources"].values()
    assert old["sha256"] == hashlib.sha256(windows.read_bytes()).hexdigest()
    again = cli("build", "--append", _windows(tmp_path, "reprint.txt"), "-o", tmp_path / "db.json")
    assert again.exit_code == 1 and "the same text as the source 'w'" in again.stderr
    rebuilt = built(cli, windows, "-o", tmp_path / "db.json")  # no --force: it holds this article
    (source,) = json.loads((tmp_path / "db.json").read_text(encoding="utf-8"))["sources"].values()
    assert source["date"] == "2021-03-05" and "kept from" in rebuilt.stderr
    assert source["sha256"] == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert cli("validate", "--db", tmp_path / "db.json").exit_code == 0
