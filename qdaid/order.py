"""The order a reader asks for totals in, for `stats` and the report alike: by family (money,
people, places, things, honours, then the rest), the headline first (within a family, its main
unit first and the largest total first), trivia (durations, ranks, an age) last. `--sort` picks
another order: metric (by name), total (largest first), count (most figures first).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .model import DURATION_UNITS, METRIC_FAMILIES, RANK_UNITS, TRIVIA_METRICS, UsageError

FAMILY_ORDER = ("money", "people", "places", "things", "honours")
SORTS = ("family", "metric", "total", "count")
_FAMILY = {m: family for family in FAMILY_ORDER for m in METRIC_FAMILIES[family]}


def family_of(metric: str) -> str:
    """money, people, places, things, honours; else "rest" (rates, and metrics of no family)."""
    return _FAMILY.get(metric, "rest")


def trivia(row: dict) -> bool:
    """A total about the honoree rather than its aid: how long, a rank, hospital stays, an age."""
    return row.get("metric") in TRIVIA_METRICS or row.get("unit") in DURATION_UNITS | RANK_UNITS


def _amount(value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal("-Infinity")


def arrange(rows: list[dict], keys: list[str], sort: str | None = None) -> list[dict]:
    """The rows (one per group of `keys`, as stats gives them, sorted by those keys) in the
    reader's order. Groups by other keys than metric and unit (--by region) keep their order;
    within each, the rows are ordered as `sort` says (family by default)."""
    sort = (sort or "family").strip().lower()
    if sort not in SORTS:
        raise UsageError(f"cannot sort by {sort!r}; choose from {', '.join(SORTS)}", param="sort")
    outer = [k for k in keys if k not in ("metric", "unit")]
    blocks: dict[tuple, list[dict]] = {}
    for row in rows:  # stable: the outer groups in the order stats gave them
        blocks.setdefault(tuple(row.get(k) for k in outer), []).append(row)
    return [row for block in blocks.values() for row in _ordered(block, sort)]


def _ordered(rows: list[dict], sort: str) -> list[dict]:
    if sort == "metric":
        return sorted(rows, key=lambda r: (str(r.get("metric")), str(r.get("unit"))))
    if sort == "total":
        return sorted(rows, key=lambda r: -_amount(r.get("total")))
    if sort == "count":
        return sorted(rows, key=lambda r: -(r.get("count") or 0))
    rank = {family: n for n, family in enumerate((*FAMILY_ORDER, "rest"))}
    # A family's main unit (the one of most rows: yuan, persons) before its others.
    units = Counter((family_of(r.get("metric") or ""), str(r.get("unit"))) for r in rows)

    def key(r: dict) -> tuple:
        family = family_of(r.get("metric") or "")
        return (trivia(r), rank[family], -units[(family, str(r.get("unit")))], str(r.get("unit")),
                r.get("total") is None, -_amount(r.get("total")), str(r.get("metric")))

    return sorted(rows, key=key)
