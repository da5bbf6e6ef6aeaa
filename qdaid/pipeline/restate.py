"""Facts across sources: when a figure of a later source states the same fact as a figure of an
earlier one, and whether their values agree.

Pure functions over figure records (model.SCHEMA["figures"]); exact arithmetic (Decimal):

- `same_fact(a, b)`: the two figures could state one fact: different sources, the same metric,
  unit and kind (not a duration), the same subject (the same honoree, places not differing; or,
  neither naming an honoree, the same place or places covered), and compatible periods (one
  undated, the same years however written, or the same "since": periods_compatible).
- `holds(outer, inner)`: inner is a part of outer, of another source (a year of a span): the
  build links it as containment, not as a restatement, and a total counts the span.
- `compare(a, b) -> (verdict, reason)`: `agrees` when the values match within what their
  approximations allow, else `disagrees`; the reason is one short sentence.

statements.py applies them to a corpus, figure after figure (Statements, link).

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


def key_place(figure: dict) -> tuple[str, ...] | None:
    if figure.get("region"):
        return (figure["region"],)
    return tuple(sorted(figure.get("covers") or ())) or None


def period_of(figure: dict) -> tuple[int, int | None] | None:
    """(first year, last year), the last None where the text leaves it open (2017年以来 in an
    article that gives no date); None for a figure the text does not date."""
    start = figure.get("period_start")
    return None if start is None else (start, figure.get("period_end"))


def _is_span(period: tuple[int, int | None]) -> bool:
    """More than one year: a range, or a "since" (open, or closed by the article's date)."""
    return period[1] is None or period[1] > period[0]


def periods_compatible(a: dict, b: dict) -> bool:
    """Whether a's period and b's may be one period: one of them undated (it says no period); the
    same first and last year, however written (2017年以来 in 2021, 2017—2021年, 近五年 in 2021); or
    the same "since" counted to the date each source was written (2017年以来 in 2021 and in a draft
    of today: both spans, the same first year). A record does not say whether a span's last year
    is the article's date or the text's own (2017—2020年): two spans from one year are taken as
    one fact, whose values then agree or not. A year inside a span, or a span inside a wider one
    of another first year, is a part of it (holds), never the same fact; periods that merely
    overlap (2016–2020, 2017–2021) are neither."""
    pa, pb = period_of(a), period_of(b)
    if pa is None or pb is None or pa == pb:
        return True
    return pa[0] == pb[0] and _is_span(pa) and _is_span(pb)


def subject_of(figure: dict) -> tuple[str, object] | None:
    """What a figure is about, as facts are matched: its honoree when it has one, else its place
    (no honoree and no place: about nothing another source can be said to restate)."""
    if figure.get("honoree"):
        return ("honoree", figure["honoree"])
    place = key_place(figure)
    return ("place", place) if place else None


# region_basis of a place the figure's own sentence names (None: a store older than the field)
_NAMED = frozenset({"explicit", None})


def alike(a: dict, b: dict) -> bool:
    """same_fact but for the sources: one metric, unit and kind (never a duration), one subject,
    places that do not differ, compatible periods."""
    if a["kind"] == "duration" or (a["metric"], a["unit"], a["kind"]) != (b["metric"], b["unit"], b["kind"]):
        return False
    subject = subject_of(a)
    if subject is None or subject != subject_of(b):
        return False
    ra, rb = key_place(a), key_place(b)
    if subject[0] == "honoree":  # one honoree's places differ only where both sentences name them:
        # a place from its section (its home) or from the article (the one helped city) is a guess
        ra, rb = (place if f.get("region_basis") in _NAMED else None for f, place in ((a, ra), (b, rb)))
    return not (ra and rb and ra != rb) and periods_compatible(a, b)


def same_fact(a: dict, b: dict) -> bool:
    """Whether figures a and b (of different sources) may state one fact: the same metric, unit and
    kind (durations never: 近五年 describes a sentence, not a fact); the same subject: the same
    honoree (and places that do not differ: one may name none), or, neither naming an honoree, the
    same place; compatible periods (periods_compatible).

    An honoree's figure and a figure of no honoree are not one fact here, even for one place: the
    text may give them different scopes (窦宗君's 募集社会资金2600万元 is one person's fundraising;
    青岛市共募集社会资金5亿元 the city's). A source that means the honoree's figure names the
    honoree, and the figure is then the honoree's; or it gives the same value, and Statements
    joins the two (_across_scopes)."""
    return a["source"] != b["source"] and alike(a, b)


def holds(outer: dict, inner: dict) -> bool:
    """Whether outer (of one source) holds inner (of another) as a part, not as a restatement: the
    same metric and unit, amounts (flows add up over years; a stock's sizes do not), the same
    subject and the same place, both dated, inner's period inside outer's and not compatible with
    it (2020 inside 2017–2021; an open "since" holds every later year), and outer's value at least
    inner's (a part larger than its whole is no part: the sources then disagree, and stats shows
    the overlap as an interval)."""
    if outer["source"] == inner["source"] or not outer["kind"] == inner["kind"] == "amount":
        return False
    if (outer["metric"], outer["unit"]) != (inner["metric"], inner["unit"]) or outer["value"] < inner["value"]:
        return False
    po, pi = period_of(outer), period_of(inner)
    if po is None or pi is None or periods_compatible(outer, inner):
        return False
    last = float("inf") if po[1] is None else po[1]
    inside = po[0] <= pi[0] and (pi[1] if pi[1] is not None else float("inf")) <= last
    return inside and subject_of(outer) == subject_of(inner) and key_place(outer) == key_place(inner)


def meet(a: Written, b: Written) -> bool:
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
    if not exact:
        return f"{bounds} meet"
    (e,), (other,) = exact, [w for w in (a, b) if w.approx != "exact"]
    low, high, closed = other.allows()
    if low <= e.value and (high is None or e.value < high or (closed and e.value == high)):
        return f"{e} fits {bounds}"
    # 1.5万 is not in 1.4万多's range, but what it rounds is (1.45万 up to 1.55万): they meet
    edge = e.precision / 2
    return f"{e} ({_amount(e.value - edge, e.scale)} to {_amount(e.value + edge, e.scale)} as rounded) and {bounds} meet"


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
    if meet(wa, wb):
        return AGREES, _why_agree(wa, wb)
    scale = max((wa, wb), key=lambda w: (w.precision, len(w.scale))).scale
    gap = _amount(abs(wa.value - wb.value), scale)
    bounds = "; ".join(_bounded(w) for w in (wa, wb) if w.approx != "exact")
    return DISAGREES, f"{wa} vs {wb}: {gap} apart" + (f"; {bounds}" if bounds else "")
