"""The SQLite store: the same fact base in the file `qdaid export sqlite` and
`qdaid build -o x.sqlite` write, which sqlite3, Datasette, DuckDB and sqlite-utils open too.

Recognised by its header, not its name. Opened read-only (`mode=ro`: nothing is created or
changed); every table comes back as the records the JSON store gives, field for field and in
the same order, so every command prints the same bytes from either store.
"""

from __future__ import annotations

from pathlib import Path

from .model import SCHEMA, TABLES, DataError


def load(path: Path) -> dict[str, list[dict]]:
    import json
    import sqlite3

    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DataError(f"{path}: cannot open the SQLite store: {exc}") from None
    try:
        present = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in ("figures", "honorees") if t not in present]
        if missing:
            raise DataError(f"{path}: not a qdaid database (no {', '.join(missing)} table)")
        tables = {}
        for table in TABLES:
            if table not in present:
                continue
            fields = SCHEMA[table]
            columns = ", ".join(f'"{name}"' for name in fields)
            decode = [name for name, types in fields.items() if types == (list,)]  # stored as JSON text
            booleans = [name for name, types in fields.items() if types == (bool,)]  # stored as 0/1
            records = []
            for row in db.execute(f'SELECT {columns} FROM "{table}" ORDER BY rowid'):
                record = dict(zip(fields, row, strict=True))
                for name in decode:
                    record[name] = json.loads(record[name]) if record[name] is not None else []
                for name in booleans:
                    record[name] = bool(record[name])
                records.append(record)
            tables[table] = records
        return tables
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{path}: not a usable SQLite store ({exc})") from None
    finally:
        db.close()


def dumps_to(tables: dict[str, list[dict]], path: Path) -> None:
    """Write the tables as a SQLite store at path (a new, empty file)."""
    import sqlite3

    from .export import to_sqlite

    db = sqlite3.connect(path)
    try:
        with db:
            to_sqlite(tables, db)
    finally:
        db.close()
