"""`qdaid check` (issue 26): a draft's figures against the sources. The draft below is written
for these tests; the verdicts are read off the bundled article by hand (paragraph numbers as the
article counts them).
"""

from __future__ import annotations

import json

# "青岛赴陇南扶贫协作挂职干部工作组" is the bundled article's Longnan team (¶39–47). Its ¶43:
# "2017年以来,组织社会各界向陇南捐款1.25亿元" (figure 03542); ¶41: "引导签约产业项目50个" (03070);
# ¶45: 消费扶贫 8.58亿元 since 2017 (03457); ¶42: 341个扶贫车间 (03283, 2017–2021: framed by the
# 2017年以来 of the sentence before). Nothing in the article counts cold stores (冷库).
DRAFT = ("青岛对口帮扶陇南综述\n"
         "青岛赴陇南扶贫协作挂职干部工作组2017年以来组织社会各界向陇南捐款1.25亿元，"
         "在陇南帮助销售农特产品8.6亿元，在陇南引导签约产业项目60个。\n"
         "陇南全市新建冷库12座。\n")


def _check(cli, *args, **kw):
    result = cli("check", *args, **kw)
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("[") else None)


def test_check_reads_a_file_or_standard_input_and_writes_nothing(cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    by_file, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json", "--lang", "en")
    by_stdin, same = _check(cli, "-", "--date", "2021-03-01", "-f", "json", input=DRAFT)
    assert rows == same and rows
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no sidecar, no copy, no database
    # every figure of the draft, in its order: 1.25亿, 8.6亿, 60个, 12座
    assert [r["raw"] for r in rows] == ["1.25亿元", "8.6亿元", "60个", "12座"]
    assert all(r["context"].count("【") == 1 for r in rows)
    assert "【12座】" in rows[3]["context"]
    cold = rows[3]
    assert (cold["verdict"], cold["sources"], cold["source_values"]) == ("unsupported", [], [])
    assert by_file.stderr.splitlines()[-1].startswith("4 figures: ")


def test_check_says_what_is_wrong_with_its_input_in_one_line(cli, tmp_path):
    result = cli("check", tmp_path / "missing.txt")
    assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    result = cli("check", tmp_path)  # a folder
    assert result.exit_code in (1, 2) and result.stderr.strip().count("\n") == 0
    result = cli("check", "-", "--lang", "en", input="没有数字的句子。")
    assert result.exit_code == 0 and "no figures" in result.stderr


def test_each_figure_of_a_draft_gets_its_verdict(cli, tmp_path):
    # By hand, against the article (Longnan, since 2017, the draft dated 2021-03-01):
    # 1.25亿 donations: the article's ¶43 1.25亿 (03542), the same: supported, "both 1.25亿";
    # 8.6亿 consumption aid: ¶45's 8.58亿 (03457) rounded to the 0.1亿 the draft writes: supported;
    # 60 projects signed: ¶41 says 50个 (03070): contradicted, 10 apart; 12 cold stores: unsupported.
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json", "--lang", "en")
    assert result.exit_code == 1  # something is contradicted, as diff says the files differ
    got = [(r["raw"], r["verdict"], r["sources"], r["source_values"]) for r in rows]
    assert got == [("1.25亿元", "supported", ["qdrb-20210225-03542"], ["1.25亿元"]),
                   ("8.6亿元", "supported", ["qdrb-20210225-03457"], ["8.58亿元"]),
                   ("60个", "contradicted", ["qdrb-20210225-03070"], ["50个"]),
                   ("12座", "unsupported", [], [])]
    assert rows[1]["reasons"] == ["8.6亿 is 8.58亿 rounded to 0.1亿"]
    assert rows[2]["reasons"] == ["60 vs 50: 10 apart"]
    assert result.stderr.splitlines()[-1] == "4 figures: 2 supported, 1 contradicted, 1 unsupported"
    # the same verdicts in CSV; without the contradicted sentence, exit 0
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(cli("check", draft, "--date", "2021-03-01", "-f", "csv").stdout)))
    assert [r["verdict"] for r in table] == ["supported", "supported", "contradicted", "unsupported"]
    draft.write_text(DRAFT.replace("，在陇南引导签约产业项目60个", ""), encoding="utf-8")
    result, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json")
    assert result.exit_code == 0 and [r["verdict"] for r in rows] == ["supported", "supported", "unsupported"]


def test_an_undated_draft_is_of_today_and_a_since_matches_its_since(cli, tmp_path):
    # Without --date the draft is taken as written today: 2017年以来 runs from 2017 to now, and the
    # article's 2017年以来 (2017–2021) states the same "since": 1.25亿 is supported by ¶43's 1.25亿,
    # not compared with ¶47's undated 71600元 (which once made it "contradicted").
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    result, rows = _check(cli, draft, "-f", "json")
    assert [(r["raw"], r["verdict"], r["sources"]) for r in rows][:2] == [
        ("1.25亿元", "supported", ["qdrb-20210225-03542"]), ("8.6亿元", "supported", ["qdrb-20210225-03457"])]
    assert rows[0]["period"].startswith("2017–") and "no date" not in result.stderr


def test_a_draft_is_contradicted_when_any_source_of_the_fact_disagrees(cli, tmp_path):
    # Two articles written here: a (March) says Qingdao gave Longnan 1.25亿 since 2017, c (April) says
    # 1.35亿 for the same fact. A draft of 1.25亿 agrees with a and not with c: contradicted, with both
    # sources and values beside it (it was "supported", citing a alone).
    for name, date, amount in (("a", "2021-03-01", "1.25"), ("c", "2021-04-01", "1.35")):
        (tmp_path / f"{name}.txt").write_text(f"青岛援助陇南\n2017年以来,青岛市向陇南市捐款{amount}亿元。\n", encoding="utf-8")
        (tmp_path / f"{name}.meta.json").write_text(json.dumps({"id": name, "title": name, "date": date}), encoding="utf-8")
    db = tmp_path / "two.json"
    assert cli("build", tmp_path / "a.txt", tmp_path / "c.txt", "-o", db).exit_code == 0
    draft = tmp_path / "draft.txt"
    draft.write_text("青岛援助陇南\n2017年以来,青岛市向陇南市捐款1.25亿元。\n", encoding="utf-8")
    result, rows = _check(cli, draft, "--db", db, "--date", "2021-05-01", "-f", "json")
    (row,) = rows
    assert result.exit_code == 1
    assert (row["verdict"], sorted(row["source_values"])) == ("contradicted", ["1.25亿元", "1.35亿元"])
    assert sorted(s.split("-")[0] for s in row["sources"]) == ["a", "c"]


def _check_one(cli, tmp_path, sentence):
    """check of a one-sentence draft, undated, on the bundled database: (result, its one row)."""
    draft = tmp_path / "d.txt"
    draft.write_text(sentence + "\n", encoding="utf-8")
    result, rows = _check(cli, draft, "-f", "json")
    (row,) = rows
    return result, row


def test_an_inflated_number_is_not_supported_by_a_more_or_over_figure(cli, tmp_path):
    # The article's ¶43 (Longnan): "捐助物资价值620余万元" (03737): 620余万 is 620万 and some, short of
    # 630万 (the next unit of its 2, 10万); ¶45: "带动贫困人口9.1万多人" (03470): 9.1万 up to 9.2万.
    # 50亿 and 9000余万 (9000万 up to 1亿) lie far above 630万, 900万多 above 9.2万: contradicted (all
    # three were "supported": 余/多 read as "at least" and nothing more). 625万 lies inside 620万–630万
    # and 620多万 is the article's number written with 多: supported. The draft is undated, so each
    # of the article's goods figures for Longnan may state its fact; none agrees with 50亿 and the
    # nearest value states it: ¶43's "2017年以来…捐物折合2.02亿元" (03553), 47.98亿 below.
    cases = [("青岛向陇南捐物价值50亿元。", "contradicted", "2.02亿元"),
             ("青岛累计为陇南捐助物资价值9000余万元。", "contradicted", "620余万元"),
             ("青岛带动陇南贫困人口900万多人。", "contradicted", "9.1万多人"),
             ("青岛向陇南捐物价值625万元。", "supported", "620余万元"),
             ("青岛向陇南捐物价值620多万元。", "supported", "620余万元")]
    for sentence, verdict, value in cases:
        result, row = _check_one(cli, tmp_path, sentence)
        assert (sentence, row["verdict"], row["source_values"]) == (sentence, verdict, [value])
        assert result.exit_code == (1 if verdict == "contradicted" else 0)


def test_a_sentence_copied_from_the_article_is_supported_by_the_figure_it_copies(cli, tmp_path):
    # The draft is undated. ¶43: "2017年以来,组织社会各界向陇南捐款1.25亿元" (03542, 2017–2021); ¶47:
    # "共捐款71600元" (03817, undated) is Longnan donations too. Both may state the draft's fact; the
    # one whose value agrees (1.25亿, the same number) must be the one it is checked against, not the
    # undated 71600元 (which made it "contradicted"). Likewise "助力安顺54.58万贫困人口脱贫" (04151)
    # over the undated 1.4万 (04489) of Anshun's people lifted out of poverty.
    cases = [("青岛向陇南捐款1.25亿元。", "1.25亿元", "qdrb-20210225-03542"),
             ("安顺54.58万贫困人口脱贫。", "54.58万", "qdrb-20210225-04151")]
    for sentence, value, source in cases:
        result, row = _check_one(cli, tmp_path, sentence)
        assert (sentence, row["verdict"], row["sources"], row["source_values"]) == (sentence, "supported", [source], [value])
        assert result.exit_code == 0


def test_errors_name_the_draft_not_its_temporary_copy(cli):
    for data in (b"", b"\xff\xfe"):
        result = cli("check", "-", input=data)
        assert result.exit_code != 0 and result.stderr.count("\n") == 1, result.stderr
        assert "qdaid-check-" not in result.stderr and "the draft" in result.stderr, result.stderr
