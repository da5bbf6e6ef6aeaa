"""Names a person types, resolved to ids: honorees, regions, metrics, units.

陇南, Longnan, 陇南市, ＬｏｎｇＮａｎ, 隴南 and a unique prefix all name one region; a name that
names nothing gets "did you mean" help. Resolution reads the small tables (honorees, regions)
held in memory and asks the fact base for the metric and unit names its figures use.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from .model import METRIC_FAMILIES, UNIT_NAMES, UsageError

# Patterns are compiled at first use (re caches them): compiled at import they cost every query's
# start-up ~1.5 ms, and most queries name places by id.
_PLACE_SUFFIX = r"(省|市|县|区|镇|乡|自治区|自治州|自治县|地区)$"
_ENGLISH_LEVEL = (r"(autonomousregion|autonomousprefecture|autonomouscounty|province|prefecture|city|"
                  r"county|district|municipality|league|banner|town)$")
_JOINERS = str.maketrans("", "", "-_·")


def normalise(text: str) -> str:
    """What a person typed, made comparable: full-width folded (ＬｏｎｇＮａｎ), trimmed, any case."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def squash(text: str) -> str:
    """Without spaces, hyphens, underscores and middle dots (Long-nan, 陇 南)."""
    return "".join(normalise(text).translate(_JOINERS).split())  # split(): what \s matches


def _abbreviates(short: str, name: str) -> bool:
    """平度市扶贫办 for 平度市扶贫开发领导小组办公室: Chinese short names keep characters in order."""
    rest = iter(name)
    return short[0] == name[0] and all(char in rest for char in short)


def _english_bare(key: str) -> str:
    """longnancity → longnan, huixiancounty → huixian (squashed English names)."""
    return re.sub(_ENGLISH_LEVEL, "", key) if key.isascii() else key


def _plain_pinyin(key: str) -> str:
    """lǒngnán → longnan: tone marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def _simplified(text: str) -> str:
    """Traditional characters as Simplified (隴南 → 陇南); OpenCC is loaded only when a name is not found."""
    try:
        text.encode("utf-8")  # an argument of bytes that are not UTF-8 is no name at all
        import opencc
    except (ImportError, UnicodeEncodeError):
        return text
    return opencc.OpenCC("t2s").convert(text)


def suggest(word: str, choices) -> str:
    import difflib  # only an error needs it

    close = difflib.get_close_matches(word, sorted(set(choices)), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


class Names:
    """Resolution over the honorees and regions (id → record). The fact base that holds it
    supplies metric_names(), unit_names() and metrics_labelled(word)."""

    def __init__(self, honorees: dict[str, dict], regions: dict[str, dict]):
        self.honorees, self.regions = honorees, regions
        self._within: dict[str, set[str]] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        for r in regions.values():
            if r.get("parent"):
                self.children[r["parent"]].append(r["id"])

    figure_columns: frozenset[str] = frozenset()  # the figures table's columns, where the store has some

    def metric_names(self) -> list[str]:
        raise NotImplementedError

    def unit_names(self) -> list[str]:
        raise NotImplementedError

    def metrics_labelled(self, word: str) -> set[str]:
        raise NotImplementedError

    def honoree(self, text: str) -> str:
        """An honoree id from its id, full, partial or short Chinese name (平度市扶贫办), pinyin, or
        a unique prefix."""
        key = squash(text)
        if not key:
            raise UsageError("an honoree name is empty", param="honoree")
        exact, partial, abbreviated = [], [], []
        for h in self.honorees.values():
            squashed = [squash(n) for n in [h["id"], h["name"], *h.get("aliases", [])]]
            if key in squashed:
                exact.append(h["id"])
            elif any(s.startswith(key) or (not key.isascii() and key in s) for s in squashed) or \
                    any(key in s for s in squashed if s.isascii() and len(key) >= 4):
                partial.append(h["id"])
            elif not key.isascii() and len(key) >= 2 and _abbreviates(key, squash(h["name"])):
                abbreviated.append(h["id"])
        found = exact or partial or abbreviated
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"honoree {text!r} is ambiguous: {', '.join(found)}", param="honoree")
        names = [n for h in self.honorees.values() for n in (h["id"], h["name"])]
        raise UsageError(f"no honoree {text!r}{suggest(normalise(text), names)}", param="honoree")

    def region(self, text: str) -> str:
        """A region id from its id, Chinese name with or without 市/县 (Traditional too), alias,
        pinyin (tones and spaces ignored), or English name with or without City/County/Province."""
        key = squash(text)
        if not key:
            raise UsageError("a region name is empty", param="region")
        if key in self.regions:  # an id is exact: no name need be read
            return key
        for candidate in dict.fromkeys([key, _english_bare(key), _plain_pinyin(key)]):
            if found := self._region_named(candidate):
                return found
        if not key.isascii() and (simplified := _simplified(key)) != key:  # 隴南 → 陇南
            if found := self._region_named(simplified):
                return found
        choices = [n for r in self.regions.values() for n in (r["id"], r["name"], r.get("name_en") or "")]
        raise UsageError(f"no region {text!r}{suggest(_simplified(key) if not key.isascii() else key, choices)}",
                         param="region")

    def _region_named(self, key: str) -> str | None:
        bare = re.sub(_PLACE_SUFFIX, "", key)
        for r in self.regions.values():
            names = {squash(n) for n in [r["id"], r["name"], *r.get("aliases", []), r.get("name_en") or ""] if n}
            names |= {b for b in (re.sub(_PLACE_SUFFIX, "", n) for n in names) if len(b) >= 2}
            names |= {_english_bare(n) for n in names if n.isascii()}
            if key in names or bare in names:
                return r["id"]
        return None

    def within(self, region_id: str) -> set[str]:
        """The region and every place below it (gansu → longnan → huixian)."""
        if region_id in self._within:
            return self._within[region_id]
        found, todo = set(), [region_id]
        while todo:
            current = todo.pop()
            if current not in found:  # a damaged file may hold a cycle
                found.add(current)
                todo += self.children.get(current, [])
        self._within[region_id] = found
        return found

    def places(self, names: list[str]) -> set[str]:
        """Every region id at or below the named regions (--region gansu --region 菏泽)."""
        return set().union(*(self.within(self.region(name)) for name in names))

    def metrics(self, text: str) -> set[str]:
        """A metric; a family by prefix (donations → donations_cash, donations_goods …) or by name
        (money, people, places, things, rates, honours); or the Chinese word the text used (消费扶贫,
        捐款: the metrics read from exactly that word, else from words that contain it)."""
        key = normalise(text)
        names = self.metric_names()
        if key in names:
            return {key}
        family = {m for m in names if m.startswith(key)} or set(METRIC_FAMILIES.get(key, ())) & set(names)
        if key and family:
            return family
        if key and not key.isascii() and (labelled := self.metrics_labelled(key)):
            return labelled
        raise UsageError(f"no metric {text!r}{suggest(key, [*names, *METRIC_FAMILIES])}", param="metric")

    def unit(self, text: str) -> str:
        key, units = normalise(text), self.unit_names()
        key = UNIT_NAMES.get(key, key)
        if key not in units and key.endswith("s") and key[:-1] in units:
            key = key[:-1]  # households, villages
        if key not in units:
            names = [*units, *(n for n, u in UNIT_NAMES.items() if u in units)]
            raise UsageError(f"no unit {text!r}{suggest(key, names)}; units: {', '.join(units)}", param="unit")
        return key
