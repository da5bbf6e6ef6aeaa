"""The query commands through Typer's CliRunner: parse what they print and check the values."""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal

import pytest


def rows(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---- list -----------------------------------------------------------------------------------

def test_list_collectives(cli, tables):
    listed = rows(cli("list", "collectives"))
    expected = [h["id"] for h in tables["honorees"] if h["kind"] == "collective"]
    assert [r["id"] for r in listed] == expected
    assert all(r["kind"] == "collective" for r in listed)
    assert {r["id"]: int(r["figures"]) for r in listed} == {
        h: sum(f["honoree"] == h for f in tables["figures"]) for h in expected}


@pytest.mark.parametrize("what", ["individual", "individuals"])
def test_list_singular_and_plural(cli, what):
    assert [r["name"] for r in rows(cli("list", what))] == ["窦宗君"]


def test_list_metrics_counts_add_up(cli, figures):
    listed = as_json(cli("list", "metrics", "-f", "json"))
    assert sum(m["figures"] for m in listed) == len(figures)
    assert {m["metric"] for m in listed} == {f["metric"] for f in figures}


@pytest.mark.parametrize("what", ["regions", "programs", "sources", "events", "honorees"])
def test_list_every_kind(cli, tables, what):
    assert len(as_json(cli("list", what, "-f", "json"))) == len(tables[what])


def test_list_unknown_is_a_usage_error(cli):
    result = cli("list", "cities")
    assert result.exit_code == 2 and result.stdout == ""
    assert "cannot list 'cities'" in result.stderr


# ---- show and name resolution ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["longnan-group", "青岛赴陇南扶贫协作挂职干部工作组", "陇南", "longnan", "LONGNAN-GROUP",
                                  "longn", "ｌｏｎｇｎａｎ－ｇｒｏｕｐ"])
def test_show_accepts_id_names_pinyin_prefix(cli, figures, name):
    profile = as_json(cli("show", name, "-f", "json"))  # one object: jq .name works
    assert profile["id"] == "longnan-group"
    assert sorted(f["id"] for f in profile["figures"]) == sorted(f["id"] for f in figures if f["honoree"] == "longnan-group")
    assert profile["partner_regions"] == ["longnan"]


def test_show_lists_figures_in_text_order_durations_last_and_events_by_date(cli):
    """A reporter reads the profile beside the article: the aid figures in the order the text gives
    them, then the durations (窦宗君: 连续2年, 半月, 半个月) and his two hospital stays (两次住院); events
    by date (2014 … 2020-11), not in the order the sentences name them."""
    profile = as_json(cli("show", "窦宗君", "-f", "json"))
    raws = [f["raw"] for f in profile["figures"]]
    # Paragraphs 8–10 in order: 65次 (para 8), 82个 … 2473万元 (para 9), 2600万元 … 8倍 (para 10).
    assert raws[:3] == ["65次", "82个", "510个"] and raws[-6:-4] == ["10.6亿元", "8倍"]
    assert sorted(raws[-4:]) == sorted(["2年", "两次", "半月", "半个月"])
    starts = [f["start"] for f in profile["figures"][:-4]]
    assert starts == sorted(starts)
    dates = [e["date"] for e in profile["events"]]
    assert dates == sorted(dates) and dates[0] == "2014" and dates[-1] == "2020-11"
    csv_ids = [r["id"] for r in rows(cli("show", "窦宗君", "-f", "csv"))]
    assert csv_ids == [f["id"] for f in profile["figures"]]  # every format, the same records in the same order


@pytest.mark.parametrize("name", ["窦宗君", "dou zongjun", "douzongjun", "Dou-Zongjun"])
def test_show_individual(cli, name):
    profile = as_json(cli("show", name, "-f", "json"))  # one object: jq .name works
    assert profile["post"] == "青岛市扶贫协作工作办公室党组书记、主任"
    assert {e["date"] for e in profile["events"]} >= {"2014", "2019-08"}


def test_show_csv_prints_the_honoree_figures(cli, figures):
    printed = rows(cli("show", "anshun-team", "-f", "csv"))
    assert sorted(r["id"] for r in printed) == sorted(f["id"] for f in figures if f["honoree"] == "anshun-team")


def test_show_table_is_readable(cli):
    result = cli("show", "平度", "-f", "table")
    assert result.exit_code == 0
    assert "满腔热忱,执着坚守" in result.stdout and "2.3亿元" in result.stdout


SHORT_NAMES = [("平度市扶贫办", "pingdu-office"), ("胶州市扶贫协作办", "jiaozhou-office"),
               ("青岛赴陇南工作组", "longnan-group"), ("山东省青岛市赴安顺工作队", "anshun-team")]


@pytest.mark.parametrize(("short", "honoree"), SHORT_NAMES)
def test_show_accepts_chinese_short_names(cli, short, honoree):
    profile = as_json(cli("show", short, "-f", "json", "-F", "id"))
    assert profile["id"] == honoree


def test_unknown_honoree_suggests(cli):
    result = cli("show", "longnan-grup")
    assert result.exit_code == 2 and result.stdout == ""
    assert "did you mean longnan-group" in result.stderr


def test_ambiguous_honoree(cli):
    result = cli("show", "青岛")
    assert result.exit_code == 2 and "ambiguous" in result.stderr


# ---- figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("region", ["longnan", "陇南", "陇南市", "LongNan", "ＬｏｎｇＮａｎ", " 陇南 "])
def test_region_spellings_agree(cli, figures, region):
    printed = rows(cli("figures", "--region", region, "-F", "id,region"))
    assert {r["region"] for r in printed} <= {"longnan", "huixian"}
    assert len(printed) == sum(f["region"] in {"longnan", "huixian"} for f in figures)


def test_region_is_hierarchical(cli, figures):
    gansu = {r["id"] for r in rows(cli("figures", "--region", "gansu"))}
    assert gansu == {f["id"] for f in figures if f["region"] in {"gansu", "longnan", "huixian"}}
    assert any(f["region"] == "huixian" for f in figures if f["id"] in gansu)


def test_filters_and_across_options_or_within(cli, figures):
    printed = rows(cli("figures", "--honoree", "pingdu", "--honoree", "jiaozhou", "--unit", "mu"))
    assert {r["honoree"] for r in printed} == {"pingdu-office", "jiaozhou-office"}
    assert len(printed) == sum(f["unit"] == "mu" and f["honoree"] in {"pingdu-office", "jiaozhou-office"} for f in figures)


def test_metric_family(cli, figures):
    printed = rows(cli("figures", "--metric", "donations"))
    assert {r["metric"] for r in printed} == {"donations_cash", "donations_goods", "donations_mixed"}
    assert len(printed) == sum(f["metric"].startswith("donations") for f in figures)


def test_year_filters_mean_within_or_overlapping(cli, figures):
    dated = [f for f in figures if f["period_start"] is not None]
    in_2020 = {r["id"] for r in rows(cli("figures", "--year", "2020"))}
    assert in_2020 == {f["id"] for f in dated if f["period_start"] == f["period_end"] == 2020} and in_2020
    touching = {r["id"] for r in rows(cli("figures", "--year", "2020", "--overlapping"))}
    assert touching == {f["id"] for f in dated if f["period_start"] <= 2020 <= f["period_end"]} and touching > in_2020
    since = {r["id"] for r in rows(cli("figures", "--since", "2017", "--until", "2021"))}
    assert since == {f["id"] for f in dated if 2017 <= f["period_start"] and f["period_end"] <= 2021}


def test_min_max_approx_grep_sort_limit(cli, figures):
    printed = rows(cli("figures", "--unit", "cny", "--min", "1e8", "--max", "900000000", "--sort", "value",
                       "--desc", "--limit", "3"))
    values = [int(r["value"]) for r in printed]
    eligible = sorted((f["value"] for f in figures if f["unit"] == "cny" and 10**8 <= f["value"] <= 9 * 10**8),
                      reverse=True)
    assert values == eligible[:3]
    approx = rows(cli("figures", "--approx", "nearly"))
    assert [r["raw"] for r in approx] == [f["raw"] for f in figures if f["approx"] == "nearly"]
    grep = rows(cli("figures", "--grep", "口罩"))
    assert grep and all("口罩" in r["quote"] for r in grep)


def test_kind_filter(cli, figures):
    printed = rows(cli("figures", "--kind", "individual"))
    assert {r["honoree"] for r in printed} == {"dou-zongjun"}


def test_machine_formats_carry_raw_numbers(cli):
    printed = rows(cli("figures", "--region", "longnan", "--metric", "consumption_aid", "-F", "raw,value"))
    assert {"raw": "8.58亿元", "value": "858000000"} in printed
    payload = as_json(cli("figures", "--grep", "20.84", "--unit", "percent", "-f", "json"))
    assert [f["value"] for f in payload] == [20.84, 0]


def test_json_is_a_plain_array_with_chinese_unescaped(cli):
    result = cli("figures", "--honoree", "pingdu", "-f", "json")
    assert result.stdout.startswith("[") and "平度" in result.stdout and "\\u" not in result.stdout


def test_jsonl_tsv_md(cli, figures):
    lines = cli("figures", "-f", "jsonl").stdout.splitlines()
    assert len(lines) == len(figures) and json.loads(lines[0])["id"] == figures[0]["id"]
    tsv = cli("figures", "-f", "tsv").stdout.splitlines()
    assert len(tsv) == len(figures) + 1 and len({line.count("\t") for line in tsv}) == 1
    md = cli("figures", "--limit", "2", "-f", "md", "-F", "id,raw").stdout.splitlines()
    assert md[0] == "| id | raw |" and len(md) == 4


def test_fields_pick_and_order(cli):
    result = cli("figures", "--limit", "1", "-F", "raw,id", "--no-header")
    assert result.stdout == "1人,qdrb-20210225-00023\n"


def test_unknown_field_lists_the_valid_ones(cli):
    result = cli("figures", "-F", "id,colour")
    assert result.exit_code == 2 and result.stdout == ""
    assert "unknown field colour" in result.stderr and "metric" in result.stderr


def test_empty_result_is_success(cli):
    empty = cli("figures", "--min", "1e15")
    assert empty.exit_code == 0 and empty.stdout.startswith("id,source") and len(empty.stdout.splitlines()) == 1
    assert as_json(cli("figures", "--min", "1e15", "-f", "json")) == []
    table = cli("figures", "--min", "1e15", "-f", "table")
    assert table.exit_code == 0 and table.stdout == "" and "没有匹配" in table.stderr  # the page's language
    assert "no figures match" in cli("figures", "--min", "1e15", "-f", "table", "--lang", "en").stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "atlantis"], "no region 'atlantis'"),
    (["--region", "longan"], "did you mean longnan"),
    (["--metric", "donation_cash"], "did you mean donations_cash"),
    (["--min", "abc"], "--min: 'abc' is not an amount; write it as 1200, 1,200, 100万"),
    (["--limit", "-1"], "--limit: -1 is negative"),
    (["--year", "1800"], "--year: 1800 is not a year"),
    (["--since", "99999"], "not a year"),
    (["--kind", "team"], "--kind: kind 'team' is not one of individual, collective"),  # --help lists them too
    (["--approx", "roughly"], "approximation 'roughly' is not one of exact"),
    (["--sort", "colour"], "cannot sort by 'colour'"),
    (["-f", "xml"], "'xml' is not one of 'auto', 'table'"),
    (["--region", " "], "empty"),
])
def test_usage_errors(cli, args, message):
    result = cli("figures", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.output


# ---- stats ----------------------------------------------------------------------------------

def test_stats_totals_are_sums_less_parts(cli, figures):
    stats = as_json(cli("stats", "--region", "longnan", "-f", "json", "--explain"))
    selected = {f["id"]: f for f in figures if f["region"] in {"longnan", "huixian"}}
    for group in stats:
        members = [f for f in selected.values() if (f["metric"], f["unit"]) == (group["metric"], group["unit"])]
        parts = [f for f in members if f["part_of"] in selected]
        assert group["count"] == len(members)
        assert set(group["excluded_ids"]) >= {f["id"] for f in parts} and group["excluded"] == len(group["excluded_ids"])
        if group["total"] is not None and not group["overlap_possible"]:
            assert Decimal(str(group["total"])) == sum(Decimal(str(selected[i]["value"])) for i in group["figure_ids"])
        assert sorted(group["figure_ids"] + group["excluded_ids"]) == sorted(f["id"] for f in members)
    consumption = next(g for g in stats if g["metric"] == "consumption_aid")
    assert (consumption["total"], consumption["excluded"]) == (858000000, 1)  # 7.54亿 (2020) is inside 8.58亿


def test_stats_never_adds_units(cli):
    stats = as_json(cli("stats", "--by", "honoree", "-f", "json"))
    keys = [(g["honoree"], g["metric"], g["unit"]) for g in stats]
    assert len(keys) == len(set(keys))
    assert {g["unit"] for g in stats if g["honoree"] == "longnan-group"} >= {"cny", "person", "mask"}


def test_stats_lower_bound_and_non_additive(cli):
    stats = as_json(cli("stats", "--honoree", "jiaozhou", "--by", "metric", "-f", "json"))
    planting = next(g for g in stats if g["metric"] == "planting_area")
    assert planting["total"] == 600000 and planting["total_is_lower_bound"] is True
    rate = next(g for g in stats if g["unit"] == "percent")
    assert rate["total"] is None


def test_stats_two_levels(cli, figures):
    stats = as_json(cli("stats", "--by", "metric", "--by", "region", "--metric", "consumption_aid", "-f", "json"))
    assert {(g["metric"], g["region"]) for g in stats} == {(f["metric"], f["region"]) for f in figures
                                                          if f["metric"] == "consumption_aid"}


def test_stats_csv_has_the_lower_bound_field(cli):
    printed = rows(cli("stats", "--metric", "people_employed"))
    assert "total_is_lower_bound" in printed[0] and printed[0]["total_is_lower_bound"] in ("true", "false")
    assert "figure_ids" not in printed[0]  # only with --explain
    assert "figure_ids" in rows(cli("stats", "--metric", "people_employed", "--explain"))[0]


def test_stats_table_marks_lower_bounds(cli):
    # 订单种植在新疆有50多万亩、贵州4万多亩、甘肃6万多亩: at least 60万亩
    result = cli("stats", "--honoree", "jiaozhou", "--metric", "planting_area", "-f", "table")
    assert "≥60万" in result.stdout
    assert "≥600,000" in cli("stats", "--honoree", "jiaozhou", "--metric", "planting_area", "-f", "table",
                             "--lang", "en").stdout


@pytest.mark.parametrize("fmt", ["json", "CSV", "tsv", "jsonl"])
def test_a_chart_in_a_machine_format_is_a_usage_error(cli, fmt):
    # stats --chart -f json printed the bars with exit 0: a program reading JSON got a picture
    result = cli("stats", "--chart", "-f", fmt)
    assert result.exit_code == 2 and result.stdout == "", result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert "--chart" in line and "-f/--format" in line, line
    assert cli("stats", "--chart", "-f", "table").exit_code == 0  # a table, Markdown or a pipe (auto) draws the bars


def test_stats_chart(cli):
    result = cli("stats", "--region", "longnan", "--metric", "donations", "--chart")
    lines = result.stdout.splitlines()
    # three totals in yuan have bars to compare; 49.25万 masks and 700 suits are each alone in their unit: no bar
    assert len(lines) == 5 and [("█" in line) for line in lines] == [True, True, True, False, False]
    assert any(line.endswith("12500万–12507.16万元，可能重复") for line in lines)


# ---- search, cite, timeline -----------------------------------------------------------------

def test_search_pinyin_and_chinese(cli):
    hits = as_json(cli("search", "longnan", "-f", "json"))
    assert {"longnan"} <= {h["id"] for h in hits if h["table"] == "regions"}
    assert {"longnan-group"} <= {h["id"] for h in hits if h["table"] == "honorees"}
    chili = as_json(cli("search", "辣椒", "-f", "json"))
    assert any(h["table"] == "programs" for h in chili) and any(h["table"] == "figures" for h in chili)


def test_cite_marks_the_raw_text(cli, figures):
    figure = next(f for f in figures if f["raw"] == "8.58亿元")
    (record,) = as_json(cli("cite", figure["id"], "-f", "json"))
    start, end = record["raw_in_quote"]
    assert record["quote"][start:end] == "8.58亿元"
    assert (record["start"], record["end"], record["paragraph"]) == (figure["start"], figure["end"], figure["paragraph"])
    short = as_json(cli("cite", figure["id"].rsplit("-", 1)[1], "-f", "json"))
    assert short == [record]
    table = cli("cite", figure["id"], "-f", "table").stdout
    assert "第21段" in table and figure["quote"].replace("8.58亿元", "【8.58亿元】") in table  # marked, colour or not
    assert "858000000" not in table and "8.58亿元 = 8.58亿元 (消费扶贫)" in table and "2017–2021" in table


def test_cite_takes_the_list_explain_prints(cli):
    ids = json.loads(cli("stats", "--region", "longnan", "--metric", "donations_cash", "--explain", "-f", "json")
                     .stdout)[0]["excluded_ids"]
    records = as_json(cli("cite", ";".join(ids), "-f", "json"))
    assert [r["id"] for r in records] == ids  # 57万元 (in 1.25亿元, certain) and 71600元 (possibly)
    assert records[0]["within"] == ["qdrb-20210225-03542 (period)"]


def test_cite_unknown(cli):
    result = cli("cite", "nope")
    assert result.exit_code == 2 and "no figure 'nope'" in result.stderr


def test_timeline_is_in_date_order(cli):
    events = as_json(cli("timeline", "-f", "json"))
    years = [e["date"][:4] for e in events]
    assert years == sorted(years)
    anshun = as_json(cli("timeline", "--honoree", "anshun-team", "-f", "json"))
    assert anshun[0]["date"] == "1996" and {e["honoree"] for e in anshun} == {"anshun-team"}


# ---- the database ---------------------------------------------------------------------------

def test_missing_database_is_one_line_and_creates_nothing(cli, tmp_path):
    missing = tmp_path / "none.json"
    result = cli("figures", "--db", missing)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == f"qdaid: {missing}: no such database file"
    assert not missing.exists()


def test_env_selects_the_database(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("QDAID_DB", str(tmp_path / "elsewhere.json"))
    assert "elsewhere.json" in cli("list", "honorees").stderr


def test_text_is_printed_literally(cli, db_copy):
    data = json.loads(db_copy.read_text("utf-8"))
    data["honorees"]["1"]["motto"] = "[b]bold[/b] :warning: \x1b[31mred"
    db_copy.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("list", "individuals", "-f", "table", "--db", db_copy)
    assert "[b]bold[/b] :warning:" in result.stdout and "\x1b[31m" not in result.stdout


def test_version_and_help(cli):
    assert cli("--version").stdout.startswith("qdaid ")
    for command in ("list", "show", "figures", "stats", "search", "cite", "timeline", "build", "validate"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout, command


def test_stats_by_year_groups_periods(cli, figures):
    stats = as_json(cli("stats", "--by", "year", "-f", "json"))
    periods = {(None if f["period_start"] is None else str(f["period_start"]) if f["period_start"] == f["period_end"]
                else f"{f['period_start']}–{f['period_end']}", f["unit"]) for f in figures}
    assert {(g["year"], g["unit"]) for g in stats} == periods
    assert ("2016–2021", "cny") in periods


def test_timeline_filters_by_region(cli):
    rows_ = as_json(cli("timeline", "--region", "gansu", "-f", "json"))
    assert rows_ and {r["region"] for r in rows_} <= {"gansu", "longnan", "huixian"}


def test_stats_counts_honorees_and_says_when_totals_may_overlap(cli, figures):
    stats = as_json(cli("stats", "--metric", "consumption_aid", "--unit", "cny", "-f", "json"))
    assert stats[0]["honorees"] == len({f["honoree"] for f in figures if f["metric"] == "consumption_aid"
                                        and f["unit"] == "cny" and f["honoree"]})
    assert "可能重复计算同一帮扶" in cli("stats", "--metric", "consumption_aid").stderr
    assert "may count the same aid twice" in cli("stats", "--metric", "consumption_aid", "--lang", "en").stderr
    assert "可能重复计算" not in cli("stats", "--metric", "consumption_aid", "--by", "honoree").stderr


# ---- help and completion --------------------------------------------------------------------

def _commands():
    import typer

    from qdaid.cli import app

    return typer.main.get_command(app).commands


def test_every_argument_and_option_has_help(cli):
    for name, command in _commands().items():
        for param in command.params:
            assert getattr(param, "help", None), (name, param.name)
        printed = " ".join(cli(name, "--help").stdout.split())
        for param in command.params:  # shown, not only declared: click 8.5 with typer 0.24 lost it
            assert " ".join(param.help.split()[:3]) in printed, (name, param.name)


@pytest.mark.parametrize(("command", "option", "typed", "expected"), [
    ("figures", "unit", "pe", {"person", "person_time", "percent"}),  # from the database in use
    ("stats", "by", "re", {"region"}),
    ("figures", "kind", "c", {"collective"}),
    ("figures", "fmt", "j", {"json", "jsonl"}),
    ("list", "what", "col", {"collectives"}),
    ("export", "what", "d", {"datasette"}),
    ("stats", "lang", "e", {"en"}),
])
def test_the_shell_completes_choices_and_names(command, option, typed, expected):
    import click

    cmd = _commands()[command]
    param = next(p for p in cmd.params if p.name == option)
    ctx = click.Context(cmd)
    assert {item.value for item in param.shell_complete(ctx, typed)} == expected


def test_a_chart_with_a_machine_format_from_the_environment_is_a_usage_error(cli, monkeypatch):
    # QDAID_FORMAT=json asks for JSON as -f json does: --chart printed the bars, exit 0
    monkeypatch.setenv("QDAID_FORMAT", "json")
    result = cli("stats", "--chart")
    assert result.exit_code == 2 and result.stdout == "" and "$QDAID_FORMAT" in result.stderr, result.stderr
    assert cli("stats", "--chart", "-f", "table").exit_code == 0  # the option says otherwise


def test_errors_name_the_environment_variable_they_come_from_and_stay_one_line(cli, monkeypatch, tmp_path):
    # The outside review, finding 8: $QDAID_FORMAT=xml was reported as "--format: unknown format",
    # a field name with a newline broke the error in two, and QDAID_HOME=/dev/null said only
    # "File exists".
    monkeypatch.setenv("QDAID_FORMAT", "xml")
    result = cli("figures")
    assert result.exit_code == 2 and result.stderr.startswith("qdaid: $QDAID_FORMAT: unknown format 'xml'"), result.stderr
    monkeypatch.delenv("QDAID_FORMAT")
    result = cli("figures", "-F", "id\nraw")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "id\\x0araw" in result.stderr, result.stderr
    article = tmp_path / "a.txt"
    article.write_text("2020年,青岛向陇南捐款100万元。\n", encoding="utf-8")
    monkeypatch.setenv("QDAID_HOME", os.devnull)
    result = cli("build", article, "--date", "2021-01-01")
    assert result.exit_code == 1 and "($QDAID_HOME names it): it is not a folder" in result.stderr, result.stderr


def test_a_search_for_a_stop_or_an_underscore_finds_that_character_not_every_record(cli):
    # Latin text is also matched with its stops, dashes and spaces dropped (Long-nan): "." was
    # then "", found in every record (221 rows). The character itself is searched, as typed: "."
    # in the sentences and raw texts that hold one (8.58亿元, “8.12”防汛), "_" in the names of
    # metrics and units (consumption_aid, person_time).
    def found(text):
        return json.loads(cli("search", "-f", "json", "--", text).stdout)

    dots, underscores = found("."), found("_")
    assert 0 < len(dots) < 100 and all("." in (row["quote"] or "") + (row["raw"] or "") for row in dots)
    assert 0 < len(underscores) < 141 and {row["field"] for row in underscores} <= {"metric", "unit"}


@pytest.mark.parametrize(("typed", "meant"), [("陇南工作组", "青岛赴陇南扶贫协作挂职干部工作组"),
                                              ("安顺队", "山东省青岛市赴安顺东西部扶贫协作工作队")])
def test_a_short_chinese_name_that_names_nothing_is_told_the_name_it_shortens(cli, typed, meant):
    # "no honoree '陇南工作组'" had no "did you mean": its characters are in the team's name, in
    # order, but too few beside it for difflib's ratio (the outside review)
    result = cli("figures", "--honoree", typed)
    assert result.exit_code == 2 and f"did you mean {meant}?" in result.stderr, result.stderr


@pytest.mark.parametrize(("env", "said"), [
    ({"QDAID_HOME": os.devnull, "XDG_DATA_HOME": "/tmp"}, "($QDAID_HOME names it): it is not a folder"),  # it wins
    ({"XDG_DATA_HOME": os.devnull}, "($XDG_DATA_HOME names it): Not a directory"),  # …/null/qdaid
    ({"QDAID_HOME": os.devnull + "/sub"}, "($QDAID_HOME names it): Not a directory"),  # the system's reason
])
def test_a_folder_for_the_database_that_cannot_be_made_names_the_variable_and_the_reason(cli, monkeypatch, tmp_path,
                                                                                          env, said):
    article = tmp_path / "a.txt"
    article.write_text("2020年,青岛向陇南捐款100万元。\n", encoding="utf-8")
    monkeypatch.delenv("QDAID_HOME")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("build", article, "--date", "2021-01-01")
    assert result.exit_code == 1 and said in result.stderr, result.stderr
