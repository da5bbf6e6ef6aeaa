"""Export the fact base for tools beyond TinyDB: SQLite (sqlite3, Datasette, DuckDB), JSONL, CSV.

The SQLite file has every table with primary keys, foreign keys and indexes on the columns the
query commands filter on, plus two helper tables: `honoree_partners` (one row per honoree and
partner region) and `region_closure` (each region with every place at or below it), so that
`qdaid figures --region gansu` is `WHERE region IN (SELECT region FROM region_closure WHERE
ancestor = 'gansu')`.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from contextlib import closing
from operator import add, itemgetter
from pathlib import Path

from . import fileio
from .formats import load_orjson, to_csv, to_json
from .model import DEPENDENCY_ORDER, REFERENCES, SCHEMA, SELF_REFERENCES, TABLES, DataError, chain

orjson = load_orjson()

_INDEXED = {
    "figures": ["honoree", "region", "metric", "unit", "approx", "period_start", "period_end", "value", "part_of"],
    "programs": ["honoree", "region"], "events": ["honoree", "region", "date"], "regions": ["parent"],
    # a figure's links, looked up by either end (and by SQLite's foreign-key checks: a figure
    # added to a store while a reference waits for its commit looks for the rows naming it)
    "containment": ["figure", "within"], "restatements": ["figure", "restates"],
}


def _sql_type(types: tuple) -> str:
    if types in ((int,), (int, type(None)), (bool,)):
        return "INTEGER"
    if float in types:
        return "NUMERIC"
    return "TEXT"


def _cell(value):
    return _list_text(value) if isinstance(value, (list, dict)) else value


def _list_text(value) -> str:
    """A list as a SQLite store keeps it: JSON text, UTF-8 unescaped (["anshun","longnan"]), as
    orjson writes it (insert encodes a table's lists so, in C)."""
    return orjson.dumps(value).decode()


def create(db: sqlite3.Connection, table: str, keyed: bool = True) -> None:
    """The table, with its keys and references; keyed=False: id without its key (a unique index
    made after the rows costs a fifth of a key kept up row by row)."""
    fields = SCHEMA[table]
    columns = []
    for name, types in fields.items():
        column = f'"{name}" {_sql_type(types)}'
        if name == "id":
            column += " PRIMARY KEY" if keyed else " NOT NULL"
        elif type(None) not in types:
            column += " NOT NULL"
        target = REFERENCES.get(table, {}).get(name)
        if target and types != (list,):  # a list is stored as JSON text: honoree_partners holds its rows
            column += f' REFERENCES "{target}"("id")'
        columns.append(column)
    db.execute(f'CREATE TABLE "{table}" ({", ".join(columns)})')


def to_sqlite(tables: dict[str, list[dict]], db: sqlite3.Connection, enforce_references: bool = True) -> None:
    """The tables into an empty database: a SQLite store's schema and rows. enforce_references:
    foreign keys checked at commit (an export; a JSON store loaded for a query is taken as it is,
    as validate reports what it names that is not there). Indexed: the filter columns."""
    db.execute(f"PRAGMA foreign_keys = {'ON' if enforce_references else 'OFF'}")
    for table in DEPENDENCY_ORDER:
        create(db, table)
        # A table's key on itself is indexed before its rows: each row that may complete a key checked
        # at commit is looked up there (without the index, a scan of the table per row).
        for own, column in SELF_REFERENCES:
            if own == table and column in _INDEXED.get(table, []):
                db.execute(f'CREATE INDEX "{table}_{column}" ON "{table}"("{column}")')
        # part_of and parent may point forward: checked at commit (the setting lasts one
        # transaction, which the first insert opens: so it is set again before each)
        db.execute("PRAGMA defer_foreign_keys = ON")
        insert(db, table, tables.get(table, []))
    finish(db, tables)


def insert(db: sqlite3.Connection, table: str, records: list[dict], rowids: list[int] | None = None) -> None:
    """Append records (every field of the model present, as the strict loader leaves them) in
    their order, or at these rowids: rowid order is the order of the JSON store's doc ids, what
    a query reads back."""
    schema = SCHEMA[table]
    lists = [f for f in schema if schema[f] == (list,)]  # stored as JSON text
    fields = [f for f in schema if f not in lists] + lists  # the lists last: a row is two tuples added
    named = ["rowid", *fields] if rowids is not None else fields
    sql = f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{f}{chr(34)}" for f in named)}) VALUES ({", ".join("?" * len(named))})'
    slow = ([*(() if rowids is None else (rowids[i],)), *(_cell(rec.get(f, [] if f in lists else None)) for f in fields)]
            for i, rec in enumerate(records))
    # Each row a tuple made in C (100k figures: 0.45 s against 1.35 s a row at a time), its lists
    # encoded in C too; a record without a field (records made by hand) takes the slow way, its
    # rows undone first.
    rows = map(itemgetter(*fields[:len(fields) - len(lists)]), records)
    if lists:
        encoded = zip(*(map(bytes.decode, map(orjson.dumps, map(itemgetter(f), records))) for f in lists), strict=True)
        rows = map(add, rows, encoded)
    if rowids is not None:
        rows = map(add, zip(rowids), rows)
    db.execute("SAVEPOINT qdaid_rows")
    try:
        db.executemany(sql, rows)
    except KeyError:
        db.execute("ROLLBACK TO qdaid_rows")
        db.executemany(sql, slow)
    db.execute("RELEASE qdaid_rows")


def finish(db: sqlite3.Connection, tables: dict[str, list[dict]], indexed: dict[str, list[str]] | None = None) -> None:
    """The indexes (made after the rows: one sort, not an index kept up row by row) and the two
    helper tables, from the honorees and regions."""
    for table, columns in (_INDEXED if indexed is None else indexed).items():
        for name in columns:
            db.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{name}" ON "{table}"("{name}")')
    db.execute('CREATE TABLE "honoree_partners" ("honoree" TEXT NOT NULL REFERENCES "honorees"("id"), '
               '"region" TEXT NOT NULL REFERENCES "regions"("id"), PRIMARY KEY ("honoree", "region"))')
    db.executemany('INSERT INTO "honoree_partners" VALUES (?, ?)',
                   [(h["id"], r) for h in tables.get("honorees", []) for r in h.get("partner_regions") or []])
    db.execute('CREATE TABLE "region_closure" ("ancestor" TEXT NOT NULL REFERENCES "regions"("id"), '
               '"region" TEXT NOT NULL REFERENCES "regions"("id"), PRIMARY KEY ("ancestor", "region"))')
    db.executemany('INSERT INTO "region_closure" VALUES (?, ?)', closure(tables.get("regions", [])))


def closure(regions: list[dict]) -> list[tuple[str, str]]:
    """(ancestor, region) for each region and every place at or above it."""
    parents = {r["id"]: r.get("parent") for r in regions}
    return [(ancestor, region) for region in parents for ancestor in chain(region, parents.get)]


def write_sqlite(tables: dict[str, list[dict]], path: Path, totals: bool = False) -> None:
    """Write the tables as a SQLite store at path (a new, empty file); totals: with Datasette's totals tables."""
    with closing(sqlite3.connect(path)) as db, db:
        to_sqlite(tables, db)
        if totals:
            from . import datasette

            datasette.add_totals(db)


def export(tables: dict[str, list[dict]], what: str, target: Path, force: bool = False,
           outputs: fileio.Outputs | None = None, excel_safe: bool = False) -> list[Path]:
    """Write the export; returns the files written. Every file is checked before any is written
    (an existing one is replaced only with force, a link or device never), each is written to a
    temporary file, and all are renamed into place at the end."""
    claim = (outputs or fileio.Outputs("export")).claim
    if what == "sqlite":
        files: dict[Path, tuple[str, str | None]] = {claim(target): ("sqlite", None)}
    else:
        folder = fileio.absolute(target)
        if folder.exists() and not folder.is_dir():
            raise DataError(f"{folder}: is a file; a {what} export writes its files into a folder")
        if not folder.parent.is_dir():
            raise DataError(f"{folder.parent}: no such folder")
        folder.mkdir(exist_ok=True)
        if what == "datasette":
            files = {claim(folder / "qdaid.db"): ("datasette", None),
                     claim(folder / "metadata.json"): ("metadata", None)}
        else:
            files = {claim(folder / f"{table}.{what}"): (what, table) for table in TABLES}
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise DataError(f"{existing[0]}: already exists", param="force")
    staged: list[tuple[Path, Path]] = []
    try:
        for path, (kind, table) in files.items():
            staged.append((fileio.stage(path, functools.partial(_write, tables=tables, kind=kind, table=table,
                                                                excel_safe=excel_safe)), path))
        fileio.commit(staged)  # all files, or none of them
    except (OSError, sqlite3.Error) as exc:
        raise DataError(f"{target}: export failed: {exc}") from None
    finally:
        fileio.discard([tmp for tmp, _ in staged if tmp.exists()])
    return list(files)


def _write(tmp: Path, *, tables: dict[str, list[dict]], kind: str, table: str | None, excel_safe: bool) -> None:
    if kind in ("sqlite", "datasette"):
        write_sqlite(tables, tmp, totals=kind == "datasette")
    elif kind == "metadata":
        from . import datasette

        tmp.write_bytes(json.dumps(datasette.metadata(tables), ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
    else:
        rows, columns = tables.get(table or "", []), list(SCHEMA[table or ""])
        if kind == "jsonl":
            tmp.write_bytes(to_json(rows, columns, lines=True))
        else:
            tmp.write_bytes(to_csv(rows, columns, guard=excel_safe).encode("utf-8"))
