"""Export the fact base for tools beyond TinyDB: SQLite (sqlite3, Datasette, DuckDB), JSONL, CSV.

The SQLite file has every table with primary keys, foreign keys and indexes on the columns the
query commands filter on, plus two helper tables: `honoree_partners` (one row per honoree and
partner region) and `region_closure` (each region with every place at or below it), so that
`qdaid figures --region gansu` is `WHERE region IN (SELECT region FROM region_closure WHERE
ancestor = 'gansu')`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .formats import to_csv, to_json
from .model import DEPENDENCY_ORDER, REFERENCES, SCHEMA, TABLES, DataError

_INDEXED = {
    "figures": ["honoree", "region", "metric", "unit", "approx", "period_start", "period_end", "value", "part_of"],
    "programs": ["honoree", "region"], "events": ["honoree", "region", "date"], "regions": ["parent"],
}


def _sql_type(types: tuple) -> str:
    if types == (int,) or types == (int, type(None)):
        return "INTEGER"
    if float in types:
        return "NUMERIC"
    return "TEXT"


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _create(db: sqlite3.Connection, table: str) -> None:
    fields = SCHEMA[table]
    columns = []
    for name, types in fields.items():
        column = f'"{name}" {_sql_type(types)}'
        if name == "id":
            column += " PRIMARY KEY"
        elif type(None) not in types:
            column += " NOT NULL"
        target = REFERENCES.get(table, {}).get(name)
        if target and types != (list,):  # a list is stored as JSON text: honoree_partners holds its rows
            column += f' REFERENCES "{target}"("id")'
        columns.append(column)
    db.execute(f'CREATE TABLE "{table}" ({", ".join(columns)})')
    for name in _INDEXED.get(table, []):
        db.execute(f'CREATE INDEX "{table}_{name}" ON "{table}"("{name}")')


def to_sqlite(tables: dict[str, list[dict]], db: sqlite3.Connection) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    for table in DEPENDENCY_ORDER:
        _create(db, table)
        fields = list(SCHEMA[table])
        placeholders = ", ".join("?" for _ in fields)
        names = ", ".join(f'"{f}"' for f in fields)
        # part_of and parent point into their own table: insert parents before children.
        rows = tables.get(table, [])
        if table == "regions":
            rows = sorted(rows, key=lambda r: _depth(r, {x["id"]: x for x in rows}))
        if table == "figures":
            db.execute("PRAGMA defer_foreign_keys = ON")
        db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({placeholders})',
                       ([_cell(rec.get(f)) for f in fields] for rec in rows))
    db.execute('CREATE TABLE "honoree_partners" ("honoree" TEXT NOT NULL REFERENCES "honorees"("id"), '
               '"region" TEXT NOT NULL REFERENCES "regions"("id"), PRIMARY KEY ("honoree", "region"))')
    db.executemany('INSERT INTO "honoree_partners" VALUES (?, ?)',
                   [(h["id"], r) for h in tables.get("honorees", []) for r in h.get("partner_regions") or []])
    db.execute('CREATE TABLE "region_closure" ("ancestor" TEXT NOT NULL REFERENCES "regions"("id"), '
               '"region" TEXT NOT NULL REFERENCES "regions"("id"), PRIMARY KEY ("ancestor", "region"))')
    parents = {r["id"]: r.get("parent") for r in tables.get("regions", [])}
    closure = []
    for region in parents:
        current = region
        while current:
            closure.append((current, region))
            current = parents.get(current)
    db.executemany('INSERT INTO "region_closure" VALUES (?, ?)', closure)


def _depth(region: dict, by_id: dict) -> int:
    depth, current = 0, region.get("parent")
    while current and depth < 16:
        depth, current = depth + 1, by_id.get(current, {}).get("parent")
    return depth


def export(tables: dict[str, list[dict]], what: str, target: Path, force: bool = False) -> list[Path]:
    """Write the export; returns the files written. An existing target is replaced only with force."""
    if not target.parent.is_dir():
        raise DataError(f"{target.parent}: no such folder")
    if what == "sqlite":
        if target.exists() and not force:
            raise DataError(f"{target}: already exists; add --force to replace it")
        if target.is_dir():
            raise DataError(f"{target}: is a directory; give a file path")
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            with sqlite3.connect(partial) as db:
                to_sqlite(tables, db)
            db.close()
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise DataError(f"{target}: export failed: {exc}") from None
        return [target]
    if target.exists() and not target.is_dir():
        raise DataError(f"{target}: is a file; {what} export writes one file per table into a folder")
    written = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            path = target / f"{table}.{what}"
            if path.exists() and not force:
                raise DataError(f"{path}: already exists; add --force to replace it")
            columns = list(SCHEMA[table])
            rows = tables.get(table, [])
            if what == "jsonl":
                path.write_bytes(to_json(rows, columns, lines=True))
            else:
                path.write_text(to_csv(rows, columns), "utf-8", newline="")
            written.append(path)
    except OSError as exc:
        raise DataError(f"{target}: export failed: {exc.strerror or exc}") from None
    return written
