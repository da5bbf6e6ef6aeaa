"""Names people type: units, metrics and places in Chinese, English, pinyin or Traditional
characters, field names in any case; unknown names get one suggestion line."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest


def column(result, name) -> set[str]:
    assert result.exit_code == 0, result.output
    return {r[name] for r in csv.DictReader(io.StringIO(result.stdout))}


@pytest.mark.parametrize(("typed", "unit"), [("yuan", "cny"), ("元", "cny"), ("RMB", "cny"), ("CNY", "cny"),
                                              ("persons", "person"), ("人", "person"), ("亩", "mu"), ("mu", "mu"),
                                              ("households", "household"), ("人次", "person_time")])
def test_units(cli, typed, unit):
    assert column(cli("figures", "--unit", typed, "-F", "unit"), "unit") == {unit}


@pytest.mark.parametrize(("typed", "metrics"), [
    ("消费扶贫", {"consumption_aid"}),  # the word the article used
    ("捐款", {"donations_cash"}),  # exactly that word (捐款捐物 is donations_mixed)
    ("rates", {"poverty_rate", "pass_rate", "growth_rate", "share"}),
    ("honours", {"honorees", "honorees_posthumous", "awards", "commendations", "ranking", "prizes"}),
])
def test_metrics(cli, typed, metrics):
    assert column(cli("figures", "--metric", typed, "-F", "metric"), "metric") == metrics


@pytest.mark.parametrize("typed", ["Longnan City", "longnan", "Longnan", "隴南", "陇南市", "Lǒngnán", "long nan", "LONGNAN CITY",
                                   "Long-nan", "long_nan", "陇·南", "ｌｏｎｇｎａｎ"])
def test_places(cli, typed):
    assert column(cli("figures", "--region", typed, "-F", "region"), "region") == {"longnan", "huixian"}


@pytest.mark.parametrize(("typed", "region"), [("Hui County", "huixian"), ("Gansu Province", "gansu"),
                                               ("青島", "qingdao"), ("Qingdao City", "qingdao")])
def test_more_places(cli, typed, region):
    assert region in column(cli("figures", "--region", typed, "-F", "region"), "region")


def test_field_names_in_any_case(cli):
    assert cli("figures", "-F", "ID,RAW", "--limit", "1").stdout.splitlines()[0] == "id,raw"


def test_one_suggestion_line(cli):
    result = cli("lst")
    assert result.exit_code == 2 and result.output.count("Did you mean") == 1
    result = cli("figures", "--region", "隴東")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def search(cli, text) -> list[dict]:
    result = cli("search", text, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_finds_figures_by_value_and_raw(cli, figures):
    assert [(h["id"], h["field"]) for h in search(cli, "57万")] == [("qdrb-20210225-03631", "value")]  # 捐款57万元
    assert [h["id"] for h in search(cli, "3901.5")] == ["qdrb-20210225-03959"]  # not the 3个 of its sentence
    assert [h["id"] for h in search(cli, "1.25亿元")] == ["qdrb-20210225-03542"]
    # mask, in English, is 口罩 (the unit's noun): every figure of the one sentence that names them (¶24)
    assert [h["id"] for h in search(cli, "mask")] == [f["id"] for f in figures if "口罩" in f["quote"]]
    assert ("honorees", "dou-zongjun") in {(h["table"], h["id"]) for h in search(cli, "Dou Zongjun")}


def test_search_gives_a_row_per_figure_and_whole_numbers(cli, figures):
    hits = [h for h in search(cli, "辣椒") if h["table"] == "figures"]
    expected = [f["id"] for f in figures if "辣椒" in f["quote"]]
    assert [h["id"] for h in hits] == expected and len(expected) > 1
    number = re.compile(r"[\d.]+")
    for hit in search(cli, "陇南"):
        match = hit["match"].strip("…")
        at = hit["quote"].find(match) if hit["quote"] else -1
        if at < 0:
            continue
        before, after = hit["quote"][:at], hit["quote"][at + len(match):]
        assert not (number.fullmatch(before[-1:] or "x") and number.match(match)), hit  # no number cut at the start
        assert not (number.fullmatch(after[:1] or "x") and number.fullmatch(match[-1:] or "x")), hit  # nor at the end


def test_search_reads_pinyin_of_any_chinese_text_and_english_names(cli, figures):
    # 口罩 (kǒuzhào, masks) stands in one sentence only: 捐助49.25万个口罩、700套防护服等价值237万元…,捐款57万元.
    in_that_sentence = {f["id"] for f in figures if "口罩" in f["quote"]}
    for typed in ("kouzhao", "kou zhao", "KouZhao"):
        hits = search(cli, typed)
        assert {h["id"] for h in hits if h["table"] == "figures"} == in_that_sentence, typed
    assert len(in_that_sentence) >= 3  # 49.25万个, 700套, 237万元, 57万元
    assert ("programs", "malatu", "name_en") in {(h["table"], h["id"], h["field"]) for h in search(cli, "Mala Rabbit")}
    assert search(cli, "zzzqqq") == []
