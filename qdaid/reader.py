"""Reading a TinyDB JSON file fast, whatever its layout (compact as TinyDB writes by default,
indented, CRLF, any key order), in time linear in its size.

A large file is read a window at a time: the figures table is cut at record boundaries and
parsed a chunk of records at a time with orjson, so the file is never in memory next to its
records. A record boundary is `}`, blanks, `,`, blanks, `"`: the `"` cannot be inside a string
(there it is escaped), so a cut never splits a string; a cut inside a nested object makes the
chunk fail to parse, and the file is then parsed whole, with the same result. Strings repeated
across records (a sentence quoted by each of its figures) are kept once.

Duplicate keys are refused whatever the size: every key of a JSON object costs one `:` in the
text, and orjson (which keeps the last of duplicate keys) writes one `:` per key it kept; a
colon inside a string is counted on both sides (escaped as \\u003a in the text, counted too,
unless the backslash is itself escaped: \\\\u003a is a backslash and the text u003a). Each piece
parsed (the tables before the figures, each chunk of records, the rest) is whole JSON, checked so.

A query never reads this file directly: store.py loads what it gives into SQLite (cache.py).
The patterns are compiled at first use (re caches them): a small file needs none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import BinaryIO

CHUNK = 2**20  # bytes: smaller files are parsed whole, larger ones about this much at a time (2, 8 MiB: no faster)
_FIGURES_KEY = rb'"figures"\s*:\s*\{'
_BOUNDARY = rb'\}\s*,\s*"'
_TABLE_END = rb'\}\s*\}'
_ESCAPED_COLON = rb"(?<!\\)(?:\\\\)*\\u003[aA]"  # an odd run of backslashes, then u003a
SHARED = ("quote", "honoree_name", "label", "source",  # repeated across the figures of one sentence
          "metric", "unit", "raw", "approx", "kind", "region_basis", "honoree", "region")  # and across sentences


class DuplicateKey(ValueError):
    """The file holds an object with a key twice: readers could disagree on which one counts."""


def parse_whole(data: bytes):
    """A whole JSON text parsed at once; DuplicateKey when an object in it holds a key twice."""
    from .formats import load_orjson

    orjson = load_orjson()  # it rejects NaN and Infinity, and bytes that are not UTF-8
    value = orjson.loads(data)
    escaped = len(re.findall(_ESCAPED_COLON, data)) if b"u003" in data else 0
    if data.count(b":") + escaped != orjson.dumps(value).count(b":"):
        raise DuplicateKey("an object holds the same key twice")
    return value


class Figures:
    """The figures table as it is read, a chunk of records at a time: kept, with the strings
    they share (a sentence quoted by several figures is kept once, and so are names and labels
    repeated across records). A reader that does not keep them (cache.py's, which writes each
    chunk to SQLite) has the same two methods."""

    def __init__(self) -> None:
        self.records: dict[str, dict] = {}
        self.cache: dict[str, str] = {}

    def add(self, records: dict) -> None:
        self.records.update(records)
        share = self.cache.setdefault
        for record in records.values():
            if record.__class__ is dict:
                for key in SHARED:
                    value = record.get(key)
                    if value.__class__ is str:
                        record[key] = share(value, value)

    def clear(self) -> None:
        """Forget what was added (the file is then parsed whole and its figures added again)."""
        self.records.clear()


def read_chunked(handle: BinaryIO, figures) -> dict | None:
    """The file's top-level object, the figures table given to figures.add a chunk of records at
    a time (a doc id read before being an error) and left empty here; None when the file cannot
    be cut this way (it is then parsed whole)."""
    head, figures_key, scanned = bytearray(), re.compile(_FIGURES_KEY), 0  # head: searched in place as it grows
    while not (key := figures_key.search(head, max(0, scanned - 16))):
        scanned = len(head)
        if not (more := _read(handle, scanned, CHUNK)):
            return None
        head += more
    ids: set[str] = set()

    def add(records: dict) -> None:
        if not ids.isdisjoint(records):
            raise DuplicateKey(f"the figures table holds the id {next(i for i in records if i in ids)!r} twice")
        ids.update(records)
        figures.add(records)

    try:
        before = bytes(head[:key.start()]).rstrip()
        del head
        tables = parse_whole(before[:-1] + b"}" if before.endswith(b",") else before + b"}")
        if (rest := _read_table(handle, key.end() - 1, add)) is None:
            return None
        rest = rest.strip()  # the tables after the figures
        others = parse_whole(b"{" + rest[1:]) if rest.startswith(b",") else {} if rest == b"}" else None
    except DuplicateKey:
        raise
    except ValueError:
        return None
    if others is None:
        return None
    if twice := {"figures"} & (tables.keys() | others.keys()) or tables.keys() & others.keys():
        raise DuplicateKey(f'the top level holds the key "{min(twice)}" twice')  # one piece each: no colon count sees it
    return {**tables, **others, "figures": {}}


def _read(handle: BinaryIO, offset: int, size: int = -1) -> bytes:
    """size bytes of the file from offset (-1: to its end). Read, not mapped: a file cut short
    while it is read (edited in place) then reads as JSON that ends early, where a mapped page
    past its new end would kill the process with SIGBUS."""
    handle.seek(offset)
    return handle.read(size)


def _read_table(handle: BinaryIO, at: int, add: Callable[[dict], None]) -> bytes | None:
    """The records from the file's byte at (the table's { or the byte before an id) on, given to
    add a chunk at a time; what follows the table (None when its end cannot be found this way)."""
    boundary, table_end = re.compile(_BOUNDARY), re.compile(_TABLE_END)
    # Cut a chunk at a time until the table's end (a record's } then the table's }) is in sight.
    while table_end.search(window := _read(handle, at, CHUNK)) is None:
        if (cut := _last(boundary, window, 0, len(window))) is None:
            return None
        add(parse_whole(b"{" + window[1:cut.start() + 1] + b"}"))
        at += cut.end() - 2  # the byte before the next id, which stands in for a {
    rest = _read(handle, at)  # the last records, and the tables after them
    for tries, stop in enumerate(table_end.finditer(rest)):
        try:  # the first "}}" ends the last record and the table, unless it is inside a string
            add(parse_whole(b"{" + rest[1:stop.start() + 1] + b"}") if rest[1:stop.start()].strip() else {})
        except DuplicateKey:
            raise
        except ValueError:
            if tries < 64:  # a few are read past; then the whole file is parsed at once
                continue
            return None
        return rest[stop.end():]
    return None


def _last(boundary: re.Pattern, text: bytes, start: int, end: int) -> re.Match | None:
    """The last record boundary in text[start:end]: as many whole records as the window holds
    (found from the end back: going through every boundary of a window cost ~0.1 s at 100k)."""
    limit = end
    while (brace := text.rfind(b"}", start, limit)) > start:
        if found := boundary.match(text, brace, end):
            return found
        limit = brace
    return None
