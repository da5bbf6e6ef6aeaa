"""Row-shaped views of the fact base for `list` and `cite`: which columns, in which order.

Pure data shaping; printing is render's job.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from . import english, fields
from .english import localise
from .facts import FactBase
from .model import QdaidError, period_label
from .restatements import counts_by_source, restatements_of
from .store import source_text


def rows(base: FactBase, kind: str, lang: str = "zh") -> tuple[list[dict], list[str], list[str]]:
    """(rows, all columns, the columns a terminal table shows) for `qdaid list KIND`, names in
    the language asked for (a machine format asks for zh: its names are the original, with the
    English in the _en columns)."""
    found, columns, shown = _rows(base, kind)
    if kind == "metrics" and lang == "en":
        shown = ["metric", "label", "definition", "keywords", "units", "figures"]
    if lang == "en":
        table = {"individual": "honorees", "collective": "honorees"}.get(kind, kind)
        found = [localise(r, table) for r in found]
    return found, columns, shown


def in_english(base: FactBase, profile: dict) -> dict:
    """A profile with English names (honoree, programs, figures' honoree_name)."""
    return {**localise(profile, "honorees"), "figures": figures_in_english(base, profile["figures"]),
            "programs": [localise(p, "programs") for p in profile["programs"]]}


def figures_in_english(base: FactBase, figures):
    """honoree_name in English where the database has it (a list for a list, else streamed)."""
    names = {h["id"]: h.get("name_en") for h in base.honorees.values()}
    english = ({**f, "honoree_name": names.get(f["honoree"] or "") or f["honoree_name"]} for f in figures)
    return list(english) if isinstance(figures, list) else english


def _rows(base: FactBase, kind: str) -> tuple[list[dict], list[str], list[str]]:
    if kind in ("honorees", "individual", "collective"):
        chosen = [h for h in base.honorees.values() if kind == "honorees" or h["kind"] == kind]
        per_honoree = base.counts("honoree")
        out = [{**h, "figures": per_honoree.get(h["id"], 0)} for h in chosen]
        return out, fields.HONOREES, ["id", "name", "kind", "motto", "listed_under", "partner_regions", "figures"]
    if kind == "regions":
        direct = base.counts("region")
        out = [{**r, "figures": sum(direct.get(i, 0) for i in base.within(r["id"]))} for r in base.regions.values()]
        return out, fields.REGIONS, ["id", "name", "level", "parent", "aliases", "figures"]
    if kind == "metrics":
        units: dict[str, dict] = {}
        honorees: dict[str, dict] = {}
        counts: Counter[str] = Counter()
        for f in base.scan("figures", ("metric", "unit", "honoree")):
            units.setdefault(f["metric"], {})[f["unit"]] = None
            honorees.setdefault(f["metric"], {})[f["honoree"]] = None
            counts[f["metric"]] += 1
        words = english.keywords()
        out = [{"metric": m, **english.metric(m), "keywords": words.get(m, []), "units": list(units[m]),
                "figures": counts[m], "honorees": [h for h in honorees[m] if h]} for m in sorted(counts)]
        return out, fields.METRICS, ["metric", "keywords", "units", "figures", "honorees"]
    if kind == "units":  # what each unit is, for a reader who does not know 亩 or 人次
        out = [{"unit": u, "name": english.unit(u)["many"], "note": english.unit(u)["note"] or None, "figures": n}
               for u, n in sorted(base.counts("unit").items())]  # empty is null, in every table
        return out, fields.UNITS, fields.UNITS
    if kind == "sources":  # what each says, and how much of it the other sources confirm or dispute
        figures, restated = base.counts("source"), counts_by_source(base)
        out = [{**s, "figures": figures.get(s["id"], 0), "confirmed": restated.get((s["id"], "agrees"), 0),
                "disputed": restated.get((s["id"], "disagrees"), 0)} for s in base.table("sources")]
        return out, fields.LIST["sources"], ["id", "title", "publisher", "date", *fields.SOURCE_COUNTS]
    table = {"programs": "programs", "events": "events"}[kind]
    columns = fields.LIST[table]
    shown = {"programs": ["id", "name", "honoree", "region"],
             "events": ["date", "precision", "honoree", "region", "text"]}[table]
    return base.table(table), columns, shown


def citation(base: FactBase, figure: dict, folders: list[Path]) -> dict:
    """A figure with its source and the sentence it stands in, marked by offsets."""
    source = base.sources.get(figure["source"], {})
    marked = number_positions(base, [figure], folders).get(figure["id"])  # the number's place in its sentence
    at = figure["start"] - marked[0] if marked else None
    return {
        "id": figure["id"], "raw": figure["raw"], "value": figure["value"], "unit": figure["unit"],
        "kind": figure["kind"], "period_start": figure["period_start"], "period_end": figure["period_end"],
        "period": period_label(figure["period_start"], figure["period_end"]) or None,
        "region": figure["region"], "part_of": figure["part_of"],
        "within": [f"{outer} ({reason}{'' if certain else ', possibly'})"
                   for outer, reason, certain in base.containers(figure["id"])],
        "same_fact": [f"{r['other']} ({r['source']}: {r['raw']}, {r['verdict']}: {r['reason']})"
                      for r in restatements_of(base, [figure])],
        "metric": figure["metric"], "honoree": figure["honoree"], "source": figure["source"],
        "source_title": source.get("title"), "publisher": source.get("publisher"), "date": source.get("date"),
        "path": source.get("path"), "sha256": source.get("sha256"), "paragraph": figure["paragraph"],
        "quote": figure["quote"], "quote_start": at, "start": figure["start"], "end": figure["end"],
        "raw_in_quote": list(marked) if marked else None,
    }


def number_positions(base: FactBase, figures: list[dict], folders: list[Path]) -> dict[str, tuple[int, int]]:
    """figure id → where its number stands in its quoted sentence, for the figures whose source
    text is at hand (a number written twice in one sentence is told apart by its offsets). Each
    source's text is read (and its sha256 checked) once, not once per figure."""
    found = {}
    texts: dict[str, str | None] = {}
    for f in figures:
        if f["source"] not in texts:
            try:
                texts[f["source"]] = source_text(base.sources.get(f["source"], {}), folders)
            except QdaidError:
                texts[f["source"]] = None
        at = _sentence_offset(f, texts[f["source"]])
        if at is not None:
            found[f["id"]] = (f["start"] - at, f["end"] - at)
    return found


def _sentence_offset(figure: dict, text: str | None) -> int | None:
    """Where the quoted sentence starts in the source text: the sentence holding [start, end),
    looked for only where it can stand (a draft of thousands of sentences is not searched whole
    for each of them)."""
    if text is None:
        return None
    quote, start, end = figure["quote"], figure["start"], figure["end"]
    at = text.rfind(quote, max(0, end - len(quote)), start + len(quote))
    return at if at >= 0 and at <= start and end <= at + len(quote) else None


def verdicts(base: FactBase, draft: str, folders: list[Path], compare) -> list[dict]:
    """One row per figure of the draft (the source `draft`, built onto the sources): `supported`
    when the sources that state the same fact all give a value that agrees, `contradicted` when
    one of them does not, `unsupported` when none states it; every source's figure, value and the
    reason beside it, their sentences (source_quotes), and the draft's sentence with the number
    marked 【…】 (context). The build links the draft's figure to each way the sources wrote its
    fact; the fact's statements are every figure those rows connect (_statements). compare(a, b)
    -> (verdict, reason): the build's rule (pipeline.restate.compare), given by the command line,
    which may import the pipeline."""
    from .query import context

    # a duration (七年奋战's 七年) describes its sentence, it is no fact a source states (restate.same_fact)
    figures = list(base._rows("figures", "source = ? AND kind != 'duration'", (draft,), order="start"))
    marks = number_positions(base, figures, folders)
    rows = []
    drafted = {f["id"] for f in figures}
    facts: dict[str, list[dict]] = {}  # a source's figure → its fact's statements (found once, for every draft figure)
    for f in figures:
        linked = [link["other"] for link in base.restated.get(f["id"], ())]
        for fid in linked:
            if fid not in facts:
                facts[fid] = [next(base._rows("figures", "id = ?", (i,))) for i in _statements(base, fid, drafted)]
        others = list({o["id"]: o for fid in linked for o in facts[fid]}.values())
        compared = [compare(f, o) for o in others]
        verdict = ("unsupported" if not others else "contradicted" if any(v == "disagrees" for v, _ in compared)
                   else "supported")
        start, end = marks.get(f["id"]) or _raw_at(f)
        rows.append({
            "verdict": verdict, "figure": f["id"], "raw": f["raw"], "value": f["value"], "unit": f["unit"],
            "metric": f["metric"], "honoree": f["honoree"], "region": f["region"],
            "period": period_label(f["period_start"], f["period_end"]) or None,
            "sources": [o["id"] for o in others], "source_values": [o["raw"] for o in others],
            "reasons": [reason for _, reason in compared],
            "source_quotes": [_marked(o) for o in others],
            "context": context(f["quote"], start, end, reach=len(f["quote"]), mark=True),
            "start": f["start"], "end": f["end"]})
    return rows


def _raw_at(figure: dict) -> tuple[int, int]:
    """Where the sentence first writes the figure's number (its source text not at hand: a web
    page's); the whole sentence when it does not."""
    at = figure["quote"].find(figure["raw"])
    return (at, at + len(figure["raw"])) if at >= 0 else (0, len(figure["quote"]))


def _marked(figure: dict) -> str:
    """A source's sentence, its number marked 【…】 where the sentence writes it."""
    from .query import context

    return context(figure["quote"], *_raw_at(figure), reach=len(figure["quote"]), mark=True)


def _statements(base: FactBase, figure: str, drafted: set[str]) -> list[str]:
    """The sources' figures that state the fact of this one (a source's figure a draft's figure is
    linked to): itself, and every figure linked to those in turn (a fact three sources state is a
    chain), the draft's own (drafted) left out."""
    found: list[str] = []
    queue = [figure]
    while queue:
        fid = queue.pop(0)
        if fid in found:
            continue
        found.append(fid)
        queue += [link["other"] for link in base.restated.get(fid, ()) if link["other"] not in drafted]
    return found
