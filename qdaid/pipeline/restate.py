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
- `link(new, old) -> restatement rows` (and `linked`, with the containment rows): each figure
  of `new` against the figures of `old` (of earlier sources): one row for each way the earlier
  sources wrote the fact it states (15.66亿 and 15.7亿: two rows; a third source's 15.65亿 is
  compared with both). A figure written as an earlier one stands for it, so the rows of a corpus
  grow with its figures times the few ways a fact is written, not with the square of its
  sources; the query side (qdaid.restatements) reads a fact as the figures its rows connect.

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


def _period(figure: dict) -> tuple[int, int | None] | None:
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
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None or pa == pb:
        return True
    return pa[0] == pb[0] and _is_span(pa) and _is_span(pb)


def _subject(figure: dict) -> tuple[str, object] | None:
    """What a figure is about, as facts are matched: its honoree when it has one, else its place
    (no honoree and no place: about nothing another source can be said to restate)."""
    if figure.get("honoree"):
        return ("honoree", figure["honoree"])
    place = _key_place(figure)
    return ("place", place) if place else None


# region_basis of a place the figure's own sentence names (None: a store older than the field)
_NAMED = frozenset({"explicit", None})


def _alike(a: dict, b: dict) -> bool:
    """same_fact but for the sources: one metric, unit and kind (never a duration), one subject,
    places that do not differ, compatible periods."""
    if a["kind"] == "duration" or (a["metric"], a["unit"], a["kind"]) != (b["metric"], b["unit"], b["kind"]):
        return False
    subject = _subject(a)
    if subject is None or subject != _subject(b):
        return False
    ra, rb = _key_place(a), _key_place(b)
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
    return a["source"] != b["source"] and _alike(a, b)


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
    po, pi = _period(outer), _period(inner)
    if po is None or pi is None or periods_compatible(outer, inner):
        return False
    last = float("inf") if po[1] is None else po[1]
    inside = po[0] <= pi[0] and (pi[1] if pi[1] is not None else float("inf")) <= last
    return inside and _subject(outer) == _subject(inner) and _key_place(outer) == _key_place(inner)


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


@dataclass(eq=False)
class _Way:
    """One way of stating a fact (a period, a number as written, a subject, a kind): its first
    figure, its place in the order figures were stated, and the fact (the list of its ways)."""

    figure: dict
    order: int
    fact: list[_Way]
    _written: Written | None = None
    as_figure: dict | None = None  # how it is compared, when not as itself: of no honoree, joined to an honoree's fact

    @property
    def seen(self) -> dict:
        return self.as_figure or self.figure

    @property
    def written(self) -> Written:  # read when first compared: an append adds many, compares few
        if self._written is None:
            self._written = written(self.figure)
        return self._written


def _way(figure: dict) -> tuple:
    """What figures written alike share: one of them stands for all (the earliest)."""
    return (_period(figure), figure["raw"], figure["value"], figure["approx"], figure.get("honoree"),
            _key_place(figure), figure["kind"])


class Statements:
    """The facts the figures stated so far give, each a list of its ways of being written (each
    way once: its earliest figure), indexed by (metric, unit, subject) and source.

    A figure is stated once, in the order of the corpus (an append states the store's figures
    again, in their order, then the new article's: the same facts as a build of all at once). A
    figure written as an earlier one states that one's fact; else it joins the fact it states
    most closely (closest) among those whose every way it is alike to (same_fact, its own
    source's ways included: a source's 2019 and 2020 figures never join one undated statement),
    or starts one. A fact's ways are so compatible two by two, and a fact of many sources written
    a few ways holds a few ways: adding a figure costs what its subject holds, not the corpus."""

    def __init__(self, figures: Iterable[dict] = ()):
        self._ways: dict[tuple, dict[str, list[_Way]]] = {}  # (metric, unit, subject) → source → its ways
        self.dates: dict[str, str | None] = {}  # source id → its date (the corpus keeps it): part's certainty
        self._alike: dict[tuple, _Way] = {}  # (metric, unit, subject, way) → the way
        self._count = 0
        for figure in figures:
            self.add(figure)

    def add(self, figure: dict) -> None:
        self.state(figure)

    def state(self, figure: dict) -> tuple[list[dict], list[tuple[dict, dict]]]:
        """Add the figure; return the earlier figures (of other sources) of the fact it states, one
        for each way of writing it, earliest first, and the (inner, outer) pairs of figures of other
        sources that one of which holds the other (holds)."""
        subject = _subject(figure)
        if figure["kind"] == "duration":
            return [], []
        if subject is None:  # no honoree, no place: only as an honoree's figure of no place it agrees with
            return self._unplaced(figure), []
        key = (figure["metric"], figure["unit"], subject)
        by_source = self._ways.setdefault(key, {})
        way = self._alike.get(key + (_way(figure),))
        parts: list[tuple[dict, dict]] = []
        if way is None:
            parts = [(figure, w.figure) if holds(w.figure, figure) else (w.figure, figure)
                     for w in self._others(by_source, figure) if holds(w.figure, figure) or holds(figure, w.figure)]
            fact, seen, there = self._closest(by_source, figure), figure, None
            if fact is None:
                fact, seen, there = self._across_scopes(figure)
            way = self._alike[key + (_way(figure),)] = _Way(figure, self._count, fact if fact is not None else [],
                                                            as_figure=seen if seen is not figure else None)
            way.fact.append(way)
            by_source.setdefault(figure["source"], []).append(way)
            if there is not None:  # found by the figures of that scope too
                there.setdefault(figure["source"], []).append(way)
        self._count += 1
        return [w.figure for w in way.fact if w.figure["source"] != figure["source"]], parts

    def _across_scopes(self, figure: dict) -> tuple[list[_Way] | None, dict, dict | None]:
        """(the fact, the figure as it joins it, the ways of that scope) for a figure of no honoree
        that states, with a value that agrees, a fact an honoree's figures state of the same place
        (青岛累计帮助陇南销售扶贫产品8.58亿元, the work team's 8.58亿 in another article), or the other
        way round; (None, figure, None) else. Agreement only: a different value may be of another
        scope (the city's 共募集5亿 is not one man's 2600万)."""
        place = _key_place(figure)
        if place is None and figure.get("honoree"):
            return None, figure, None
        if figure.get("honoree"):
            scopes = [(("place", place), None)]
        else:
            scopes = [(subject, subject[1]) for (metric, unit, subject) in self._ways
                      if (metric, unit) == (figure["metric"], figure["unit"]) and subject[0] == "honoree"]
        written_as = written(figure)
        for subject, honoree in sorted(scopes, key=repr):
            ways = self._ways.get((figure["metric"], figure["unit"], subject))
            seen = {**figure, "honoree": honoree}
            fact = self._closest(ways, seen) if ways else None
            if fact and all(_key_place(w.figure) == place and _meet(written_as, w.written) for w in fact):
                return fact, seen, ways
        return None, figure, None

    def _unplaced(self, figure: dict) -> list[dict]:
        """A figure of no honoree and no place (2020年消费扶贫额达到10.6亿元, copied from an honoree's
        section): the earlier figures of the honoree's fact it states with a value that agrees."""
        fact, seen, there = self._across_scopes(figure)
        if fact is None or there is None:
            return []
        way = _Way(figure, self._count, fact, as_figure=seen)
        fact.append(way)
        there.setdefault(figure["source"], []).append(way)
        self._count += 1
        return [w.figure for w in fact if w.figure["source"] != figure["source"]]

    @staticmethod
    def _others(by_source: dict[str, list[_Way]], figure: dict) -> Iterable[_Way]:
        return (w for source, ways in by_source.items() if source != figure["source"] for w in ways)

    def _closest(self, by_source: dict[str, list[_Way]], new: dict) -> list[_Way] | None:
        """The fact of other sources that new states most closely, among those whose every way it
        is alike to: by its closest way, the same period first, then the same "since" (2017年以来
        written in 2021 and in 2026), then one undated (an undated statement is no closer to an
        undated figure than a dated one: the one whose value agrees wins: 捐款1.25亿元 is ¶43's
        2017年以来 1.25亿, not ¶47's undated 共捐款71600元); agreeing before not; the nearer value;
        the earlier."""
        wn, pn, best = written(new), _period(new), None
        fits: dict[int, bool] = {}  # id(fact) → new is alike to its every way
        for way in self._others(by_source, new):
            if not same_fact(new, way.seen):
                continue
            if (fit := fits.get(id(way.fact))) is None:
                fit = fits[id(way.fact)] = all(_alike(new, w.seen) for w in way.fact)
            if not fit:
                continue
            po = _period(way.figure)
            tier = 2 if pn is None or po is None else 0 if pn == po else 1
            rank = (tier, not _meet(wn, way.written), abs(wn.value - way.written.value), way.order)
            if best is None or rank < best[0]:
                best = (rank, way.fact)
        return best[1] if best else None


def restatement(new: dict, old: dict) -> dict:
    """The restatements row: new (of a later source) states old's fact; compare's verdict."""
    verdict, reason = compare(new, old)
    return {"id": f"{new['id']}-re-{old['id']}", "figure": new["id"], "restates": old["id"],
            "verdict": verdict, "reason": reason}


def _span(figure: dict) -> str:
    start, end = figure["period_start"], figure["period_end"]
    return str(start) if start == end else f"{start}–{end or ''}"


def part(inner: dict, outer: dict, source: str, dates: dict[str, str | None] | None = None) -> dict:
    """The containment row (model.SCHEMA["containment"]): inner lies within outer (holds), of
    another source; found when source (one of theirs) was built. Certain, unless outer's span runs
    to its article's date and inner's last year, reported by a later article, may reach past it
    (2017年以来 written in February 2021; a 2021 figure of an article of 2022): then it may."""
    note = f"{outer['raw']} over {_span(outer)} ({outer['source']}) covers {inner['raw']} in {_span(inner)} ({inner['source']})"
    told = (dates or {}).get(outer["source"]) or ""
    later = (dates or {}).get(inner["source"]) or ""
    partial = (told[:4] == str(outer["period_end"]) == str(inner["period_end"]) and later > told
               and not told.endswith("-12-31"))
    if partial:
        note += f"; unless its {inner['period_end']} goes on past {told}, the date of {outer['source']}"
    return {"id": f"{inner['id']}-in-{outer['id']}", "figure": inner["id"], "within": outer["id"],
            "reason": "period", "certain": not partial, "source": source, "note": note}


def linked(new_figures: Iterable[dict], statements: Statements) -> tuple[list[dict], list[dict]]:
    """The new figures (of one later source) stated after the earlier ones (statements, which they
    are added to): restatement rows (model.SCHEMA["restatements"]), one for each new figure and
    each way an earlier source wrote the fact it states (Statements), with compare's verdict and
    reason, so that every two sources' statements of a fact are compared (15.66亿, 15.7亿 and
    15.65亿: the last agrees with the second and not with the first); and containment rows for
    the figures of other sources one of which holds the other as a part (a year of a span)."""
    restated, parts = [], []
    for new in new_figures:
        earlier, inside = statements.state(new)
        restated += [restatement(new, old) for old in earlier]
        parts += [part(inner, outer, new["source"], statements.dates) for inner, outer in inside]
    return restated, parts


def link(new_figures: Iterable[dict], old_figures: Iterable[dict]) -> list[dict]:
    """The restatement rows of linked for new figures against old ones (of earlier sources)."""
    return linked(new_figures, Statements(old_figures))[0]
