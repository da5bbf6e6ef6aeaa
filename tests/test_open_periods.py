"""An open period: 2017年以来 in an article of unknown date (no date given, no other year in it) runs
from 2017 to the day it was written, which may be any year from 2017 on (README: "since" open, 2011–).
period_end is null; every command reads it as open, not as the single year 2017."""

import csv
import io
import json

import pytest

UNDATED = "陇南捐款\n\n3月9日讯 2017年以来,青岛社会各界向陇南捐款1亿元。\n"  # 2017–, Longnan, 1亿
DATED = "陇南捐款\n\n2020年,青岛社会各界向陇南捐款3000万元。\n"  # 2020, Longnan, 3000万 (given 2021-03-01)


@pytest.fixture
def corpus(cli, tmp_path):
    (tmp_path / "undated.txt").write_text(UNDATED, "utf-8")
    (tmp_path / "dated.txt").write_text(DATED, "utf-8")
    db = tmp_path / "db.json"
    assert cli("build", tmp_path / "undated.txt", "-o", db).exit_code == 0
    return db


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_an_open_period_is_printed_open_and_filtered_as_open(cli, corpus):
    (figure,) = rows(cli("figures", "--db", corpus, "-F", "raw,period,period_start,period_end", "-f", "csv"))
    assert figure == {"raw": "1亿元", "period": "2017–", "period_start": "2017", "period_end": ""}  # was "2017"
    assert rows(cli("figures", "--db", corpus, "--year", "2017", "-f", "csv")) == []  # not within 2017 alone
    assert [r["raw"] for r in rows(cli("figures", "--db", corpus, "--year", "2020", "--overlapping", "-f", "csv"))] \
        == ["1亿元"]  # it may reach 2020
    assert cli("validate", "--db", corpus, "--sources", corpus.parent).exit_code == 0


def test_an_open_period_may_hold_a_later_year_but_need_not(cli, corpus, tmp_path):
    # the 1亿 since 2017 holds the 3000万 of 2020 if its article was written after 2020, not if
    # before: the text proves 1亿 and allows 1.3亿 (it was counted certainly held: 1亿, no interval)
    assert cli("build", "--append", tmp_path / "dated.txt", "--date", "2021-03-01", "-o", corpus).exit_code == 0
    (row,) = json.loads(cli("stats", "--db", corpus, "--region", "longnan", "--explain", "-f", "json").stdout)
    assert (row["total"], row["total_min"], row["total_max"]) == (100000000, 100000000, 130000000)
    assert row["overlap_possible"] is True
    assert [why for why in row["excluded_because"] if "possibly" in why]
    # the row's period is open too: from 2017 on (it said 2017, the open 1亿 read as the year 2017 alone)
    assert (row["period_start"], row["period_end"]) == (2017, None)
