"""Reviewer findings on the query side, each checked through the CLI on the bundled database,
with values read from the article (data/000_0077034771fe7207.txt)."""

from __future__ import annotations

import json

import pytest

ARTICLE = "qdrb-20210225"
CONSUMPTION_858 = f"{ARTICLE}-03457"  # 2017年以来,采购、销售陇南已认定扶贫产品8.58亿元 (2017 to the report, 2021)
VILLAGES_209 = f"{ARTICLE}-05627"  # 2017至2018年将全市209个贫(弱)村全部纳入美丽乡村范畴
LIFTED_5458 = f"{ARTICLE}-04151"  # 七年奋战,助力安顺54.58万贫困人口脱贫 (2014–2021)
EVENT_1996 = f"{ARTICLE}-e04037"  # 1996年,山东省青岛市与贵州省安顺市开始东西部扶贫协作结对帮扶


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---- 1. timeline and figures: one period filter -------------------------------------------

@pytest.mark.parametrize("years", [["--until", "2018"], ["--since", "2021"], ["--since", "2017", "--until", "2018"],
                                   ["--until", "2018", "--overlapping"], ["--since", "2021", "--overlapping"]],
                         ids=" ".join)
def test_timeline_selects_the_figures_figures_selects(cli, years):
    listed = {f["id"] for f in as_json(cli("figures", *years, "-f", "json"))}
    shown = {r["id"] for r in as_json(cli("timeline", *years, "-f", "json")) if r["kind"] == "figure"}
    assert shown == listed


def test_timeline_until_keeps_periods_within_the_years(cli):
    until = as_json(cli("timeline", "--until", "2018", "-f", "json"))
    figures = {r["id"]: r["date"] for r in until if r["kind"] == "figure"}
    # 2017至2018年 lies within; 2017年以来 (to 2021) and 七年奋战 (2014–2021) only start before 2019
    assert figures == {VILLAGES_209: "2017–2018"}
    assert EVENT_1996 in {r["id"] for r in until}
    since = as_json(cli("timeline", "--since", "2017", "-f", "json"))
    assert EVENT_1996 not in {r["id"] for r in since}
    assert CONSUMPTION_858 in {r["id"] for r in since} and LIFTED_5458 not in {r["id"] for r in since}


def test_timeline_overlapping_takes_periods_that_touch_the_years(cli):
    touching = {r["id"] for r in as_json(cli("timeline", "--since", "2021", "--overlapping", "-f", "json"))}
    assert {CONSUMPTION_858, LIFTED_5458} <= touching
    assert VILLAGES_209 not in touching


def test_timeline_says_what_it_left_out_as_figures_does(cli):
    timeline, figures = cli("timeline", "--until", "2018", "-f", "csv"), cli("figures", "--until", "2018", "-f", "csv")
    assert timeline.stderr == figures.stderr and "未注明时期" in timeline.stderr
    empty = cli("timeline", "--since", "2030", "-f", "table")
    assert empty.exit_code == 0 and "2030" in empty.stderr


# ---- 2. integers that reach SQL: a usage error out of range -------------------------------

@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_limit_beyond_sqlite_is_a_usage_error(cli, fmt):
    result = cli("figures", "--limit", str(2**63), "-f", fmt)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"qdaid: --limit: {2**63} is too large; a number of rows from 0 to {2**63 - 1}"
    largest = cli("figures", "--limit", str(2**63 - 1), "-f", "json")
    assert len(as_json(largest)) == len(as_json(cli("figures", "-f", "json")))


@pytest.mark.parametrize("command", ["figures", "stats", "timeline"])
@pytest.mark.parametrize("option", ["--year", "--since", "--until"])
@pytest.mark.parametrize("value", [str(2**63), str(-(2**63) - 1), "9" * 40])
def test_a_year_beyond_sqlite_is_a_usage_error(cli, command, option, value):
    if command == "timeline" and option == "--year":
        return  # timeline has no --year
    result = cli(command, option, value, "-f", "csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"qdaid: {option}: {value} is not a year between 1900 and 2100"


# ---- 3. amount bounds Python cannot print: a usage error, 30 digits still exact ------------

@pytest.mark.parametrize("command", ["figures", "stats"])
@pytest.mark.parametrize("option", ["--min", "--max"])
@pytest.mark.parametrize("value", ["9" * 4301, "115161e4299", "1e400", "1e-401", "0." + "0" * 400 + "1"])
def test_a_bound_of_too_many_digits_is_a_usage_error(cli, command, option, value):
    result = cli(command, option, value, "-f", "csv")
    assert result.exit_code == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith(f"qdaid: {option}: ") and "more than 400 digits" in line and "\n" not in line
    assert "internal error" not in line and len(line) < 200


def test_bounds_of_many_digits_still_compare_exactly(cli, figures):
    # 8.58亿元 (2017年以来,采购、销售陇南已认定扶贫产品8.58亿元) is 858000000 yuan
    values = {f["id"]: f["value"] for f in figures}
    assert values[CONSUMPTION_858] == 858000000
    thirty = "858000000." + "0" * 20 + "1"  # 30 digits, a hair above 8.58亿
    above = {f["id"] for f in as_json(cli("figures", "--min", thirty, "-f", "json"))}
    below = {f["id"] for f in as_json(cli("figures", "--max", thirty, "-f", "json"))}
    assert CONSUMPTION_858 in below and CONSUMPTION_858 not in above
    big = "9" * 400  # the most digits a bound may have: every value is below it
    assert len(as_json(cli("figures", "--max", big, "-f", "json"))) == len(figures)
    assert as_json(cli("figures", "--min", big, "-f", "json")) == []


# ---- 4. English search: bounded work, English place names as their Chinese -----------------

def test_an_english_search_tries_spans_no_longer_than_the_vocabulary_knows(monkeypatch):
    from qdaid import names

    known = names._english_to_chinese()
    asked = []

    class Counting(dict):
        def get(self, key, default=None):
            asked.append(key)
            return super().get(key, default)

    monkeypatch.setattr(names, "_english_to_chinese", lambda: Counting(known))
    parts = names.chinese_words(" ".join(["masks"] * 2000))
    assert [words for _, words in parts] == [known["mask"]] * 2000  # 口罩, one part a word
    longest = max(len(phrase.split()) for phrase in known)
    assert len(asked) <= 2000 * longest  # was every span: 2000 × 2001 / 2


def test_an_english_search_looks_each_word_up_once(cli, monkeypatch):
    from qdaid.facts import FactBase

    looked_up = []
    region_named = FactBase._region_named
    monkeypatch.setattr(FactBase, "_region_named", lambda self, key: looked_up.append(key) or region_named(self, key))
    result = cli("search", " ".join(["zzzq"] * 1000), "-f", "json")
    assert as_json(result) == [] and len(looked_up) < 10


@pytest.mark.parametrize(("english", "chinese"), [("Hui County", "徽县"), ("Qingdao City", "青岛"),
                                                  ("Longnan City", "陇南")])
def test_an_english_place_name_finds_what_its_chinese_finds(cli, english, chinese):
    found = {(h["table"], h["id"]) for h in as_json(cli("search", english, "-f", "json"))}
    assert found == {(h["table"], h["id"]) for h in as_json(cli("search", chinese, "-f", "json"))}
    if chinese == "徽县":  # 胶州市扶贫协作工作办公室…与…甘肃省徽县…结对帮扶; 徽县: 6000万元 invested, 126名 employed
        assert {("regions", "huixian"), ("figures", f"{ARTICLE}-02307"), ("figures", f"{ARTICLE}-02328")} <= found


# ---- 6. every English and pinyin name of a place --------------------------------------------

# 胶州市…承担着胶州市与贵州省镇宁县、甘肃省徽县、陕西省宁陕县、新疆策勒县、西藏桑珠孜区…结对帮扶任务
@pytest.mark.parametrize(("name", "region", "chinese"), [
    ("Tibet", "xizang", "西藏自治区"), ("Tibet Autonomous Region", "xizang", "西藏自治区"),
    ("Xizang Autonomous Region", "xizang", "西藏自治区"), ("China", "national", "全国"),
    ("nationwide", "national", "全国"), ("Samzhubzê", "sangzhuzi", "桑珠孜区"), ("Samzhubze", "sangzhuzi", "桑珠孜区"),
    ("samzhubze district", "sangzhuzi", "桑珠孜区"), ("celexian", "cele", "策勒县"), ("Cè lè xiàn", "cele", "策勒县"),
    ("celei", "cele", "策勒县"), ("Hui County", "huixian", "徽县"), ("Shigatse", "rikaze", "日喀则市"),
])
def test_a_place_by_every_name_it_is_printed_with(cli, name, region, chinese):
    by_name = cli("stats", "--region", name, "--explain", "-f", "json")
    by_id = cli("stats", "--region", region, "--explain", "-f", "json")
    assert as_json(by_name) == as_json(by_id) and by_name.stderr == by_id.stderr
    assert f"地点 {chinese}（含下辖地区）" in by_name.stderr
    listed = {r["id"]: r for r in as_json(cli("list", "regions", "-f", "json"))}
    assert listed[region]["name"] == chinese


def test_a_name_of_no_place_is_still_refused(cli):
    result = cli("figures", "--region", "Atlantis (sunken) Island")
    assert result.exit_code == 2 and "no region 'Atlantis (sunken) Island'" in result.stderr


# ---- 7. the nation holds every place; the note names what a place filter left out ----------

QINGDAO_2020 = f"{ARTICLE}-01610"  # 2020年消费扶贫额达到10.6亿元 (为协作地消费扶贫: the partner places, none named)
JIAOZHOU_18 = f"{ARTICLE}-02441"  # 2016年以来,累计采购协作地产品1.8亿元
ANSHUN_405 = f"{ARTICLE}-04948"  # 实现消费扶贫4.05亿元


@pytest.mark.parametrize("name", ["national", "全国", "China"])
def test_the_nation_keeps_the_figures_of_no_stated_place(cli, name):
    everything = as_json(cli("stats", "--metric", "consumption_aid", "--unit", "cny", "--explain", "-f", "json"))
    national = cli("stats", "--region", name, "--metric", "consumption_aid", "--unit", "cny", "--explain", "-f", "json")
    [row] = as_json(national)
    assert row == everything[0]
    assert {QINGDAO_2020, JIAOZHOU_18, CONSUMPTION_858, ANSHUN_405} == set(row["figure_ids"])
    # 8.58亿 + 4.05亿 proven; the 10.6亿 and 1.8亿 of no single place may repeat either
    assert (row["total"], row["overlap_possible"]) == (858000000 + 405000000, True)
    assert "left out" not in national.stderr and "未计入" not in national.stderr
    assert len(as_json(cli("figures", "--region", name, "-f", "json"))) == len(as_json(cli("figures", "-f", "json")))


def test_the_note_names_what_a_place_filter_left_out(cli, figures):
    result = cli("stats", "--region", "longnan", "--metric", "consumption_aid", "--lang", "en", "-f", "csv")
    none_stated = [f["id"] for f in figures if f["metric"] == "consumption_aid" and f["region"] is None]
    assert {QINGDAO_2020, JIAOZHOU_18} <= set(none_stated)
    note = (f"note: {len(none_stated)} figures without a single place (several places or none stated) left out by "
            "the place filter")
    assert note in result.stderr and "national" not in result.stderr
    zh = cli("stats", "--region", "longnan", "--metric", "consumption_aid", "-f", "csv").stderr
    assert f"注：{len(none_stated)}个数字无单一地点（多地或未注明），地点筛选未计入" in zh


def test_the_nation_in_a_timeline_holds_the_events_of_no_place(cli):
    everything = as_json(cli("timeline", "-f", "json"))
    assert as_json(cli("timeline", "--region", "national", "-f", "json")) == everything


# ---- 8. shell completion by every name, offering the id -----------------------------------

def _completed(*words: str) -> list[str]:
    import os
    import subprocess

    from .terminal import QDAID

    env = {**os.environ, "_QDAID_COMPLETE": "complete_bash", "COMP_WORDS": " ".join(["qdaid", *words]),
           "COMP_CWORD": str(len(words))}
    done = subprocess.run(QDAID, capture_output=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stderr == b""
    return done.stdout.decode().split()


@pytest.mark.parametrize(("words", "ids"), [
    (("figures", "--region", "陇"), ["longnan"]), (("figures", "--region", "陇南"), ["longnan"]),
    (("stats", "--region", "Hui"), ["huixian"]), (("figures", "--region", "Tib"), ["xizang"]),
    (("figures", "--honoree", "窦"), ["dou-zongjun"]), (("show", "平"), ["pingdu-office"]),
    (("show", "陇南"), ["longnan-group"]),  # 青岛赴陇南扶贫协作挂职干部工作组, as show 陇南 reads it
    (("figures", "--region", "lo"), ["longnan"]), (("show", "pi"), ["pingdu-office"]),
    (("figures", "--region", "g"), ["guizhou", "gansu"]), (("figures", "--region", "xyz"), []),
])
def test_completion_matches_names_and_offers_the_id(words, ids):
    assert _completed(*words) == ids


# ---- 5. every command's help fits the terminal, Chinese characters counted as two cells -----

COMMANDS = ["", "list", "show", "figures", "stats", "search", "cite", "timeline", "check", "export", "report", "build",
            "validate"]


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in line)


def _help_on_terminal(command: str, columns: int) -> str:
    import re

    from .terminal import on_terminal

    code, screen = on_terminal([*command.split(), "--help"], {"COLUMNS": str(columns), "TERM": "xterm-256color"})
    assert code == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


@pytest.mark.parametrize("columns", [80, 60, 40])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "qdaid")
def test_help_fits_the_terminal(command, columns):
    screen = _help_on_terminal(command, columns)
    widest = max(screen.splitlines(), key=_cells)
    assert _cells(widest) <= columns, widest
    assert "Example" in screen or not command


def test_an_example_too_wide_keeps_its_command_whole():
    screen = _help_on_terminal("build", 60)
    # no room beside the command: the comment goes above it; the command stays one line to copy
    assert "    # your database: queries then use it\n    qdaid build my-article.txt\n" in screen
    narrow = _help_on_terminal("build", 40)
    assert "    qdaid build articles/ -o \\\n      corpus.json\n" in narrow  # a shell reads it as one line
    assert "    # every .txt and .html in the\n    # folder\n" in narrow


def test_help_breaks_a_long_command_outside_its_quotes():
    from qdaid.cli.app import _fold

    line = '    qdaid figures --min "858 million" --region longnan --metric consumption_aid -f csv'
    folded = _fold(line, 40)
    assert all(_cells(part) <= 40 for part in folded) and len(folded) > 1
    assert all(part.endswith(" \\") for part in folded[:-1])
    assert " ".join(part.removesuffix(" \\").strip() for part in folded) == line.strip()
