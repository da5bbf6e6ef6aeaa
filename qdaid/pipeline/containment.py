"""Containment: which figure lies within another of the same metric and unit, inferred from what
the text says about each one's period, actor, place and kind. part_of (links.py) holds what the
text states outright (其中, 含); this module adds what follows from it, so that a total never
adds a figure to another that already holds it:

- stock: a later size of one stock (扩大到800个, 形成…1200多个) holds the sizes before it;
- scope: a wider actor's figure (the article's own summary, the city office's) holds a unit's
  figure for a place and period within its own;
- region: a figure for a province holds one of the same actor for a place inside it;
- period: a figure over several years holds one of the same actor and place for a year inside.

A link is `certain` when the periods prove it (both dated, one inside the other, or the article's
undated summary), and only possible when a period is missing: totals then become intervals.
Figures of one sentence are siblings (an enumeration, a list of separate results): neither holds
the other unless the text links them.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_CONTAINABLE = ("amount", "state")


def infer(article: Article, figures: list[Figure]) -> list[dict]:
    """The containment records of one article: each figure with every figure that holds it."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if f.kind in _CONTAINABLE:
            groups[(f.metric, f.unit)].append(f)
    records = []
    running: dict[int, bool] = {}  # id(figure) → a running total (累计…): asked once per figure, not per pair
    for members in groups.values():
        by_actor: dict[int, list[Figure]] = defaultdict(list)  # a figure is held by its own actor's or a wider one's
        for f in members:
            by_actor[id(f.section)].append(f)
        starts = {key: [f.start for f in actor] for key, actor in by_actor.items()}
        states: dict[int, list[Figure]] = defaultdict(list)  # sentence → its sizes of a stock
        for f in members:
            if f.kind == "state":
                states[f.sentence.start].append(f)
        wide = {key: actor for key, actor in by_actor.items()
                if actor[0].section is None or actor[0].section.honoree["scope"] == "city"}
        others: dict[int, list[Figure]] = {}  # per actor, the wider actors' figures: built once, not per figure
        for inner in members:
            stated = _stated_containers(inner)
            own = id(inner.section)
            if own not in others:
                others[own] = [f for key, actor in wide.items() if key != own for f in actor]
            # Two runs in text order: the sort merges them in linear time.
            for outer in sorted(_outside_its_sentence(by_actor[own], starts[own], inner, states)
                                + others[own], key=attrgetter("start")):
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


def _outside_its_sentence(actor: list[Figure], starts: list[int], inner: Figure,
                          states: dict[int, list[Figure]]) -> list[Figure]:
    """The actor's figures (in text order) that could hold inner: those of other sentences, and a
    size of a stock in its own (siblings of one sentence never hold each other)."""
    lo, hi = bisect.bisect_left(starts, inner.sentence.start), bisect.bisect_left(starts, inner.sentence.end)
    own = [f for f in states.get(inner.sentence.start, []) if f.section is inner.section]
    return actor[:lo] + own + actor[hi:]


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
    actor = _actor(outer, inner)
    place = _place(article, outer, inner)
    if actor is None or place is None:
        return None
    if outer.kind == "state" and inner.start < outer.start and actor == "same":
        return "stock", True, f"{inner.raw} is an earlier size of the stock that reached {outer.raw}"
    if id(outer) not in running:
        running[id(outer)] = _cumulative(article, outer)
    period = _period(outer, inner, summary=outer.section is None, cumulative=running[id(outer)])
    if period is None:
        return None
    certain = period == "inside"
    if actor == "wider":
        who = "the article's own figure" if outer.section is None else f"{outer.section.honoree['id']}'s city-wide figure"
        return "scope", certain, f"{who} {outer.raw} covers {inner.raw}"
    if place == "wider":
        return "region", certain, f"{outer.raw} for {outer.region or 'all places'} covers {inner.raw} for {inner.region}"
    if period == "inside" and outer.period != inner.period:
        return "period", True, f"{outer.raw} over {_span(outer)} covers {inner.raw} in {_span(inner)}"
    if period == "undated" or (period == "inside" and outer.value > inner.value):
        return "period", False, f"{inner.raw} may be part of {outer.raw} ({_span(outer)}): the text does not date both"
    return None


def _actor(outer: Figure, inner: Figure) -> str | None:
    """same, wider (outer's actor holds inner's), or None."""
    if outer.section is inner.section:
        return "same"
    if outer.section is None:
        return "wider"  # the article's own figures speak for all honorees
    if inner.section is not None and outer.section.honoree["scope"] == "city" and inner.section.honoree["scope"] == "unit":
        return "wider"
    return None


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


def _period(outer: Figure, inner: Figure, summary: bool, cumulative: bool) -> str | None:
    """inside (outer's period holds inner's), undated (one has none: it may), or None."""
    (a_start, a_end), (b_start, b_end) = outer.period, inner.period
    if a_start is not None and b_start is not None:
        return "inside" if a_start <= b_start and (b_end or b_start) <= (a_end or a_start) else None
    if summary and a_start is None:
        return "inside"  # the article's undated summary: everything to date
    if a_start is not None and a_start != a_end:
        return "undated"  # a multi-year total, and a figure the text does not date
    if a_start is None and b_start is None and cumulative:
        return "undated"  # a running total the text does not date, and another undated figure
    return None


def _span(f: Figure) -> str:
    start, end = f.period
    return "no stated period" if start is None else str(start) if start == end else f"{start}–{end}"
