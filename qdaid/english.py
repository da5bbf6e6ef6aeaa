"""English for `--lang en`: names, metric labels and definitions, unit names (render writes the
amounts: 858 million CNY).

Names come from the database (name_en, post_en, motto_en, made at build time); labels and unit
names from vocabulary/english.json, the same data file the build reads. Chinese stays the
default; in English, text that exists only in Chinese (quotes, sentences, a motto with no
rendering) is shown in quotation marks, as the original it is.
"""

from __future__ import annotations

import re
from functools import cache

from .vocabulary import load

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Where each table keeps the English of a Chinese field.
ENGLISH_OF = {"honorees": {"name": "name_en", "post": "post_en", "motto": "motto_en"},
              "programs": {"name": "name_en"}, "regions": {"name": "name_en"}}


@cache
def vocabulary() -> dict:
    return load("english.json")


@cache
def keywords() -> dict[str, list[str]]:
    """metric → the Chinese words the extractor reads it from (lexicon.json)."""
    lexicon = load("lexicon.json")
    found: dict[str, list[str]] = {}
    for entry in lexicon["metrics"]:
        for metric in {entry["metric"], *entry.get("by_unit", {}).values()}:
            found.setdefault(metric, []).extend(entry["keywords"])
    for word, metric in lexicon["weak_keywords"].items():
        if not word.startswith("_"):
            found.setdefault(metric, []).append(word)
    return {m: list(dict.fromkeys(words)) for m, words in found.items()}


def metric(slug: str) -> dict:
    """{label, definition} of a metric; a metric the vocabulary lacks, named after its unit, by
    the unit's name (Buildings, Tonnes), else by its slug."""
    found = vocabulary()["metrics"].get(slug)
    if found:
        return found
    from .labels import unit_of

    counts = unit_of(slug)
    label = unit(counts)["many"] if counts else slug.replace("_", " ")
    return {"label": label[:1].upper() + label[1:], "definition": ""}


def unit(slug: str) -> dict:
    """{one, many, note} of a unit."""
    found = vocabulary()["units"].get(slug) or {"one": slug.replace("_", " "), "many": slug.replace("_", " ")}
    return {"note": "", **found}


def rendering(text: str) -> str:
    """The English rendering of a Chinese name the vocabulary lists (a publisher, a title), else the text."""
    return vocabulary()["names"].get(text.strip("“”"), text)


def quoted(text: str) -> str:
    """Chinese text as the quotation it is, “…”, unless it is quoted already; other text as it is."""
    if not _HAN.search(text) or (text.startswith("“") and text.endswith("”") and text.count("“") == 1):
        return text
    return f"“{text}”"


def localise(record: dict, table: str) -> dict:
    """The record with its names in English where the database has them."""
    fields = ENGLISH_OF.get(table)
    if not fields:
        return record
    out = dict(record)
    for field, english in fields.items():
        if out.get(english):
            out[field] = out[english]
    return out
