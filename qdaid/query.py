"""Search and timeline over the fact base, and snippets that never cut a number.

Names a person types are resolved by names.py; figures are selected by facts.py in SQL.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .filters import Filters
from .model import UsageError, period_label
from .names import normalise
from .names import squash as _squash

if TYPE_CHECKING:
    from .facts import FactBase


# An amount typed as a search (57万, 1.25亿元): the few forms a person types, read here because the
# query half does not import the pipeline's full number grammar.
_QUANTITY = r"(\d+(?:\.\d+)?)\s*(万|亿|萬|億)?\s*(元|人|户|个|名)?"


def search(base: FactBase, text: str) -> list[dict]:
    """Matches in Chinese, pinyin of any Chinese text (spaces, tones and case ignored), English names
    or slugs, with the table, record and field that matched; figures one row each, found by their words, their raw text, or their
    value (57万 finds 570000). `sentence` carries the whole sentence; `match` a snippet that never
    cuts a number."""
    key = normalise(text)
    if not key:
        raise UsageError("the search text is empty", param="text")
    squashed = _squash(key) if key.isascii() else key
    number = _quantity(key)
    # Letters alone may be pinyin of any Chinese text (kouzhao finds 口罩 in a quote).
    sounds = _sounds_like(squashed) if squashed.isascii() and squashed.isalpha() and len(squashed) >= 3 else None
    fields = {
        "honorees": ("id", "name", "post", "motto", "aliases", "name_en", "post_en", "motto_en"),
        "regions": ("id", "name", "aliases", "name_en"),
        "programs": ("id", "name", "quote", "name_en"),
        "events": ("text",),
        "figures": ("raw", "label", "metric", "unit", "quote"),
    }
    hits = []
    for table, names in fields.items():
        for rec in base.scan(table, ("id", "quote", "text", "honoree", "raw", "value", *names)):
            found = None
            if table == "figures" and number is not None and Decimal(str(rec["value"])) == number:
                found = ("value", rec["raw"])
            for name in names:
                if found or (table == "figures" and name == "quote" and number is not None):
                    break  # a number is looked for in figures, not in every sentence that holds it
                value = rec.get(name)
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, str) and (key in normalise(v) or (key.isascii() and squashed in _squash(v))
                                               or (sounds is not None and sounds(v))):
                        found = (name, v)
                        break
            if found:
                name, matched = found
                sentence = rec.get("quote") or rec.get("text") or ""
                hits.append({"table": table, "id": rec["id"], "field": name,
                             # a figure's snippet is its sentence around the figure itself
                             "match": _snippet(sentence, rec["raw"]) if table == "figures" else _snippet(matched, key),
                             "honoree": rec.get("honoree") if table != "honorees" else rec["id"],
                             "sentence": sentence})
    return hits


def _sounds_like(letters: str):
    """A test of whether a Chinese text's pinyin (tones and spaces ignored) holds these letters.
    pypinyin is imported only for such a search, and each text is romanised once."""
    from pypinyin import lazy_pinyin

    romanised: dict[str, str] = {}

    def test(text: str) -> bool:
        if text not in romanised:
            romanised[text] = _squash("".join(lazy_pinyin(text))) if re.search(r"[\u3400-\u9fff]", text) else ""
        return letters in romanised[text]

    return test


def _quantity(key: str) -> Decimal | None:
    """57万 → 570000, 1.25亿元 → 125000000: a query that is an amount."""
    m = re.fullmatch(_QUANTITY, key)
    if not m:
        return None
    return Decimal(m[1]) * {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, None: 1}[m[2]]


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
             until: int | None = None) -> list[dict]:
    """Events and dated figures in date order."""
    honoree_ids = {base.honoree(h) for h in honorees}
    region_ids = base.places(regions)
    Filters(since=since, until=until).years()  # checked as every period filter is
    rows = []
    for e in base.table("events"):
        rows.append({"date": e["date"], "kind": "event", "id": e["id"], "honoree": e["honoree"],
                     "region": e["region"], "text": e["text"], "year": int(e["date"][:4])})
    for f in base.dated(honoree_ids or None, region_ids if regions else None, since, until):
        rows.append({"date": period_label(f["period_start"], f["period_end"]), "kind": "figure", "id": f["id"],
                     "honoree": f["honoree"], "region": f["region"], "text": f"{f['metric']} {f['raw']}",
                     "year": f["period_start"]})
    rows = [r for r in rows if (not honoree_ids or r["honoree"] in honoree_ids)
            and (not regions or r["region"] in region_ids)
            and (since is None or r["year"] >= since) and (until is None or r["year"] <= until)]
    rows.sort(key=lambda r: (r["date"][:4], r["kind"] != "event", r["date"], r["id"]))
    return rows


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
