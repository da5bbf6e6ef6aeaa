"""A SQLite file, opened read-only, and a store from elsewhere checked before any query trusts it.

Opened read-only without creating anything (open_readonly says how), with SQLite's locks, so a
query never reads an append half written.

Anyone can hand qdaid a SQLite file: one written by another program, edited by hand, damaged on
disk, or made to hurt (a generated column that makes 200 MB per row, a view named like a table,
text where a number belongs). Before a query reads it: the tables the model names are real tables
(not views), their columns are the model's, none generated or hidden, and every value is of the
model's type and of a bounded size — one pass of SQL over each table (2.4 s of CPU at a million
figures: a query remembers each version of a file that passed, cache.CheckedMark) — and a damaged
store is one line, never a wrong answer or an internal error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .model import ADDED_FIELDS, SCHEMA, TABLES, DataError


def open_readonly(path: Path, any_thread: bool = False) -> sqlite3.Connection:
    """The file, read-only; any_thread: for a query another thread runs.

    A store in the rollback-journal mode (qdaid's own, which `build --append` writes in place) is
    opened with its locks: a query waits for an append's commit (sqlite3's busy timeout) rather
    than read pages half written. Read-only, such an open creates no file. Only a store in WAL
    mode with no -wal file is opened `immutable`: read-only, WAL would need a -shm file beside it,
    which a read-only disk cannot hold; a -wal file says another program is writing it."""
    wal = Path(f"{path}-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    try:
        with open(path, "rb") as handle:
            header = handle.read(20)
    except OSError as exc:
        raise DataError(f"{path}: cannot open the SQLite store: {exc.strerror}") from None
    immutable = len(header) == 20 and header[18] == 2 and not pending  # bytes 18-19: 2 in WAL mode
    uri = f"{Path(path).resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    try:
        return sqlite3.connect(uri, uri=True, check_same_thread=not any_thread)
    except sqlite3.Error as exc:
        raise DataError(f"{path}: cannot open the SQLite store: {exc}") from None


MAX_CELL = 2**20  # characters: a sentence is a few hundred; nothing the model holds comes near this
_SQL_TYPES = {str: "text", int: "integer", float: "real", type(None): "null", list: "text", bool: "integer"}


def check(db: sqlite3.Connection, path: Path, values: bool = True) -> None:
    """DataError, in one line, for the first thing about the store a query could not trust;
    values: also every value (one pass over each table; False where this version of the file
    passed before)."""
    try:
        kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))
        for table in TABLES:
            if table in kinds:
                _check_table(db, path, table, kinds[table], values)
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{path}: not a usable SQLite store ({exc})") from None


def _check_table(db: sqlite3.Connection, path: Path, table: str, kind: str, values: bool) -> None:
    if kind != "table":
        raise DataError(f"{path}: {table} is a {kind}, not a table: not a qdaid store")
    columns = {row[1]: row[6] for row in db.execute(f'PRAGMA table_xinfo("{table}")')}  # name → hidden
    fields = SCHEMA[table]
    if hidden := sorted(name for name, flag in columns.items() if flag and name in fields):
        raise DataError(f"{path}: {table}.{hidden[0]} is a generated or hidden column: not a qdaid store")
    if missing := [name for name in fields if name not in columns and name not in ADDED_FIELDS.get(table, ())]:
        raise DataError(f"{path}: {table} has no column {missing[0]!r}: not a qdaid store")
    if not values:
        return
    wrong: list[str] = []
    for name, types in fields.items():
        if name not in columns:
            continue
        allowed = sorted({_SQL_TYPES[t] for t in types})
        test = f'typeof("{name}") NOT IN ({", ".join(repr(t) for t in allowed)})'
        if float in types:  # no NaN or infinity, which no JSON store can hold either; no float that lost digits
            test += f' OR ("{name}" IS NOT NULL AND abs("{name}") > 1e308)' + \
                f' OR (typeof("{name}") = \'real\' AND abs("{name}") >= 9007199254740992.0)'
        if str in types or list in types:
            test += f' OR length("{name}") > {MAX_CELL}'
        if list in types:
            test += f' OR ("{name}" IS NOT NULL AND (NOT json_valid("{name}") OR json_type("{name}") <> \'array\'))'
        if bool in types:
            test += f' OR "{name}" NOT IN (0, 1)'
        wrong.append(f"CASE WHEN {test} THEN {len(wrong)} END")
    if not wrong:
        return
    found = db.execute(f'SELECT rowid, coalesce({", ".join(wrong)}, NULL) AS bad FROM "{table}" '
                       f"WHERE bad IS NOT NULL LIMIT 1").fetchone()
    if found:
        name = [n for n in fields if n in columns][found[1]]
        bound = "a float below 2^53, which holds it exactly" if float in fields[name] else f"at most {MAX_CELL:,} characters"
        raise DataError(f"{path}: {table} row {found[0]}: {name} is not what the model holds "
                        f"({' or '.join(t.__name__ for t in fields[name])}, {bound})")
