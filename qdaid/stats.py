"""Totals a careful analyst would sign: per group, always per metric and unit, never adding a
figure to another that holds it, and an interval where the text cannot rule an overlap out.

For each group of selected figures:
- a figure held by another selected figure of the group (part_of, or a containment the build
  inferred: period, scope, region, stock) is `excluded`; certainly when the text proves it,
  possibly when a period is missing;
- `total` is the sum of the figures nothing holds (the best estimate); only amounts add up, and a
  single size of a stock is its own total;
- `total_min`/`total_max` is the interval the text supports: equal to `total` when the added
  figures are provably disjoint (different years, places that do not nest, items one sentence
  lists) and nothing was excluded on a mere possibility; otherwise from the larger of the largest
  figure and the sum of disjoint ones, to the plain sum of every figure not certainly held.
  A part that two added figures both certainly hold is counted once in both the total and the sum.

A group's Tally gathers all of that in one pass; the SQLite store fills it from SQL for the
figures nothing can hold (sqlstore.SqlFactBase.tallies), so both stores give the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING

from .model import APPROXIMATE, LOWER_BOUND, STATS_KEYS, UsageError, period_label

if TYPE_CHECKING:
    from .query import FactBase, Filters



# What stats reads of a figure (the group keys are among them).
NEEDED = ("id", "source", "honoree", "metric", "unit", "value", "approx", "kind", "period_start", "period_end",
          "region", "paragraph", "quote")


def group_key(f: dict, by: str):
    if by == "year":
        return period_label(f["period_start"], f["period_end"]) or None
    return f[by]


def stats(base: FactBase, figures, by: list[str], explain: bool = True, metric_runs: bool = False) -> list[dict]:
    """One row per group (the keys asked for, then metric and unit: different things never add);
    explain=False leaves the lists of figure ids empty (at scale they cost more than the totals).
    metric_runs: the figures come metric by metric (the SQLite store streams them so), and each
    metric's groups are totalled and let go before the next metric is read."""
    keys = _keys(by)
    rows: list[dict] = []
    groups: dict[tuple, list[dict]] = defaultdict(list)
    metric = None
    # Plain fields (there are always two or more: metric, unit) in one C call per figure.
    key_of: Callable[[dict], tuple] = itemgetter(*keys) if "year" not in keys else \
        (lambda f: tuple(group_key(f, k) for k in keys))
    for f in figures:
        if metric_runs and f["metric"] != metric:
            rows += _totals(base, keys, groups, explain)
            groups, metric = defaultdict(list), f["metric"]
        groups[key_of(f)].append(f)
    rows += _totals(base, keys, groups, explain)
    return _sorted(rows, keys)


def selected_stats(base: FactBase, flt: Filters, by: list[str], explain: bool = False) -> tuple[list[dict], int]:
    """`qdaid stats`: the rows for the figures the filters select, and how many figures that is.
    A store that can gather the groups itself (the SQLite store, unless --explain asks for every id
    or a filter needs Python) does; otherwise the figures are read and grouped here."""
    keys = _keys(by)
    gathered = None if explain or not hasattr(base, "tallies") else base.tallies(flt, keys)
    if gathered is not None:
        groups, count = gathered
        rows = [dict(zip(keys, group, strict=True)) | tally.total(base) for group, tally in groups]
        return _sorted(rows, keys), count
    # A store may leave out what stats does not read, and stream the figures metric by metric.
    selected = base.select(flt, fields=NEEDED, by_metric=True)
    counted = _Counted(selected)
    rows = stats(base, counted, by, explain, metric_runs=not isinstance(selected, list))
    return rows, counted.n


class _Counted:
    """Rows passed through, counted."""

    def __init__(self, rows):
        self.rows, self.n = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.n += 1
            yield row


def _keys(by: list[str]) -> list[str]:
    for key in by:
        if key not in STATS_KEYS:
            raise UsageError(f"cannot group by {key!r}; choose from {', '.join(STATS_KEYS)}", param="by")
    return list(dict.fromkeys([*by, "metric", "unit"]))


def _sorted(rows: list[dict], keys: list[str]) -> list[dict]:
    return sorted(rows, key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))


def _totals(base: FactBase, keys: list[str], groups: dict[tuple, list[dict]], explain: bool) -> list[dict]:
    return [dict(zip(keys, group, strict=True)) | _total(base, members, explain) for group, members in groups.items()]


def _total(base: FactBase, members: list[dict], explain: bool = True) -> dict:
    ids = {f["id"] for f in members}
    held = base.held_among(members, ids, ordered=explain)  # id → (within, reason, certain)
    tally = Tally()
    tally.add_members(members)
    tally.add_accounted(members, held, explain)
    return tally.total(base, held if explain else None)


class Tally:
    """What a group's total is made of, gathered in one pass: every member (count, honorees, range)
    and what the held figures leave (the counted ones add up; the open ones, those not certainly
    held, bound the interval). The SQLite store fills it from SQL for the many figures nothing
    holds (merge_free), and figure by figure for the few that something may hold."""

    def __init__(self) -> None:
        self.count, self.low, self.high = 0, None, None
        self.honorees: set[str] = set()
        self.counted, self.counted_sum, self.open_sum, self.largest_open = 0, Sum(), Sum(), None
        self.kinds: set[str] = set()
        self.headline: tuple | None = None  # (value, position in the text, id): the first of the largest
        self.lower_bound = self.approximate = False
        self.first_year = self.last_year = None
        self.sentences: set[tuple] = set()  # (source, paragraph, quote, period_start, period_end, region)
        self.counted_ids: list[str] = []
        self.excluded, self.possibly_held, self.twice = 0, False, Sum()

    def add_members(self, members: list[dict]) -> None:
        """Every member's part: the count, the honorees, the range (the first of equals, as min())."""
        values = [f["value"] for f in members]
        if values:
            self._widen(min(values), max(values))
        self.honorees.update(f["honoree"] for f in members if f["honoree"])
        self.count += len(values)

    def add_accounted(self, members: list[dict], held: dict, explain: bool = False,
                      positions: list[int] | None = None) -> None:
        """The members' part in the sums, by comprehensions (at a million figures a Python loop
        over them costs a second); held: id → links to the members that hold it (held_among);
        positions: each member's place in the text, increasing (default: its place in the list)."""
        self._exclude(held, {f["id"]: f["value"] for f in members if f["id"] in held})
        certain = {i for i, links in held.items() if any(c for _, _, c in links)}
        opened = [f["value"] for f in members if f["id"] not in certain]  # not certainly held: in the plain sum
        self.open_sum.extend(opened)
        if opened:
            largest = max(opened)
            self.largest_open = largest if self.largest_open is None else max(self.largest_open, largest)
        at = [i for i, f in enumerate(members) if f["id"] not in held] if held else range(len(members))
        counted = [members[i] for i in at]
        if not counted:
            return
        self.counted += len(counted)
        self.counted_sum.extend([f["value"] for f in counted])
        first = max(range(len(counted)), key=lambda i: counted[i]["value"])  # the first of the largest
        self.add_headline(counted[first]["value"], positions[at[first]] if positions else at[first], counted[first]["id"])
        self.kinds.update({f["kind"] for f in counted})
        approx = {f["approx"] for f in counted}
        self.lower_bound = self.lower_bound or not approx.isdisjoint(LOWER_BOUND)
        self.approximate = self.approximate or not approx.isdisjoint(APPROXIMATE)
        dated = [(f["period_start"], f["period_end"] or f["period_start"]) for f in counted if f["period_start"] is not None]
        if dated:
            self.add_period(min(start for start, _ in dated), max(end for _, end in dated))
        self.sentences.update({(f["source"], f["paragraph"], f["quote"], f["period_start"], f["period_end"], f["region"])
                               for f in counted})
        if explain:
            self.counted_ids += [f["id"] for f in counted]

    def merge_free(self, part: dict) -> None:
        """A part of the group gathered by SQL (sqlstore.tallies): all its figures' count,
        honorees and range, and the sums of its free ones, those nothing can hold."""
        import json

        self.count += part["count"]
        self.honorees.update(json.loads(part["honorees"]))
        self._widen(part["low"], part["high"])
        if not part["free"]:
            return
        self.counted += part["free"]
        for exact in (self.counted_sum, self.open_sum):
            exact.add(part["int_sum"] or 0)
            if part["real_sum"] is not None:
                exact.add_exact(Decimal(part["real_sum"]))
        if self.largest_open is None or part["free_max"] > self.largest_open:
            self.largest_open = part["free_max"]
        self.kinds.update((part["kind_low"], part["kind_high"]))  # of two kinds or more, two tell as much as all
        self.lower_bound = self.lower_bound or bool(part["lower_bound"])
        self.approximate = self.approximate or bool(part["approximate"])
        self.add_period(part["period_start"], part["period_end"])
        # One sentence, or two or more; then the least and greatest stand for them: they differ, as
        # two of them do, and each differs from any other sentence as one of them does.
        place = (part["period_start"], part["period_end"], part["region"])
        self.sentences.add((part["source_low"], part["paragraph_low"], part["quote_low"], *place))
        self.sentences.add((part["source_high"], part["paragraph_high"], part["quote_high"], *place))

    def _widen(self, low, high) -> None:
        """The range, widened to take in low and high (the first of equals kept, as min() keeps it)."""
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)

    def add_headline(self, value, position: int, fid: str) -> None:
        if self.headline is None or value > self.headline[0] or (value == self.headline[0] and position < self.headline[1]):
            self.headline = (value, position, fid)

    def add_period(self, start, end) -> None:
        if start is not None:
            end = end or start
            self.first_year = start if self.first_year is None else min(self.first_year, start)
            self.last_year = end if self.last_year is None else max(self.last_year, end)

    def _exclude(self, held: dict, value_of: dict) -> None:
        """Note the held figures (id → links to the members that hold them; value_of: their values).
        A part that two counted figures both certainly hold (Longnan's 2020 figure, inside Longnan's
        2017–2021 total and inside the city's 2020 figure) would be in the sum twice: `twice` is
        what to take off again. A holder is a member (held_among looks no further): counted unless held."""
        self.excluded += len(held)
        for fid, links in held.items():
            sure = [within for within, _, certain in links if certain]
            if not sure:
                self.possibly_held = True
            holders = sum(1 for within in sure if within not in held)
            if holders > 1:
                self.twice.add((holders - 1) * value_of[fid])

    def total(self, base: FactBase, held: dict | None = None) -> dict:
        """The row; held: the held figures' links, to list with the ids (--explain)."""
        disjoint = _pairwise_disjoint(base, self.sentences)
        # Amounts add; sizes of a stock do not, but the sizes of different stocks (one per place, at one
        # time: 新疆50多万亩、贵州4万多亩) do.
        additive = self.kinds <= {"amount"} or (self.kinds == {"state"} and (self.counted == 1 or disjoint))
        twice = self.twice if additive and self.counted > 1 else Sum()
        total = self.counted_sum.value - twice.value if additive and self.counted else None
        if total is None:
            low = high = None
        elif disjoint and not self.possibly_held:
            low = high = total
        else:
            assert self.largest_open is not None  # what is counted is open: counted ⊆ open
            low = max(total, self.largest_open) if disjoint else self.largest_open
            high = self.open_sum.value - twice.value
        return {
            "count": self.count, "honorees": len(self.honorees),
            "total": _number(total), "total_min": _number(low), "total_max": _number(high),
            "overlap_possible": total is not None and low != high,
            "excluded": self.excluded, "min": self.low, "max": self.high,
            "period_start": self.first_year, "period_end": self.last_year,
            "headline": self.headline[2] if self.headline else None,
            "total_is_lower_bound": total is not None and self.lower_bound,
            "total_is_approximate": total is not None and self.approximate,
            "figure_ids": self.counted_ids if held is not None else [],
            "excluded_ids": list(held) if held is not None else [],
            "excluded_because": [f"{i} in {within} ({reason}{'' if sure else ', possibly'})"
                                 for i, links in held.items() for within, reason, sure in links] if held is not None else [],
        }


def _pairwise_disjoint(base: FactBase, sentences: set[tuple]) -> bool:
    """True when no two figures can describe the same aid: different years, places that do not
    nest, or items one sentence lists. sentences: each figure's (source, paragraph, quote, period,
    region), figures alike in these checked once (at scale, many share them), so the cost grows with
    the distinct kinds, not the figures."""
    # Two figures of one signature are of one sentence, hence disjoint: checking signatures suffices.
    kinds = list(sentences)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            if not _disjoint(base, a, b):
                return False
    return True


def _disjoint(base: FactBase, a: tuple, b: tuple) -> bool:
    """a, b: (source, paragraph, quote, period_start, period_end, region)."""
    if a[:3] == b[:3]:
        return True  # one sentence listing figures of one metric (41名贫困学生、30名贫困残疾人)
    (a_start, a_end, a_region), (b_start, b_end, b_region) = a[3:], b[3:]
    if a_start is not None and b_start is not None and ((a_end or a_start) < b_start or (b_end or b_start) < a_start):
        return True
    return bool(a_region and b_region and a_region not in base.within(b_region) and b_region not in base.within(a_region))


class Sum:
    """An exact sum: integers add as integers; a fraction makes it Decimal, so 0.1 + 0.2 is 0.3."""

    def __init__(self):
        self.value: int | Decimal = 0

    def add(self, v) -> None:
        self.value += v if type(v) is int else Decimal(repr(v))

    def add_exact(self, v: Decimal) -> None:
        self.value += v

    def extend(self, values: list) -> None:
        self.value += sum(v for v in values if type(v) is int)
        for v in values:
            if type(v) is not int:
                self.value += Decimal(repr(v))


def _number(value):
    if value is None or type(value) is int:
        return value
    if isinstance(value, float):
        return value
    return int(value) if value == value.to_integral_value() else float(value)
