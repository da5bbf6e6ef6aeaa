"""Facts across sources: when a figure of a later source states the same fact as a figure of an
earlier one, and whether their values agree.

Three pure functions over figure records (model.SCHEMA["figures"]); exact arithmetic (Decimal):

- `same_fact(a, b)`: the two figures could state one fact: different sources, the same metric,
  unit and kind (not a duration), the same subject (the same honoree, or the same place, or
  the same places covered, and neither contradicts the other), and compatible periods
  (overlapping, or one of them undated).
- `compare(a, b) -> (verdict, reason)`: `agrees` when the values match within what their
  approximations allow, else `disagrees`; the reason is one short sentence.
- `link(new, old) -> restatement rows`: each figure of `new` against the figures of `old` (of
  earlier sources), at most one row per new figure and earlier source.

What each way of writing a number allows (the values it stands for):

- exact, written to precision p (15.66亿: p = 0.01亿; 190万: p = 1万; 62名: p = 1): the values
  that round to it at p, [v − p/2, v + p/2). So 15.66亿 and 15.7亿 agree (15.66亿 rounds to
  15.7亿 at the 0.1亿 the other writes) and 179.4万 and 190万 do not.
- 多, 余, 以上, 超过 … (more_than, over): a lower bound, [v, ∞).
- 近, 不到 … (nearly): at most v, and near it: [v − t, v], t = the larger of p and 5% of v.
- 约, 左右 (about): [v − t, v + t], t as for nearly.

Two figures agree when the sets of values they allow meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..model import LOWER_BOUND
from .numbers import MULTIPLIERS, NUMBER_PATTERN, TRADITIONAL

AGREES, DISAGREES = "agrees", "disagrees"
NEAR = Decimal("0.05")  # how near 约/近 is: 5% of the value (or the precision written, if larger)
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_DIGITS_RE = re.compile(r"\d+(?:,\d{3})*(?:\.(\d+))?")


@dataclass(frozen=True)
class Written:
    """A figure's value as the text writes it: the value, the precision written, the multiplier
    it is written in (万, 亿 or none), and the number as written (近800万, 15.66亿)."""

    value: Decimal
    precision: Decimal
    scale: str
    text: str
    approx: str

    def allows(self) -> tuple[Decimal, Decimal | None, bool]:
        """The values it stands for: (low, high or None for no bound, whether high is included)."""
        v, p = self.value, self.precision
        near = max(p, abs(v) * NEAR)
        if self.approx in LOWER_BOUND:
            return v, None, True
        if self.approx == "nearly":
            return v - near, v, True
        if self.approx == "about":
            return v - near, v + near, True
        return v - p / 2, v + p / 2, False

    def __str__(self) -> str:
        return self.text


def written(figure: dict) -> Written:
    """Read the precision and multiplier off the figure's raw text (its value is the record's)."""
    value = figure["value"]
    value = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    raw = str(figure.get("raw") or "").translate(TRADITIONAL)
    match = _NUMBER_RE.search(raw)
    number = match[0] if match and match[0] else str(value)
    scale = "".join(re.findall(r"万|亿|千", match["mult"] or "")) if match and match["arabic"] else ""
    multiplier = Decimal(1)
    for unit in re.findall(r"万|亿|千", scale):
        multiplier *= MULTIPLIERS[unit]
    digits = _DIGITS_RE.search(match["arabic"]) if match and match["arabic"] else None
    places = len(digits[1]) if digits and digits[1] else 0
    return Written(value, multiplier.scaleb(-places), scale, number, str(figure.get("approx") or "exact"))


def _key_place(figure: dict) -> tuple[str, ...] | None:
    if figure.get("region"):
        return (figure["region"],)
    return tuple(sorted(figure.get("covers") or ())) or None


def _period(figure: dict) -> tuple[int, int] | None:
    start = figure.get("period_start")
    return None if start is None else (start, figure.get("period_end") or start)


def periods_compatible(a: dict, b: dict) -> bool:
    """Overlapping periods, or one of them undated."""
    pa, pb = _period(a), _period(b)
    return pa is None or pb is None or (pa[0] <= pb[1] and pb[0] <= pa[1])


def same_fact(a: dict, b: dict) -> bool:
    """Whether figures a and b (of different sources) may state one fact: same metric, unit and
    kind (durations never: 近五年 describes a sentence, not a fact); the same honoree or the same
    place, where neither differs from the other's; compatible periods."""
    if a["source"] == b["source"] or a["kind"] == "duration":
        return False
    if (a["metric"], a["unit"], a["kind"]) != (b["metric"], b["unit"], b["kind"]):
        return False
    ha, hb, ra, rb = a.get("honoree"), b.get("honoree"), _key_place(a), _key_place(b)
    if (ha and hb and ha != hb) or (ra and rb and ra != rb):
        return False
    return bool((ha and ha == hb) or (ra and ra == rb)) and periods_compatible(a, b)


def _meet(a: Written, b: Written) -> bool:
    lo_a, hi_a, closed_a = a.allows()
    lo_b, hi_b, closed_b = b.allows()
    low = max(lo_a, lo_b)
    highs = [(h, c) for h, c in ((hi_a, closed_a), (hi_b, closed_b)) if h is not None]
    if not highs:
        return True
    high = min(h for h, _ in highs)
    closed = all(c for h, c in highs if h == high)
    return low < high or (low == high and closed)


def _amount(value: Decimal, scale: str) -> str:
    multiplier = Decimal(1)
    for unit in re.findall(r"万|亿|千", scale):
        multiplier *= MULTIPLIERS[unit]
    number = (value / multiplier).normalize()
    text = f"{number:f}"
    return f"{text}{scale}"


def _why_agree(a: Written, b: Written) -> str:
    if a.value == b.value and a.approx == b.approx == "exact":
        return f"{a} = {b}" if a.text != b.text else f"both {a}"
    if a.approx == b.approx == "exact":
        coarse, fine = (a, b) if a.precision > b.precision else (b, a)
        return f"{coarse} is {fine} rounded to {_amount(coarse.precision, coarse.scale)}"
    exact = [w for w in (a, b) if w.approx == "exact"]
    bounds = " and ".join(_bounded(w) for w in (a, b) if w.approx != "exact")
    return f"{exact[0]} fits {bounds}" if exact else f"{bounds} meet"


_WORDS = {"more_than": "at least", "over": "at least", "nearly": "nearly", "about": "about"}


def _bounded(w: Written) -> str:
    """近800万 (nearly 800万): an approximate number and what it says."""
    return f"{w} ({_WORDS[w.approx]} {_amount(w.value, w.scale)})"


def compare(a: dict, b: dict) -> tuple[str, str]:
    """(verdict, reason) for two figure records that state one fact (same_fact): `agrees` when
    the values they allow meet (see the module's doc), else `disagrees`. The reason is a short
    sentence: "15.7亿 is 15.66亿 rounded to 0.1亿", "1.2亿 vs 1.3亿: 0.1亿 apart"."""
    wa, wb = written(a), written(b)
    if _meet(wa, wb):
        return AGREES, _why_agree(wa, wb)
    scale = max((wa, wb), key=lambda w: (w.precision, len(w.scale))).scale
    gap = _amount(abs(wa.value - wb.value), scale)
    bounds = "; ".join(_bounded(w) for w in (wa, wb) if w.approx != "exact")
    return DISAGREES, f"{wa} vs {wb}: {gap} apart" + (f"; {bounds}" if bounds else "")


def _closeness(new: dict, old: dict) -> tuple:
    """How well old matches new, best first: the same period, then one undated, then overlapping;
    agreeing before not; then the nearer value; then the earlier id (a stable choice)."""
    pn, po = _period(new), _period(old)
    tier = 0 if pn == po else 1 if pn is None or po is None else 2
    agrees = compare(new, old)[0] == AGREES
    gap = abs(written(new).value - written(old).value)
    return tier, not agrees, gap, old["id"]


def link(new_figures: Iterable[dict], old_figures: Iterable[dict]) -> list[dict]:
    """Restatement rows (model.SCHEMA["restatements"]) for the new figures (of later sources)
    against the old ones (of earlier sources): for each new figure and each earlier source that
    states the same fact, one row naming that source's closest figure (_closeness), with the
    verdict and reason of compare. Rows come in the order of the new figures, then of the
    earlier sources as first met in old_figures, so the same input gives the same rows."""
    by_fact: dict[tuple, list[dict]] = {}
    for old in old_figures:
        by_fact.setdefault((old["metric"], old["unit"]), []).append(old)
    rows = []
    for new in new_figures:
        per_source: dict[str, list[dict]] = {}
        for old in by_fact.get((new["metric"], new["unit"]), []):
            if same_fact(new, old):
                per_source.setdefault(old["source"], []).append(old)
        for candidates in per_source.values():
            best = min(candidates, key=lambda old: _closeness(new, old))
            verdict, reason = compare(new, best)
            rows.append({"id": f"{new['id']}-re-{best['id']}", "figure": new["id"], "restates": best["id"],
                         "verdict": verdict, "reason": reason})
    return rows
