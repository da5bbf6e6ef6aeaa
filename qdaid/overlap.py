"""Which figures of a total cannot describe the same aid, and what the text proves when some
may: figures of different years, of places that do not nest, or listed by one sentence are
disjoint; the largest sum of figures that are is proven (stats.Tally.total)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .exact import Sum

if TYPE_CHECKING:
    from .facts import FactBase


def disjoint_sum(base: FactBase, units: dict[tuple, list], twice) -> tuple[Any, bool]:
    """A sum the text proves when some counted figures may overlap (units: signature → [Sum,
    whether one is 多/余]): the largest units first, each taken when it cannot overlap any taken
    before (different years, places that do not nest, one sentence); less what two of them both
    hold (twice). Any such set is proven; this one is found greedily (an exact search grows with
    2^n). With it, whether a taken unit is 多/余."""
    if len(units) > 2000:  # a scan of pairs beyond this costs more than it tells
        return 0, False
    taken: list[tuple] = []
    total, lower = Sum(), False
    for sig, (value, is_lower) in sorted(units.items(), key=lambda u: (-u[1][0].value, repr(u[0]))):
        if all(disjoint(base, sig, other) for other in taken):
            taken.append(sig)
            total.add_exact(Decimal(value.value))
            lower = lower or is_lower
    return total.value - twice, lower


def add_part(units: dict[tuple, list], part: dict, low: tuple, high: tuple) -> None:
    """A part of a group summed in SQL (stats._free_parts) as units: one sentence's free figures
    are one unit (they are disjoint); several sentences, which may overlap, are their largest
    figure alone, a unit of no sentence of its own (low, high: its first and last sentence)."""
    if low == high:
        unit = units.setdefault(low, [Sum(), False])
        unit[0].add(part["int_sum"] or 0)
        if part["real_sum"] is not None:
            unit[0].add_exact(Decimal(part["real_sum"]))
        unit[1] = unit[1] or bool(part["lower_bound"])
        return
    largest = Sum()
    largest.add(part["free_max"])
    alone = (f"(part {len(units)})", None, None, *low[3:])
    units[alone] = [
        largest, part["lower_max"] is not None and part["lower_max"] == part["free_max"]]


def pairwise_disjoint(base: FactBase, sentences: set[tuple]) -> bool:
    """True when no two figures can describe the same aid: different years, places that do not
    nest, or items one sentence lists. sentences: each figure's (source, paragraph, quote, period,
    region), figures alike in these checked once (at scale, many share them), so the cost grows with
    the distinct kinds, not the figures."""
    # Two figures of one signature are of one sentence, hence disjoint: checking signatures suffices.
    kinds = list(sentences)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            if not disjoint(base, a, b):
                return False
    return True


def disjoint(base: FactBase, a: tuple, b: tuple) -> bool:
    """a, b: (source, paragraph, quote, period_start, period_end, region)."""
    if a[:3] == b[:3]:
        return True  # one sentence listing figures of one metric (41名贫困学生、30名贫困残疾人)
    (a_start, a_end, a_region), (b_start, b_end, b_region) = a[3:], b[3:]
    if a_start is not None and b_start is not None and ((a_end or a_start) < b_start or (b_end or b_start) < a_start):
        return True
    return bool(a_region and b_region and a_region not in base.within(b_region) and b_region not in base.within(a_region))
