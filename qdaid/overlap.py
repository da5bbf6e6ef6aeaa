"""Which figures of a total cannot describe the same aid, and what the text proves when some
may: figures of different years, of places that do not nest, or listed by one sentence are
disjoint; the largest sum of figures that are is proven (stats.Tally.total), and so is the part
of a multi-year figure that lies outside its own year's figure (year_shares)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .exact import Sum
from .model import ADDING_KINDS, LOWER_BOUND, OPEN_END

if TYPE_CHECKING:
    from .facts import FactBase
    from .filters import Where

EXACT_UP_TO = 60  # pieces searched exactly (with a step budget); beyond, the largest first
STEPS = 20000  # the exact search's budget: what it has found by then is proven all the same


def disjoint_sum(base: FactBase, tally: Any, explain: bool = False) -> tuple[Any, bool, list[str]]:
    """A sum the text proves when some counted figures may overlap: the heaviest set found of
    pieces that cannot overlap (the tally's units: signature → [Sum, whether one is 多/余]; and the
    remainders year_shares found), less what two of them both hold. Any such set is proven; up
    to EXACT_UP_TO pieces the set is searched for exactly, beyond that taken largest first (the
    search grows with 2^n). With it, whether a taken piece is 多/余, and (explain) for each counted
    unit not taken, a piece it may overlap and why: the interval's reason."""
    units = tally.units
    if len(units) > 2000:  # a scan of pairs beyond this costs more than it tells
        return 0, False, []
    pieces = {sig: (value.value, lower, _shape(sig)) for sig, (value, lower) in units.items()}
    for key, value, lower, shape in tally.shares:
        pieces[key] = (value, lower, shape)
    keys = sorted(pieces, key=lambda k: (-pieces[k][0], repr(k)))
    taken = _heaviest(base, [pieces[k] for k in keys])
    chosen = [keys[i] for i in taken]
    total = Sum()
    for key in chosen:
        total.add_exact(Decimal(pieces[key][0]))
    lower = any(pieces[key][1] for key in chosen)
    because = _because(base, pieces, chosen, tally.unit_ids) if explain else []
    return total.value - _twice(units, tally.holders, set(chosen)), lower, because


def _heaviest(base: FactBase, pieces: list[tuple]) -> list[int]:
    """The indexes of a heaviest set of pieces (sorted largest first) no two of which can overlap:
    taken largest first, then, for up to EXACT_UP_TO pieces, bettered by a branch-and-bound search
    (three figures: 10.6亿 of no place, which may hold either, bars 8.58亿 in Longnan and 4.05亿 in
    Anshun, which together are more)."""
    n = len(pieces)
    # largest first, and the same without the remainders (a large remainder taken first may bar
    # two figures worth more): the better of the two, so the remainders never make it worse
    sets = (_grow(base, pieces, [], range(n)),
            _grow(base, pieces, [], [i for i in range(n) if pieces[i][2][0][0] != "(rest)"]))
    best = max(sets, key=lambda chosen: sum(pieces[i][0] for i in chosen))
    if n < 3 or n > EXACT_UP_TO:
        return best
    clash = [{j for j in range(n) if j != i and not apart(base, pieces[i][2], pieces[j][2])} for i in range(n)]
    weight = [pieces[i][0] for i in range(n)]
    found = [sum(weight[i] for i in best), best]
    steps = 0

    def search(i: int, chosen: list[int], barred: set[int], total, left) -> None:
        """left: the weight of the pieces from i on that none chosen bars (no set here passes total + left)."""
        nonlocal steps
        steps += 1
        if total > found[0]:
            found[:] = [total, chosen]
        if i == n or steps > STEPS or total + left <= found[0]:
            return
        if i in barred:
            search(i + 1, chosen, barred, total, left)
            return
        newly = {j for j in clash[i] if j > i} - barred
        search(i + 1, [*chosen, i], barred | newly, total + weight[i], left - weight[i] - sum(weight[j] for j in newly))
        search(i + 1, chosen, barred, total, left - weight[i])

    search(0, [], set(), 0, sum(weight))
    return _grow(base, pieces, found[1], range(n))  # complete it: every piece left out clashes with one taken


def _grow(base: FactBase, pieces: list[tuple], taken: list[int], order) -> list[int]:
    """taken, and each piece in order that can overlap none taken so far."""
    taken = list(taken)
    for i in order:
        if i not in taken and all(apart(base, pieces[i][2], pieces[j][2]) for j in taken):
            taken.append(i)
    return sorted(taken)


def _twice(units: dict, holders: dict, chosen: set) -> Any:
    """What two taken units both certainly hold, to take off once more (a part of Longnan's
    2017–2021 total and of the city's 2020 figure, were both taken). holders: a holder's signature
    → the (id, value) of each figure it holds; a holder summed in a unit of several sentences is
    that unit (its place and period)."""
    found: dict[str, list] = {}
    for sig, parts in holders.items():
        key = sig if sig in units else next((u for u in units if u[1:3] == (None, None) and u[3:] == sig[3:]), None)
        if key in chosen:
            for fid, value in parts:
                found.setdefault(fid, [value, 0])[1] += 1
    twice = Sum()
    for value, times in found.values():
        if times > 1:
            twice.add((times - 1) * value)
    return twice.value


def year_shares(base: FactBase, held: dict, by_id: dict[str, dict]) -> tuple[list[tuple], dict]:
    """What the figures something holds tell the lower end beyond that: (the remainders, the holders).

    A remainder: a multi-year figure less its own year's figure (Longnan's 8.58亿 of 2017–2021, of
    which 2020: 7.54亿) lies in the other years, 1.04亿 that no figure of 2020 alone can hold. Only
    where the text makes the part that year's whole: stated as its part (part_of, the year's
    figure or a 其中 with a year of its own), of the same honoree and the same place (Huixian's
    2020 part of a Longnan total leaves Longnan's other 2020 aid in the rest), a period strictly
    inside the total's, both amounts, the part exact (were it 多/余 or 约, the rest could be less)
    and the total exact or 多/余. An inferred period link (捐款57万元 in the COVID months, inside
    2017–2021's 1.25亿) is not one: other money of those months may be in the rest.
    A holder: signature → the (id, value) of the figures it certainly holds (for _twice). held:
    held_among's; by_id: the group's figures."""
    parents = base.parent_of
    parts_of: dict[str, list[str]] = {}  # a holder that is itself held is no holder here
    for fid, links in held.items():
        for within, _, certain in links:
            if certain and within not in held:
                parts_of.setdefault(within, []).append(fid)
    shares: list[tuple] = []
    holders: dict[tuple, list] = {}
    for within in sorted(parts_of):
        whole = by_id[within]
        for fid in parts_of[within]:
            part = by_id[fid]
            holders.setdefault(_signature(whole), []).append((fid, part["value"]))
            if parents.get(fid) == within and _is_year_share(part, whole):
                rest = _exact(whole["value"]) - _exact(part["value"])
                years = [(s, e) for s, e in ((whole["period_start"], part["period_start"] - 1),
                                             (part["period_end"] + 1, whole["period_end"])) if s <= e]
                shares.append((("(rest)", within, fid), rest, whole["approx"] in LOWER_BOUND,
                               (("(rest)", within, fid), tuple(years), whole["region"])))
    return shares, holders


def _is_year_share(part: dict, whole: dict) -> bool:
    ends = (part["period_start"], part["period_end"], whole["period_start"], whole["period_end"])
    return (None not in ends and part["kind"] == whole["kind"] == "amount" and part["approx"] == "exact"
            and whole["approx"] in {"exact", *LOWER_BOUND} and part["honoree"] == whole["honoree"]
            and part["region"] == whole["region"] and whole["period_start"] <= part["period_start"]
            and part["period_end"] <= whole["period_end"] and ends[:2] != ends[2:])


def _exact(value) -> Any:
    return value if type(value) is int else Decimal(repr(value))


def _signature(f: dict) -> tuple:
    return (f["source"], f["paragraph"], f["quote"], f["period_start"], f["period_end"], f["region"])


def _shape(sig: tuple) -> tuple:
    """What disjointness reads of a signature: (its sentence, its years as ranges or None, its place)."""
    start, end = sig[3], sig[4]
    return sig[:3], None if start is None else ((start, OPEN_END if end is None else end),), sig[5]  # 2017–: on


def apart(base: FactBase, a: tuple, b: tuple) -> bool:
    """Whether two pieces cannot hold the same aid: of one sentence, of years that never meet, or
    of places that do not nest. a, b: (sentence, year ranges or None when undated, place)."""
    if a[0] == b[0]:
        return True  # one sentence listing figures of one metric (41名贫困学生、30名贫困残疾人)
    if a[1] is not None and b[1] is not None and \
            not any(s <= f and t <= e for s, e in a[1] for t, f in b[1]):
        return True
    return _apart_places(base, a[2], b[2])


def _apart_places(base: FactBase, a, b) -> bool:
    return bool(a and b and a not in base.within(b) and b not in base.within(a))


def _because(base: FactBase, pieces: dict, chosen: list, unit_ids: dict) -> list[str]:
    """Why the text proves less than the most: each counted unit left out of the proven sum, by its
    first figure, and a taken piece it may overlap (a remainder by its total), with how their
    periods and places leave it open; the figures of a unit of several sentences (one period and
    place) may overlap one another: its first and last."""
    lines = []
    for key, (first, last) in unit_ids.items():
        if key not in pieces:
            continue
        if key not in chosen:
            def name(piece: tuple) -> str | None:  # a remainder by its total
                return piece[1] if piece[0] == "(rest)" else unit_ids.get(piece, (None,))[0]
            other = next((c for c in chosen if name(c) not in (None, first)
                          and not apart(base, pieces[key][2], pieces[c][2])), None)
            if other is not None:
                lines.append(f"{first} may overlap {name(other)} ({_why(pieces[key][2], pieces[other][2])})")
        if first != last and key[1:3] == (None, None):
            lines.append(f"{first} may overlap {last} ({_why(pieces[key][2], pieces[key][2])})")
    return lines


def _why(a: tuple, b: tuple) -> str:
    """How two pieces that may overlap leave it open: their periods (one undated, or years that
    meet), their places (one of no single place, the same, or one inside the other)."""
    when = "undated" if a[1] is None or b[1] is None else "years meet"
    where = "no single place" if not a[2] or not b[2] else "same place" if a[2] == b[2] else "places nest"
    return f"{when}, {where}"


def add_part(units: dict[tuple, list], part: dict, low: tuple, high: tuple, spans: dict[tuple, dict]) -> tuple:
    """A part of a group summed in SQL (stats._free_parts) as units: one sentence's free figures
    are one unit (they are disjoint); several sentences, which may overlap, are their largest
    figure alone, a unit of no sentence of its own (low, high: its first and last sentence), in
    spans with its part (heaviest_sentences reads it again where the lower end is searched).
    Returns the unit's key."""
    if low == high:
        unit = units.setdefault(low, [Sum(), False])
        unit[0].add(part["int_sum"] or 0)
        if part["real_sum"] is not None:
            unit[0].add_exact(Decimal(part["real_sum"]))
        unit[1] = unit[1] or bool(part["lower_bound"])
        return low
    largest = Sum()
    largest.add(part["free_max"])
    alone = (f"(part {len(units)})", None, None, *low[3:])
    spans[alone] = part
    units[alone] = [
        largest, part["lower_max"] is not None and part["lower_max"] == part["free_max"]]
    return alone


def heaviest_sentences(base: FactBase, tally: Any, columns: list[str], where: Where, linked) -> None:
    """A part summed in SQL whose free figures are of several sentences (same place and period: any
    two may overlap) stands in the search for the lower end as its heaviest sentence (one sentence
    lists disjoint figures: ¶23's 41名贫困学生、30名贫困残疾人 prove 71 beside a later 3名 that may be
    among them), not its largest figure alone. Read only for the groups the search runs on."""
    same = [f'"{c}" IS ?' for c in columns]
    sql = (f"SELECT source, paragraph, quote, id, value, approx FROM figures WHERE "
           f"{' AND '.join([*same, 'part_of IS NULL', f'kind IN {ADDING_KINDS!r}', *where.terms])} ORDER BY rowid")
    for unit, part in tally.spans.items():
        sentences: dict[tuple, list] = {}
        for source, paragraph, quote, fid, value, approx in base._cursor(sql, (*(part[c] for c in columns), *where.params)):
            if not linked(fid):
                sentence = sentences.setdefault((source, paragraph, quote), [Sum(), False])
                sentence[0].add(value)
                sentence[1] = sentence[1] or approx in LOWER_BOUND
        if sentences:  # the first of the heaviest
            tally.units[unit] = max(sentences.values(), key=lambda sentence: sentence[0].value)


def pairwise_disjoint(base: FactBase, sentences: set[tuple]) -> bool:
    """True when no two figures can describe the same aid: different years, places that do not
    nest, or items one sentence lists. sentences: each figure's (source, paragraph, quote, period,
    region), figures alike in these checked once (at scale, many share them), so the cost grows with
    the distinct kinds, not the figures."""
    # Two figures of one signature are of one sentence, hence disjoint: checking signatures suffices.
    kinds = [_shape(sig) for sig in sentences]
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            if not apart(base, a, b):
                return False
    return True
