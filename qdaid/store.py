"""The database file: which one is used, reading it read-only, writing it atomically.

The only module that knows the TinyDB layout ({table: {doc_id: record}}) and imports tinydb.
A build writes through TinyDB (a storage with fixed JSON settings, so the same tables give the
same bytes); queries read the file once with orjson, which gives what TinyDB reads without a
Document per record. Reads never create, lock or touch the file; a build writes a temporary
file beside the target and renames it over the target, so readers see the old file or the new
one, never half of one.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import fileio, reader
from .model import ADDED_FIELDS, DATE_RE, LIST_FIELDS, SCHEMA, TABLES, DataError

DB_NAME = "qdaid.json"


def bundled_dir() -> Path:
    """data/ of a source checkout, or the copy installed inside the package."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if (installed / DB_NAME).exists() else here.parent / "data"


def bundled_sources() -> list[Path]:
    return sorted(bundled_dir().glob("*.txt"))


def resolve_db(option: str | os.PathLike | None = None, from_environment: str | None = None,
               user_folder: Path | None = None) -> Path:
    """The database in use: the one asked for, then the environment's, then the user's own
    (what `qdaid build` writes by default), then the bundled one."""
    return choose_db(option, from_environment, user_folder)[0]


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


def read_raw(path: Path, limit: int = fileio.MAX_DATABASE_BYTES, narrow=None) -> dict:
    """The file's {table: {doc_id: record}}, with a one-line reason for anything else.
    narrow: see reader.read_streaming (a large file only)."""
    with fileio.open_regular(path, "database file", limit) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(min(size, reader.STREAM_FROM) if size else -1)
            if not head.strip():
                raise DataError(f"{path}: the file is empty, not a qdaid database")
            if head.startswith(b"\xef\xbb\xbf"):
                raise DataError(f"{path}: starts with a UTF-8 byte-order mark; save it without one")
            try:
                raw = reader.read_streaming(handle, head, narrow) if size > reader.STREAM_FROM else None
            except reader.DuplicateKey as exc:
                raise _bad_json(path, b"", exc) from None
            if raw is None:
                handle.seek(0)
                data = handle.read()
                try:
                    raw = reader.parse_whole(data)
                except ValueError as exc:
                    raise _bad_json(path, data, exc) from None
        except OSError as exc:
            raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    _check_layout(path, raw)
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
    """Every table as a list of records: the file read once with orjson, never written.

    This is what TinyDB's table.all() gives, without a Document object per record, which at a
    million figures costs more than the parse (see bench/RESULTS.md). strict: the first record
    with a missing field or a value of the wrong type is an error (validate lists them all).
    """
    if _is_sqlite(path, limit):
        from . import sqlstore

        tables = sqlstore.load(path)
    else:
        tables = _json_tables(path, limit)
    if strict:
        _check_records(path, tables)
    return tables


def fact_base(path: Path, limit: int = fileio.MAX_DATABASE_BYTES, figures_for=None):
    """The fact base the query commands ask: a SQLite store is queried in place (filters in SQL,
    rows streamed); a JSON file is read whole. figures_for: the query's Filters, when it asks
    for nothing but the figures they select (as `qdaid figures` does): a large JSON file then
    keeps only figures of the honorees and places they name."""
    if _is_sqlite(path, limit):
        from .sqlstore import SqlFactBase

        base = SqlFactBase(path)
        _check_records(path, base.tables)
        return base
    from .query import FactBase

    tables = _json_tables(path, limit, _Narrowing(path, figures_for) if figures_for is not None else None)
    _check_records(path, tables)  # the header was read once, above
    return FactBase(tables)


def _json_tables(path: Path, limit: int, narrow=None) -> dict[str, list[dict]]:
    raw = read_raw(path, limit, narrow)
    return {name: list(raw[name].values()) for name in TABLES if name in raw}


class _Narrowing:
    """The figures a query wants, chosen while the file is read (reader.read_streaming's narrow):
    the filters on honorees, kinds and places, resolved with the tables before the figures.
    A figure left out is still checked (each distinct shape once), so a damaged record is
    refused as if every figure had been kept."""

    def __init__(self, path: Path, flt):
        self.path, self.flt = path, flt

    def __call__(self, head: dict):
        from .query import FactBase

        if not {"honorees", "regions"} <= head.keys():  # no kind or place can be resolved before the figures
            return None
        try:
            _check_layout(self.path, {"figures": {}, **head})
            lists = {name: list(head[name].values()) for name in ("honorees", "regions")}
            _check_records(self.path, lists)
        except DataError:
            return None  # read every figure: the whole file's checks then say what is wrong
        passes = FactBase(lists).figure_test(self.flt)
        if passes is None:
            return None
        sound: set[tuple] = set()

        def keep(records: dict) -> dict:
            kept = {}
            for doc_id, record in records.items():
                if passes(record):
                    kept[doc_id] = record
                elif (form := shape(record)) not in sound:
                    if problem := shape_problem("figures", *form):
                        raise _bad_record(self.path, "figures", record, problem)
                    sound.add(form)
            return kept
        return keep


SQLITE_HEADER = b"SQLite format 3\x00"


def _is_sqlite(path: Path, limit: int) -> bool:
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


def _check_records(path: Path, tables: dict[str, list[dict]]) -> None:
    """Field presence and types. Records of one table share a handful of shapes (keys, value
    types): each distinct shape is checked once, ~0.2 s at 100k figures (bench/RESULTS.md)."""
    for table, records in tables.items():
        added = ADDED_FIELDS.get(table, frozenset())
        for keys, types in set(map(shape, records)):
            if older := [name for name in added if name not in keys]:  # written before these fields existed
                for record in records:
                    if shape(record) == (keys, types):
                        record.update(dict.fromkeys(older))
            if problem := shape_problem(table, keys, types):
                raise _bad_record(path, table, next(r for r in records if shape(r) == (keys, types)), problem)
    for table, field in LIST_FIELDS:
        for record in tables.get(table, []):
            if not all(isinstance(item, str) for item in record[field]):
                raise DataError(f"{path}: {table} record {record.get('id')!r}: {field} holds something other "
                                "than text (validating the file lists every problem)")
    for event in tables.get("events", []):
        if not DATE_RE.fullmatch(event["date"]):
            raise DataError(f"{path}: events record {event.get('id')!r}: date {event['date']!r} is not "
                            "YYYY, YYYY-MM or YYYY-MM-DD (validating the file lists every problem)")


def open_tinydb(path: Path):
    """The file as a TinyDB database for library use, read-only: writes raise, nothing is created."""
    from tinydb import TinyDB
    from tinydb.storages import Storage

    raw = read_raw(path)

    class ReadOnlyStorage(Storage):
        # TinyDB's JSONStorage opens in r+ mode and creates missing files; this one only reads,
        # and reads once.
        def read(self):
            return raw

        def write(self, data):
            raise DataError(f"{path}: this database is open read-only")

    return TinyDB(storage=ReadOnlyStorage)


def dumps(tables: dict[str, list[dict]]) -> str:
    """The tables as TinyDB writes them (doc ids from 1, tables in model order), with fixed JSON
    settings: UTF-8 with Chinese unescaped, one field a line, so diffs stay readable and the
    same tables always give the same bytes."""
    import json

    from tinydb import TinyDB
    from tinydb.storages import Storage

    class FixedJSON(Storage):
        text = ""
        data: dict | None = None

        def read(self):
            return self.data

        def write(self, data):
            self.data = data

        def close(self):
            self.text = json.dumps(self.data or {}, ensure_ascii=False, indent=1) + "\n"

    db = TinyDB(storage=FixedJSON)
    for name in TABLES:
        db.table(name, cache_size=0).insert_multiple(tables.get(name, []))
    db.close()
    storage = db.storage
    assert isinstance(storage, FixedJSON)
    return storage.text


SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def write_tables(target: Path, tables: dict[str, list[dict]]) -> None:
    """Write a database in the format its name asks for: SQLite for .sqlite/.sqlite3/.db, else
    TinyDB JSON; read back through the strict loader before it replaces the old one."""
    if target.suffix.lower() not in SQLITE_SUFFIXES:
        write(target, dumps(tables))
        return
    from . import sqlstore

    fileio.write_atomically(target, lambda tmp: sqlstore.dumps_to(tables, tmp), check=_readable(target))


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
