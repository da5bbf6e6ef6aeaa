"""Containment: which figure lies within another of the same metric and unit, inferred from what
the text says about each one's period, actor, place and kind. part_of (links.py) holds what the
text states outright (其中, 含); this module adds what follows from it, so that a total never
adds a figure to another that already holds it:

- stock: a later size of one stock (扩大到800个, 形成…1200多个) holds the sizes before it;
- scope: a wider actor's figure (the article's own summary, the city office's) holds a unit's
  figure for a place and period within its own;
- region: a figure for a province holds one of the same actor for a place inside it;
- period: a figure over several years holds one of the same actor and place for a year inside;
- region, across actors: another honoree's figure for a place that holds inner's place (a
  prefecture's people lifted out, a county's by another team) may hold it, whoever did the work.

A link is `certain` when the periods prove it (both dated, one inside the other, or the article's
undated summary), and only possible when a period is missing: totals then become intervals.
Figures of one sentence are siblings (an enumeration, a list of separate results), and so are the
parts of one total (the lines under 其中：): neither holds the other unless the text links them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .article import Article
    from .quantities import Figure
    from .sections import Section

_CONTAINABLE = ("amount", "state")
_NEAREST = 8  # other honorees read for a figure at each place above its own: the nearest sections


def infer(article: Article, figures: list[Figure]) -> list[dict]:
    """The containment records of one article: each figure with every figure that holds it."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.kind in _CONTAINABLE:
            groups[(f.metric, f.unit)].append(f)
    records = []
    running: dict[int, bool] = {}  # id(figure) → a running total (累计…): asked once per figure, not per pair
    for members in groups.values():
        index = _Index(article, members, running)
        for inner in members:
            stated = _stated_containers(inner)
            for outer in index.candidates(inner):
                if outer is inner or id(outer) in stated:
                    continue
                found = _holds(article, outer, inner, running)
                if found:
                    reason, certain, note = found
                    records.append({
                        "id": f"{article.figure_id(inner.start)}-in-{outer.start:05d}",
                        "figure": article.figure_id(inner.start), "within": article.figure_id(outer.start),
                        "reason": reason, "certain": certain, "note": note, "source": article.source_id,
                    })
    records.sort(key=lambda r: str(r["id"]))
    return records


class _Index:
    """The figures of one metric and unit by actor (section), place and period, each group in
    value order. A figure's possible holders are read from the few groups whose actor, place and
    period may hold it, from its own value up: the work grows with the links found, not with the
    square of the figures (comparing every pair took 66 s for 10,000 figures). The index only
    narrows the search: _holds decides every link, as before."""

    def __init__(self, article: Article, members: list[Figure], running: dict[int, bool]):
        self.ancestors = article.gaz.ancestors
        groups: dict[tuple, dict[tuple, list[Figure]]] = defaultdict(lambda: defaultdict(list))
        stocks: dict[tuple, list[Figure]] = defaultdict(list)  # a stock's sizes by actor and place, in text order
        for f in members:
            if f.period[0] is None and id(f) not in running:
                running[id(f)] = _cumulative(article, f)  # an undated running total holds undated figures
            groups[(id(f.section), f.region)][(f.period, f.period[0] is None and running[id(f)])].append(f)
            if f.kind == "state":
                stocks[(id(f.section), f.region)].append(f)
        self.groups = {key: {period: _Run(run) for period, run in periods.items()} for key, periods in groups.items()}
        self.stocks = {key: _Stock(sizes) for key, sizes in stocks.items()}
        self.cities = list(dict.fromkeys(id(f.section) for f in members
                                         if f.section is not None and f.section.honoree["scope"] == "city"))
        # place → the actors with figures there, as (paragraph where the actor's section starts, actor), sorted
        first = {id(f.section): f.section.first if f.section is not None else -1 for f in members}
        self.actors_at: dict[str | None, list[tuple[int, int]]] = defaultdict(list)
        for actor, place in sorted(self.groups, key=lambda key: first[key[0]]):
            self.actors_at[place].append((first[actor], actor))

    def candidates(self, inner: Figure) -> Iterator[Figure]:
        """Every figure that may hold inner by its actor, place, period and value (and some that
        do not: _holds decides), each once."""
        own = id(inner.section)
        actors = [own]
        if inner.section is not None:
            actors.append(id(None))  # the article's own figures speak for all honorees
            if inner.section.honoree["scope"] == "unit":
                actors += self.cities
        places = [None] if inner.region is None else list(dict.fromkeys([inner.region, None,
                                                                          *self.ancestors(inner.region)]))
        for actor in actors:
            summary = actor == id(None)
            for place in places:
                if actor == own and (own, place) in self.stocks:  # a later size of the stock: any period
                    yield from self.stocks[(own, place)].after(inner)
                for (period, cumulative), run in self.groups.get((actor, place), {}).items():
                    if _period(period, inner.period, summary, cumulative) is None:
                        continue
                    # In inner's own group, an equal value holds it only as an undated running total.
                    same = actor == own and place == inner.region and period == inner.period
                    for outer in run.from_value(inner, strict=same and (period[0] is not None or summary)):
                        if not (actor == own and outer.kind == "state" and outer.start > inner.start):
                            yield outer  # (a later size of the stock came above)
        if inner.section is not None and inner.region is not None:
            yield from self._across(inner, inner.section, inner.region, set(actors))

    def _across(self, inner: Figure, section: Section, region: str, read: set[int]) -> Iterator[Figure]:
        """Other honorees' figures for a place that holds inner's region, of a period that may meet its
        own: of the _NEAREST honorees with figures there whose sections are nearest inner's (an article
        has a handful; one of hundreds of teams would link each team's figures to all the others')."""
        for place in self.ancestors(region):
            actors = self.actors_at.get(place, [])
            i = bisect.bisect_left(actors, (section.first,))
            for _, actor in actors[max(0, i - _NEAREST // 2):i + _NEAREST // 2]:
                if actor not in read:
                    for (period, _), run in self.groups[(actor, place)].items():
                        if _may_meet(period, inner.period):
                            yield from run.from_value(inner, strict=False)


class _Run:
    """Figures of one actor, place and period in value order; a figure's siblings (of its
    sentence, not sizes of a stock) never hold it, and are stepped over a run at a time."""

    def __init__(self, figures: list[Figure]):
        self.figures = sorted(figures, key=attrgetter("value", "start"))
        self.values = [f.value for f in self.figures]
        self.run_end = list(range(1, len(self.figures) + 1))  # past the siblings in a row from i
        for i in reversed(range(len(self.figures) - 1)):
            f, g = self.figures[i], self.figures[i + 1]
            if f.kind != "state" and g.kind != "state" and f.sentence.start == g.sentence.start:
                self.run_end[i] = self.run_end[i + 1]

    def from_value(self, inner: Figure, strict: bool) -> Iterator[Figure]:
        """The figures of value at least inner's (above it if strict), but inner's siblings."""
        i = (bisect.bisect_right if strict else bisect.bisect_left)(self.values, inner.value)
        while i < len(self.figures):
            f = self.figures[i]
            if f.kind != "state" and f.sentence.start == inner.sentence.start:
                i = self.run_end[i]
            else:
                yield f
                i += 1


class _Stock:
    """The sizes of a stock of one actor and place, in text order."""

    def __init__(self, sizes: list[Figure]):
        self.sizes = sorted(sizes, key=attrgetter("start"))
        self.starts = [f.start for f in self.sizes]
        self.highest = [f.value for f in self.sizes]  # the largest size from i on: stop when none is big enough
        for i in reversed(range(len(self.sizes) - 1)):
            self.highest[i] = max(self.highest[i], self.highest[i + 1])

    def after(self, inner: Figure) -> Iterator[Figure]:
        """The sizes later in the text than inner, of value at least inner's."""
        i = bisect.bisect_right(self.starts, inner.start)
        while i < len(self.sizes) and self.highest[i] >= inner.value:
            if self.sizes[i].value >= inner.value:
                yield self.sizes[i]
            i += 1


def _stated_containers(f: Figure) -> set[int]:
    """The figures part_of already names for f, directly or further up (as object ids)."""
    found: set[int] = set()
    current = f.part_of
    while current is not None and id(current) not in found:
        found.add(id(current))
        current = current.part_of
    return found


def _holds(article: Article, outer: Figure, inner: Figure, running: dict[int, bool]) -> tuple[str, bool, str] | None:
    if outer.value < inner.value or outer.sentence == inner.sentence and outer.kind != "state":
        return None
    if inner.part_of is not None and outer.part_of is inner.part_of:
        return None  # parts of one total (普定县 4.1亿元, 西秀区 5.5亿元 under 其中：) are siblings
    actor = _actor(outer, inner)
    if actor == "other":
        return _across(article, outer, inner)
    place = _place(article, outer, inner)
    if actor is None or place is None:
        return None
    if outer.kind == "state" and inner.start < outer.start and actor == "same":
        return "stock", True, f"{inner.raw} is an earlier size of the stock that reached {outer.raw}"
    if id(outer) not in running:
        running[id(outer)] = _cumulative(article, outer)
    period = _period(outer.period, inner.period, summary=outer.section is None, cumulative=running[id(outer)])
    if period is None:
        return None
    certain = period == "inside"
    if actor == "wider":
        who = "the article's own figure" if outer.section is None else f"{outer.section.honoree['id']}'s city-wide figure"
        return "scope", certain, f"{who} {outer.raw} covers {inner.raw}"
    if place == "wider":
        return "region", certain, f"{outer.raw} for {outer.region or 'all places'} covers {inner.raw} for {inner.region}"
    if outer.framed:
        return None  # its period is its paragraph's (2017年以来,…。援建车间341个): no sign it sums the years
    if period == "inside" and outer.period != inner.period:
        return "period", True, f"{outer.raw} over {_span(outer)} covers {inner.raw} in {_span(inner)}"
    if period == "undated" or (period == "inside" and outer.value > inner.value):
        return "period", False, f"{inner.raw} may be part of {outer.raw} ({_span(outer)}): the text does not date both"
    return None


def _across(article: Article, outer: Figure, inner: Figure) -> tuple[str, bool, str] | None:
    """Another honoree's figure for a place holding inner's (Anshun's people lifted out, a county of
    Anshun's by another team) may count inner's: the text never says whose work each counts, so
    only possibly, and not when both periods are given and apart."""
    if inner.region is None or outer.region not in article.gaz.ancestors(inner.region) or \
            not _may_meet(outer.period, inner.period):
        return None
    assert outer.section is not None and inner.section is not None
    return "region", False, (f"{outer.raw} for {outer.region} ({outer.section.honoree['id']}) may hold {inner.raw} "
                             f"for {inner.region} ({inner.section.honoree['id']}): the text does not say whose work "
                             "each counts")


def _actor(outer: Figure, inner: Figure) -> str | None:
    """same, wider (outer's actor holds inner's), other (another honoree), or None (an honoree's
    figure never holds the article's own)."""
    if outer.section is inner.section:
        return "same"
    if outer.section is None:
        return "wider"  # the article's own figures speak for all honorees
    if inner.section is None:
        return None
    if outer.section.honoree["scope"] == "city" and inner.section.honoree["scope"] == "unit":
        return "wider"
    return "other"


def _place(article: Article, outer: Figure, inner: Figure) -> str | None:
    """same, wider (outer's region holds inner's), or None."""
    if outer.region == inner.region:
        return "same"
    if outer.region is None:
        return "wider"  # no place named: all the actor's places
    if inner.region is not None and outer.region in article.gaz.ancestors(inner.region):
        return "wider"
    return None


def _cumulative(article: Article, f: Figure) -> bool:
    """累计, 共计 …: a running total, which may hold figures the text does not date."""
    before = article.text[article.clause(f.start, f.end, f.sentence)[0]:f.start]
    return any(word in before for word in article.lex.cumulative_markers)


def _period(outer: tuple, inner: tuple, summary: bool, cumulative: bool) -> str | None:
    """inside (outer's period holds inner's), undated (one has none: it may), or None."""
    (a_start, a_end), (b_start, b_end) = outer, inner
    if a_start is not None and b_start is not None:
        # An end the text leaves open (since 2011, in an article that names no year to close it)
        # runs on: it holds every later year, and a figure it dates is held only by another such.
        return "inside" if a_start <= b_start and _last(b_end) <= _last(a_end) else None
    if summary and a_start is None:
        return "inside"  # the article's undated summary: everything to date
    if a_start is not None and a_start != a_end:
        return "undated"  # a multi-year total, and a figure the text does not date
    if a_start is None and b_start is None and cumulative:
        return "undated"  # a running total the text does not date, and another undated figure
    return None


def _may_meet(outer: tuple, inner: tuple) -> bool:
    """The periods may share a year: one is not given, or they overlap."""
    (a_start, a_end), (b_start, b_end) = outer, inner
    return a_start is None or b_start is None or (a_start <= _last(b_end) and b_start <= _last(a_end))


def _last(end: int | None) -> float:
    return float("inf") if end is None else end


def _span(f: Figure) -> str:
    start, end = f.period
    return "no stated period" if start is None else str(start) if start == end else f"{start}–{end or ''}"
