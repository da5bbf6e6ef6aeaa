"""Totals in the order a reader asks for them (order.arrange), in `stats` and the report alike:
money, people, places, things, honours, the rest; within a family its main unit and the largest
first; durations and ranks last. Expectations read off the article's Longnan paragraphs (¶18–23)."""

from __future__ import annotations

import json

from qdaid.order import FAMILY_ORDER, family_of, trivia

from .test_report import parse


def _stats(cli, *args) -> list[dict]:
    result = cli("stats", "--region", "longnan", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_longnan_opens_with_its_headline_and_ends_with_trivia(cli):
    rows = _stats(cli)
    # 扶贫产品8.58亿元 is Longnan's largest sum of money (7.6亿 investment, 2.02亿 goods, 1.25亿 cash come
    # after): the first row a reader sees; 四年多 (a duration, never added) is the last
    assert (rows[0]["metric"], rows[0]["unit"], rows[0]["total"]) == ("consumption_aid", "cny", 858000000)
    assert rows[-1]["metric"] == "duration"
    rank = {f: n for n, f in enumerate((*FAMILY_ORDER, "rest"))}
    families = [(trivia(r), rank[family_of(r["metric"])]) for r in rows]
    assert families == sorted(families)  # money, people, places, things, honours, the rest; trivia last
    money = [r["total"] for r in rows if family_of(r["metric"]) == "money" and r["unit"] == "cny"]
    assert money == sorted(money, reverse=True) and len(money) >= 5  # the largest first
    # the helicopter (一架直升机) is no money: it comes after every family's figures
    assert [r["metric"] for r in rows].index("aircraft") > max(i for i, r in enumerate(rows)
                                                               if family_of(r["metric"]) != "rest" and not trivia(r))


def test_trivia_comes_last_whatever_its_family(cli):
    rows = json.loads(cli("stats", "-f", "json").stdout)
    # 窦宗君's hospital stays (住院) are counted among things, yet describe him, not his aid: after every
    # total of aid, with the durations
    flags = [trivia(r) for r in rows]
    assert flags == sorted(flags) and "hospital_stays" in [r["metric"] for r in rows if trivia(r)]


def test_sort_chooses_another_order(cli):
    by_name = [r["metric"] for r in _stats(cli, "--sort", "metric")]
    assert by_name == sorted(by_name) and by_name[0] == "aircraft"  # the order before: alphabetical
    counts = [r["count"] for r in _stats(cli, "--sort", "count")]
    assert counts == sorted(counts, reverse=True)
    assert cli("stats", "--sort", "colour").exit_code == 2


def test_the_report_groups_its_totals_the_same_way(cli, tmp_path):
    target = tmp_path / "report.html"
    assert cli("report", "--region", "longnan", "-o", target).exit_code == 0
    text = target.read_text("utf-8")
    shown = [r["metric"] for r in parse(text).totals]
    assert shown == [r["metric"] for r in _stats(cli)]  # one order for both
    headings = [text.index(f">{word}</th>") for word in ("资金", "人员", "其他：时长、名次等")]
    assert headings == sorted(headings)  # money, people … trivia, in this order
