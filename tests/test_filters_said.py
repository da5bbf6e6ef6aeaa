"""What the filters selected, said to the reader: names resolved as the page names them (a user who
typed 隴南, lnn's suggestion or 窦 learns what qdaid took them to mean), on stderr with
`stats --explain` and in the note of a table that matches nothing."""

from __future__ import annotations

import csv
import io


def test_stats_explain_says_the_filters_resolved(cli):
    # 隴南 (Traditional) is the article's 陇南市; --year 2020 keeps figures whose period lies in 2020.
    result = cli("stats", "--region", "隴南", "--year", "2020", "--explain", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "注：筛选条件：地点 陇南市（含下辖地区）；时期全在2020年" in result.stderr.splitlines()
    assert list(csv.DictReader(io.StringIO(result.stdout)))  # the totals themselves still come


def test_stats_explain_in_english(cli):
    # --min 100万 is 1000000, written as machine formats write a value; more_than is 多/余's word.
    result = cli("stats", "--honoree", "窦", "--approx", "more_than", "--min", "100万", "--explain",
                 "--lang", "en", "-f", "json")
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if line.startswith("note: filters:")]
    assert said == ["note: filters: honoree Dou Zongjun; approximation more_than; value ≥ 1000000"]


def test_no_filters_note_without_explain_or_filters(cli):
    assert "筛选条件" not in cli("stats", "--region", "longnan", "-f", "csv").stderr
    assert "筛选条件" not in cli("stats", "--explain", "-f", "csv").stderr  # nothing was filtered


def test_a_table_that_matches_nothing_says_what_was_asked(cli):
    # No figure of the article lies in 2030: the note names the place, the metric and the years.
    result = cli("figures", "--region", "陇南", "--metric", "消费扶贫", "--year", "2030", "-f", "table")
    assert result.exit_code == 0 and result.stdout == ""
    assert "没有匹配的结果（地点 陇南市（含下辖地区）；指标 消费扶贫；时期全在2030年）" in result.stderr
    english = cli("figures", "--kind", "individual", "--since", "2025", "--overlapping", "--lang", "en", "-f", "table")
    assert "no figures match: kind individual; period touching 2025 or later" in english.stderr
