"""`qdaid check` (issue 26): a draft's figures against the sources. The draft below is written
for these tests; the verdicts are read off the bundled article by hand (paragraph numbers as the
article counts them).
"""

from __future__ import annotations

import json
from pathlib import Path

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
    # a "since" has a known first year: its period is compared (its end moves with the date, not its start)
    assert rows[0]["period_checked"] is True and "period_checked" not in result.stderr


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
    # These figures are the Longnan team's: a draft names the team for its figure to state the team's
    # fact (restate.same_fact: a figure of no honoree is never an honoree's). "青岛带动陇南贫困人口
    # 900万多人" names no honoree: Qingdao's people helped, not the team's 9.1万多: unsupported (naming
    # the team makes it the team's fact, 900万多 against 9.1万多: contradicted; the words of the team's
    # name no longer read as cadres dispatched, bodynames.py).
    team = "青岛赴陇南扶贫协作挂职干部工作组"
    cases = [(team + "向陇南捐物价值50亿元。", "contradicted", ["2.02亿元"]),
             (team + "累计为陇南捐助物资价值9000余万元。", "contradicted", ["620余万元"]),
             ("青岛带动陇南贫困人口900万多人。", "unsupported", []),
             (team + "向陇南捐物价值625万元。", "supported", ["620余万元"]),
             (team + "向陇南捐物价值620多万元。", "supported", ["620余万元"])]
    for sentence, verdict, values in cases:
        result, row = _check_one(cli, tmp_path, sentence)
        assert (sentence, row["verdict"], row["source_values"]) == (sentence, verdict, values)
        assert result.exit_code == (1 if verdict == "contradicted" else 0)


def test_a_sentence_copied_from_the_article_is_supported_by_the_figure_it_copies(cli, tmp_path):
    # The draft is undated. ¶43: "2017年以来,组织社会各界向陇南捐款1.25亿元" (03542, 2017–2021); ¶47:
    # "共捐款71600元" (03817, undated) is Longnan donations too. Both may state the draft's fact; the
    # one whose value agrees (1.25亿, the same number) must be the one it is checked against, not the
    # undated 71600元 (which made it "contradicted"). Likewise "助力安顺54.58万贫困人口脱贫" (04151)
    # over the undated 1.4万 (04489) of Anshun's people lifted out of poverty. Each sentence names the
    # honoree whose figure it copies (the Longnan team, the Anshun team): a figure of no honoree is
    # never an honoree's (restate.same_fact).
    cases = [("青岛赴陇南扶贫协作挂职干部工作组向陇南捐款1.25亿元。", "1.25亿元", "qdrb-20210225-03542"),
             ("山东省青岛市赴安顺东西部扶贫协作工作队助力安顺54.58万贫困人口脱贫。", "54.58万", "qdrb-20210225-04151")]
    for sentence, value, source in cases:
        result, row = _check_one(cli, tmp_path, sentence)
        assert (sentence, row["verdict"], row["sources"], row["source_values"]) == (sentence, "supported", [source], [value])
        assert result.exit_code == 0


def test_errors_name_the_draft_not_its_temporary_copy(cli):
    for data in (b"", b"\xff\xfe"):
        result = cli("check", "-", input=data)
        assert result.exit_code != 0 and result.stderr.count("\n") == 1, result.stderr
        assert "qdaid-check-" not in result.stderr and "the draft" in result.stderr, result.stderr


def test_a_contradicted_reason_gives_the_range_a_more_or_over_figure_was_compared_as(cli, tmp_path):
    # ¶43's 620余万 (03737) is 620万 up to, not including, 630万 (its 2 counts 10万); the draft's
    # 9000余万 is 9000万 up to 1亿 (its 9 counts 1000万); 9000万 − 620万 = 8380万 apart. The reason
    # said "at least 620万" alone, which is not the range the verdict used.
    draft = tmp_path / "d.txt"
    # (the draft names the team: a figure of no honoree is not the team's fact, issue 26's scope rule)
    draft.write_text("青岛赴陇南扶贫协作挂职干部工作组累计为陇南捐助物资价值9000余万元。\n", encoding="utf-8")
    stored = ("9000余万 vs 620余万: 8380万 apart; 9000余万 (at least 9000万, below 1亿); "
              "620余万 (at least 620万, below 630万)")
    for lang in ("zh", "en"):  # machine formats carry the stored reason, whatever the page's language
        result, rows = _check(cli, draft, "-f", "json", "--lang", lang)
        assert result.exit_code == 1 and rows[0]["reasons"] == [stored]
        import csv
        import io

        table = list(csv.DictReader(io.StringIO(cli("check", draft, "-f", "csv", "--lang", lang).stdout)))
        assert table[0]["reasons"] == stored
    zh = cli("check", draft, "-F", "reasons", "-f", "md").stdout
    assert "620余万（至少620万，不到630万）" in zh and "9000余万（至少9000万，不到1亿）" in zh, zh
    en = cli("check", draft, "-F", "reasons", "-f", "md", "--lang", "en").stdout
    assert "over 6.2 million (below 6.3 million)" in en and "over 90 million (below 100 million)" in en, en


ANSHUN = "七年奋战,助力安顺54.58万贫困人口脱贫,6个贫困县区和569个贫困村全部摘帽,贫困发生率从20.84%下降到零。"


def test_an_undated_draft_does_not_count_a_relative_period_back_from_today(cli, tmp_path):
    # ¶26 of the bundled article, copied verbatim into an undated draft. The article's 七年奋战 counts
    # back from its date (2021): 2014–2021. The draft's 七年 ends when the draft was written, which no
    # --date says: counted back from today it was 2019–2026, and 54.58万 was "contradicted" by the
    # undated 1.4万 (04489). Its period is unknown, so it is not held against the source: each figure
    # is compared on metric, unit, place and value, and is the article's own figure in that sentence
    # (its id: the article's id and the number's offset in its text), value for value: supported.
    article = (Path(__file__).parent.parent / "data" / "000_0077034771fe7207.txt").read_text(encoding="utf-8")
    at = article.index(ANSHUN[:-1])
    (tmp_path / "d.txt").write_text(ANSHUN + "\n", encoding="utf-8")
    result, rows = _check(cli, tmp_path / "d.txt", "-f", "json", "--lang", "en")
    expected = [(raw, "supported", [f"qdrb-20210225-{at + ANSHUN.index(raw):05d}"], [raw], None, False)
                for raw in ("54.58万", "6个", "569个", "20.84%", "零")]
    assert [(r["raw"], r["verdict"], r["sources"], r["source_values"], r["period"], r["period_checked"])
            for r in rows] == expected
    assert result.exit_code == 0 and "period" in result.stderr and "--date" in result.stderr, result.stderr
    # the same in CSV; a page marks each row
    import csv
    import io

    table = list(csv.DictReader(io.StringIO(cli("check", tmp_path / "d.txt", "-f", "csv").stdout)))
    assert [(r["verdict"], r["period"], r["period_checked"]) for r in table] == [("supported", "", "false")] * 5
    page = cli("check", tmp_path / "d.txt", "-f", "md", "-F", "verdict,raw", "--lang", "en").stdout
    assert page.count("supported (period not checked)") == 5, page
    # dated, the draft's 七年 is the article's 2014–2021, and checked
    result, rows = _check(cli, tmp_path / "d.txt", "--date", "2021-02-25", "-f", "json")
    assert [(r["verdict"], r["period"], r["period_checked"]) for r in rows] == [("supported", "2014–2021", True)] * 5
    assert "period" not in result.stderr.splitlines()[0]


# A draft of 陇南 (its title and first line) that turns to 安顺, a second helped city, and then to
# Qingdao itself. Written for this test.
TWO_CITIES = ("青岛对口帮扶陇南综述\n"
              "2017年以来，青岛向陇南捐款1.25亿元。\n"
              "安顺是青岛对口帮扶的另一座城市。全市引导签约产业项目60个。\n"
              "青岛全市6.5万名贫困人口全部脱贫。\n")


def test_a_place_of_one_sentence_does_not_leak_onto_another(cli, tmp_path):
    # By hand: 1.25亿 is 陇南's (named in its sentence): ¶43's 1.25亿 (03542), supported. 全市…60个
    # names no place, and the draft speaks of two helped cities (陇南, 安顺): it is no one place's,
    # and the article's Longnan 50个 (¶41, 03070) is not its fact: unsupported. 青岛全市…脱贫 names
    # Qingdao alone and speaks of no aid: Qingdao's own people, of whom the article counts none lifted
    # out: unsupported. Both were read as 陇南's (安顺, named once, was taken for no evidence; a sentence
    # naming only the helper city was the helped city's) and were "contradicted": 60 vs 50, and 6.5万
    # vs ¶41's 6.35万名 (03101, the sentence of the 50个).
    draft = tmp_path / "draft.txt"
    draft.write_text(TWO_CITIES, encoding="utf-8")
    result, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json")
    got = [(r["raw"], r["region"], r["verdict"], r["sources"]) for r in rows]
    assert got == [("1.25亿元", "longnan", "supported", ["qdrb-20210225-03542"]),
                   ("60个", None, "unsupported", []),
                   ("6.5万名", "qingdao", "unsupported", [])]
    assert result.exit_code == 0
    # one rule for drafts and articles: the same text built as an article gives the same places
    (tmp_path / "two.txt").write_text(TWO_CITIES, encoding="utf-8")
    assert cli("build", tmp_path / "two.txt", "-o", tmp_path / "two.json", "--date", "2021-03-01").exit_code == 0
    figures = json.loads(cli("figures", "--db", tmp_path / "two.json", "-f", "json").stdout)
    assert [(f["raw"], f["region"]) for f in figures] == [(r[0], r[1]) for r in got]
    # without 安顺 the draft is of one helped city, 陇南; a sentence of no place, or of the helper's aid
    # (青岛市统筹…帮扶资金), is still 陇南's, but 青岛全市…脱贫 speaks of no aid: Qingdao's own, unsupported
    # (it was 陇南's, "contradicted" by 6.35万名 again). 全市…60个 names no honoree: the Longnan team's
    # 50个 is of another scope (issue 26's rule: an honoree's figure is no city-wide one's), so a
    # different value does not contradict it: unsupported.
    draft.write_text(TWO_CITIES.replace("安顺是青岛对口帮扶的另一座城市。", ""), encoding="utf-8")
    result, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json")
    assert [(r["raw"], r["region"], r["verdict"]) for r in rows] == [
        ("1.25亿元", "longnan", "supported"), ("60个", "longnan", "unsupported"), ("6.5万名", "qingdao", "unsupported")]


def test_check_never_exits_1_for_trouble(cli, tmp_path):
    # 1 is check's answer "contradicted" (as diff's "the files differ"): a script running
    # `qdaid check draft || say contradicted` must not read a missing database or an empty draft so
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    missing = cli("check", draft, "--db", tmp_path / "none.json")
    assert missing.exit_code == 2 and "no such database file" in missing.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    nothing = cli("check", empty)
    assert nothing.exit_code == 2 and nothing.stderr.count("\n") == 1  # one line, no traceback
    other = cli("stats", "--db", tmp_path / "none.json")  # the other commands keep 1 for a data error
    assert other.exit_code == 1


def test_a_supported_figure_gives_the_sources_sentences(cli):
    # ¶43 of the bundled article: "2017年以来,组织社会各界向陇南捐款1.25亿元,捐物折合2.02亿元。" states
    # the draft's 1.25亿: the row gives that sentence, its number marked, beside the source's id.
    draft = "青岛赴陇南扶贫协作挂职干部工作组2017年以来组织社会各界向陇南捐款1.25亿元。\n"
    result, rows = _check(cli, "-", "--date", "2021-03-01", "-f", "json", input=draft)
    (row,) = rows
    assert (row["verdict"], row["sources"]) == ("supported", ["qdrb-20210225-03542"])
    assert row["source_quotes"] == ["2017年以来,组织社会各界向陇南捐款【1.25亿元】,捐物折合2.02亿元。"]


def test_a_sentence_copied_from_an_honorees_section_is_supported_never_contradicted_by_it(cli, tmp_path):
    # ¶41 of the bundled article, in the Longnan team's section: "引导签约产业项目50个" (03070). A draft
    # sentence naming no honoree is the team's fact only when its value agrees (the sentence may have
    # been copied from the section): 50个 supported by 03070; 60个 may be of another scope: unsupported.
    for count, verdict, sources in (("50个", "supported", ["qdrb-20210225-03070"]), ("60个", "unsupported", [])):
        draft = tmp_path / "d.txt"
        draft.write_text(f"陇南引导签约产业项目{count}。\n", encoding="utf-8")
        result, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json")
        assert [(r["raw"], r["honoree"], r["verdict"], r["sources"]) for r in rows] == [(count, None, verdict, sources)]
        assert result.exit_code == 0


def test_a_web_page_draft_marks_its_number_not_its_whole_sentence(cli, tmp_path):
    # ¶43's 1.25亿 in a saved page: the page's text is read from the HTML, so no text file holds the
    # sentence; the number is found in the sentence itself and marked as a .txt draft's is.
    page = tmp_path / "draft.html"
    page.write_text("<html><head><meta charset='utf-8'><title>稿件</title></head><body><article><p>2017年以来，"
                    "青岛赴陇南扶贫协作挂职干部工作组组织社会各界向陇南捐款1.25亿元。</p></article></body></html>",
                    encoding="utf-8")
    result, rows = _check(cli, page, "-f", "json")
    (row,) = rows
    assert row["context"].endswith("向陇南捐款【1.25亿元】。") and row["context"].count("【") == 1


def test_an_unknown_field_is_said_before_the_draft_is_read(cli, tmp_path):
    # -F is checked first: a typo costs no build of the draft (and is named even when the draft is missing)
    result = cli("check", tmp_path / "missing.txt", "-F", "verdict,nosuch")
    assert result.exit_code == 2 and "unknown field nosuch" in result.stderr and "no such file" not in result.stderr
