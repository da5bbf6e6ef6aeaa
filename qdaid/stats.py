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
from decimal import Decimal
from typing import TYPE_CHECKING

from .model import APPROXIMATE, LOWER_BOUND, STATS_KEYS, UsageError, period_label

if TYPE_CHECKING:
    from .query import FactBase



def group_key(f: dict, by: str):
    if by == "year":
        return period_label(f["period_start"], f["period_end"]) or None
    return f[by]


def stats(base: FactBase, figures: list[dict], by: list[str], explain: bool = True) -> list[dict]:
    """One row per group (the keys asked for, then metric and unit: different things never add);
    explain=False leaves the lists of figure ids empty (at scale they cost more than the totals)."""
    for key in by:
        if key not in STATS_KEYS:
            raise UsageError(f"cannot group by {key!r}; choose from {', '.join(STATS_KEYS)}", param="by")
    keys = list(dict.fromkeys([*by, "metric", "unit"]))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in figures:
        groups[tuple(group_key(f, k) for k in keys)].append(f)
    rows = [dict(zip(keys, group, strict=True)) | _total(base, members, explain) for group, members in groups.items()]
    rows.sort(key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))
    return rows


def _total(base: FactBase, members: list[dict], explain: bool = True) -> dict:
    ids = {f["id"] for f in members}
    held: dict[str, list[tuple[str, str, bool]]] = {}  # id → (within, reason, certain)
    for f in members:
        links = [link for link in base.containers(f["id"]) if link[0] in ids]
        if links:
            held[f["id"]] = links
    certain = {i for i, links in held.items() if any(c for _, _, c in links)}
    possible = set(held) - certain
    counted = [f for f in members if f["id"] not in held]
    open_ = [f for f in members if f["id"] not in certain]  # not certainly held: the plain sum's addends
    values = [f["value"] for f in members]
    kinds = {f["kind"] for f in counted}
    disjoint = _pairwise_disjoint(base, counted)
    # Amounts add; sizes of a stock do not, but the sizes of different stocks (one per place, at one
    # time: 新疆50多万亩、贵州4万多亩) do.
    additive = kinds <= {"amount"} or (kinds == {"state"} and (len(counted) == 1 or disjoint))
    # A part that two added figures both certainly hold (Longnan's 2020 figure, inside Longnan's
    # 2017–2021 total and inside the city's 2020 figure) is in the sum twice: count it once.
    counted_ids = {f["id"] for f in counted}
    twice = _exact_sum((sum(1 for within, _, sure in held[f["id"]] if sure and within in counted_ids) - 1) * f["value"]
                       for f in members if f["id"] in certain and additive and len(counted) > 1
                       and sum(1 for within, _, sure in held[f["id"]] if sure and within in counted_ids) > 1)
    total = _exact_sum(f["value"] for f in counted) - twice if additive and counted else None
    if total is None:
        low = high = None
    elif disjoint and not possible:
        low = high = total
    else:
        largest = max(f["value"] for f in open_)
        low = max(total, largest) if disjoint else largest
        high = _exact_sum(f["value"] for f in open_) - twice
    dated = [f for f in counted if f["period_start"] is not None]
    return {
        "count": len(members), "honorees": len({f["honoree"] for f in members if f["honoree"]}),
        "total": _number(total), "total_min": _number(low), "total_max": _number(high),
        "overlap_possible": total is not None and low != high,
        "excluded": len(held), "min": min(values), "max": max(values),
        "period_start": min((f["period_start"] for f in dated), default=None),
        "period_end": max((f["period_end"] or f["period_start"] for f in dated), default=None),
        "headline": max(counted, key=lambda f: f["value"])["id"] if counted else None,
        "total_is_lower_bound": total is not None and any(f["approx"] in LOWER_BOUND for f in counted),
        "total_is_approximate": total is not None and any(f["approx"] in APPROXIMATE for f in counted),
        "figure_ids": [f["id"] for f in counted] if explain else [],
        "excluded_ids": [f["id"] for f in members if f["id"] in held] if explain else [],
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


def _exact_sum(values) -> int | Decimal:
    """Integers add as integers; a fraction makes the sum Decimal, so 0.1 + 0.2 is 0.3."""
    total: int | Decimal = 0
    for v in values:
        total += v if type(v) is int else Decimal(repr(v))
    return total


def _number(value):
    if value is None or type(value) is int:
        return value
    if isinstance(value, float):
        return value
    return int(value) if value == value.to_integral_value() else float(value)
