"""A JSON store as SQLite: what every query on a TinyDB file runs on.

The file is loaded once into a derived SQLite file in the user's cache folder
($XDG_CACHE_HOME/qdaid), a chunk of figures at a time, which later commands open in place as they
open a SQLite store. Even the bundled database gains: opening its cache costs less than parsing,
checking and loading its 141 figures at every command (bench/RESULTS.md, cold start). The cache
is keyed by the JSON file's identity (device, inode, size, modification and change times, which
no edit leaves alone) and a checksum of its first, last and 64 sampled blocks, so a changed file
is never answered from a stale cache; it is written to a temporary file and renamed into place,
so a reader never sees half of one (a cache torn by a crash fails its key and is made again);
where the folder cannot be written, the file is loaded into an in-memory database instead. One
cache file per JSON path: a rebuilt database replaces it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zlib
from itertools import count
from operator import itemgetter
from pathlib import Path

from . import fileio
from .model import DEPENDENCY_ORDER, SCHEMA, DataError

_FORMAT = "qdaid-cache-3"  # changes with the layout of a cache file (3: rowids are doc ids)
_SAMPLES, _BLOCK = 64, 4096


# The cache's indexes: what the queries look figures up by (a figure's id, an honoree's figures, the
# headline's value, what part_of names); filters on a place or metric read the table through, as
# they do on most of a store. Each costs ~0.05 s per 100k figures to make.
_INDEXED = {"figures": ["honoree", "value", "part_of"], "regions": ["parent"]}


class _Unwritable(Exception):
    """The cache file could not be written (no folder, no space): the file is read in memory."""


def connect(path: Path, limit: int, folder: Path | None) -> sqlite3.Connection:
    """A SQLite connection on the JSON store's records (checked as the JSON store checks them):
    the cache file in folder, made first if need be; in memory when folder is None or cannot be
    written."""
    if folder is None:
        return _in_memory(path, limit)
    key = _key(path)
    cached = folder / f"{_name(path)}.sqlite"
    if (db := _open_cached(cached, key)) is not None:
        return db
    tmp = folder / f".{cached.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fileio.discard([tmp])  # left by a process of the same id that was killed
        _load(path, limit, sqlite3.connect(tmp), key).close()
        if _key(path) != key:
            raise DataError(f"{path}: the file changed while it was read; run the command again")
        os.replace(tmp, cached)  # no fsync: a cache lost or torn by a crash is made again
    except (OSError, _Unwritable):
        return _in_memory(path, limit)
    finally:
        fileio.discard([tmp])
    return _open_cached(cached, key) or _in_memory(path, limit)


def _in_memory(path: Path, limit: int) -> sqlite3.Connection:
    return _load(path, limit, sqlite3.connect(":memory:"), None)


def _name(path: Path) -> str:
    """The name of what the cache keeps for this path (one per path)."""
    name = os.fsencode(Path(path).resolve())
    return f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"


class CheckedMark:
    """That a query checked every value of this version of a SQLite store (sqlitefile.check), kept
    in the cache folder under the store's key: the check reads every row (2.4 s of CPU at a million
    figures), the key a few blocks. A store with a -wal file holding changes (one being written)
    is checked every time, as its file's identity does not show them."""

    def __init__(self, path: Path, folder: Path | None):
        wal = Path(f"{path}-wal")
        pending = wal.exists() and wal.stat().st_size > 0
        self.file = None if folder is None or pending else folder / f"{_name(path)}.checked"
        self.key = _key(path) if self.file else ""

    def present(self) -> bool:
        try:
            return self.file is not None and self.file.read_text("utf-8") == self.key
        except (OSError, UnicodeDecodeError):
            return False

    def keep(self) -> None:
        if self.file is not None:
            with contextlib.suppress(OSError, DataError):  # no folder, no space: the next query checks again
                self.file.parent.mkdir(parents=True, exist_ok=True)
                fileio.write_bytes(self.file, self.key.encode("utf-8"))


def _key(path: Path) -> str:
    """The file's identity and a checksum of sampled blocks of it (zlib: hashlib's import alone
    costs a query ~2.5 ms, and nothing here is a secret to keep)."""
    with fileio.open_regular(path, "database file", 2**62) as handle:
        info = os.fstat(handle.fileno())
        checksum = zlib.crc32(repr(sorted(SCHEMA.items())).encode())
        step = max(_BLOCK, info.st_size // _SAMPLES)
        last = max(0, info.st_size - 16 * _BLOCK)
        for offset in [*range(0, info.st_size, step), last]:
            handle.seek(offset)
            checksum = zlib.crc32(handle.read(16 * _BLOCK if offset in (0, last) else _BLOCK), checksum)
    return repr((_FORMAT, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, checksum))


def _open_cached(cached: Path, key: str) -> sqlite3.Connection | None:
    """The cache file, read-only, when it was made from this version of the file; else None."""
    from .sqlitefile import open_readonly

    if not cached.is_file():
        return None
    try:
        db = open_readonly(cached)
        (stored,) = db.execute("SELECT key FROM qdaid_cache").fetchone()
    except (sqlite3.Error, DataError, TypeError):
        return None
    if stored == key:
        return db
    db.close()
    return None


# A doc id that is not a whole number as TinyDB writes one ("7", never "07" or "x": another
# program's) is read after them, in the file's order.
_UNNUMBERED = 2**62


def _number(doc_id: str) -> int | None:
    """The number a doc id as TinyDB writes one ("7") gives; None for another program's."""
    if doc_id.lstrip("-").isdigit() and str(number := int(doc_id)) == doc_id and abs(number) < _UNNUMBERED:
        return number
    return None


def _doc_order(doc_ids: list[str], after: int) -> tuple[list[int], int]:
    """The rowids that put records in the order of their doc ids, whatever order the file gives
    them in: a file whose keys were sorted as text ("1", "10", "100", "2": jq -S, json.dump with
    sort_keys) reads as TinyDB wrote it; after: how many unnumbered ids came before. Also how
    many of these are unnumbered."""
    try:
        numbers = list(map(int, doc_ids))  # the usual file, without a Python call per record
        if list(map(str, numbers)) == doc_ids and max(map(abs, numbers), default=0) < _UNNUMBERED:
            return numbers, 0
    except ValueError:
        pass
    unnumbered = count(_UNNUMBERED + after)
    rowids = [n if (n := _number(d)) is not None else next(unnumbered) for d in doc_ids]
    return rowids, next(unnumbered) - _UNNUMBERED - after


def in_doc_order(table: dict) -> list[dict]:
    """A small table's records in the order of their doc ids (_doc_order)."""
    order, _ = _doc_order(list(table), 0)
    return [record for _, record in sorted(zip(order, table.values(), strict=True), key=itemgetter(0))]


class _Figures:
    """The cache's figures table, filled a chunk of records at a time as the file is read (so
    a million figures are never all held), each chunk checked as the JSON store checks records,
    each record at the rowid of its doc id (_doc_order)."""

    def __init__(self, db: sqlite3.Connection, path: Path):
        self.db, self.path, self.unnumbered = db, path, 0

    def add(self, records: dict) -> None:
        from . import store
        from .export import insert

        rows = list(records.values())
        if not all(row.__class__ is dict for row in rows):
            raise DataError(f"{self.path}: table 'figures' is not a set of records")
        store.check_records(self.path, {"figures": rows})
        rowids, unnumbered = _doc_order(list(records), self.unnumbered)
        self.unnumbered += unnumbered
        insert(self.db, "figures", rows, rowids)  # (an error of SQLite's is translated where the cache is made)

    def clear(self) -> None:
        self.db.execute("DELETE FROM figures")
        self.unnumbered = 0


def _load(path: Path, limit: int, db: sqlite3.Connection, key: str | None) -> sqlite3.Connection:
    """db (a new cache file, or memory) filled from the JSON file, read a chunk of figures at a
    time into a SQLite store's tables; key: the cache's, kept in it."""
    from . import store
    from .export import create, finish, insert

    try:
        db.execute("PRAGMA journal_mode = MEMORY")  # a temporary file, renamed into place once whole
        db.execute("PRAGMA synchronous = OFF")
        with db:
            for table in DEPENDENCY_ORDER:
                create(db, table, keyed=table != "figures")
            raw = store.read_raw(path, limit, figures=_Figures(db, path))
            db.execute('CREATE UNIQUE INDEX "figures_id" ON "figures"("id")')  # an id twice is refused here
            tables = {name: in_doc_order(raw[name]) for name in DEPENDENCY_ORDER if name in raw and name != "figures"}
            store.check_records(path, tables)
            for table, records in tables.items():
                insert(db, table, records)
            finish(db, tables, _INDEXED)
            if key is not None:
                db.execute("CREATE TABLE qdaid_cache (key TEXT NOT NULL)")
                db.execute("INSERT INTO qdaid_cache VALUES (?)", (key,))
    except sqlite3.IntegrityError as exc:
        db.close()
        raise DataError(f"{path}: not a usable database: {exc} (validating the file lists every problem)") from None
    except sqlite3.Error as exc:
        db.close()
        raise _Unwritable(str(exc)) from None
    except BaseException:
        db.close()
        raise
    return db
