"""A table whose header gives its column's unit (补助金额(万元)): a bare number in that column is an
amount of that unit, its digits the raw text and its value in base units; the row 合计 holds the rows
that add up to it; validate reads the header again from the source. A notice written for these tests."""

from __future__ import annotations

import json

NOTICE = ("某县产业补助资金安排表\n"
          "各乡镇产业补助资金安排如下:\n"
          "乡镇\t补助金额(万元)\t受益人数(人)\n"
          "合计\t{total}\t900\n"
          "东山镇\t45\t400\n"
          "西山镇\t30.5\t500\n")


def _build(cli, tmp_path, total="75.5"):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE.format(total=total), "utf-8")
    db = tmp_path / "db.json"
    assert cli("build", path, "-o", db, "--date", "2022-03-01").exit_code == 0
    figures = sorted(json.loads(db.read_text("utf-8"))["figures"].values(), key=lambda f: f["start"])
    return path, db, figures


def test_a_cell_under_a_header_of_ten_thousand_yuan(cli, tmp_path):
    path, _, figures = _build(cli, tmp_path)
    text = path.read_text("utf-8")
    got = [(f["raw"], f["value"], f["unit"]) for f in figures]
    assert got == [("75.5", 755000, "cny"), ("900", 900, "person"), ("45", 450000, "cny"), ("400", 400, "person"),
                   ("30.5", 305000, "cny"), ("500", 500, "person")]
    assert all(text[f["start"]:f["end"]] == f["raw"] for f in figures)


def test_the_total_row_holds_the_rows_that_add_up_to_it(cli, tmp_path):
    _, _, figures = _build(cli, tmp_path)
    by_raw = {f["raw"]: f for f in figures}
    assert by_raw["45"]["part_of"] == by_raw["30.5"]["part_of"] == by_raw["75.5"]["id"]  # 45 + 30.5 = 75.5万
    assert by_raw["400"]["part_of"] == by_raw["500"]["part_of"] == by_raw["900"]["id"]
    (tmp_path / "b").mkdir()
    _, _, figures = _build(cli, tmp_path / "b", total="80")  # 45 + 30.5 is not 80万: no parts of it
    assert {f["raw"]: f["part_of"] for f in figures}["45"] is None


def test_validate_reads_the_header_again(cli, tmp_path):
    _, db, _ = _build(cli, tmp_path)
    result = cli("validate", "--db", db, "--sources", tmp_path)
    assert result.exit_code == 0, result.output



def test_a_column_of_averages_is_no_amount(cli, tmp_path):
    # 人均增收(元): what each person gained, no sum of money a total may count
    path = tmp_path / "avg.txt"
    path.write_text("增收情况表\n乡镇\t人均增收(元)\n东山镇\t1200\n西山镇\t950\n", "utf-8")
    db = tmp_path / "db.json"
    assert cli("build", path, "-o", db, "--date", "2022-03-01").exit_code == 0
    assert json.loads(db.read_text("utf-8"))["figures"] == {}


ALLOTTED = ("定西市2022年帮扶资金分配公告\n一、资金来源\n福建省追加定西市帮扶资金500万元。\n二、资金分配\n"
            "本批追加的500万资金全部分配给2个县区,其中:安定区300万元,通渭县200万元。\n三、分配表\n"
            "县区\t金额(万元)\n合计\t500\n安定区\t300\n通渭县\t200\n")


def test_a_breakdown_told_twice_never_makes_the_most_less_than_the_least(cli, tmp_path):
    # the words' 500万 and the table's 500 hold the same two rows (300 + 200) twice over, each part
    # both by part_of and by place: the most the text allows is still the 500万 it proves (was 0)
    path = tmp_path / "allotted.txt"
    path.write_text(ALLOTTED, "utf-8")
    db = tmp_path / "db.json"
    assert cli("build", path, "-o", db).exit_code == 0
    rows = json.loads(cli("stats", "--db", db, "--metric", "funds", "-f", "json").stdout)
    (row,) = [r for r in rows if r["unit"] == "cny"]
    assert (row["total_min"], row["total_max"]) == (5000000, 5000000)
