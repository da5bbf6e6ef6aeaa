"""What `figures`, `stats` and the API select on, and how that becomes SQL.

A `Filters` is the request as a person makes it (names, years, bounds, text); `where(names)`
resolves every name and gives a `Where`: a parameterised WHERE clause on the figures table, and
what was asked, resolved, for a page to say in its language (messages.filters_text). No value is
ever formatted into SQL text (Datasette's filters do the same). Amount bounds are compared exactly
(as decimals) and text as `normalise` folds it, by SQL functions the fact base registers on its
connection.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .model import APPROX, HONOREE_KINDS, OPEN_END, UsageError
from .names import Names, choice, normalise

# An amount as a person types it or qdaid prints it: 1200, 1,200, 100万, 1.2亿, 8.58亿元, ≥6201.5万元,
# 2300多万元, 858 million CNY, 1.2 billion, ¥570,000, 1e8. Digits are grouped by commas in threes or not
# at all (1,2,3 is no amount); the scale is a power of ten; a unit word after it is read, not used.
_AMOUNT = (r"(?:[≥≈~]|约|近|第|about|over|at least|no\. ?)?\s*[¥]?\s*(?P<sign>[-+])?"
           r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e(?P<exp>[-+]?\d{1,4}))?\s*(?:多|余)?\s*"
           r"(?P<scale>万亿|亿|万|千|百|thousand|million|billion|trillion)?\s*(?:多|余)?\s*"
           r"(?P<unit>[\u3400-\u9fff()%]{1,6}|[a-z][a-z ×-]{0,40})?")  # 元, 人; CNY, persons, protective suits
_SCALES = {None: 0, "百": 2, "千": 3, "thousand": 3, "万": 4, "million": 6, "亿": 8, "billion": 9, "万亿": 12,
           "trillion": 12}
EXAMPLES = "1200, 1,200, 100万, 1.2亿 or 1.2 billion"


def read_amount(text: str) -> Decimal | None:
    """The exact value of an amount as typed or printed (100万 → 1000000, 858 million CNY →
    858000000, a 30-digit number to its last digit), or None when the text is not one."""
    key = normalise(text).replace("萬", "万").replace("億", "亿")
    m = re.fullmatch(_AMOUNT, key)
    if not m or (m["unit"] and not _unit_word(m["unit"])):
        return None
    digits = m["digits"].replace(",", "")
    # Decimal from text is exact whatever its length; arithmetic would round at 28 digits.
    return Decimal(f"{m['sign'] or ''}{digits}E{_SCALES[m['scale']] + int(m['exp'] or 0)}")


# 五十万, 两万五千元, 三千五百万: a whole number in Chinese numerals (as the articles write them).
_NUMERAL = r"(?P<numeral>[零〇一二两三四五六七八九十百千万亿]+)\s*(?P<unit>[\u3400-\u9fff]{1,6})?"


def _chinese_numeral(text: str) -> Decimal | None:
    """A bound in Chinese numerals (五十万 → 500000); not read by search, where 三 is a word."""
    if not (m := re.fullmatch(_NUMERAL, normalise(text))) or (m["unit"] and not _unit_word(m["unit"])):
        return None
    import cn2an  # imported only for such a bound: its import costs ~0.1 s

    try:
        return Decimal(int(cn2an.cn2an(m["numeral"], "normal")))
    except (ValueError, KeyError):
        return None


def _unit_word(word: str) -> bool:
    """元, 个, 口罩: a word that names a unit (read after an amount, and left out of the value)."""
    from .names import english_words, unit_words

    words = unit_words()
    if word in ("cny", "yuan", "rmb") or word in words or english_words(word) in words:
        return True
    return len(word) > 1 and word[0] in words and word[1:] in words  # 4个集体: a classifier and its noun


def amount(text: str, param: str) -> Decimal:
    """read_amount, or a UsageError saying how an amount is written."""
    value = read_amount(text)
    if value is None and (value := _chinese_numeral(text)) is None:
        raise UsageError(f"{text!r} is not an amount; write it as {EXAMPLES}", param=param)
    return value


_KEYWORDS = {"honoree": "honorees", "kind": "kinds", "region": "regions", "metric": "metrics", "unit": "units",
             "approx": "approx", **{k: k for k in ("year", "since", "until", "overlapping", "minimum", "maximum", "grep")}}


def _names(value, param: str) -> list[str]:
    """A name, or a list of names (None: any); anything else (a number, a None in a list: what a
    caller of the library may pass) is a usage error, not a TypeError deep in a query."""
    if value is None or value == "":
        return []
    names: list = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple, set, frozenset)) \
        else [None]
    if not all(isinstance(name, str) for name in names):
        raise UsageError(f"{value!r} is not a name or a list of names", param=param)
    return names


def _year(value, param: str) -> int | None:
    """A year as a number, or as its digits ("2020", as a caller of the library may write it)."""
    if value is None or (type(value) is int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise UsageError(f"{value!r} is not a year", param=param)


# The digits a bound may have either side of the point: every stored value has fewer (integers up
# to 2^63 − 1; decimals as doubles, at most 309 digits before the point and ~340 after), and a
# number of more than 4300 digits cannot even be printed by Python (its int-to-text limit).
BOUND_DIGITS = 400


def _bound(value, param: str) -> Decimal | None:
    """An amount bound as typed ("100万", "1.2 billion") or as a number, of up to BOUND_DIGITS
    digits either side of the point (a usage error beyond, as for NaN or infinity)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise UsageError(f"{value!r} is not an amount; write it as {EXAMPLES}", param=param)
    bound = amount(value, param) if isinstance(value, str) else Decimal(str(value))
    shown = value if isinstance(value, str) and len(value) <= 40 else f"{str(value)[:20]}…"
    if not bound.is_finite():
        raise UsageError(f"{shown!r} is not a finite amount", param=param)
    digits, exponent = len(bound.as_tuple().digits), int(bound.as_tuple().exponent)
    if max(digits + exponent, -exponent) > BOUND_DIGITS:
        raise UsageError(f"{shown!r} has more than {BOUND_DIGITS} digits before or after the point; no value "
                         f"qdaid stores has as many, and it compares amounts of up to {BOUND_DIGITS}", param=param)
    return bound


class Filters:
    """The figures asked for; empty lists and None mean "any". Different options AND, repeated
    values of one option OR. A plain class: `dataclasses` costs a query's start-up ~2 ms."""

    def __init__(self, *, honorees=(), kinds=(), regions=(), metrics=(), units=(), approx=(), year: int | None = None,
                 since: int | None = None, until: int | None = None, overlapping: bool = False,
                 minimum: Decimal | str | float | None = None, maximum: Decimal | str | float | None = None,
                 grep: str | None = None):
        self.honorees, self.kinds, self.regions = _names(honorees, "honoree"), _names(kinds, "kind"), _names(regions, "region")
        self.metrics, self.units, self.approx = _names(metrics, "metric"), _names(units, "unit"), _names(approx, "approx")
        # A period filter selects figures whose period lies within the years; overlapping: whose
        # period merely touches them (a 2017–2021 total touches 2020, but is not a 2020 figure).
        self.year, self.since, self.until = _year(year, "year"), _year(since, "since"), _year(until, "until")
        self.overlapping = overlapping
        if grep is not None and not isinstance(grep, str):
            raise UsageError(f"{grep!r} is not a text to look for", param="grep")
        self.minimum, self.maximum, self.grep = _bound(minimum, "minimum"), _bound(maximum, "maximum"), grep

    @classmethod
    def of(cls, **given) -> Filters:
        """Filters from the keywords the API and the command line use (honoree, region … year, minimum, grep)."""
        if unknown := sorted(set(given) - set(_KEYWORDS)):
            raise UsageError(f"no filter {unknown[0]!r}; filters: {', '.join(_KEYWORDS)}")
        return cls(**{_KEYWORDS[k]: v for k, v in given.items()})

    def years(self) -> tuple[int | None, int | None]:
        """The span of years allowed, (None, None) for any."""
        for name, year in (("year", self.year), ("since", self.since), ("until", self.until)):
            if year is not None and not 1900 <= year <= 2100:
                raise UsageError(f"{year} is not a year between 1900 and 2100", param=name)
        low = max(y for y in (self.year, self.since, -1) if y is not None)
        high = min(y for y in (self.year, self.until, 10**6) if y is not None)
        if low > high:
            raise UsageError(f"no year is both ≥ {low} and ≤ {high}")
        return (None if low == -1 else low), (None if high == 10**6 else high)

    def where(self, names: Names) -> Where:
        """Every name resolved (an unknown one is a UsageError with suggestions), as SQL."""
        where = Where()
        honorees = {names.honoree(h) for h in self.honorees} if self.honorees else None
        kinds = {choice(k, HONOREE_KINDS, "kind", "kind") for k in self.kinds}
        if kinds:  # a kind is the honorees of that kind: a figure of no honoree has none
            of_kind = {h["id"] for h in names.honorees.values() if h.get("kind") in kinds}
            honorees = of_kind if honorees is None else honorees & of_kind
        where.among("honoree", honorees)
        where.asked += [("honoree", sorted(names.honoree(h) for h in self.honorees))] if self.honorees else []
        where.asked += [("kind", sorted(kinds))] if kinds else []
        placed = len(where.terms)  # where the place's term goes: the figures of no place are counted without it
        self._places(where, names)
        if self.metrics:
            metrics = set().union(*(names.metrics(m) for m in self.metrics))
            where.among("metric", metrics)
            where.asked.append(("metric", sorted(metrics)))
        if self.units:
            units = {names.unit(u) for u in self.units}
            where.among("unit", units)
            where.asked.append(("unit", sorted(units)))
        if self.approx:
            approx = {choice(a, APPROX, "approximation", "approx") for a in self.approx}
            where.among("approx", approx)
            where.asked.append(("approx", sorted(approx)))
        self._amounts(where)
        if self.grep is not None:
            text = normalise(self.grep)
            if not text:
                raise UsageError("the text to look for is empty", param="grep")
            where.add(" OR ".join(f"instr(qdaid_normalise({c}), ?) > 0" for c in ("quote", "label", "raw")), [text] * 3)
            where.asked.append(("grep", [self.grep]))
        if self.regions:
            self._unplaced(where, names, placed)
        self._period(where)
        return where

    def _places(self, where: Where, names: Names) -> None:
        """A figure is the region's when its place lies under it, or every place it covers does (助力三市:
        covers); under the nation, also a figure that states no place: every place of the text is
        one of China's (the gazetteer holds no other), the 协作地 (partner places) of 消费扶贫额达到10.6亿元
        included."""
        if not self.regions:
            return
        places = sorted(names.places(self.regions))
        marks = ", ".join("?" * len(places))
        if "covers" in names.figure_columns:  # a store written before figures had it has none
            nowhere = " OR (region IS NULL AND json_array_length(covers) = 0)" if self.nation(names) else ""
            where.add(f'"region" IN ({marks}) OR (json_array_length(covers) > 0 AND NOT EXISTS (SELECT 1 FROM '
                      f'json_each(covers) WHERE value NOT IN ({marks}))){nowhere}', places * 2)
        else:
            where.add(f'"region" IN ({marks}){" OR region IS NULL" if self.nation(names) else ""}', places)
        where.asked.append(("region", list(dict.fromkeys(names.region(r) for r in self.regions))))

    def nation(self, names: Names) -> bool:
        """Whether a region asked for is the nation, which holds every place of the text."""
        return any(names.regions[names.region(r)].get("level") == "nation" for r in self.regions)

    def _unplaced(self, where: Where, names: Names, placed: int) -> None:
        """The figures left out for want of a single place: of no place stated (unless the nation was
        asked for), or of several places of which some lie outside (the three cities' 179.4万, for
        --region anshun)."""
        places = sorted(names.places(self.regions))
        marks, nation = ", ".join("?" * len(places)), self.nation(names)
        if "covers" not in names.figure_columns:
            if not nation:
                where.unplaced = where.without(placed)
                where.unplaced.add("region IS NULL", [])
            return
        where.unplaced = where.without(placed)
        partly = (f"EXISTS (SELECT 1 FROM json_each(covers) WHERE value IN ({marks})) AND EXISTS (SELECT 1 FROM "
                  f"json_each(covers) WHERE value NOT IN ({marks}))")
        where.unplaced.add(f"region IS NULL AND ({partly}{'' if nation else ' OR json_array_length(covers) = 0'})",
                           places * 2)

    def _amounts(self, where: Where) -> None:
        # Exact: a bound of 30 digits, or 0.1 against a value stored as binary floating point.
        if self.minimum is not None:
            where.add("qdaid_compare(value, ?) >= 0", [str(self.minimum)])
            where.asked.append(("minimum", [self.minimum]))
        if self.maximum is not None:
            where.add("qdaid_compare(value, ?) <= 0", [str(self.maximum)])
            where.asked.append(("maximum", [self.maximum]))

    def _period(self, where: Where) -> None:
        low, high = self.years()
        if low is None and high is None:
            return
        where.undated = Where(list(where.terms), list(where.params))
        where.undated.add("period_start IS NULL", [])
        end = f"coalesce(period_end, {OPEN_END})"  # an open period (2017–) runs on, as far as a filter can tell
        first, last = (end, "period_start") if self.overlapping else ("period_start", end)  # touches, or lies within
        where.add("period_start IS NOT NULL", [])
        where.asked.append(("touching" if self.overlapping else "within", [low, high]))
        if low is not None:
            where.add(f"{first} >= ?", [low])
        if high is not None:
            where.add(f"{last} <= ?", [high])


class Where:
    """Terms of a WHERE clause on the figures table, and their parameters."""

    def __init__(self, terms: list[str] | None = None, params: list | None = None):
        self.terms, self.params = terms or [], params or []
        self.undated: Where | None = None  # the figures a period filter cannot place, when there is one
        self.unplaced: Where | None = None  # the figures of no place a place filter leaves out, when there is one
        # what was asked, as a person reads it (messages.filters_text): (filter, the values it resolved to)
        self.asked: list[tuple[str, list]] = []

    def add(self, term: str, params: list) -> None:
        self.terms.append(f"({term})")
        self.params += params

    def without(self, at: int) -> Where:
        """These terms but the one at this index (and its parameters)."""
        counts = [term.count("?") for term in self.terms]
        start = sum(counts[:at])
        return Where(self.terms[:at] + self.terms[at + 1:], self.params[:start] + self.params[start + counts[at]:])

    def among(self, column: str, allowed: set[str] | None) -> None:
        """column IN (allowed); None allows any, an empty set nothing."""
        if allowed is not None:
            self.add(f'"{column}" IN ({", ".join("?" * len(allowed))})' if allowed else "0", sorted(allowed))

    @property
    def sql(self) -> str:
        return " AND ".join(self.terms)

    def clause(self) -> str:
        """' WHERE …', or nothing when every figure is selected."""
        return f" WHERE {self.sql}" if self.terms else ""
