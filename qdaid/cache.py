"""A JSON store as SQLite: what every query on a TinyDB file runs on.

A small file is read and loaded into an in-memory database at each command (the bundled one in a
few milliseconds). A large one is loaded once into a derived SQLite file in the user's cache
folder ($XDG_CACHE_HOME/qdaid), which later commands open in place, as they open a SQLite store.
The cache is keyed by the JSON file's identity (device, inode, size, modification and change
times, which no edit leaves alone) and by a digest of its first, last and 64 sampled blocks, so a
changed file is never answered from a stale cache; it is written to a temporary file and renamed
into place, so a reader never sees half of one; where the folder cannot be written, the file is
loaded in memory as a small one is. One cache file per JSON path: a rebuilt database replaces it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from . import fileio
from .model import SCHEMA, DataError

CACHE_FROM = 8 * 2**20  # bytes: smaller JSON files are loaded in memory at each command
_FORMAT = "qdaid-cache-1"  # changes with the layout of a cache file
_SAMPLES, _BLOCK = 64, 4096


def connect(path: Path, limit: int, folder: Path | None) -> sqlite3.Connection:
    """A SQLite connection on the JSON store's records (checked as the JSON store checks them)."""
    from . import store

    size = os.stat(path).st_size
    if folder is None or size < CACHE_FROM:
        return _loaded(path, store.json_tables(path, limit))
    key = _key(path)
    cached = folder / f"{hashlib.sha256(os.fsencode(Path(path).resolve())).hexdigest()[:24]}.sqlite"
    if (db := _open_cached(cached, key)) is not None:
        return db
    tables = store.json_tables(path, limit)
    if _key(path) != key:
        raise DataError(f"{path}: the file changed while it was read; run the command again")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fileio.write_atomically(cached, lambda tmp: _write(tables, tmp, key))
    except (OSError, DataError):
        return _loaded(path, tables)  # no cache folder to write: in memory, as a small file
    return _open_cached(cached, key) or _loaded(path, tables)


def _loaded(path: Path, tables: dict[str, list[dict]]) -> sqlite3.Connection:
    from . import store

    try:
        return store.in_memory(tables)
    except DataError as exc:
        raise DataError(f"{path}: {exc}") from None


def _key(path: Path) -> str:
    """The file's identity and a digest of sampled blocks of it."""
    digest = hashlib.sha256(_FORMAT.encode() + repr(sorted(SCHEMA.items())).encode())
    with fileio.open_regular(path, "database file", 2**62) as handle:
        info = os.fstat(handle.fileno())
        digest.update(repr((info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)).encode())
        step = max(_BLOCK, info.st_size // _SAMPLES)
        for offset in [*range(0, info.st_size, step), max(0, info.st_size - 16 * _BLOCK)]:
            handle.seek(offset)
            digest.update(handle.read(16 * _BLOCK if offset in (0, max(0, info.st_size - 16 * _BLOCK)) else _BLOCK))
    return digest.hexdigest()


def _open_cached(cached: Path, key: str) -> sqlite3.Connection | None:
    """The cache file, read-only, when it was made from this version of the file; else None."""
    from . import store

    if not cached.is_file():
        return None
    try:
        db = store.connect(cached)
        (stored,) = db.execute("SELECT key FROM qdaid_cache").fetchone()
    except (sqlite3.Error, DataError, TypeError):
        return None
    if stored == key:
        return db
    db.close()
    return None


def _write(tables: dict[str, list[dict]], tmp: Path, key: str) -> None:
    from .export import to_sqlite

    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a temporary file: renamed into place once whole
        db.execute("PRAGMA synchronous = OFF")
        with db:
            to_sqlite(tables, db, enforce_references=False)
            db.execute("CREATE TABLE qdaid_cache (key TEXT NOT NULL)")
            db.execute("INSERT INTO qdaid_cache VALUES (?)", (key,))
    except sqlite3.IntegrityError as exc:
        raise DataError(f"not a usable database: {exc}") from None
    finally:
        db.close()
