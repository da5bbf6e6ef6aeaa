"""--lang en: a researcher who reads no Chinese gets English names, labels and amounts, and sees
Chinese only as the quotation it is; the English is data (vocabulary/english.json), complete
for everything the lexicon can produce."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from importlib import resources

import pytest

from qdaid import english, store
from qdaid.pipeline.english import English
from qdaid.pipeline.gazetteer import Gazetteer

HAN = re.compile(r"[\u3400-\u9fff]")


def outside_quotes(text: str) -> str:
    """The text with every “…” quotation removed, nested ones too (“…“好”等次…”)."""
    kept, depth = [], 0
    for char in text:
        if char == "“":
            depth += 1
        elif char == "”" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


def test_outside_quotes_sees_nesting():
    assert outside_quotes("a “陇南“好”等次” b") == "a  b"
    assert HAN.search(outside_quotes("name 陇南"))  # the check can fail


def _lexicon() -> dict:
    return json.loads(resources.files("qdaid.vocabulary").joinpath("lexicon.json").read_text("utf-8"))


def _public(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if not k.startswith("_")}


def test_every_metric_and_unit_the_lexicon_can_give_has_english():
    lex = _lexicon()
    metrics = {m["metric"] for m in lex["metrics"] if "by_unit" not in m}
    metrics |= {v for m in lex["metrics"] for v in m.get("by_unit", {}).values()}
    metrics |= set(_public(lex["default_metric_by_unit"]).values()) | set(_public(lex["weak_keywords"]).values())
    metrics |= {m for side in _public(lex["refine"]).values() for words in side.values() for m in words.values()}
    units = set(_public(lex["classifiers"]["specific"]).values()) | set(_public(lex["classifiers"]["general"]).values())
    units |= set(_public(lex["nouns"]).values()) | {u for m in lex["metrics"] for u in m.get("units", [])}
    units |= set(_public(lex["default_metric_by_unit"]))
    vocab = english.vocabulary()
    assert metrics - set(vocab["metrics"]) == set()
    assert units - set(vocab["units"]) == set()
    for slug, entry in vocab["metrics"].items():
        assert entry["label"] and entry["definition"].endswith("."), slug
        assert not HAN.search(entry["label"] + entry["definition"]), slug  # Chinese goes in the keywords column
    for slug, entry in vocab["units"].items():
        assert not HAN.search(entry["one"] + entry["many"]), slug


def test_units_people_ask_about_are_explained():
    assert "666.7 m²" in english.unit("mu")["note"]
    assert "once per occasion" in english.unit("person_time")["note"]


@pytest.mark.parametrize(("values", "unit", "expected"), [
    # 10.6亿元 = 1,060,000,000 yuan; 2473万元 = 24,730,000; 12564.16万元 = 125,641,600: exact, never rounded.
    ([1060000000], "cny", ["1.06 billion CNY"]),
    ([24730000], "cny", ["24.73 million CNY"]),
    ([125641600], "cny", ["125.6416 million CNY"]),
    ([60000], "cny", ["60,000 CNY"]),  # 6万元: below a million, grouped yuan
    ([125000000, 1250716000], "cny", ["125 million CNY", "1,250.716 million CNY"]),  # 1.250716 billion: six decimals
    ([1198], "person", ["1,198 persons"]),  # 1198名: every unit's name follows its number
])
def test_english_amounts(values, unit, expected):
    from qdaid.amounts import chinese_amount

    assert [chinese_amount(v, unit, "en") for v in values] == expected


def test_an_interval_names_its_unit_once():
    from qdaid.amounts import total_text

    row = {"unit": "cny", "total": 62015000, "total_min": 39015000, "total_max": 62015000, "overlap_possible": True,
           "total_is_lower_bound": True, "total_is_approximate": False}
    assert total_text(row, "en") == "≥39.015–62.015 million CNY, may overlap"
    assert total_text(row) == "≥3901.5万–6201.5万元，可能重复"


def _table(cli, *args, env=None):
    result = cli(*args, "-f", "table", "--lang", "en", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", [["list", "honorees"], ["show", "窦宗君"], ["show", "pingdu-office"],
                                     ["stats", "--region", "longnan"], ["stats", "--by", "honoree"],
                                     ["figures", "--honoree", "anshun-team"]])
def test_no_chinese_outside_quotes(cli, command):
    printed = _table(cli, *command)
    assert command[0] in ("list", "stats") or HAN.search(printed)  # quotes and sentences stay Chinese
    assert not HAN.search(outside_quotes(printed)), outside_quotes(printed)


def test_names_are_english_for_people_and_beside_the_original_for_machines(cli):
    # Machine formats are language-neutral (issue 23): the original name and name_en, whatever --lang says.
    honorees = json.loads(cli("list", "honorees", "-f", "json", "--lang", "en").stdout)
    names = {h["id"]: h["name_en"] for h in honorees}
    # 窦宗君: family name 窦 (Dou), given name 宗君 (Zongjun).
    assert names["dou-zongjun"] == "Dou Zongjun" and {h["id"]: h["name"] for h in honorees}["dou-zongjun"] == "窦宗君"
    assert names["pingdu-office"].startswith("Office of the Pingdu")
    assert all(not HAN.search(h["name_en"] + (h["post_en"] or "") + (h["motto_en"] or "")) for h in honorees)
    markdown = cli("list", "honorees", "-f", "md", "--lang", "en", "-F", "id,name").stdout
    assert "| dou-zongjun | Dou Zongjun |" in markdown  # Markdown is for people: in the language asked for
    rows = list(csv.DictReader(io.StringIO(cli("figures", "--honoree", "窦宗君", "--lang", "en", "-f", "csv").stdout)))
    assert {(r["honoree_name"], r["honoree_name_en"]) for r in rows} == {("窦宗君", "Dou Zongjun")}
    assert {r["value"] for r in rows} >= {"1060000000"}  # machine formats keep raw values
    table = cli("show", "longnan-group", "-f", "table", "--lang", "en").stdout
    assert "麻辣兔" not in table.split("programs")[-1].split("events")[0]


def test_english_amounts_in_the_table(cli):
    printed = _table(cli, "show", "窦宗君")
    # Each amount in its natural unit: 10.6亿元 (paragraph 10) = 1,060,000,000 = 1.06 billion; 2473万元
    # (paragraph 9) = 24,730,000 = 24.73 million (not on one scale with 10.6亿); 1198名 as 1,198.
    assert "1.06 billion CNY" in printed and "24.73 million CNY" in printed and "1,198" in printed
    assert "Dou Zongjun" in printed and "Party Secretary and Director" in printed


def test_list_metrics_defines_each_metric_with_its_chinese_keywords(cli):
    rows = json.loads(cli("list", "metrics", "-f", "json", "--lang", "en").stdout)
    consumption = next(r for r in rows if r["metric"] == "consumption_aid")
    assert consumption["label"] == "Consumption aid" and "消费扶贫" in consumption["keywords"]
    assert consumption["definition"]
    printed = _table(cli, "list", "metrics")
    assert "definition" in printed and "Consumption aid" in printed


def test_the_language_comes_from_the_environment_and_is_checked(cli):
    printed = _table(cli, "list", "honorees", env={"QDAID_LANG": "en"})
    assert "Dou Zongjun" in printed
    result = cli("list", "honorees", env={"QDAID_LANG": "fr"})
    assert result.exit_code == 2 and "fr" in result.output and "Traceback" not in result.output


def test_a_name_not_listed_is_rendered_word_by_word():
    renderer = English(english.vocabulary(), Gazetteer.load())
    # 烟台市 (Yantai) + 扶贫协作工作办公室 (glossary): the place loses its level word inside a name.
    assert renderer.name("烟台市扶贫协作工作办公室") == "Yantai Poverty Alleviation Cooperation Office"
    assert renderer.person("李明") == "Li Ming"
    assert renderer.name("“榕树”模式") == "Rongshu Model"  # unknown words in pinyin
    assert renderer.listed("敢打硬仗,创新模式") == "Dares to fight hard battles; innovates models"
    assert renderer.listed("不在表中") is None  # a motto with no rendering stays Chinese


def test_an_older_database_without_english_names_still_reads(cli, tmp_path, bundled_db):
    data = json.loads(bundled_db.read_text("utf-8"))
    for record in data["honorees"].values():
        for field in ("name_en", "post_en", "motto_en"):
            record.pop(field)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    for source in store.bundled_sources():
        shutil.copy(source, tmp_path / source.name)
    assert cli("validate", "--db", old).exit_code == 0
    printed = _table(cli, "list", "honorees", "--db", old)
    assert "“窦宗君”" in printed  # no English name: the Chinese, as a quotation
    assert not HAN.search(outside_quotes(printed))


def test_list_units_explains_each_unit(cli):
    rows = {r["unit"]: r for r in json.loads(cli("list", "units", "-f", "json", "--lang", "en").stdout)}
    # 亩 (mu) in the text: 5 figures (planting and land area); 人次 counts a person once per occasion.
    assert "666.7 m²" in rows["mu"]["note"] and rows["mu"]["figures"] >= 1
    assert rows["person_time"]["name"] == "person-times" and "once per occasion" in rows["person_time"]["note"]
    assert rows["cny"]["name"] == "CNY" and sum(r["figures"] for r in rows.values()) == 141  # every figure once
    # in the English table the Chinese word is quoted, and ≈ stands close to its number (never split)
    assert "≈666.7 m²" in _table(cli, "list", "units")
    # 次 is an occasion (a count of times) and 倍 a multiple: neither is "times" nor "×"
    assert rows["occasion"]["name"] == "occasions"


def test_a_citation_keeps_the_texts_approximation(cli):
    # ¶10: 捐款款物2300多万元: more than 23 million, never a bare 23 million (nor 2300万元 in Chinese)
    assert "= more than 23 million CNY" in _table(cli, "cite", "qdrb-20210225-01553")
    assert "= 2300多万元" in cli("cite", "qdrb-20210225-01553", "-f", "table").stdout


def test_explanations_are_in_the_pages_language():
    from qdaid.messages import explained

    # stats --explain and cite carry these in English in every machine format; a Chinese page says them
    # in Chinese (7.54亿 of 2020 lies in 8.58亿 since 2017: a period; 四年多 is a duration, never added)
    assert explained("qdrb-20210225-03492 in qdrb-20210225-03457 (period)") == \
        "qdrb-20210225-03492 包含于 qdrb-20210225-03457（时期）"
    assert explained("qdrb-20210225-03828 in qdrb-20210225-03553 (period, possibly)") == \
        "qdrb-20210225-03828 包含于 qdrb-20210225-03553（时期，可能）"
    assert explained("qdrb-20210225-02931 set aside (duration: never added)") == "qdrb-20210225-02931 不相加（时长）"
    assert explained("qdrb-20210225-00187 (part_of)") == "qdrb-20210225-00187（其中）"
    assert explained("qdrb-20210225-00187 (part_of)", "en") == "qdrb-20210225-00187 (part_of)"
    # sources that disagree on one fact: two, or three (15.66亿, 15.7亿, 15.65亿 of three articles)
    assert explained("a-00063 vs b-00063") == "a-00063 与 b-00063"
    assert explained("a-00063 vs b-00063 vs c-00063") == "a-00063、b-00063 与 c-00063"
    assert explained("a-00063 vs b-00063 vs c-00063", "en") == "a-00063 vs b-00063 vs c-00063"
