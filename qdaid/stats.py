"""Totals a careful analyst would sign: per group, always per metric and unit, never adding a
figure to another that holds it, and an interval where the text cannot rule an overlap out.

For each group of selected figures:
- a figure held by another selected figure of the group (part_of, or a containment the build
  inferred: period, scope, region, stock) is `excluded`; certainly when the text proves it,
  possibly when a period is missing;
- `total` is the sum of the figures nothing holds (the best estimate); only amounts add up, and a
  single size of a stock is its own total;
- `total_min`/`total_max` is the interval the text supports: equal to `total` when the added
  figures are provably disjoint (different years, places that do not nest, items one sentence
  lists) and nothing was excluded on a mere possibility; otherwise from the larger of the largest
  figure and the heaviest sum of disjoint ones (a multi-year total's years outside its own year's
  figure among them: overlap.py), to the plain sum of every figure not certainly held.
  A part that two added figures both certainly hold is counted once in both the total and the sum.

This is the one place totals are made, for every store (facts.py: one SQLite engine). Most
figures are held by nothing: SQL sums those per group (_free_parts); only the figures something
may hold, and those that hold them, come to Python, group by group (_involved). A group's Tally
gathers both.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .exact import ExactSum, Sum, number
from .model import ADDING_KINDS, APPROXIMATE, LOWER_BOUND, OPEN_END, STATS_KEYS, DataError, UsageError, period_label
from .overlap import add_part, disjoint_sum, heaviest_sentences, pairwise_disjoint, year_shares
from .restatements import disagreements

if TYPE_CHECKING:
    from .facts import FactBase
    from .filters import Where

# What stats reads of a figure that something may hold (the group keys are among them).
NEEDED = ("id", "source", "honoree", "metric", "unit", "value", "approx", "kind", "period_start", "period_end",
          "region", "paragraph", "quote")


def totals(base: FactBase, where: Where, by: list[str], explain: bool = False) -> tuple[list[dict], int]:
    """`qdaid stats`: one row per group (the keys asked for, then metric and unit: different things
    never add), and how many figures the filters selected. explain: each row lists the figures it
    counts and those it excludes, and why."""
    keys = _keys(by)
    columns = list(dict.fromkeys([*(k for k in keys if k != "year"), "period_start", "period_end", "region"]))
    key_of = _key_of(keys)

    def linked(fid: str) -> bool:  # something may hold it
        return fid in base.parent_of or fid in base.contained

    tallies: dict[tuple, Tally] = {}
    other = base.second_connection()  # the sums in SQL on another thread, the rest on this one
    with ThreadPoolExecutor(1) as pool:
        sums = pool.submit(_free_parts, base, other or base.db, columns, where, explain) if other else None
        try:
            for key, members, by_id in _involved(base, keys, where, key_of):
                held = base.held_among(members, by_id)
                tallies[key] = Tally()
                tallies[key].add_accounted(members, held, explain)
                tallies[key].shares, tallies[key].holders = year_shares(base, held, by_id)
                tallies[key].add_disagreements(disagreements(base, members, held))
            parts = sums.result() if sums else _free_parts(base, base.db, columns, where, explain)
        except BaseException:  # Ctrl-C or an error here: the query there need not run on
            if other:
                other.interrupt()
            raise
    # Closed once its query is over, never on the way out of an error or a Ctrl-C: the other
    # thread may still be running on it (a Ctrl-C during submit), and closing a connection under
    # a running query crashes the process (a segfault, 1 in 150 interrupts of stats at 90-160 ms).
    if other:
        other.close()
    count = 0
    tops: dict[tuple, list[dict]] = {}  # per group, its parts with free figures (for the headline)
    for part in parts:
        key = key_of(part)
        tally = tallies.setdefault(key, Tally())
        count += part["count"]
        tally.merge_free(part)
        if part["free"]:
            tops.setdefault(key, []).append(part)
    for key, candidates in tops.items():  # the headline: the first of the largest counted figures
        tally, largest = tallies[key], max(part["free_max"] for part in candidates)
        if tally.headline is None or largest >= tally.headline[0]:
            for part in candidates:
                if part["free_max"] == largest:
                    tally.add_headline(largest, *_first_free(base, part, columns, where, linked))
    for tally in tallies.values():
        if tally.spans and tally.counted and not pairwise_disjoint(base, tally.sentences):  # total's search
            heaviest_sentences(base, tally, columns, where, linked)
    rows = [dict(zip(keys, group, strict=True)) | tally.total(base, explain) for group, tally in tallies.items()]
    return sorted(rows, key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys)), count


def counted_in_two_rows(base: FactBase, where: Where, by: list[str]) -> int:
    """How many figures counted in one row lie within a figure counted in another (--by year:
    2020's 7.54亿 in its row, and inside 2017–2021's 8.58亿 in that row): the rows must not be
    added. A figure that a figure of its own row holds is not counted there, so not twice."""
    keys = _keys(by)
    columns = list(dict.fromkeys(["id", *(k for k in keys if k != "year"), "period_start", "period_end"]))
    names = ", ".join(f'"{c}"' for c in columns)
    inferred = f"UNION SELECT figure, within FROM ({links})" if (links := base.links_sql()) else ""
    sql = (f"WITH chosen AS (SELECT {names} FROM figures{where.clause()}), "
           f"links AS (SELECT id AS figure, part_of AS within FROM figures WHERE part_of IS NOT NULL {inferred}) "
           f"SELECT {', '.join(f'a.{c}' for c in names.split(', '))}, {', '.join(f'b.{c}' for c in names.split(', '))} "
           "FROM links JOIN chosen AS a ON a.id = links.figure JOIN chosen AS b ON b.id = links.within")
    key_of = _key_of(keys)
    elsewhere: set[str] = set()
    at_home: set[str] = set()
    for row in base._cursor(sql, where.params):
        inner, outer = (dict(zip(columns, row[i:i + len(columns)], strict=True)) for i in (0, len(columns)))
        (elsewhere if key_of(inner) != key_of(outer) else at_home).add(inner["id"])
    return len(elsewhere - at_home)


def _keys(by: list[str]) -> list[str]:
    for key in by:
        if key not in STATS_KEYS:
            raise UsageError(f"cannot group by {key!r}; choose from {', '.join(STATS_KEYS)}", param="by")
    return list(dict.fromkeys([*by, "metric", "unit"]))


def _key_of(keys: list[str]):
    """A row's group: its values of the keys, a year as its period's label."""
    if "year" not in keys:
        return itemgetter(*keys)  # a tuple: the keys are two at least (metric, unit)
    return lambda row: tuple(period_label(row["period_start"], row["period_end"]) or None if k == "year" else row[k]
                             for k in keys)


ADDS = ADDING_KINDS  # a group sets the other kinds aside and adds the rest
_UNLINKED = "(part_of IS NULL AND NOT EXISTS (SELECT 1 FROM temp.qdaid_linked WHERE r = figures.rowid))"


def _free_parts(base: FactBase, db: Any, columns: list[str], where: Where, explain: bool) -> list[dict]:
    """Per value of the columns, and per class of figure (free: nothing can hold it and it adds;
    aside: nothing can hold it and it never adds; linked: the rest, which _involved reads), one
    part: its count, honorees and range, and for the free its sums, kinds, approximations and
    sentences; explain: its rowids and ids. Figures are tested against a temporary table of the
    linked ones. Grouping by the class, not filtering each aggregate by it, reads each figure once
    and sorts it once (1M figures: 6.4 s of CPU before, 4.5 s). Sums of integers are SQL's (exact);
    fractions are summed as decimals by a Python aggregate, since SQLite's floating sum is not
    exact, and it is called for those values only. db: the connection to run on (its own
    thread's; typed Any, as typeshed's aggregates return numbers and this one exact text)."""
    base._cursor("DROP TABLE IF EXISTS temp.qdaid_linked", db=db)
    base._cursor("CREATE TEMP TABLE qdaid_linked (r INTEGER PRIMARY KEY)", db=db)
    db.create_aggregate("qdaid_exact_sum", 1, ExactSum)
    contained = (f" UNION SELECT figures.rowid FROM ({links}) AS links JOIN figures ON figures.id = links.figure"
                 if (links := base.links_sql()) else "")
    base._cursor(f"INSERT INTO temp.qdaid_linked SELECT rowid FROM figures WHERE part_of IS NOT NULL{contained}", db=db)
    names = ", ".join(f'"{c}"' for c in columns)
    lower, about = sorted(LOWER_BOUND), sorted(APPROXIMATE)
    scan = " NOT INDEXED" if not where.terms or base.broad(where, db) else ""
    ids = "json_group_array(json_array(rowid, id, kind))" if explain else "NULL"
    sql = (f"SELECT {names}, {_UNLINKED} AS unlinked, kind IN {ADDS!r} AS adds, count(*), "
           "json_group_array(DISTINCT honoree) FILTER (WHERE honoree <> ''), min(value), max(value), "
           "sum(value) FILTER (WHERE typeof(value) = 'integer'), "
           "qdaid_exact_sum(value) FILTER (WHERE typeof(value) = 'real'), min(kind), max(kind), "
           f"max(approx IN ({', '.join('?' * len(lower))})), max(approx IN ({', '.join('?' * len(about))})), "
           "min(source), min(paragraph), min(quote), max(source), max(paragraph), max(quote), "
           f"{ids}, max(value) FILTER (WHERE approx IN ({', '.join('?' * len(lower))})) "
           f"FROM figures{scan}{where.clause()} GROUP BY {names}, unlinked, adds")
    fields = (*columns, "unlinked", "adds", "count", "honorees", "low", "high", "int_sum", "real_sum",
              "kind_low", "kind_high", "lower_bound", "approximate", "source_low", "paragraph_low", "quote_low",
              "source_high", "paragraph_high", "quote_high", "ids", "lower_max")
    parts = []
    for row in base._cursor(sql, (*lower, *about, *lower, *where.params), db=db):
        part = dict(zip(fields, row, strict=True))
        free, aside = part["unlinked"] and part["adds"], part["unlinked"] and part["adds"] == 0
        listed = json.loads(part["ids"]) if explain else []
        # free_max and ids are read of a free part only (merge_free)
        part.update(free=part["count"] if free else 0, free_max=part["high"], ids=[(r, i) for r, i, _ in listed],
                    aside=part["count"] if aside else 0, aside_ids=[tuple(t) for t in listed] if aside else [])
        parts.append(part)
    return parts


def _involved(base: FactBase, keys: list[str], where: Where, key_of):
    """(group, its figures that something may hold, every figure of the group by id: those and the
    figures that hold them), group by group, each in the order of the text: what held_among and
    year_shares need, one group in memory at a time, each text kept once (the figures of one
    sentence share their quote, and names, places and units repeat)."""
    # Found through the indexes (part_of, the ids), then read by rowid: a scan testing every
    # figure against the lists took 3.3 s at a million figures, this 2.1 s.
    inferred = base.links_sql()
    links = (f"SELECT figure AS id FROM ({inferred}) UNION SELECT within FROM ({inferred}) UNION "
             if inferred else "")
    involved = ("rowid IN (SELECT rowid FROM figures WHERE part_of IS NOT NULL UNION SELECT figures.rowid FROM figures "
                f"JOIN ({links}SELECT part_of AS id FROM figures WHERE part_of IS NOT NULL) AS t ON figures.id = t.id)")
    # Equal groups must come together: a year is its period (2020 is (2020, 2020); (2017, null) is open, 2017–).
    order = ", ".join("period_start, period_end" if k == "year" else f'"{k}"' for k in keys)
    fields = ("rowid", *NEEDED)
    names = ", ".join(f'"{c}"' for c in fields)
    # the texts (names, places, units, sentences) are kept once; each row is taken apart and put
    # together in C, not field by field in Python
    texts, rest = [n for n in fields if n in _SHARED], [n for n in fields if n not in _SHARED]
    pick_texts, pick_rest = itemgetter(*(fields.index(n) for n in texts)), itemgetter(*(fields.index(n) for n in rest))
    parents, contained = base.parent_of, base.contained
    members: list[dict] = []
    by_id: dict[str, dict] = {}
    key = None
    shared: dict[str, str] = {}
    share = shared.setdefault
    for row in base._cursor(f"SELECT {names} FROM figures WHERE {' AND '.join([involved, *where.terms])} "
                            f"ORDER BY {order}, rowid", where.params):
        said = pick_texts(row)
        figure = dict(zip(rest, pick_rest(row), strict=True))
        figure.update(zip(texts, map(share, said, said), strict=True))
        if (found := key_of(figure)) != key:
            if by_id:
                yield key, members, by_id
            members, by_id, key = [], {}, found
        fid = figure["id"]
        if fid in parents or fid in contained:  # something may hold it
            members.append(figure)
        by_id[fid] = figure
    if by_id:
        yield key, members, by_id


_SHARED = ("source", "honoree", "metric", "unit", "approx", "kind", "region", "quote")


def _first_free(base: FactBase, part: dict, columns: list[str], where: Where, linked) -> tuple[int, str]:
    """(rowid, id) of the first free figure of this part with its largest value: the headline,
    found through the value index where the store has one."""
    same = [f'"{c}" IS ?' for c in columns]
    indexed = base._column("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'figures_value'")
    sql = (f"SELECT rowid, id, part_of FROM figures{' INDEXED BY figures_value' if indexed else ''} "
           f"WHERE {' AND '.join(['value = ?', *same, *where.terms])} ORDER BY rowid")
    for rowid, fid, part_of in base._cursor(sql, (part["free_max"], *(part[c] for c in columns), *where.params)):
        if part_of is None and not linked(fid):
            return rowid, fid
    raise DataError(f"{base.path}: the figures changed while they were read")


class Tally:
    """What a group's total is made of, gathered in one pass: every member (count, honorees, range)
    and what the held figures leave (the counted ones add up; the open ones, those not certainly
    held, bound the interval). The SQLite store fills it from SQL for the many figures nothing
    holds (merge_free), and figure by figure for the few that something may hold."""

    def __init__(self) -> None:
        self.count, self.low, self.high = 0, None, None
        self.honorees: set[str] = set()
        self.counted, self.counted_sum, self.open_sum, self.largest_open = 0, Sum(), Sum(), None
        self.kinds: set[str] = set()
        self.headline: tuple | None = None  # (value, position in the text, id): the first of the largest
        self.lower_bound = self.approximate = False
        self.first_year = self.last_year = None
        self.sentences: set[tuple] = set()  # (source, paragraph, quote, period_start, period_end, region)
        # signature → [the sum of its counted figures, whether one is 多/余]: one sentence's figures are
        # disjoint, so each signature is one unit of the largest disjoint sum (overlap.disjoint_sum)
        self.units: dict[tuple, list] = {}
        self.spans: dict[tuple, dict] = {}  # a unit that stands for a part of several sentences → the part (add_part)
        self.shares: list[tuple] = []  # overlap.year_shares: a total's years beyond its year's part,
        self.holders: dict[tuple, list] = {}  # and what each holder certainly holds
        self.unit_ids: dict[tuple, tuple[str, str]] = {}  # a unit's first and last figure, for --explain
        self.counted_ids: list[tuple[int, str]] = []  # (position in the text, id), for --explain
        self.held: dict[str, list[tuple[str, str, bool]]] = {}  # the excluded figures' links, for --explain
        self.aside: list[tuple] = []  # (position, id, kind) of the figures set aside, for --explain
        self.excluded, self.possibly_held, self.twice = 0, False, Sum()
        self.open_lower_bound = False  # a 多/余 figure among those the most the total can be adds
        self.largest_lower = None  # the largest of those 多/余 figures
        self.undated = False  # a counted figure without a period
        self.spread_low, self.spread_high = Sum(), Sum()  # how far sources that disagree move the total
        self.disagreements: list[str] = []  # "a vs b", for the note
        self.least_said_lower = False  # the least value sources give for a fact is 多/余 (at least)

    def add_accounted(self, members: list[dict], held: dict, explain: bool = False) -> None:
        """The members' part in the sums (the figures something may hold, each with its rowid, its
        place in the text); held: id → links to the members that hold it (held_among). Members of
        a kind that never adds are set aside, unless something holds them."""
        self._exclude(held, {f["id"]: f["value"] for f in members if f["id"] in held})
        aside = [(f["rowid"], f["id"], f["kind"]) for f in members if f["kind"] not in ADDS and f["id"] not in held]
        self.excluded += len(aside)
        if explain:
            self.held.update(held)
            self.aside += aside
        adding = [f for f in members if f["kind"] in ADDS]
        certain = {i for i, links in held.items() if any(c for _, _, c in links)}
        opened = [f for f in adding if f["id"] not in certain]  # not certainly held: in the plain sum
        self.open_sum.extend([f["value"] for f in opened])
        if opened:
            largest = max(f["value"] for f in opened)
            self.largest_open = largest if self.largest_open is None else max(self.largest_open, largest)
            lower = [f["value"] for f in opened if f["approx"] in LOWER_BOUND]
            if lower:
                self.open_lower_bound = True
                self.largest_lower = max(lower) if self.largest_lower is None else max(self.largest_lower, *lower)
        counted = [f for f in adding if f["id"] not in held]
        if not counted:
            return
        self.counted += len(counted)
        self.counted_sum.extend([f["value"] for f in counted])
        first = max(range(len(counted)), key=lambda i: counted[i]["value"])  # the first of the largest
        self.add_headline(counted[first]["value"], counted[first]["rowid"], counted[first]["id"])
        self.kinds.update({f["kind"] for f in counted})
        approx = {f["approx"] for f in counted}
        self.lower_bound = self.lower_bound or not approx.isdisjoint(LOWER_BOUND)
        self.approximate = self.approximate or not approx.isdisjoint(APPROXIMATE)
        for f in counted:
            self.add_period(f["period_start"], f["period_end"])
            self.undated = self.undated or f["period_start"] is None
            sig = (f["source"], f["paragraph"], f["quote"], f["period_start"], f["period_end"], f["region"])
            self.sentences.add(sig)
            unit = self.units.setdefault(sig, [Sum(), False])
            unit[0].add(f["value"])
            unit[1] = unit[1] or f["approx"] in LOWER_BOUND
            if explain:
                self.unit_ids.setdefault(sig, (f["id"], f["id"]))
        if explain:
            self.counted_ids += [(f["rowid"], f["id"]) for f in counted]

    def add_disagreements(self, facts: list[tuple[str, Any, str, list[dict]]]) -> None:
        """Facts sources state differently (restatements.disagreements): the interval moves to the least value
        and the largest, each end ≥ when the value it moved to is 多/余 (30万余 beside 29.2万)."""
        for fid, value, approx, later in facts:
            said = [(value, approx), *((f["value"], f["approx"]) for f in later)]
            values = [Decimal(v) if type(v) is int else Decimal(repr(v)) for v, _ in said]
            least, most = values.index(min(values)), values.index(max(values))
            self.spread_low.add_exact(values[least] - values[0])
            self.spread_high.add_exact(values[most] - values[0])
            self.least_said_lower = self.least_said_lower or said[least][1] in LOWER_BOUND
            self.open_lower_bound = self.open_lower_bound or said[most][1] in LOWER_BOUND
            self.disagreements.append(" vs ".join([fid, *(f["id"] for f in later)]))

    def merge_free(self, part: dict) -> None:
        """A part of the group gathered by SQL (_free_parts): all its figures' count, honorees and
        range, and the sums of its free ones, those nothing can hold."""
        self.count += part["count"]
        self.honorees.update(json.loads(part["honorees"]))
        self.low = part["low"] if self.low is None else min(self.low, part["low"])  # the first of equals kept
        self.high = part["high"] if self.high is None else max(self.high, part["high"])
        self.excluded += part["aside"]
        self.aside += part["aside_ids"]  # --explain
        if not part["free"]:
            return
        self.counted += part["free"]
        for exact in (self.counted_sum, self.open_sum):
            exact.add(part["int_sum"] or 0)
            if part["real_sum"] is not None:
                exact.add_exact(Decimal(part["real_sum"]))
        if self.largest_open is None or part["free_max"] > self.largest_open:
            self.largest_open = part["free_max"]
        self.kinds.update((part["kind_low"], part["kind_high"]))  # of two kinds or more, two tell as much as all
        self.lower_bound = self.lower_bound or bool(part["lower_bound"])
        self.open_lower_bound = self.open_lower_bound or bool(part["lower_bound"])  # the free are open
        if part["lower_max"] is not None and (self.largest_lower is None or part["lower_max"] > self.largest_lower):
            self.largest_lower = part["lower_max"]
        self.approximate = self.approximate or bool(part["approximate"])
        self.add_period(part["period_start"], part["period_end"])
        self.undated = self.undated or part["period_start"] is None
        # One sentence, or two or more; then the least and greatest stand for them: they differ, as
        # two of them do, and each differs from any other sentence as one of them does.
        place = (part["period_start"], part["period_end"], part["region"])
        low = (part["source_low"], part["paragraph_low"], part["quote_low"], *place)
        high = (part["source_high"], part["paragraph_high"], part["quote_high"], *place)
        self.sentences.update((low, high))
        unit = add_part(self.units, part, low, high, self.spans)
        if part["ids"]:  # --explain
            self.counted_ids += part["ids"]
            self.unit_ids.setdefault(unit, (min(part["ids"])[1], max(part["ids"])[1]))

    def add_headline(self, value, position: int, fid: str) -> None:
        if self.headline is None or value > self.headline[0] or (value == self.headline[0] and position < self.headline[1]):
            self.headline = (value, position, fid)

    def add_period(self, start, end) -> None:
        if start is not None:  # an open period (2017–) runs on: the row's period is open too (period_end null)
            self.first_year = start if self.first_year is None else min(self.first_year, start)
            self.last_year = max(self.last_year or start, OPEN_END if end is None else end)

    def _exclude(self, held: dict, value_of: dict) -> None:
        """Note the held figures (id → links to the members that hold them; value_of: their values).
        A part that two counted figures both certainly hold (Longnan's 2020 figure, inside Longnan's
        2017–2021 total and inside the city's 2020 figure) would be in the sum twice: `twice` is
        what to take off again. A holder is a member (held_among looks no further): counted unless held."""
        self.excluded += len(held)
        for fid, links in held.items():
            sure = [within for within, _, certain in links if certain]
            if not sure:
                self.possibly_held = True
            holders = sum(1 for within in sure if within not in held)
            if holders > 1:
                self.twice.add((holders - 1) * value_of[fid])

    def total(self, base: FactBase, explain: bool = False) -> dict:
        """The row; explain: with the ids counted and excluded, and why. One rule: `total` is what the
        text proves without counting anything twice, every possible containment taken as real (the
        figures' own links, and any overlap their periods and places cannot rule out: then the largest
        sum of figures that cannot overlap, at least the largest figure alone); `total_max` is the most
        it can be, never less. "—" (None) only when nothing in the group adds."""
        held = self.held if explain else None
        low = high = None
        because: list[str] = []  # why the text proves less than the most (overlap.disjoint_sum)
        lower_bound = self.lower_bound  # the total is the sum of the counted figures, one of them 多/余
        if self.counted:
            disjoint = pairwise_disjoint(base, self.sentences)
            twice = self.twice.value if self.counted > 1 else 0
            proven = self.counted_sum.value - twice
            if disjoint and not self.possibly_held:
                low = high = proven
            else:
                assert self.largest_open is not None  # what is counted is open: counted ⊆ open
                high = self.open_sum.value - twice
                # the largest sum of figures that cannot overlap, else the largest figure alone
                low, lower_bound, because = (proven, lower_bound, []) if disjoint else disjoint_sum(base, self, explain)
                if low <= self.largest_open:  # the largest figure alone: ≥ when that one is 多/余
                    low, lower_bound = self.largest_open, self.largest_lower is not None and self.largest_lower == low
                high = max(high, low)  # parts restated (in words, then a table) were taken off twice
        overlap = low != high  # before the sources' disagreements widen the interval
        if low is not None and high is not None and self.disagreements:
            low, high = low + self.spread_low.value, high + self.spread_high.value
        adds = low is not None
        excluded = [(pos, fid, f"{fid} set aside ({kind}: never added)") for pos, fid, kind in self.aside]
        return {
            "count": self.count, "honorees": len(self.honorees),
            "total": number(low), "total_min": number(low), "total_max": number(high),
            "overlap_possible": adds and overlap,
            "excluded": self.excluded, "min": self.low, "max": self.high,
            "period_start": self.first_year, "period_end": None if self.last_year == OPEN_END else self.last_year,
            "period_partly_undated": adds and self.undated and self.first_year is not None,
            "headline": self.headline[2] if self.headline else None,
            "total_is_lower_bound": adds and (lower_bound or self.least_said_lower),
            "total_max_is_lower_bound": adds and self.open_lower_bound,
            "total_is_approximate": adds and self.approximate,
            "figure_ids": [fid for _, fid in sorted(self.counted_ids)],
            "excluded_ids": [*held, *(fid for _, fid, _ in sorted(excluded))] if held is not None else [],
            "sources_disagree": self.disagreements,
            "excluded_because": [f"{i} in {within} ({reason}{'' if sure else ', possibly'})"
                                 for i, links in held.items() for within, reason, sure in links]
                                + [why for _, _, why in sorted(excluded)] + (because if overlap else [])
                                if held is not None else [],
        }
