"""The Datasette bridge: what `qdaid export datasette DIR` adds to the SQLite store so that
`datasette DIR/qdaid.db -m DIR/metadata.json` opens a labelled, faceted site.

SQL alone cannot say which figure lies within which (that is the build's inference) nor turn
overlaps into intervals, so the overlap-aware totals are computed by qdaid's own `stats` and
stored as tables (`totals`, `totals_by_region`, `totals_by_honoree`); the canned queries read
them. Datasette itself is an optional extra (`pip install 'qdaid[web]'`): nothing here imports it.
"""

from __future__ import annotations

import json
import sqlite3

from .model import SCHEMA, web_url

TOTALS = {"totals": [], "totals_by_region": ["region"], "totals_by_honoree": ["honoree"]}
_TOTAL_COLUMNS = ["metric", "unit", "count", "honorees", "total", "total_min", "total_max", "overlap_possible",
                  "excluded", "period_start", "period_end", "headline", "total_is_lower_bound", "total_is_approximate",
                  "figure_ids", "excluded_because"]

DESCRIPTIONS = {
    "sources": ("The article the figures come from.", {"sha256": "of the article's bytes", "path": "its file name"}),
    "honorees": ("The honorees: one individual, four collectives.",
                 {"scope": "city: speaks for the whole city; unit: a county's office or a team"}),
    "regions": ("Places: the nation, provinces, prefectures, counties, townships.",
                {"adcode": "Ministry of Civil Affairs division code", "parent": "the place above"}),
    "figures": ("Every quantity of the article, with its evidence.", {
        "value": "in base units: yuan for cny, persons for person …", "unit": "cny, person, household, mu (亩) …",
        "raw": "as written", "approx": "exact, more_than (多), over (余), nearly (近), about (约)",
        "kind": "amount (adds up), state, per_year, ratio, rank, duration, plan (not done), change (from a base)",
        "part_of": "the figure the text says holds this one (其中, 含)",
        "covers": "the places a figure of several speaks for, a JSON list of region ids (助力三市: anshun, longnan, "
                  "heze); [] for a figure of one place",
        "period_start": "first year", "period_end": "last year", "start": "character offset in the article",
        "end": "character offset after the figure"}),
    "containment": ("Which figure lies within which, inferred by the build (never add both).",
                    {"reason": "stock, scope, region or period", "certain": "1: the text proves it; 0: it may"}),
    "programs": ("Named initiatives and models.", {}),
    "events": ("Dated milestones.", {"precision": "year, month or day"}),
    "honoree_partners": ("One row per honoree and partner region.", {}),
    "region_closure": ("Each region with every place at or below it.", {}),
    "totals": ("qdaid stats: totals per metric and unit, nothing counted twice; total_min–total_max is the "
               "interval the text supports.", {}),
    "totals_by_region": ("qdaid stats --by region.", {}),
    "totals_by_honoree": ("qdaid stats --by honoree.", {}),
}


def add_totals(db: sqlite3.Connection) -> None:
    """The totals tables, as `qdaid stats` computes them."""
    from .facts import FactBase
    from .filters import Where
    from .stats import totals

    base = FactBase(db)  # the tables just written to it
    for name, by in TOTALS.items():
        columns = by + _TOTAL_COLUMNS
        db.execute(f'CREATE TABLE "{name}" ({", ".join(f"{json.dumps(c)}" for c in columns)})')
        rows = totals(base, Where(), by, explain=True)[0]
        db.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in columns)})',
                       [[";".join(r[c]) if isinstance(r[c], list) else r[c] for c in columns] for r in rows])


def metadata(tables: dict[str, list[dict]]) -> dict:
    source = (tables.get("sources") or [{}])[0]
    described = {
        table: {"description": text, "columns": {c: columns.get(c, "") for c in SCHEMA.get(table, {}) if c in columns}}
        for table, (text, columns) in DESCRIPTIONS.items()
    }
    described["figures"]["facets"] = ["honoree", "region", "metric", "unit", "kind"]
    described["figures"]["sort"] = "start"
    described["containment"]["facets"] = ["reason", "certain"]
    described["totals"]["facets"] = ["unit", "overlap_possible"]
    return {
        "title": "qdaid: " + (source.get("title") or "figures"),
        "description": "Every figure of the report, with its evidence; totals that never count the same aid twice.",
        "license": "Facts extracted from a news report; quote with attribution to the publisher.",
        "source": f"{source.get('publisher') or ''} {source.get('date') or ''}".strip(),
        **({"source_url": web_url(source.get("url"))} if web_url(source.get("url")) else {}),
        "databases": {"qdaid": {
            "tables": described,
            "queries": {
                "overlap_aware_totals": {
                    "title": "Totals per metric and unit, nothing counted twice",
                    "sql": "select metric, unit, count, total, total_min, total_max, overlap_possible, excluded, "
                           "period_start, period_end from totals where (:metric = '' or metric = :metric) "
                           "order by metric, unit",
                },
                "totals_per_region": {
                    "title": "Totals per region without contained figures",
                    "sql": "select region, metric, unit, count, total, total_min, total_max, overlap_possible, excluded "
                           "from totals_by_region where (:region = '' or region in (select region from region_closure "
                           "where ancestor = :region)) order by region, metric, unit",
                },
                "figures_in_region": {
                    "title": "Figures in a region and the places below it",
                    "sql": "select id, honoree, metric, raw, value, unit, kind, period_start, period_end, region "
                           "from figures where region in (select region from region_closure where ancestor = :region) "
                           "order by start",
                },
            },
        }},
    }
