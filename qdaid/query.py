"""Search and timeline over the fact base, and snippets that never cut a number.

Names a person types are resolved by names.py; figures are selected by facts.py in SQL.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .filters import Filters, Where, read_amount
from .model import UsageError, period_label
from .names import chinese_words, english_words, has_han, normalise, plain_pinyin, simplified_chars, squash

if TYPE_CHECKING:
    from .facts import FactBase


SEARCHED = {
    "honorees": ("id", "name", "post", "motto", "aliases", "name_en", "post_en", "motto_en"),
    "regions": ("id", "name", "aliases", "name_en"),
    "programs": ("id", "name", "quote", "name_en"),
    "events": ("text",),
    "figures": ("raw", "label", "metric", "unit", "quote"),
}


def search(base: FactBase, text: str) -> list[dict]:
    """Matches in Chinese, pinyin of any Chinese text (spaces, tones and case ignored), English
    (names, metric labels, unit names, the glossary: masks finds 口罩), with the table, record
    and field that matched; figures one row each, found by their words, their raw text, or their
    value as qdaid prints it (57万, 570,000, 858 million, 8.58亿). `quote` carries the whole
    sentence, `match` a snippet that never cuts a number; a figure's row its raw, value and unit."""
    key = normalise(text)
    if not key:
        raise UsageError("the search text is empty", param="text")
    hits = _found(base, key)
    # Traditional characters (隴南, 消費扶貧) find the Simplified text too, and the other way round
    # nothing is lost: the text as typed is searched first (an article may be in Traditional).
    if not key.isascii() and (simple := simplified_chars(key)) != key:
        seen = {(h["table"], h["id"]) for h in hits}
        hits += [h for h in _found(base, simple) if (h["table"], h["id"]) not in seen]
    return hits


def _found(base: FactBase, key: str) -> list[dict]:
    number = read_amount(key)
    hits = _scan(base, key, number)
    if number is not None and not any(h["table"] == "figures" for h in hits):
        hits = _scan(base, key, None)  # no figure of that value: the text, as written (“8.12”防汛)
    # the figures of the amount asked for first (63,500 persons: 6.35万名), then the texts that hold it
    return sorted(hits, key=lambda h: h["field"] != "value") if number is not None else hits


def _scan(base: FactBase, key: str, number: Decimal | None) -> list[dict]:
    """The records that match; with a number, figures by their value or raw text, not by every
    sentence that holds the number."""
    direct, translated = _matchers(base, key)
    hits = []
    for table, names in SEARCHED.items():
        if table == "figures" and number is not None:
            names = tuple(n for n in names if n != "quote")
        for rec in base.scan(table, ("id", "quote", "text", "honoree", "raw", "value", "unit", *names)):
            found = None
            if table == "figures" and number is not None and Decimal(str(rec["value"])) == number:
                found = ("value", rec["raw"])
            for matches in (direct, translated):  # the words typed first (Mala Rabbit in name_en), then 兔
                for name in names if found is None else ():
                    value = rec.get(name)
                    if (v := next((v for v in (value if isinstance(value, list) else [value]) if matches(v)), None)):
                        found = (name, v)
                        break
            if found:
                hits.append(_hit(table, rec, *found, key))
    return hits


def _hit(table: str, rec: dict, name: str, matched: str, key: str) -> dict:
    sentence = rec.get("quote") or rec.get("text") or None
    figure = table == "figures"
    return {"table": table, "id": rec["id"], "field": name,
            # a figure's snippet is its sentence around the figure itself
            "match": _snippet(sentence or "", rec["raw"]) if figure else _snippet(matched, key),
            "honoree": rec.get("honoree") if table != "honorees" else rec["id"],
            "raw": rec["raw"] if figure else None, "value": rec["value"] if figure else None,
            "unit": rec["unit"] if figure else None, "quote": sentence}


def _matchers(base: FactBase, key: str):
    """Two tests of whether a text matches the search: it holds the text (any case; Latin letters
    also without spaces and hyphens) or its pinyin holds the letters (tones dropped: kǒuzhào);
    else it holds, for every part of an English phrase that means something, a Chinese word it
    stands for: a word of the vocabulary (masks → 口罩) or the name of the place or honoree an
    English name names (Longnan City → 陇南; Longnan aid → 陇南 and 援助 in one text, not every
    text about aid). Words that stand for nothing are passed over (face masks → 口罩)."""
    squashed = squash(key)
    letters = plain_pinyin(squashed)
    sounds = _sounds_like(letters) if letters.isascii() and letters.isalpha() and len(letters) >= 3 else None
    parts = _english_parts(base, key) if key.isascii() and any(c.isalpha() for c in key) else []

    def direct(value) -> bool:
        return isinstance(value, str) and (key in normalise(value) or (key.isascii() and squashed != ""
                                                                        and squashed in squash(value))
                                           or (sounds is not None and sounds(value)))

    def translated(value) -> bool:
        return isinstance(value, str) and bool(parts) and all(any(w in value for w in part) for part in parts)

    return direct, translated


def _english_parts(base: FactBase, key: str) -> list[set[str]]:
    """The Chinese words each meaningful part of an English search stands for: the place or
    honoree the whole names, else per part the vocabulary's words or the names of the place or
    honoree a word left over names (each word looked up once, each part kept once)."""
    if named := _chinese_names(base, key):
        return [named]
    words = english_words(key).split()
    parts = chinese_words(key)
    covered = {i for span, _ in parts for i in span}
    names = {word: _chinese_names(base, word) for word in dict.fromkeys(words) if len(word) >= 3}
    parts += [(range(i, i + 1), names[word]) for i, word in enumerate(words)
              if i not in covered and names.get(word)]
    return list({frozenset(words): words for _, words in parts}.values())


def _chinese_names(base: FactBase, name: str) -> set[str]:
    """The Chinese names (name, aliases) of the region or the one honoree this English name or
    pinyin names; none when it names none."""
    for lookup, table in ((base.named_region, base.regions), (base.named_honoree, base.honorees)):
        if (found := lookup(name)) is not None:
            record = table[found]
            return {n for n in (record["name"], *record.get("aliases", [])) if n and not n.isascii()}
    return set()


def _sounds_like(letters: str):
    """A test of whether a Chinese text's pinyin (tones and spaces ignored) holds these letters.
    pypinyin is imported only for such a search, and each text is romanised once."""
    from pypinyin import lazy_pinyin

    romanised: dict[str, str] = {}

    def test(text: str) -> bool:
        if text not in romanised:
            romanised[text] = squash("".join(lazy_pinyin(text))) if has_han(text) else ""
        return letters in romanised[text]

    return test


def _whole_quotations(text: str, start: int, end: int) -> tuple[int, int]:
    """A snippet never cuts a quotation in two (…光明行动”,募集… would read as a quote that ends
    where none began): widened to the “ before it or the ” after it."""
    depth, lowest = 0, 0
    for char in text[start:end]:
        depth += (char == "“") - (char == "”")
        lowest = min(lowest, depth)
    if lowest < 0 and (opening := text.rfind("“", 0, start)) >= 0:
        start = opening
    if depth - lowest > 0 and (closing := text.find("”", end)) >= 0:
        end = closing + 1
    return start, end


def timeline(base: FactBase, honorees: list[str], regions: list[str], since: int | None = None,
             until: int | None = None, overlapping: bool = False) -> list[dict]:
    """Events and dated figures in date order (see timeline_of)."""
    return timeline_of(base, Filters(honorees=honorees, regions=regions, since=since, until=until,
                                     overlapping=overlapping))[0]


def timeline_of(base: FactBase, flt: Filters) -> tuple[list[dict], Where]:
    """Events and dated figures in date order, and the Where that chose the figures: the figures
    `figures` selects with the same filters (a period within --since/--until, or touching them with
    overlapping; a figure of several places under the region asked for; under the nation, a figure of
    no stated place), those with a period; the events of those honorees and places whose date lies
    within the years."""
    where = base.where(flt)
    low, high = flt.years()
    honoree_ids = {base.honoree(h) for h in flt.honorees}
    region_ids: set[str | None] = set(base.places(flt.regions))
    if flt.nation(base):
        region_ids.add(None)  # as a figure that states no place, an event is the nation's
    rows = []
    for e in base.table("events"):
        year = int(e["date"][:4])
        if ((not honoree_ids or e["honoree"] in honoree_ids) and (not flt.regions or e["region"] in region_ids)
                and (low is None or year >= low) and (high is None or year <= high)):
            rows.append({"date": e["date"], "kind": "event", "id": e["id"], "honoree": e["honoree"],
                         "region": e["region"], "text": e["text"]})
    dated = Where(list(where.terms), list(where.params))
    dated.add("period_start IS NOT NULL", [])
    for f in base.select(dated, only=("id", "honoree", "region", "metric", "raw", "period_start", "period_end")):
        rows.append({"date": period_label(f["period_start"], f["period_end"]), "kind": "figure", "id": f["id"],
                     "honoree": f["honoree"], "region": f["region"], "text": f"{f['metric']} {f['raw']}"})
    rows.sort(key=lambda r: (r["date"][:4], r["kind"] != "event", r["date"], r["id"]))
    return rows, where


def _number_part(char: str) -> bool:
    return char.isdecimal() or char in ".,%万亿千百余多"  # isdecimal: what \d matches


def _snippet(text: str, key: str, reach: int = 16) -> str:
    """About `reach` characters either side of the match, never cutting a number (2016年10月,
    3901.5余万元 stay whole)."""
    at = normalise(text).find(normalise(key))
    if at < 0 or len(text) <= 2 * reach + len(key):
        return text
    return context(text, at, at + len(key), reach)


def context(text: str, at: int, end_at: int, reach: int = 16, mark: bool = False) -> str:
    """text[at:end_at] with about `reach` characters either side, never cutting a number; mark:
    the span itself in 【…】, as cite marks it."""
    start, end = max(0, at - reach), min(len(text), end_at + reach)
    while start > 0 and _number_part(text[start]) and _number_part(text[start - 1]):
        start -= 1
    while end < len(text) and _number_part(text[end - 1]) and _number_part(text[end]):
        end += 1
    start, end = _whole_quotations(text, start, end)
    middle = f"{text[start:at]}【{text[at:end_at]}】{text[end_at:end]}" if mark else text[start:end]
    return ("…" if start else "") + middle + ("…" if end < len(text) else "")
