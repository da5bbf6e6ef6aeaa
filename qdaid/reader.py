"""Reading a TinyDB JSON file fast, whatever its layout (compact as TinyDB writes by default,
indented, CRLF, any key order), in time linear in its size.

A large file is read a block at a time: the figures table is cut at record boundaries and parsed
a chunk of records at a time with orjson, so the whole file is never in memory next to its
records, and strings repeated across records (a sentence quoted by each of its figures) are
stored once. A record boundary is `}`, blanks, `,`, blanks, `"`: the `"` cannot be inside a
string (there it is escaped), so a cut never splits a string; a cut inside a nested object makes
the chunk fail to parse, and the file is then parsed whole, with the same result.

Duplicate keys are refused whatever the size: every key of a JSON object costs one `:` in the
text, and orjson (which keeps the last of duplicate keys) writes one `:` per key it kept; a
colon inside a string is counted on both sides (escaped as \\u003a in the text, counted too,
unless the backslash is itself escaped: \\\\u003a is a backslash and the text u003a). Each piece
parsed (the tables before the figures, each chunk of records, the rest) is checked so, on its own
bytes: a piece is whole JSON, so no escape is cut in two.

A query never reads this file directly: store.py loads what it gives into SQLite (cache.py).

The patterns are compiled at first use (re caches them): compiling them at import cost every
query's start-up, and a small file needs none of them but, rarely, the escaped colon.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import BinaryIO, cast

STREAM_FROM = 4 * 2**20  # bytes: smaller files are parsed whole, larger ones a block at a time
BLOCK = 4 * 2**20
_FIGURES_KEY = rb'"figures"\s*:\s*\{'
_BOUNDARY = rb'\}\s*,\s*"'
_TABLE_END = rb'\}\s*\}'
_ESCAPED_COLON = rb"(?<!\\)(?:\\\\)*\\u003[aA]"  # an odd run of backslashes, then u003a
SHARED = ("quote", "honoree_name", "label", "source",  # repeated across the figures of one sentence
          "metric", "unit", "raw", "approx", "kind", "region_basis", "honoree", "region")  # and across sentences


class DuplicateKey(ValueError):
    """The file holds an object with a key twice: readers could disagree on which one counts."""


def parse(data: bytes):
    import orjson  # rejects NaN and Infinity, and bytes that are not UTF-8

    return orjson.loads(data)


def _colons_kept(value) -> int:
    import orjson

    return orjson.dumps(value).count(b":")


def _colons_in(data: bytes, start: int = 0, end: int | None = None) -> int:
    """The colons in data[start:end], the escaped ones too."""
    end = len(data) if end is None else end
    escaped = len(re.compile(_ESCAPED_COLON).findall(data, start, end)) if data.find(b"u003", start, end) >= 0 else 0
    return data.count(b":", start, end) + escaped


def parse_whole(data: bytes):
    """The whole text parsed at once (a small file, or a large one that cannot be cut);
    DuplicateKey when an object holds a key twice."""
    return _checked(data)


def _checked(data: bytes, start: int = 0, end: int | None = None):
    """A whole JSON text parsed (data[start:end], not copied); DuplicateKey when an object in it
    holds a key twice."""
    with memoryview(data) as whole, whole[start:end] as text:
        value = parse(text)  # type: ignore[arg-type]
    if _colons_in(data, start, end) != _colons_kept(value):
        raise DuplicateKey("an object holds the same key twice")
    return value


def _records(buffer: bytearray, end: int) -> dict:
    """The records in buffer[1:end], parsed in place: buffer[0] (what comes before the first id:
    the table's {, a comma or a blank) and buffer[end] (what follows the last record: a comma or a
    blank) stand in for braces meanwhile. Copying each chunk cost ~0.03 s at 100k figures."""
    before, after = buffer[0], buffer[end]
    buffer[0], buffer[end] = ord("{"), ord("}")
    try:
        return _checked(buffer, 0, end + 1)  # type: ignore[arg-type]
    finally:
        buffer[0], buffer[end] = before, after


class _Blocks:
    """The file from an offset on, as a growing buffer read a block at a time."""

    def __init__(self, fd: int, start: bytes, offset: int = 0):
        self.fd, self.buffer = fd, bytearray(start)
        self.offset = offset  # where buffer[0] lies in the file

    def more(self) -> bool:
        block = _read_at(self.fd, BLOCK, self.offset + len(self.buffer))
        if not block:
            return False
        self.buffer += block
        return True

    def drop(self, size: int) -> None:
        del self.buffer[:size]
        self.offset += size


def _read_at(fd: int, size: int, offset: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


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


def read_streaming(handle: BinaryIO, start: bytes, figures) -> dict | None:
    """The file's top-level object, the figures table given to figures.add a chunk of records at
    a time (an id read before being an error) and left empty here; None when the file cannot be
    cut this way (it is then parsed whole)."""
    blocks = _Blocks(handle.fileno(), start)
    buffer = cast(bytes, blocks.buffer)  # a bytearray, which re searches in place
    figures_key = re.compile(_FIGURES_KEY)
    scanned = 0
    while not (key := figures_key.search(buffer, max(0, scanned - 16))):
        scanned = len(blocks.buffer)
        if not blocks.more():
            return None
    ids: set[str] = set()

    def add(records: dict) -> None:
        if not ids.isdisjoint(records):
            raise DuplicateKey(f"the figures table holds the id {next(i for i in records if i in ids)!r} twice")
        ids.update(records)
        figures.add(records)

    try:
        head = bytes(blocks.buffer[:key.start()]).rstrip()
        tables = _checked(head[:-1] + b"}" if head.endswith(b",") else head + b"}")
        blocks.drop(key.end() - 1)  # from the table's {
        _read_table(blocks, add)
        if (after := _read_last(blocks, add)) is None or (others := _read_after(blocks.fd, after)) is None:
            return None
        if twice := {"figures"} & (tables.keys() | others.keys()) or tables.keys() & others.keys():
            raise DuplicateKey(f'the top level holds the key "{min(twice)}" twice')  # one piece each: no colon count sees it
        tables.update(others)
        tables["figures"] = {}
        return tables
    except DuplicateKey:
        raise
    except ValueError:
        return None


def _read_table(blocks: _Blocks, add: Callable[[dict], None]) -> None:
    """Records from the blocks, given to add a chunk at a time, up to the table's end. Past the
    table's end it reads nothing."""
    buffer = cast(bytes, blocks.buffer)
    boundary, table_end = re.compile(_BOUNDARY), re.compile(_TABLE_END)
    scanned = 0
    while True:
        pos = max(0, scanned - 64)
        # The table's end (a record's } then the table's }) stops the cuts: past it lie other tables.
        stop = table_end.search(buffer, pos)
        end = stop.start() if stop else len(buffer)
        if cut := _last(boundary, buffer, pos, end):
            add(_records(blocks.buffer, cut.start() + 1))
            blocks.drop(cut.end() - 2)  # keep the byte before the next id, to stand in for a {
        if stop is not None:
            return
        scanned = len(blocks.buffer)  # the next search starts where this one's data ended
        if not blocks.more():
            return


def _read_last(blocks: _Blocks, add: Callable[[dict], None]) -> int | None:
    """The last records of the figures table, given to add; where the file goes on after the
    table (None when its end cannot be found this way). Reads no further than the table's end,
    unless a "}}" inside a string comes before it."""
    table_end = re.compile(_TABLE_END)
    tries = 0
    while True:
        rest = bytes(blocks.buffer)  # from the byte before the next id, or the table's {
        for end in table_end.finditer(rest, 1):
            try:
                last = _checked(b"{" + rest[1:end.start() + 1] + b"}") if rest[1:end.start()].strip() else {}
            except ValueError:
                tries += 1  # "}}" inside a string, or nesting: a few are read past, then the whole
                if tries > 64:  # file is parsed at once (each try parses the rest: 50,000 nested
                    return None  # objects took 17 s of tries, the whole parse refuses them at once)
                continue
            add(last)
            return blocks.offset + end.end()
        if not blocks.more():
            return None


def _read_after(fd: int, offset: int) -> dict | None:
    """The tables after the figures, from where the figures table ends; None when what follows
    is not the rest of the top-level object."""
    blocks = _Blocks(fd, b"", offset)
    while blocks.more():
        pass
    after = blocks.buffer  # parsed in place: the tables after a large figures table may be large too
    start = len(after) - len(after.lstrip())
    if after.startswith(b",", start):
        after[start] = ord("{")
        return _checked(after, start)  # type: ignore[arg-type]
    if after.startswith(b"}", start) and not after[start + 1:].strip():
        return {}
    return None


def _last(pattern: re.Pattern, buffer: bytes, start: int, end: int) -> re.Match | None:
    """The last match in buffer[start:end]: as many whole records as the buffer holds. Looked for
    near the end first: going through every boundary of a block cost ~0.1 s at 100k figures."""
    reach = 2**16
    while True:
        low = max(start, end - reach)
        if found := list(pattern.finditer(buffer, low, end)):
            return found[-1]
        if low == start:
            return None
        reach *= 8
