"""Facts across sources, stated figure after figure: which earlier figures state the fact a new one
states (restatement rows) and which hold it as a part (containment rows), by restate.py's rules.

- `link(new, old) -> restatement rows` (and `linked`, with the containment rows): each figure
  of `new` against the figures of `old` (of earlier sources): one row for each way the earlier
  sources wrote the fact it states (15.66亿 and 15.7亿: two rows; a third source's 15.65亿 is
  compared with both). A figure written as an earlier one stands for it, so the rows of a corpus
  grow with its figures times the few ways a fact is written, not with the square of its
  sources; the query side (qdaid.restatements) reads a fact as the figures its rows connect.
- A figure of no honoree joins an honoree's fact of its place (or of no place, when neither has
  one) only when their values agree (Statements._across_scopes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .restate import (
    Written,
    alike,
    compare,
    holds,
    key_place,
    meet,
    period_of,
    periods_compatible,
    same_fact,
    subject_of,
    written,
)


@dataclass(eq=False)
class _Way:
    """One way of stating a fact (a period, a number as written, a subject, a kind): its first
    figure, its place in the order figures were stated, and the fact (the list of its ways)."""

    figure: dict
    order: int
    fact: list[_Way]
    _written: Written | None = None
    owner: str | None = None  # (a way of no honoree) the honoree whose figure it was found to restate

    @property
    def written(self) -> Written:  # read when first compared: an append adds many, compares few
        if self._written is None:
            self._written = written(self.figure)
        return self._written


def _way(figure: dict) -> tuple:
    """What figures written alike share: one of them stands for all (the earliest)."""
    return (period_of(figure), figure["raw"], figure["value"], figure["approx"], figure.get("honoree"),
            key_place(figure), figure["kind"])


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

    def __init__(self, figures: Iterable[dict] = (), honorees: Iterable[dict] = (), sources: Iterable[dict] = ()):
        """figures: stated in their order, once what honorees and sources say is known."""
        self._ways: dict[tuple, dict[str, list[_Way]]] = {}  # (metric, unit, subject) → source → its ways
        self.dates = {s["id"]: s.get("date") for s in sources}  # source id → its date: part's certainty, _in_time
        self.homes = {h["id"]: h.get("home_region") for h in honorees}  # honoree id → its home (_home)
        self.alike: dict[tuple, _Way] = {}  # (metric, unit, subject, way) → the way
        self._count = 0
        for figure in figures:
            self.add(figure)

    def add(self, figure: dict) -> None:
        self.state(figure)

    def state(self, figure: dict) -> tuple[list[dict], list[tuple[dict, dict]]]:
        """Add the figure; return the earlier figures (of other sources) of the fact it states, one
        for each way of writing it, earliest first, and the (inner, outer) pairs of figures of other
        sources that one of which holds the other (holds)."""
        subject = subject_of(figure)
        if figure["kind"] == "duration":
            return [], []
        if subject is None:  # no honoree, no place: only as an honoree's figure of no place, written alike
            return [w.figure for w in self._across(figure, None)], []
        key = (figure["metric"], figure["unit"], subject)
        by_source = self._ways.setdefault(key, {})
        way = self.alike.get(key + (_way(figure),))
        parts: list[tuple[dict, dict]] = []
        if way is None:
            parts = [(figure, w.figure) if holds(w.figure, figure) else (w.figure, figure)
                     for w in self._others(by_source, figure) if holds(w.figure, figure) or holds(figure, w.figure)]
            fact = self._closest(by_source, figure)
            way = self.alike[key + (_way(figure),)] = _Way(figure, self._count, fact if fact is not None else [])
            way.fact.append(way)
            by_source.setdefault(figure["source"], []).append(way)
        self._count += 1
        same = [w.figure for w in way.fact if w.figure["source"] != figure["source"]]
        return same + [w.figure for w in self._across(figure, way) if w.figure not in same], parts

    def _across(self, figure: dict, way: _Way | None) -> list[_Way]:
        """The ways of other sources that state, across scopes, what figure states: for a figure of
        no honoree, one honoree's figures of its place (or of no place, when it has none; an
        honoree's figure of no place is also of its home: _home) written alike (青岛累计帮助陇南
        销售扶贫产品8.58亿元 in a later report, the work team's 8.58亿), when they are one
        honoree's only (two honorees' 3亿 leave a city's 3亿 to neither); for an honoree's figure,
        the earlier figures of no honoree of its place written alike that no other honoree's figure
        was found in. Written alike: the same number, the same 约/多, a period that may be one; a
        rounder agreement (1亿 and 1.25亿) is not enough across scopes, where a different scope
        (the Red Cross's 1亿, the city's 共募集5亿 beside one man's 2600万) is the likelier
        reading. The facts stay apart: each is compared within its own scope."""
        place, honoree = key_place(figure), figure.get("honoree")
        if honoree:
            place = place or self._home(honoree)
            if place is None:
                return []
            found = [w for w in self._others(self._ways.get((figure["metric"], figure["unit"], ("place", place)), {}),
                                             figure) if w.owner in (None, honoree) and _written_alike(figure, w.figure)]
            for w in found:
                w.owner = honoree
            return found
        found = [w for (metric, unit, subject), by_source in self._ways.items()
                 if (metric, unit) == (figure["metric"], figure["unit"]) and subject[0] == "honoree"
                 for w in self._others(by_source, figure)
                 if place in (key_place(w.figure), key_place(w.figure) or self._home(w.figure["honoree"]))
                 and _written_alike(figure, w.figure)]
        owners = {w.figure["honoree"] for w in found}
        if len(owners) != 1:
            return []
        if way is not None:
            way.owner = owners.pop()
        return found

    def _home(self, honoree: str) -> tuple[str] | None:
        """An honoree's figure whose sentence names no place is of its home, across scopes: a later
        report's 胶州市…累计采购协作地产品1.8亿元 states the 胶州 office's 1.8亿 of its section."""
        home = self.homes.get(honoree)
        return (home,) if home else None

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
        wn, pn, best = written(new), period_of(new), None
        fits: dict[int, bool] = {}  # id(fact) → new is alike to its every way
        for way in self._others(by_source, new):
            if not same_fact(new, way.figure) or not self._in_time(new, way.figure):
                continue
            if (fit := fits.get(id(way.fact))) is None:
                fit = fits[id(way.fact)] = all(alike(new, w.figure) and self._in_time(new, w.figure)
                                               and _dated_alike(wn, new, w) for w in way.fact)
            if not fit:
                continue
            po = period_of(way.figure)
            tier = 2 if pn is None or po is None else 0 if pn == po else 1
            rank = (tier, not meet(wn, way.written), abs(wn.value - way.written.value), way.order)
            if best is None or rank < best[0]:
                best = (rank, way.fact)
        return best[1] if best else None


    def _in_time(self, a: dict, b: dict) -> bool:
        """Whether an undated figure may state a dated one, as far as the articles' dates tell: not
        when a later article dates the other to a period its own article was written before the
        end of (the bundled article's undated 341个 workshops, of February 2021, are no statement of
        a 2022 report's 56 built in 2021)."""
        if (period_of(a) is None) == (period_of(b) is None):
            return True
        undated, dated = (a, b) if period_of(a) is None else (b, a)
        written_on, later = self.dates.get(undated["source"]) or "", self.dates.get(dated["source"]) or ""
        if not written_on or not later or later <= written_on:
            return True
        end = dated["period_end"] or later[:4]
        return written_on >= f"{end}-12-31"


def _dated_alike(written_new, new: dict, way: _Way) -> bool:
    """A figure of one year and one the text does not date are one fact only when their values
    meet: the undated figure may be a whole of many years (the Anshun team's 消费扶贫4.05亿元, its
    record since 2013) and a later report's 2019年…1.2亿元 one year of it, no restatement that
    disagrees; the same value written twice is the likelier one fact. A span (2017年以来) and an
    undated figure may still be one fact that the sources disagree on: both may be the record."""
    periods = [period_of(new), period_of(way.figure)]
    if None not in periods or periods == [None, None]:
        return True
    (start, end), = [p for p in periods if p is not None]
    return start != end or meet(written_new, way.written)


def _written_alike(a: dict, b: dict) -> bool:
    """The same number as written (8.58亿元 and 8.58亿: one value, one 约/多) and periods that may be one."""
    return (a["value"], a["approx"], a["kind"]) == (b["value"], b["approx"], b["kind"]) and periods_compatible(a, b)


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
    (2017年以来 written in February 2021; a 2021 figure of an article of 2022), or outer's span is
    open (its article's date unknown): then it may."""
    note = f"{outer['raw']} over {_span(outer)} ({outer['source']}) covers {inner['raw']} in {_span(inner)} ({inner['source']})"
    told = (dates or {}).get(outer["source"]) or ""
    later = (dates or {}).get(inner["source"]) or ""
    latest = later + "-12-31"[len(later) - 4:] if later else ""  # 2021 may be 2021-12-31; 2021-03, 2021-03-31
    partial = (told[:4] == str(outer["period_end"]) == str(inner["period_end"]) and latest > told
               and not told.endswith("-12-31"))
    if outer["period_end"] is None:  # open (2017年以来 of an article of unknown date): it may end before inner
        partial = True
        note += f"; if {outer['source']}, of unknown date, was written after {_span(inner)}"
    elif partial:
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


def link(new_figures: Iterable[dict], old_figures: Iterable[dict], honorees: Iterable[dict] = ()) -> list[dict]:
    """The restatement rows of linked for new figures against old ones (of earlier sources);
    honorees: the records that give their homes (Statements.homes)."""
    return linked(new_figures, Statements(old_figures, honorees))[0]
