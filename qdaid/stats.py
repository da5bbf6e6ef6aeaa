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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING

from .model import APPROXIMATE, LOWER_BOUND, STATS_KEYS, UsageError, period_label

if TYPE_CHECKING:
    from .query import FactBase



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
    for key in by:
        if key not in STATS_KEYS:
            raise UsageError(f"cannot group by {key!r}; choose from {', '.join(STATS_KEYS)}", param="by")
    keys = list(dict.fromkeys([*by, "metric", "unit"]))
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
    rows.sort(key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))
    return rows


def _totals(base: FactBase, keys: list[str], groups: dict[tuple, list[dict]], explain: bool) -> list[dict]:
    return [dict(zip(keys, group, strict=True)) | _total(base, members, explain) for group, members in groups.items()]


def _total(base: FactBase, members: list[dict], explain: bool = True) -> dict:
    ids = {f["id"] for f in members}
    held = base.held_among(members, ids, ordered=explain)  # id → (within, reason, certain)
    certain = {i for i, links in held.items() if any(c for _, _, c in links)}
    possible = set(held) - certain
    # One pass over the members for everything but the exclusions (at a million figures each
    # extra pass costs about a second).
    counted, kinds, honorees = [], set(), set()
    counted_sum = Sum()
    open_sum, largest_open = Sum(), None
    low_value = high_value = members[0]["value"]
    headline, first_year, last_year = None, None, None
    lower_bound = approximate = False
    for f in members:
        value, fid = f["value"], f["id"]
        low_value, high_value = min(low_value, value), max(high_value, value)  # the first of equals, as min()
        if f["honoree"]:
            honorees.add(f["honoree"])
        if fid not in certain:  # not certainly held: an addend of the plain sum
            open_sum.add(value)
            largest_open = value if largest_open is None or value > largest_open else largest_open
        if fid in held:
            continue
        counted.append(f)
        counted_sum.add(value)
        kinds.add(f["kind"])
        if headline is None or value > headline["value"]:
            headline = f
        lower_bound = lower_bound or f["approx"] in LOWER_BOUND
        approximate = approximate or f["approx"] in APPROXIMATE
        if f["period_start"] is not None:
            end = f["period_end"] or f["period_start"]
            first_year = f["period_start"] if first_year is None else min(first_year, f["period_start"])
            last_year = end if last_year is None else max(last_year, end)
    disjoint = _pairwise_disjoint(base, counted)
    # Amounts add; sizes of a stock do not, but the sizes of different stocks (one per place, at one
    # time: 新疆50多万亩、贵州4万多亩) do.
    additive = kinds <= {"amount"} or (kinds == {"state"} and (len(counted) == 1 or disjoint))
    # A part that two added figures both certainly hold (Longnan's 2020 figure, inside Longnan's
    # 2017–2021 total and inside the city's 2020 figure) is in the sum twice: count it once.
    twice = Sum()
    if additive and len(counted) > 1:
        counted_ids = {f["id"] for f in counted}
        by_id = {f["id"]: f for f in members if f["id"] in certain}
        for fid in certain:
            holders = sum(1 for within, _, sure in held[fid] if sure and within in counted_ids)
            if holders > 1:
                twice.add((holders - 1) * by_id[fid]["value"])
    total = counted_sum.value - twice.value if additive and counted else None
    if total is None:
        low = high = None
    elif disjoint and not possible:
        low = high = total
    else:
        assert largest_open is not None  # what is counted is open: counted ⊆ open
        low = max(total, largest_open) if disjoint else largest_open
        high = open_sum.value - twice.value
    return {
        "count": len(members), "honorees": len(honorees),
        "total": _number(total), "total_min": _number(low), "total_max": _number(high),
        "overlap_possible": total is not None and low != high,
        "excluded": len(held), "min": low_value, "max": high_value,
        "period_start": first_year, "period_end": last_year,
        "headline": headline["id"] if headline else None,
        "total_is_lower_bound": total is not None and lower_bound,
        "total_is_approximate": total is not None and approximate,
        "figure_ids": [f["id"] for f in counted] if explain else [],
        "excluded_ids": list(held) if explain else [],
        "excluded_because": [f"{i} in {within} ({reason}{'' if sure else ', possibly'})"
                             for i, links in held.items() for within, reason, sure in links] if explain else [],
    }


def _pairwise_disjoint(base: FactBase, figures: list[dict]) -> bool:
    """True when no two figures can describe the same aid: different years, places that do not
    nest, or items one sentence lists. Figures alike in sentence, period and place are checked
    once (at scale, many share them), so the cost grows with the distinct kinds, not the figures."""
    # Two figures of one signature are of one sentence, hence disjoint: checking signatures suffices.
    kinds = list({(f["source"], f["paragraph"], f["quote"], f["period_start"], f["period_end"], f["region"])
                  for f in figures})
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


def _number(value):
    if value is None or type(value) is int:
        return value
    if isinstance(value, float):
        return value
    return int(value) if value == value.to_integral_value() else float(value)
