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
  earlier sources): one row per new figure that restates a fact, naming the earlier figure that
  states it most closely. A fact stated by several sources is thus one connected group of rows
  (the first statement, and each later one linked to its closest earlier one), and the rows of
  a corpus grow with its figures, not with the square of its sources.

What each way of writing a number allows (the values it stands for):

- exact, written to precision p (15.66亿: p = 0.01亿; 190万: p = 1万; 62名: p = 1): the values
  that round to it at p, [v − p/2, v + p/2). Two exact figures agree when the finer, rounded
  half up to the coarser's precision, is the coarser: 15.66亿 and 15.7亿 agree (15.66亿 rounds to
  15.7亿 at the 0.1亿 the other writes); 179.4万 and 190万 do not, nor 1.25亿 and 1.2亿.
- 多, 余 (more_than, over): at least v, and short of the next unit of the number's last
  significant digit, [v, v + u): 620余万 is 620万 up to 630万 (u = 10万), 2300多万 2300万 up to
  2400万, 7000余人 7000 up to 8000, 1200多个 1200 up to 1300. After the multiplier, or after a
  decimal, u is the last unit written: 9.1万多 is 9.1万 up to 9.2万, 10万余 10万 up to 11万.
- 以上, 超过, 逾 … (over, written before the number or after it): a lower bound, [v, ∞).
- 近, 不到 … (nearly): at most v, and near it: [v − t, v], t = the larger of p and 5% of v.
- 约, 左右 (about): [v − t, v + t], t as for nearly.

An exact figure and an approximate one, or two approximate ones, agree when the sets of values
they allow meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model import LOWER_BOUND
from .numbers import AFTER_CLASSIFIER_RE, MULTIPLIERS, NUMBER_PATTERN, TRADITIONAL

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
    below: Decimal | None = None  # 多/余: the value it stays below (620余万: 630万); else None

    def allows(self) -> tuple[Decimal, Decimal | None, bool]:
        """The values it stands for: (low, high or None for no bound, whether high is included)."""
        v, p = self.value, self.precision
        near = max(p, abs(v) * NEAR)
        if self.approx in LOWER_BOUND:
            return (v, None, True) if self.below is None else (v, self.below, False)
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
    precision, approx = multiplier.scaleb(-places), str(figure.get("approx") or "exact")
    return Written(value, precision, scale, number, approx, _below(value, precision, approx, match, raw))


def _below(value: Decimal, precision: Decimal, approx: str, match: re.Match | None, raw: str) -> Decimal | None:
    """The value a 多/余 figure stays below: v plus the unit of its last significant digit
    (620余万, 7000余人, 三百多), or of its last digit written after a decimal point or before the
    multiplier that 多/余 follows (9.1万多, 10万余). None for other bounds (以上, 超过) and figures."""
    if approx not in LOWER_BOUND or not match or value <= 0:
        return None
    rest = raw[match.end():]
    if "以上" in rest or not (match["inside"] or match["after_mult"] or AFTER_CLASSIFIER_RE.match(rest)):
        return None
    if match["arabic"] and (match["after_mult"] or "." in match["arabic"]):
        return value + precision
    exponent = value.normalize().as_tuple().exponent  # 6.2E+6: 5, the place of the 2
    return value + Decimal(1).scaleb(exponent) if isinstance(exponent, int) else None


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
    """Whether a and b may be one value: two exact figures when the finer, rounded (half up) to
    the coarser's precision, is the coarser (1.25亿 is 1.3亿 at 0.1亿, not 1.2亿); else when the
    values they allow meet."""
    if a.approx == b.approx == "exact":
        coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
        return (fine.value / coarse.precision).quantize(Decimal(1), ROUND_HALF_UP) * coarse.precision == coarse.value
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
    """近800万 (nearly 800万): an approximate number and the values compared for it: 620余万 (at
    least 620万, below 630万), the range its 余 allows; 超过100万 (at least 100万), no upper bound.
    A bound in 万 that is whole 亿 is said in 亿 (9000余万: below 1亿, not 10000万)."""
    said = f"{_WORDS[w.approx]} {_amount(w.value, w.scale)}"
    if w.below is not None:
        whole_yi = w.scale == "万" and w.below % MULTIPLIERS["亿"] == 0
        said += f", below {_amount(w.below, '亿' if whole_yi else w.scale)}"
    return f"{w} ({said})"


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


class Statements:
    """Figures of earlier sources, indexed by what they state: (metric, unit, and the honoree or
    the place), then each distinct way of writing a value in a period once (its earliest figure).
    Adding a figure and finding the closest statement cost what one fact holds, not what the
    corpus holds; a corpus of hundreds of articles restating each other stays linear."""

    def __init__(self, figures: Iterable[dict] = ()):
        self._facts: dict[tuple, dict[tuple, tuple[int, dict]]] = {}
        self._written: dict[int, Written] = {}  # read when first compared: an append adds many, compares few
        self._count = 0
        for figure in figures:
            self.add(figure)

    @staticmethod
    def _subjects(figure: dict) -> list[tuple]:
        place = _key_place(figure)
        return [key for key in (("honoree", figure.get("honoree")), ("place", place)) if key[1]]

    def add(self, figure: dict) -> None:
        if figure["kind"] == "duration":
            return
        way = (_period(figure), figure["raw"], figure["value"], figure["approx"], figure.get("honoree"),
               _key_place(figure), figure["kind"])  # figures written alike: one stands for all (the earliest)
        for subject in self._subjects(figure):
            ways = self._facts.setdefault((figure["metric"], figure["unit"], subject), {})
            ways.setdefault(way, (self._count, figure))
        self._count += 1

    def closest(self, new: dict) -> dict | None:
        """The earlier figure that states new's fact most closely: the same period, then the same
        first year (2017年以来 written in 2021 and in 2026: the same "since"), then one undated
        (or new undated: then any), then an overlapping one; agreeing before not; the nearer
        value; the earlier."""
        wn, pn, best = written(new), _period(new), None
        for subject in self._subjects(new):
            for order, old in self._facts.get((new["metric"], new["unit"], subject), {}).values():
                if not same_fact(new, old):
                    continue
                if (wo := self._written.get(order)) is None:
                    wo = self._written[order] = written(old)
                po = _period(old)
                # an undated figure says no period: an undated statement is no closer to it than a
                # dated one (so the one whose value agrees wins: 捐款1.25亿元 is ¶43's 2017年以来
                # 1.25亿, not ¶47's undated 共捐款71600元)
                tier = 2 if pn is None or po is None else 0 if pn == po else 1 if pn[0] == po[0] else 3
                rank = (tier, not _meet(wn, wo), abs(wn.value - wo.value), order)
                if best is None or rank < best[0]:
                    best = (rank, old)
        return best[1] if best else None


def restatement(new: dict, old: dict) -> dict:
    """The restatements row: new (of a later source) states old's fact; compare's verdict."""
    verdict, reason = compare(new, old)
    return {"id": f"{new['id']}-re-{old['id']}", "figure": new["id"], "restates": old["id"],
            "verdict": verdict, "reason": reason}


def link(new_figures: Iterable[dict], old_figures: Iterable[dict] | Statements) -> list[dict]:
    """Restatement rows (model.SCHEMA["restatements"]) for the new figures (of one later source)
    against the old ones (of earlier sources, or their Statements): one row for each new figure
    that states a fact an earlier source stated, naming the earlier figure that states it most
    closely (Statements.closest), with compare's verdict and reason. The earlier statements of a
    fact and their restatements form one connected group; rows come in the new figures' order."""
    statements = old_figures if isinstance(old_figures, Statements) else Statements(old_figures)
    return [restatement(new, old) for new in new_figures if (old := statements.closest(new)) is not None]
