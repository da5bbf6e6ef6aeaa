"""Many sources on the query side: the facts two sources state (the restatements the build
links), as a profile and a citation list them, as a source's confirmed and disputed counts, and
as stats spans the values sources disagree on. Reads the fact base; prints nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import ADDING_KINDS, RESTATED

if TYPE_CHECKING:
    from .facts import FactBase

def restatements_of(base: FactBase, figures: list[dict]) -> list[dict]:
    """The facts of these figures that other sources state too: one row per link, {figure,
    other (the other source's figure), source (its source), verdict, reason}."""
    rows = []
    for f in figures:
        for link in base.restated.get(f["id"], ()):
            other = next(base._rows("figures", "id = ?", (link["other"],)), None)
            rows.append({"figure": f["id"], "other": link["other"], "source": other and other["source"],
                         "raw": other and other["raw"], "verdict": link["verdict"], "reason": link["reason"]})
    return rows


def counts_by_source(base: FactBase) -> dict[tuple[str, str], int]:
    """(source, verdict) → how many of the source's figures another source restates with that
    verdict (agrees: confirmed; disagrees: disputed), either side of the link."""
    if "restatements" not in base.present:
        return {}
    return {(source, verdict): n for source, verdict, n in base._cursor(
        "SELECT figures.source, sides.verdict, count(DISTINCT figures.id) FROM figures JOIN "
        "(SELECT figure AS id, verdict FROM restatements UNION ALL SELECT restates, verdict FROM restatements) AS sides "
        "ON figures.id = sides.id GROUP BY 1, 2")}


def disagreements(base: FactBase, members: list[dict], held: dict) -> list[tuple[str, Any, list[dict]]]:
    """The facts sources state with values that disagree, among a group's counted figures: (the
    first source's figure, counted; its value; the later sources' figures of that fact, with their
    values). A fact three sources state is a chain (the build links each figure to its closest
    earlier statement), followed to the figure that restates none. The total then spans the
    values: the least in total_min, the largest in total_max. A fact whose sources all agree is
    counted once at the first source's value."""
    if not base.restated:  # one source, or sources that never restate one another
        return []

    def restates(fid: str) -> str | None:
        return next((within for within, reason, _ in held.get(fid, ()) if reason == RESTATED), None)

    facts: dict[str, list[dict]] = {}
    disagree: set[str] = set()
    for figure in members:
        root, seen = restates(figure["id"]), {figure["id"]}
        if root is None or figure["kind"] not in ADDING_KINDS:
            continue
        differs = any(r["verdict"] == "disagrees" for r in base.restated[figure["id"]])
        while (up := restates(root)) is not None and root not in seen:  # a damaged store may loop
            seen.add(root)
            root = up
        if root in held:  # the fact lies within another figure: not counted, nothing to span
            continue
        facts.setdefault(root, []).append(figure)
        if differs:
            disagree.add(root)
    if not disagree:
        return []
    marks = ", ".join("?" * len(disagree))
    values = dict(base._cursor(f"SELECT id, value FROM figures WHERE id IN ({marks})", sorted(disagree)))
    return [(fid, values[fid], facts[fid]) for fid in facts if fid in disagree and fid in values]
