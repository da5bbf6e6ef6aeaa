"""One field vocabulary (issue 23): the same name for the same thing in every command and format,
each command's --help naming the fields its -F takes, search rows with the figure's raw, value
and unit, null for empty in JSON; and machine formats the same bytes whatever the language."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

READ_COMMANDS = [
    ["list", "honorees"], ["list", "collectives"], ["list", "regions"], ["list", "programs"], ["list", "metrics"],
    ["list", "units"], ["list", "sources"], ["list", "events"], ["show", "陇南"], ["show", "窦宗君"], ["figures"],
    ["figures", "--region", "longnan"], ["stats"], ["stats", "--by", "honoree", "--explain"], ["search", "陇南"],
    ["search", "masks"], ["cite", "03457", "03631"], ["timeline"],
]
MACHINE = ["csv", "tsv", "json", "jsonl"]


def out(cli, *args, env=None) -> str:
    result = cli(*args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_machine_output_is_the_same_bytes_whatever_the_language(cli, command):
    for fmt in MACHINE:
        plain = out(cli, *command, "-f", fmt)
        assert plain == out(cli, *command, "-f", fmt, env={"QDAID_LANG": "en"}), (command, fmt)
        assert plain == out(cli, *command, "-f", fmt, "--lang", "en"), (command, fmt)


def test_machine_formats_carry_the_original_name_and_the_english_one(cli):
    # ¶9: 窦宗君, whose name the English vocabulary renders Dou Zongjun
    figures = list(csv.DictReader(io.StringIO(out(cli, "figures", "--honoree", "窦宗君", "-f", "csv", "--lang", "en"))))
    assert {(f["honoree_name"], f["honoree_name_en"]) for f in figures} == {("窦宗君", "Dou Zongjun")}
    honorees = json.loads(out(cli, "list", "honorees", "-f", "json", "--lang", "en"))
    assert {"name", "name_en", "post", "post_en", "motto", "motto_en"} <= set(honorees[0])
    table = out(cli, "figures", "--honoree", "窦宗君", "-f", "md", "--lang", "en", "-F", "id,honoree_name")
    assert "Dou Zongjun" in table and "窦宗君" not in table  # Markdown is for people: their language


def _empty_strings(value, where="") -> list[str]:
    if value == "":
        return [where]
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in _empty_strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [w for i, v in enumerate(value) for w in _empty_strings(v, f"{where}[{i}]")]
    return []


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_empty_is_null_in_json(cli, command):
    assert _empty_strings(json.loads(out(cli, *command, "-f", "json"))) == []


def test_list_units_has_null_for_no_note(cli):
    units = {u["unit"]: u for u in json.loads(out(cli, "list", "units", "-f", "json"))}
    assert units["mask"]["note"] is None and units["mu"]["note"]  # 亩 has a note; a mask needs none


def _help_fields(cli, *command) -> list[str]:
    text = " ".join(out(cli, *command, "--help").split())
    listed = re.search(r"Fields: (.*?)[.;](?: |$)", text)  # show: the figures' (before "; in JSON")
    assert listed, text
    return [f.strip() for f in re.split(r"[,;]", listed.group(1).replace("honorees:", "").replace("regions:", ""))
            if f.strip() and ":" not in f]


@pytest.mark.parametrize("command", [["figures"], ["show", "陇南"], ["stats", "--by", "honoree", "--explain"],
                                     ["search", "陇南"], ["cite", "03457", "03492"], ["timeline"]], ids=" ".join)
def test_help_lists_the_fields_f_takes_and_each_holds_data(cli, command):
    listed = [f for f in _help_fields(cli, command[0]) if not (command[0] == "stats" and f in ("region", "year"))
              # the one figure of several places (¶3, 助力三市179.4万) is the article's, no honoree's
              and not (command[0] == "show" and f == "covers")
              # the bundled database is one article: no other source states a fact again
              and f not in ("sources_disagree", "same_fact")]
    assert len(listed) >= 5
    result = cli(*command, "-f", "csv", "-F", ",".join(listed))
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    # every field it names holds a value somewhere (¶21's 7.54亿元, 03492, is part_of 8.58亿元, 03457)
    assert [f for f in listed if all(r[f] == "" for r in records)] == []


def test_list_help_names_the_fields_of_each_kind(cli):
    text = " ".join(out(cli, "list", "--help").split())
    for kind, field in (("honorees", "name_en"), ("regions", "adcode"), ("metrics", "keywords"), ("units", "note")):
        assert f"{kind}:" in text and field in text
        assert cli("list", kind, "-f", "csv", "-F", field).exit_code == 0


def test_one_name_for_a_sentence_and_a_period_in_every_command(cli):
    # ¶21: 2017年以来,采购、销售陇南已认定扶贫产品8.58亿元 — a figure of 2017–2021
    cited = json.loads(out(cli, "cite", "03457", "-f", "json"))[0]
    listed = json.loads(out(cli, "figures", "--region", "longnan", "--metric", "consumption_aid", "-f", "json"))[0]
    found = [h for h in json.loads(out(cli, "search", "858 million", "-f", "json"))]
    assert cited["quote"] == listed["quote"] == found[0]["quote"]
    assert "8.58亿元" in cited["quote"] and cited["quote"][slice(*cited["raw_in_quote"])] == "8.58亿元"
    assert (cited["period_start"], cited["period_end"]) == (listed["period_start"], listed["period_end"]) == (2017, 2021)
    assert "sentence" not in cited and "sentence" not in found[0]
    for command in (["figures", "--region", "longnan", "--metric", "consumption_aid"], ["cite", "03457"]):
        (period,) = {r["period"] for r in csv.DictReader(io.StringIO(out(cli, *command, "-f", "csv", "-F", "period"))) if
                     r["period"] != "2020"}
        assert period == "2017–2021"


def test_the_old_names_are_read_with_a_note(cli):
    result = cli("cite", "03457", "-f", "csv", "-F", "id,sentence,raw_in_sentence")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "id,quote,raw_in_quote"
    assert result.stderr.count("note: field sentence is now called quote") == 1


def test_search_rows_carry_the_figures_raw_value_and_unit(cli):
    hits = json.loads(out(cli, "search", "口罩", "-f", "json"))
    # ¶22: 捐助49.25万个口罩 — 492500 masks
    mask = next(h for h in hits if h["raw"] == "49.25万个")
    assert (mask["value"], mask["unit"]) == (492500, "mask")
    other = json.loads(out(cli, "search", "longnan", "-f", "json"))
    region = next(h for h in other if h["table"] == "regions")
    assert (region["raw"], region["value"], region["unit"]) == (None, None, None)


def test_check_output_is_the_same_bytes_whatever_the_language(cli, tmp_path):
    draft = tmp_path / "draft.txt"  # a draft quoting ¶21 and ¶22 of the article, one number changed
    draft.write_text("2017年以来,采购、销售陇南已认定扶贫产品8.58亿元。组织社会各界向陇南捐款1.35亿元。", "utf-8")
    for fmt in ("csv", "json"):
        printed = [cli("check", draft, "-f", fmt, env=env) for env in (None, {"QDAID_LANG": "en"})]
        printed.append(cli("check", draft, "-f", fmt, "--lang", "en"))
        assert {r.exit_code for r in printed} <= {0, 1} and len({r.stdout for r in printed}) == 1, fmt
