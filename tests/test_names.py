"""Names people type: units, metrics and places in Chinese, English, pinyin or Traditional
characters, field names in any case; unknown names get one suggestion line."""

from __future__ import annotations

import csv
import io

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


@pytest.mark.parametrize("typed", ["Longnan City", "longnan", "Longnan", "隴南", "陇南市", "Lǒngnán", "long nan", "LONGNAN CITY"])
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
