"""Queries over a loaded fact base: name resolution, figure filters, search, timeline.

Pure functions of the tables: no I/O, no printing. Names a person types (陇南, Longnan, 陇南市,
ＬｏｎｇＮａｎ, a unique prefix) resolve to ids here, with "did you mean" help when they don't.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from decimal import Decimal
from functools import cached_property

from .model import APPROX, FIGURE_FIELDS, HONOREE_KINDS, METRIC_FAMILIES, UNIT_NAMES, UsageError, is_trivia, period_label

# Patterns are compiled at first use (re caches them): compiled at import they cost every query's
# start-up ~1.5 ms, and most queries name places by id.
_PLACE_SUFFIX = r"(省|市|县|区|镇|乡|自治区|自治州|自治县|地区)$"


def normalise(text: str) -> str:
    """What a person typed, made comparable: full-width folded (ＬｏｎｇＮａｎ), trimmed, any case."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


_JOINERS = str.maketrans("", "", "-_·")


def _squash(text: str) -> str:
    """Without spaces, hyphens, underscores and middle dots (Long-nan, 陇 南)."""
    return "".join(normalise(text).translate(_JOINERS).split())  # split(): what \s matches


def _abbreviates(short: str, name: str) -> bool:
    """平度市扶贫办 for 平度市扶贫开发领导小组办公室: Chinese short names keep characters in order."""
    rest = iter(name)
    return short[0] == name[0] and all(char in rest for char in short)


_ENGLISH_LEVEL = (r"(autonomousregion|autonomousprefecture|autonomouscounty|province|prefecture|city|"
                  r"county|district|municipality|league|banner|town)$")


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


def _suggest(word: str, choices) -> str:
    import difflib  # only an error needs it

    close = difflib.get_close_matches(word, sorted(set(choices)), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


class Filters:
    """What `figures` and `stats` select on; empty lists and None mean "any".

    A plain class, not a dataclass: `dataclasses` costs a query's start-up ~2 ms (bench/RESULTS.md).
    """

    def __init__(self, *, honorees=(), kinds=(), regions=(), metrics=(), units=(), approx=(), year: int | None = None,
                 since: int | None = None, until: int | None = None, overlapping: bool = False,
                 minimum: Decimal | None = None, maximum: Decimal | None = None, grep: str | None = None):
        self.honorees, self.kinds, self.regions = list(honorees), list(kinds), list(regions)
        self.metrics, self.units, self.approx = list(metrics), list(units), list(approx)
        # A period filter selects figures whose period lies within the years; overlapping: whose
        # period merely touches them (a 2017–2021 total touches 2020, but is not a 2020 figure).
        self.year, self.since, self.until, self.overlapping = year, since, until, overlapping
        self.minimum, self.maximum, self.grep = minimum, maximum, grep
        self.undated_left_out = 0  # set by FactBase.select: figures a period filter could not place


class Wanted:
    """Resolved filters: sets of ids (None: any; an empty set: nothing), the span of years, and
    the tests no index helps with (amount bounds, text), applied to each figure by `keeps`."""

    def __init__(self, honorees, regions, metrics, units, approx, low, high, flt: Filters, grep):
        self.honorees, self.regions, self.metrics, self.units, self.approx = honorees, regions, metrics, units, approx
        self.low, self.high, self.overlapping = low, high, flt.overlapping
        self.minimum, self.maximum, self.grep = flt.minimum, flt.maximum, grep

    @property
    def tested_in_python(self) -> bool:
        """Amount bounds and text: tests a SQL store cannot make exactly, left to `keeps`."""
        return self.minimum is not None or self.maximum is not None or bool(self.grep)

    def keeps(self, f: dict) -> bool:
        if self.minimum is not None or self.maximum is not None:
            value = Decimal(str(f["value"]))
            if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
                return False
        return not self.grep or any(self.grep in normalise(str(f[k])) for k in ("quote", "label", "raw"))


class FactBase:
    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables
        self.honorees = {h["id"]: h for h in tables.get("honorees", [])}
        self.regions = {r["id"]: r for r in tables.get("regions", [])}
        self.sources = {s["id"]: s for s in tables.get("sources", [])}
        self._within: dict[str, set[str]] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        for r in self.regions.values():
            if r.get("parent"):
                self.children[r["parent"]].append(r["id"])

    def table(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    def scan(self, name: str, fields: tuple[str, ...]):
        """The table's records one at a time, with at least these fields (a store that reads from
        disk reads only these, and holds no more than one record)."""
        return iter(self.table(name))

    @property
    def figures(self) -> list[dict]:
        return self.table("figures")

    # ---- resolving names ------------------------------------------------------------------

    def honoree(self, text: str) -> str:
        """An honoree id from its id, full, partial or short Chinese name (平度市扶贫办), pinyin, or
        a unique prefix."""
        key = _squash(text)
        if not key:
            raise UsageError("an honoree name is empty", param="honoree")
        exact, partial, abbreviated = [], [], []
        for h in self.honorees.values():
            names = [h["id"], h["name"], *h.get("aliases", [])]
            squashed = [_squash(n) for n in names]
            if key in squashed:
                exact.append(h["id"])
            elif any(s.startswith(key) or (not key.isascii() and key in s) for s in squashed) or \
                    any(key in s for s in squashed if s.isascii() and len(key) >= 4):
                partial.append(h["id"])
            elif not key.isascii() and len(key) >= 2 and _abbreviates(key, _squash(h["name"])):
                abbreviated.append(h["id"])
        found = exact or partial or abbreviated
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"honoree {text!r} is ambiguous: {', '.join(found)}", param="honoree")
        names = [n for h in self.honorees.values() for n in (h["id"], h["name"])]
        raise UsageError(f"no honoree {text!r}{_suggest(normalise(text), names)}", param="honoree")

    def region(self, text: str) -> str:
        """A region id from its id, Chinese name with or without 市/县 (Traditional too), alias,
        pinyin (tones and spaces ignored), or English name with or without City/County/Province."""
        key = _squash(text)
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
        raise UsageError(f"no region {text!r}{_suggest(_simplified(key) if not key.isascii() else key, choices)}",
                         param="region")

    def _region_named(self, key: str) -> str | None:
        bare = re.sub(_PLACE_SUFFIX, "", key)
        for r in self.regions.values():
            names = {_squash(n) for n in [r["id"], r["name"], *r.get("aliases", []), r.get("name_en") or ""] if n}
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

    def metric_names(self) -> list[str]:
        return sorted({f["metric"] for f in self.figures})

    def unit_names(self) -> list[str]:
        return sorted({f["unit"] for f in self.figures})

    def metrics_labelled(self, word: str) -> set[str]:
        """The metrics of figures read from exactly this word, else from words that hold it."""
        exact = {f["metric"] for f in self.figures if f["label"] == word}
        return exact or {f["metric"] for f in self.figures if word in f["label"]}

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
        raise UsageError(f"no metric {text!r}{_suggest(key, [*names, *METRIC_FAMILIES])}", param="metric")

    def unit(self, text: str) -> str:
        key, units = normalise(text), self.unit_names()
        key = UNIT_NAMES.get(key, key)
        if key not in units and key.endswith("s") and key[:-1] in units:
            key = key[:-1]  # households, villages
        if key not in units:
            names = [*units, *(n for n, u in UNIT_NAMES.items() if u in units)]
            raise UsageError(f"no unit {text!r}{_suggest(key, names)}; units: {', '.join(units)}", param="unit")
        return key

    # ---- figures --------------------------------------------------------------------------

    def select(self, flt: Filters, fields: tuple[str, ...] | None = None, by_metric: bool = False) -> list[dict]:
        """Figures matching every given filter; repeated values of one filter are alternatives.
        fields: the caller reads only these; by_metric: it takes them metric by metric (a store
        may do either; here the records come whole, in the order of the text, as a list)."""
        want = self.resolve(flt)
        flt.undated_left_out = 0
        out = []
        for f in self.figures:
            if want.honorees is not None and f["honoree"] not in want.honorees:
                continue
            if (want.regions is not None and f["region"] not in want.regions) or \
                    (want.metrics is not None and f["metric"] not in want.metrics):
                continue
            if (want.units and f["unit"] not in want.units) or (want.approx and f["approx"] not in want.approx):
                continue
            if want.low is not None or want.high is not None:
                start, end = f["period_start"], f["period_end"]
                if start is None:
                    flt.undated_left_out += 1
                    continue
                end = end or start
                first, last = (end, start) if flt.overlapping else (start, end)  # touches, or lies within
                if (want.low is not None and first < want.low) or (want.high is not None and last > want.high):
                    continue
            if want.keeps(f):
                out.append(f)
        return out

    def figure_test(self, flt: Filters):
        """A test on a figure record that passes every figure select(flt) can keep, from the
        honoree, kind and region filters alone: what a reader needs to leave the other figures
        out as it reads them, knowing only the tables before them. None when there is no such
        filter, when there is a metric or unit filter (their names are checked against every
        figure), or when a name does not resolve (select then says why)."""
        if flt.metrics or flt.units or not (flt.honorees or flt.kinds or flt.regions):
            return None
        try:
            want = self.resolve(flt)
        except UsageError:
            return None
        honorees, regions = want.honorees, want.regions

        def passes(f) -> bool:  # what is not a record passes: the layout check refuses it
            if f.__class__ is not dict:
                return True
            honoree, region = f.get("honoree"), f.get("region")
            return (honorees is None or (honoree.__class__ is str and honoree in honorees)) and \
                (regions is None or (region.__class__ is str and region in regions))
        return passes

    def resolve(self, flt: Filters) -> Wanted:
        """The filters as sets of ids (None: any), every name checked: what select needs, and what
        the SQLite store turns into a WHERE clause."""
        honorees = {self.honoree(h) for h in flt.honorees} if flt.honorees else None
        kinds = {normalise(k) for k in flt.kinds}
        for k in kinds - set(HONOREE_KINDS):
            raise UsageError(f"no kind {k!r}; choose individual or collective", param="kind")
        if kinds:  # a kind is the honorees of that kind: a figure of no honoree has none
            of_kind = {h["id"] for h in self.honorees.values() if h.get("kind") in kinds}
            honorees = of_kind if honorees is None else honorees & of_kind
        regions = self.places(flt.regions) if flt.regions else None
        metrics = set().union(*(self.metrics(m) for m in flt.metrics)) if flt.metrics else None
        units = {self.unit(u) for u in flt.units}
        approx = {normalise(a) for a in flt.approx}
        for a in approx - set(APPROX):
            raise UsageError(f"no approximation {a!r}; choose one of {', '.join(APPROX)}", param="approx")
        grep = normalise(flt.grep) if flt.grep is not None else None
        if grep == "":
            raise UsageError("the text to look for is empty", param="grep")
        low, high = self.years(flt)
        return Wanted(honorees, regions, metrics, units, approx, low, high, flt, grep)

    @staticmethod
    def years(flt: Filters) -> tuple[int | None, int | None]:
        """The span of years the filters allow, (None, None) for any."""
        for name, year in (("year", flt.year), ("since", flt.since), ("until", flt.until)):
            if year is not None and not 1900 <= year <= 2100:
                raise UsageError(f"{year} is not a year between 1900 and 2100", param=name)
        low = max(y for y in (flt.year, flt.since, -1) if y is not None)
        high = min(y for y in (flt.year, flt.until, 10**6) if y is not None)
        if low > high:
            raise UsageError(f"no year is both ≥ {low} and ≤ {high}")
        return (None if low == -1 else low), (None if high == 10**6 else high)

    def listing(self, flt: Filters, sort: str | None = None, desc: bool = False, limit: int | None = None,
                columns: list[str] | None = None):
        """`qdaid figures`: the figures the filters select, sorted (missing values last; ties in
        the order of the text), at most limit. columns: the caller prints only these, so a store
        may hand them over as formats.Tuples (the SQLite store does; records here)."""
        return self.order(self.select(flt), sort, desc, limit)

    @staticmethod
    def check_order(sort: str | None, limit: int | None) -> None:
        if sort is not None and sort not in FIGURE_FIELDS:
            raise UsageError(f"cannot sort by {sort!r}; fields: {', '.join(FIGURE_FIELDS)}", param="sort")
        if limit is not None and limit < 0:
            raise UsageError(f"{limit} is negative", param="limit")

    @classmethod
    def order(cls, rows: list[dict], sort: str | None, desc: bool, limit: int | None) -> list[dict]:
        cls.check_order(sort, limit)
        if sort is not None:
            present = [r for r in rows if r.get(sort) is not None]
            missing = [r for r in rows if r.get(sort) is None]
            rows = sorted(present, key=lambda r: r[sort], reverse=desc) + missing
        elif desc:
            rows = rows[::-1]
        if limit is not None:
            rows = rows[:limit]
        return rows

    @cached_property
    def figure_index(self) -> dict[str, dict]:
        return {f["id"]: f for f in self.figures}

    def containers(self, figure_id: str) -> list[tuple[str, str, bool]]:
        """Every figure that holds this one, as (id, reason, certain): the part_of chain the text
        states (其中, 含), then the containment the build inferred."""
        found, seen = [], {figure_id}
        parent = self.parent_of.get(figure_id)
        while parent and parent not in seen:  # a damaged file may hold a cycle
            found.append((parent, "part_of", True))
            seen.add(parent)
            parent = self.parent_of.get(parent)
        return [*found, *self._contained.get(figure_id, ())]

    def held_among(self, members: list[dict], ids: set[str], ordered: bool = True) -> dict[str, list[tuple[str, str, bool]]]:
        """For each member that another member holds: the links (within, reason, certain); in the
        members' order when `ordered` (what --explain lists), else found by set operations alone.
        Only figures with a container at all are looked at."""
        parents, contained = self.parent_of, self._contained
        if ordered:
            linked = [f["id"] for f in members if f["id"] in parents or f["id"] in contained]
        else:
            linked = list((ids & parents.keys()) | (ids & contained.keys()))
        found = {}
        for fid in linked:
            if links := [c for c in self.containers(fid) if c[0] in ids]:
                found[fid] = links
        return found

    @cached_property
    def parent_of(self) -> dict[str, str]:
        """figure id → the figure the text says holds it (其中, 含)."""
        return {f["id"]: f["part_of"] for f in self.figures if f["part_of"]}

    @cached_property
    def _contained(self) -> dict[str, list[tuple[str, str, bool]]]:
        inferred: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
        for link in self.table("containment"):
            inferred[link["figure"]].append((link["within"], link["reason"], link["certain"]))
        return inferred

    # ---- one record -----------------------------------------------------------------------

    def figure(self, text: str) -> dict:
        """A figure by id, or by a unique end of its id (03457)."""
        key = normalise(text)
        found = self.figures_named(key)
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"figure {text!r} is ambiguous: {', '.join(f['id'] for f in found[:5])}", param="figure")
        raise UsageError(f"no figure {text!r}{_suggest(key, self.figure_index)}", param="figure")

    def figures_named(self, key: str) -> list[dict]:
        """The figure whose id is key, else every figure whose id ends with it (or with -0NNNN)."""
        by_id = self.figure_index
        if key in by_id:
            return [by_id[key]]
        padded = "-" + key.zfill(5)
        return [f for i, f in by_id.items() if i.endswith(key) or i.endswith(padded)]

    def dated(self, honorees: set[str] | None, regions: set[str] | None, since: int | None, until: int | None):
        """The figures with a period (starting within since–until), of these honorees and places
        (None: any)."""
        return [f for f in self.figures if f["period_start"] is not None
                and (honorees is None or f["honoree"] in honorees) and (regions is None or f["region"] in regions)
                and (since is None or f["period_start"] >= since) and (until is None or f["period_start"] <= until)]

    def figures_of(self, honoree_id: str) -> list[dict]:
        return [f for f in self.figures if f["honoree"] == honoree_id]

    def profile(self, honoree_id: str) -> dict:
        """The honoree, its figures in the order of the text (durations and the like last), its
        programs, and its events in date order."""
        h = dict(self.honorees[honoree_id])
        figures = self.figures_of(honoree_id)
        h["figures"] = sorted(figures, key=lambda f: (is_trivia(f), f["source"], f["paragraph"], f["start"]))
        h["programs"] = [p for p in self.table("programs") if p["honoree"] == honoree_id]
        events = [e for e in self.table("events") if e["honoree"] == honoree_id]
        h["events"] = sorted(events, key=lambda e: (e["date"], e["source"], e["start"]))
        return h


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
    base.years(Filters(since=since, until=until))
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
