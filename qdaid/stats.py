"""Totals per group and unit: count, total, min and max, never adding yuan to persons, and
leaving out of a total every figure that a selected figure already includes (part_of).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from .model import APPROXIMATE, LOWER_BOUND, NON_ADDITIVE_UNITS, UsageError, period_label

if TYPE_CHECKING:
    from .query import FactBase

STATS_KEYS = ("metric", "honoree", "region", "unit", "year")


def group_key(f: dict, by: str):
    if by == "year":
        start, end = f["period_start"], f["period_end"]
        return None if start is None else period_label(start, end)
    return f[by]

def stats(base: FactBase, figures: list[dict], by: list[str]) -> list[dict]:
    """count, total, min, max per group and unit; parts of a selected total are left out of sums."""
    for key in by:
        if key not in STATS_KEYS:
            raise UsageError(f"cannot group by {key!r}; choose from {', '.join(STATS_KEYS)}", param="by")
    keys = list(dict.fromkeys([*by, "unit"]))
    selected = {f["id"] for f in figures}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in figures:
        groups[tuple(group_key(f, k) for k in keys)].append(f)
    rows = []
    for group, members in groups.items():
        unit = members[0]["unit"]
        inside = [_counted_elsewhere(base, f, selected) for f in members]
        counted = [f for f, part in zip(members, inside, strict=True) if not part]
        excluded = [f for f, part in zip(members, inside, strict=True) if part]
        values = [f["value"] for f in members]
        additive = unit not in NON_ADDITIVE_UNITS
        total = _exact_sum(f["value"] for f in counted) if additive and counted else None
        row = dict(zip(keys, group, strict=True))
        row.update({
            "count": len(members), "honorees": len({f["honoree"] for f in members}),
            "total": _number(total), "min": min(values),
            "max": max(values), "excluded": len(excluded),
            "total_is_lower_bound": additive and any(f["approx"] in LOWER_BOUND for f in counted),
            "total_is_approximate": additive and any(f["approx"] in APPROXIMATE for f in counted),
            "figure_ids": [f["id"] for f in counted], "excluded_ids": [f["id"] for f in excluded],
        })
        rows.append(row)
    rows.sort(key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))
    return rows


def _counted_elsewhere(base: FactBase, f: dict, selected: set[str]) -> bool:
    """True when a larger figure that includes this one (directly or further up) is selected."""
    by_id = base.figure_index
    parent, seen = f.get("part_of"), {f["id"]}
    while parent and parent not in seen:  # a damaged file may hold a cycle
        if parent in selected:
            return True
        seen.add(parent)
        parent = by_id.get(parent, {}).get("part_of")
    return False


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
