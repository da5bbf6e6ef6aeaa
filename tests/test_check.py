"""`qdaid check` (issue 26): a draft's figures against the sources. The draft below is written
for these tests; the verdicts are read off the bundled article by hand (paragraph numbers as the
article counts them).
"""

from __future__ import annotations

import json

# "青岛赴陇南扶贫协作挂职干部工作组" is the bundled article's Longnan team (¶39–47). Its ¶43:
# "2017年以来,组织社会各界向陇南捐款1.25亿元" (figure 03542); ¶41: "引导签约产业项目50个" (03070);
# ¶45: 消费扶贫 8.58亿元 since 2017 (03457); ¶42: 341个扶贫车间 (03283, undated). Nothing in the
# article counts cold stores (冷库).
DRAFT = ("青岛对口帮扶陇南综述\n"
         "青岛赴陇南扶贫协作挂职干部工作组2017年以来组织社会各界向陇南捐款1.25亿元，"
         "帮助陇南销售农特产品8.6亿元，引导签约产业项目60个。\n"
         "陇南全市新建冷库12座。\n")


def _check(cli, *args, **kw):
    result = cli("check", *args, **kw)
    return result, (json.loads(result.stdout) if result.stdout.strip().startswith("[") else None)


def test_check_reads_a_file_or_standard_input_and_writes_nothing(cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    by_file, rows = _check(cli, draft, "--date", "2021-03-01", "-f", "json")
    by_stdin, same = _check(cli, "-", "--date", "2021-03-01", "-f", "json", input=DRAFT)
    assert rows == same and rows
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no sidecar, no copy, no database
    # every figure of the draft, in its order: 1.25亿, 8.6亿, 60个, 12座
    assert [r["raw"] for r in rows] == ["1.25亿元", "8.6亿元", "60个", "12座"]
    assert all(r["sentence"].count("【") == 1 for r in rows)
    assert "【12座】" in rows[3]["sentence"]
    cold = rows[3]
    assert (cold["verdict"], cold["sources"], cold["source_values"]) == ("unsupported", [], [])
    assert by_file.stderr.splitlines()[-1].startswith("4 figures: ")


def test_check_says_what_is_wrong_with_its_input_in_one_line(cli, tmp_path):
    result = cli("check", tmp_path / "missing.txt")
    assert result.exit_code == 2 and result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    result = cli("check", tmp_path)  # a folder
    assert result.exit_code in (1, 2) and result.stderr.strip().count("\n") == 0
    result = cli("check", "-", input="没有数字的句子。")
    assert result.exit_code == 0 and "no figures" in result.stderr
