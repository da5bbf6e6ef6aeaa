"""Many sources on the query side: the facts several sources state (the restatements the build
links), as a profile and a citation list them, as a source's confirmed and disputed counts, and
as stats spans the values sources disagree on. Reads the fact base; prints nothing.

A fact is the figures the restatements connect. The build links a figure to each way an earlier
source wrote its fact (pipeline.statements.Statements), not to every figure written so: a figure
written as an earlier one (the same number, as written) stands for it. So two statements of a
fact are compared by how they are written: the verdict of the link between them, else of any
link between figures written as they are (15.66亿 and 15.65亿: disagrees, whichever source
wrote each)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from .model import ADDING_KINDS, RESTATED

if TYPE_CHECKING:
    from .facts import FactBase


class Facts:
    """The facts of a fact base: each restated figure's fact (the figures the restatements
    connect), how each figure is written and its source, and the verdict and reason found for each
    two ways of writing one fact (a restatement between figures written so)."""

    def __init__(self, base: FactBase):
        self.restated = base.restated
        parent: dict[str, str] = {fid: fid for fid in self.restated}

        def root(fid: str) -> str:
            while parent[fid] != fid:
                parent[fid] = fid = parent[parent[fid]]
            return fid

        for fid, links in self.restated.items():
            for link in links:
                parent[root(fid)] = root(link["other"])
        self.figure: dict[str, tuple] = {}  # id → (rowid, source, raw, value, (raw, value, approx))
        if self.restated:
            rows = base._cursor("SELECT rowid, id, source, raw, value, approx FROM figures WHERE id IN "
                                "(SELECT figure FROM restatements UNION SELECT restates FROM restatements)")
            self.figure = {fid: (rowid, source, raw, value, (raw, value, approx))
                           for rowid, fid, source, raw, value, approx in rows}
        self.members: dict[str, list[str]] = {}  # a fact (its root) → its figures, in the store's order
        for fid in sorted((f for f in self.restated if f in self.figure), key=lambda f: self.figure[f][0]):
            self.members.setdefault(root(fid), []).append(fid)
        self.fact_of = {fid: fact for fact, ids in self.members.items() for fid in ids}
        self.verdicts: dict[tuple, tuple[str, str]] = {}  # (writing, writing) → (verdict, reason), both ways round
        for fid, links in self.restated.items():
            for link in links:
                if fid in self.figure and link["other"] in self.figure:
                    self.verdicts[(self.figure[fid][4], self.figure[link["other"]][4])] = (link["verdict"], link["reason"])

    def verdict(self, a: str, b: str) -> tuple[str, str] | None:
        """(verdict, reason) of two figures of one fact: their own link's, else that of the ways they are
        written; None when no source compared them (figures of one source are never compared)."""
        own = next((link for link in self.restated.get(a, ()) if link["other"] == b), None)
        if own is not None:
            return own["verdict"], own["reason"]
        return self.verdicts.get((self.figure[a][4], self.figure[b][4])) if a in self.figure and b in self.figure \
            else None

    def others(self, fid: str) -> list[tuple[str, str, str, str, str]]:
        """The figures of other sources that state fid's fact: (id, source, raw, verdict, reason)."""
        if fid not in self.fact_of:
            return []
        found = []
        for other in self.members[self.fact_of[fid]]:
            if self.figure[other][1] != self.figure[fid][1] and (said := self.verdict(fid, other)) is not None:
                found.append((other, self.figure[other][1], self.figure[other][2], *said))
        return found


_FACTS: WeakKeyDictionary[Any, Facts] = WeakKeyDictionary()


def facts(base: FactBase) -> Facts:
    """The fact base's Facts, made once (list sources, stats and a profile each read them)."""
    if (found := _FACTS.get(base)) is None:
        found = _FACTS[base] = Facts(base)
    return found


def restatements_of(base: FactBase, figures: list[dict]) -> list[dict]:
    """The facts of these figures that other sources state too: one row per figure of another
    source that states it (every one, not only those linked to it), {figure, other, source (the
    other's source), raw, verdict, reason}."""
    if not base.restated:
        return []
    known = facts(base)
    return [{"figure": f["id"], "other": other, "source": source, "raw": raw, "verdict": verdict, "reason": reason}
            for f in figures for other, source, raw, verdict, reason in known.others(f["id"])]


def counts_by_source(base: FactBase) -> dict[tuple[str, str], int]:
    """(source, verdict) → how many of the source's figures a figure of another source states with
    that verdict (agrees: confirmed; disagrees: disputed; a figure may be both)."""
    if "restatements" not in base.present or not base.restated:
        return {}
    known = facts(base)
    counts: dict[tuple[str, str], int] = {}
    for members in known.members.values():
        # what two figures of a fact are is what their ways of writing are: a figure's verdicts are
        # those of its way with each way another source wrote (a fact of 300 sources, a few ways)
        sources: dict[tuple, set[str]] = {}
        for fid in members:
            sources.setdefault(known.figure[fid][4], set()).add(known.figure[fid][1])
        for fid in members:
            _, source, _, _, way = known.figure[fid]
            said = {known.verdicts.get((way, other)) for other, by in sources.items() if by - {source}}
            for verdict in {v[0] for v in said if v is not None}:
                counts[(source, verdict)] = counts.get((source, verdict), 0) + 1
    return counts


def disagreements(base: FactBase, members: list[dict], held: dict) -> list[tuple[str, Any, str, list[dict]]]:
    """The facts sources state with values that disagree, among a group's counted figures: (the
    figure of the fact that is counted, the one no other of the group restates; its value and
    approx; the group's other figures of that fact, with their values). The total then spans the values: the
    least in total_min, the largest in total_max. A fact two of whose statements in the group
    disagree (any two: 15.66亿, 15.7亿 and 15.65亿 disagree, though 15.7亿 agrees with both) spans
    them all; a fact whose statements all agree is counted once at the counted figure's value."""
    if not base.restated:  # one source, or sources that never restate one another
        return []
    known = facts(base)

    def restates(fid: str) -> str | None:
        return next((within for within, reason, _ in held.get(fid, ()) if reason == RESTATED), None)

    grouped: dict[str, list[dict]] = {}
    for figure in members:
        root, seen = restates(figure["id"]), {figure["id"]}
        if root is None or figure["kind"] not in ADDING_KINDS:
            continue
        while (up := restates(root)) is not None and root not in seen:  # a damaged store may loop
            seen.add(root)
            root = up
        if root not in held and root in known.figure:  # else the fact lies within another figure: not counted
            grouped.setdefault(root, []).append(figure)
    found = []
    for root, later in grouped.items():
        ways = {known.figure[fid][4]: fid for fid in [root, *(f["id"] for f in later)] if fid in known.figure}
        pairs = [(a, b) for a in ways.values() for b in ways.values() if a < b]
        if any((said := known.verdict(a, b)) is not None and said[0] == "disagrees" for a, b in pairs):
            found.append((root, known.figure[root][3], known.figure[root][4][2], later))
    return found
