"""The database file: which one is used, opening it for queries, reading it read-only, writing
it atomically.

Every query runs on SQLite (facts.FactBase): a SQLite store is opened in place, read-only; a
TinyDB JSON store ({table: {doc_id: record}}, read with orjson by reader.py, whose layout only
these two modules know) is loaded into SQLite, in memory when small, else into a cache file
(cache.py) that the next command opens in place. A build writes through TinyDB (a storage with
fixed JSON settings, so the same tables give the same bytes). Reads never create, lock or touch
the file; a build writes a temporary file beside the target and renames it over the target, so
readers see the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import sqlite3
from itertools import chain
from operator import itemgetter
from pathlib import Path

from . import fileio, reader
from .model import ADDED_FIELDS, DATE_RE, LIST_FIELDS, SCHEMA, TABLES, DataError, QdaidError

DB_NAME = "qdaid.json"


def bundled_dir() -> Path:
    """data/ of a source checkout, or the copy installed inside the package."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if (installed / DB_NAME).exists() else here.parent / "data"


def bundled_sources() -> list[Path]:
    return sorted(bundled_dir().glob("*.txt"))


def choose_db(option: str | os.PathLike | None = None, from_environment: str | None = None,
              user_folder: Path | None = None) -> tuple[Path, str]:
    """The database in use and where that choice came from, for a person to read."""
    if option:
        return Path(option), "--db"
    if from_environment:
        return Path(from_environment), "$QDAID_DB"
    if user_folder is not None and (user_folder / DB_NAME).exists():
        return user_folder / DB_NAME, "your database, written by qdaid build"
    return bundled_dir() / DB_NAME, "the bundled database"


def source_folders(db_path: Path, extra: list[Path] | None = None) -> list[Path]:
    """Where a database's article texts are looked for: the folders given, the database's own
    folder, then the bundled articles."""
    return [*(extra or []), db_path.parent, bundled_dir()]


def source_text(source: dict, folders: list[Path]) -> str:
    """A source's text, found by its file name in the first of these folders that holds it, and
    checked against its sha256 (a database names its source by file name only, so it does not
    depend on the machine it was built on)."""
    import hashlib

    path = source.get("path")
    name = Path(path).name if isinstance(path, str) else ""
    for folder in folders:
        candidate = folder / name
        if name and candidate.is_file():
            with fileio.open_regular(candidate, "article", fileio.MAX_ARTICLE_BYTES) as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != source.get("sha256"):
                raise DataError(f"{candidate} does not match its sha256")
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                raise DataError(f"{candidate}: not UTF-8 text") from None
    raise DataError(f"source text {name or path!r} not found in {', '.join(map(str, folders))}")


def _bad_json(path: Path, data: bytes, exc: Exception) -> DataError:
    if isinstance(exc, reader.DuplicateKey):
        return DataError(f"{path}: not a usable database: {exc}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return DataError(f"{path}: not UTF-8 text (bad byte at offset {bad.start})")
    return DataError(f"{path}: not valid JSON ({exc})")


def read_raw(path: Path, limit: int = fileio.MAX_DATABASE_BYTES, figures=None) -> dict:
    """The file's {table: {doc_id: record}}, with a one-line reason for anything else. figures:
    where the figures go, a chunk at a time (reader.Figures, which keeps them in the result, or
    cache.py's, which writes them to SQLite and leaves the result's figures empty)."""
    keep = figures is None
    figures = reader.Figures() if keep else figures
    with fileio.open_regular(path, "database file", limit) as handle:
        try:
            head = handle.read(reader.CHUNK + 1)
            if not head.strip():
                raise DataError(f"{path}: the file is empty, not a qdaid database")
            if head.startswith(b"\xef\xbb\xbf"):
                raise DataError(f"{path}: starts with a UTF-8 byte-order mark; save it without one")
            data = b""
            try:
                raw = reader.read_chunked(handle, figures) if len(head) > reader.CHUNK else None
                if raw is None:
                    handle.seek(len(head))  # (where a chunked read left it)
                    data = head + handle.read()
                    raw = reader.parse_whole(data)
            except ValueError as exc:  # DuplicateKey too
                raise _bad_json(path, data, exc) from None
            if data:
                _check_layout(path, raw)
                figures.clear()  # what a chunked read that failed gave before it failed
                figures.add(raw["figures"])
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    _check_layout(path, raw)
    raw["figures"] = figures.records if keep else {}
    return raw


def _check_layout(path: Path, raw) -> None:
    if not isinstance(raw, dict):
        raise DataError(f"{path}: not a qdaid database (the top level is not a JSON object)")
    missing = [t for t in ("figures", "honorees") if t not in raw]
    if missing:
        raise DataError(f"{path}: not a qdaid database (no {', '.join(missing)} table)")
    for table, docs in raw.items():
        if not isinstance(docs, dict) or not all(isinstance(d, dict) for d in docs.values()):
            raise DataError(f"{path}: table {table!r} is not a set of records")


def load(path: Path, strict: bool = True, limit: int = fileio.MAX_DATABASE_BYTES) -> dict[str, list[dict]]:
    """Every table as a list of records, whatever the store (what validate, export and an
    append read); never written. strict: the first record with a missing field or a value of
    the wrong type is an error (validate lists them all)."""
    if is_sqlite(path, limit):
        from .facts import records

        db = connect_checked(path)
        try:
            present = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if missing := [t for t in ("figures", "honorees") if t not in present]:
                raise DataError(f"{path}: not a qdaid database (no {', '.join(missing)} table)")
            tables = {table: list(records(db, table)) for table in TABLES if table in present}
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{path}: not a usable SQLite store ({exc})") from None
        finally:
            db.close()
    else:
        raw = read_raw(path, limit)
        tables = {name: list(raw[name].values()) for name in TABLES if name in raw}
    if strict:
        check_records(path, tables)
    return tables


def fact_base(path: Path, limit: int = fileio.MAX_DATABASE_BYTES, cache_folder: Path | None = None):
    """The fact base the read commands ask (facts.FactBase): a SQLite store opened in place; a
    JSON file loaded into SQLite, through a cache file in cache_folder when it is large (None:
    always in memory)."""
    from .facts import FactBase

    if is_sqlite(path, limit):
        base = FactBase(connect_checked(path, cache_folder), path)
        check_records(path, {t: base.tables[t] for t in base.tables})
        return base
    from . import cache

    return FactBase(cache.connect(path, limit, cache_folder), path)


def held_sources(path: Path, limit: int = fileio.MAX_DATABASE_BYTES) -> tuple[list[dict], list[str]] | None:
    """What a build replacing this database would lose: its sources (the articles, and what it was
    told of them) and the tables in it that are not qdaid's (another tool's); None when it cannot be
    read as a qdaid database (damaged, cut short, or another program's file), which only --force
    replaces. The figures are not read."""
    try:
        if is_sqlite(path, limit):
            from .facts import records

            db = connect_checked(path)
            try:
                sources = list(records(db, "sources"))
                names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
            finally:
                db.close()
            return sources, [n for n in names if n not in TABLES and n not in _DERIVED_TABLES and not n.startswith("sqlite_")]
        raw = read_raw(path, limit, figures=_Unread())
    except (QdaidError, sqlite3.Error, TypeError, ValueError):
        return None
    return [r for r in raw.get("sources", {}).values() if isinstance(r, dict)], [t for t in raw if t not in TABLES]


_DERIVED_TABLES = ("honoree_partners", "region_closure")  # what an export adds: made again from the rest


class _Unread:
    """Where the figures of a file read for its other tables go: nowhere."""

    def add(self, records: dict) -> None:
        pass

    def clear(self) -> None:
        pass


def integrity_problems(path: Path, limit: int = fileio.MAX_DATABASE_BYTES) -> list[str]:
    """What SQLite's own check finds wrong in a SQLite store's pages and indexes, the first 20 (a corrupt index
    answers queries wrongly without an error); nothing for a JSON store."""
    if not is_sqlite(path, limit):
        return []
    from .sqlitefile import open_readonly

    db = open_readonly(path)
    try:
        found = [row[0] for row in db.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return [f"the SQLite file is damaged: {exc}"]
    finally:
        db.close()
    return [] if found == ["ok"] else [f"the SQLite file is damaged: {line}" for line in found]


def connect_checked(path: Path, cache_folder: Path | None = None) -> sqlite3.Connection:
    """A SQLite store from elsewhere, read-only, its schema and values checked (sqlitefile.py);
    cache_folder: where a query remembers the versions whose values passed (validate, export and
    append check every time)."""
    from .cache import CheckedMark
    from .sqlitefile import check, open_readonly

    db = open_readonly(path)
    try:
        mark = CheckedMark(path, cache_folder)
        passed = mark.present()
        check(db, path, values=not passed)
        if not passed:
            mark.keep()
    except BaseException:
        db.close()
        raise
    return db


def in_memory(tables: dict[str, list[dict]]) -> sqlite3.Connection:
    """The tables as an in-memory SQLite database, the schema of a SQLite store."""
    from .export import to_sqlite

    db = sqlite3.connect(":memory:")
    try:
        with db:
            to_sqlite(tables, db, enforce_references=False)
    except sqlite3.IntegrityError as exc:
        raise DataError(f"not a usable database: {exc} (validating the file lists every problem)") from None
    return db


SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite(path: Path, limit: int) -> bool:
    """A SQLite store, by its first bytes (a regular file within the limit, as any database)."""
    with fileio.open_regular(path, "database file", limit) as handle:
        try:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None


def shape_problem(table: str, keys: tuple, types: tuple) -> str | None:
    """What is wrong with records of this shape: a field missing (one added since is allowed to
    be) or of the wrong type; None when nothing is."""
    fields, added, got = SCHEMA[table], ADDED_FIELDS.get(table, frozenset()), dict(zip(keys, types, strict=True))
    if missing := [name for name in fields if name not in got and name not in added]:
        return missing[0]
    return next((name for name, allowed in fields.items() if name in got and got[name] not in allowed), None)


def _bad_record(path: Path, table: str, record: dict, field: str) -> DataError:
    problem = f"{field} is {record[field]!r}, of the wrong type" if field in record else f"has no {field!r} field"
    return DataError(f"{path}: {table} record {record.get('id')!r} {problem} "
                     "(validating the file lists every problem)")


def shape(record: dict) -> tuple:
    """A record's fields and their types: what decides whether it is sound (validate's too)."""
    return tuple(record), tuple(map(type, record.values()))


def _shapes(records: list[dict]) -> set[tuple]:
    """The distinct shapes of the records, made without a Python call per record (100k figures:
    0.03 s against 0.17 s)."""
    from itertools import repeat

    types = map(tuple, map(map, repeat(type), map(dict.values, records)))
    return set(zip(map(tuple, records), types, strict=True))


# A value read as a float from 2^53 up has lost digits (123456789012345678901234567890 is read as
# 1.2345678901234568e+29): no figure qdaid reads is that large, and none is kept so.
INEXACT = 2.0**53


def too_large(value: float) -> str:
    """A value read rounded, said as what was written: a number of 30 digits, not 1.2345678901234568e+29."""
    return f"its value, a number of {len(str(int(abs(value))))} digits (about {value:.6g}), is too large to be held exactly"


def check_records(path: Path, tables: dict[str, list[dict]]) -> None:
    """Field presence and types. Records of one table share a handful of shapes (keys, value
    types): each distinct shape is checked once (bench/RESULTS.md)."""
    for table, records in tables.items():
        schema, added = SCHEMA[table], ADDED_FIELDS.get(table, frozenset())
        shapes = _shapes(records)
        if any(not added.issubset(keys) for keys, _ in shapes):  # written before these fields existed
            for record in records:  # (a loop per shape instead took 3.2 s at 100k figures)
                for name in added:
                    if name not in record:
                        record[name] = [] if schema[name] == (list,) else None  # a list is read as [], not null
        for keys, types in shapes:
            if problem := shape_problem(table, keys, types):
                bad = next(r for r in records if problem not in r or type(r[problem]) not in schema[problem])
                raise _bad_record(path, table, bad, problem)
    for table, field in LIST_FIELDS:
        records = tables.get(table, [])
        # the types of every item of every list, found without a Python call per record
        if set(map(type, chain.from_iterable(map(itemgetter(field), records)))) - {str}:
            record = next(r for r in records if not all(isinstance(item, str) for item in r[field]))
            raise DataError(f"{path}: {table} record {record.get('id')!r}: {field} holds something other "
                            "than text (validating the file lists every problem)")
    if inexact := next((f for f in tables.get("figures", []) if f["value"].__class__ is float
                        and abs(f["value"]) >= INEXACT), None):
        raise DataError(f"{path}: figures record {inexact.get('id')!r}: {too_large(inexact['value'])} (beyond 2^53 "
                        "as a decimal, or 20 digits as a whole number, JSON's numbers are read rounded); validating "
                        "the file lists every problem")
    for event in tables.get("events", []):
        if not DATE_RE.fullmatch(event["date"]):
            raise DataError(f"{path}: events record {event.get('id')!r}: date {event['date']!r} is not "
                            "YYYY, YYYY-MM or YYYY-MM-DD (validating the file lists every problem)")


def dumps(tables: dict[str, list[dict]], others: dict[str, dict] | None = None) -> str:
    """The tables as TinyDB writes them (doc ids from 1, tables in model order), with fixed JSON
    settings: UTF-8 with Chinese unescaped, one field a line, so diffs stay readable and the
    same tables always give the same bytes; others: tables that are not qdaid's ({doc id:
    record}), after them as they were."""
    import json

    from tinydb import TinyDB
    from tinydb.storages import MemoryStorage

    db = TinyDB(storage=MemoryStorage)
    for name in TABLES:
        db.table(name, cache_size=0).insert_multiple(tables.get(name, []))
    return json.dumps({**(db.storage.read() or {}), **(others or {})}, ensure_ascii=False, indent=1) + "\n"


SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def write_tables(target: Path, tables: dict[str, list[dict]], others: dict[str, dict] | None = None) -> None:
    """Write a database in the format its name asks for: SQLite for .sqlite/.sqlite3/.db, else
    TinyDB JSON (others: a JSON file's tables that are not qdaid's, kept); read back through the
    strict loader before it replaces the old one."""
    if target.suffix.lower() not in SQLITE_SUFFIXES:
        write(target, dumps(tables, others))
        return
    from .export import write_sqlite

    fileio.write_atomically(target, lambda tmp: write_sqlite(tables, tmp), check=_readable(target))


def _readable(target: Path):
    def check(tmp: Path) -> None:
        try:
            load(tmp, limit=2**62)
        except DataError as exc:
            raise DataError(f"{target}: the new database would not load ({str(exc).split(': ', 1)[-1]}); "
                            "the old one is kept") from None
    return check


def write(target: Path, text: str) -> None:
    """Write a database: the new file is read back through the strict loader before it
    replaces the old one, so a file that no query could read is never left in its place."""
    fileio.write_bytes(target, text.encode("utf-8"), check=_readable(target))
