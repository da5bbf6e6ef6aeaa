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

Two processes read a large figures table: a forked helper reads from the first record boundary
past the middle of the file to the table's end, this process up to that boundary and then the
tables after the figures; the helper's records come back a chunk at a time, marshalled through a
temporary file (parallel.Helper). Each process checks its own pieces, the ids are checked across
the two; a helper that fails or started past the figures only costs its time: this process reads
on. A query that wants a few figures (narrow) keeps only those as it reads.

The patterns are compiled at first use (re caches them): compiling them at import cost every
query's start-up, and a small file needs none of them but, rarely, the escaped colon.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial
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
    """The file from an offset on, as a growing buffer read a block at a time (os.pread: a
    helper process reads the same open file at its own offset)."""

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
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # Windows has no pread, and no fork: one process reads
    return os.read(fd, size)


class _Figures:
    """The figures table as it is read: the records kept, the strings they share, every id."""

    def __init__(self, keep=None):
        self.records: dict[str, dict] = {}
        self.cache: dict[str, str] = {}
        self.keep = keep
        self.ids: set[str] | None = set() if keep else None  # narrowed: the ids of records left out too

    def add(self, records: dict) -> None:
        """Add the records (those `keep` keeps), an id read before being an error; a sentence
        quoted by several figures is kept once, and so are names and labels repeated across
        records."""
        self._new_ids(records)
        self.records.update(records := self.keep(records) if self.keep else records)
        share = self.cache.setdefault
        for record in records.values():
            if record.__class__ is dict:
                for key in SHARED:
                    value = record.get(key)
                    if value.__class__ is str:
                        record[key] = share(value, value)

    def join(self, records: dict, ids: set[str] | None) -> None:
        """The records a helper read after these (its strings shared already)."""
        self._new_ids(records.keys() if ids is None else ids)
        self.records.update(records)

    def _new_ids(self, ids) -> None:
        if not (seen := self.records.keys() if self.ids is None else self.ids).isdisjoint(ids):
            raise DuplicateKey(f"the figures table holds the id {next(i for i in ids if i in seen)!r} twice")
        if self.ids is not None:
            self.ids.update(ids)


def read_streaming(handle: BinaryIO, start: bytes, narrow=None) -> dict | None:
    """The file's top-level object, the figures table read a chunk of records at a time, the
    part of it past its middle by a helper process (parallel.Helper) where there is one.
    None when the file cannot be cut this way (it is then parsed whole).

    narrow: given the tables before the figures, a function that takes each chunk of figure
    records ({id: record}) and returns those to keep, or None to keep them all. A query that
    wants a few figures keeps only those: sharing their strings and holding them costs more than
    the parse (bench/RESULTS.md). Every id is still checked for a duplicate."""
    from . import parallel

    blocks = _Blocks(handle.fileno(), start)
    buffer = cast(bytes, blocks.buffer)  # a bytearray, which re searches in place
    figures_key = re.compile(_FIGURES_KEY)
    scanned = 0
    while not (key := figures_key.search(buffer, max(0, scanned - 16))):
        scanned = len(blocks.buffer)
        if not blocks.more():
            return None
    try:
        head = bytes(blocks.buffer[:key.start()]).rstrip()
        tables = _checked(head[:-1] + b"}" if head.endswith(b",") else head + b"}")
        figures = _Figures(narrow(tables) if narrow else None)
        blocks.drop(key.end() - 1)  # from the table's {
        split = _split(blocks.fd, blocks.offset) if parallel.possible() else None
        with parallel.Helper(partial(_read_from, blocks.fd, split[1], figures.keep) if split else None) as helper:
            after = None
            if split and _read_table(blocks, figures.add, until=split[0]) and (pieces := helper.results()) is not None:
                for piece in pieces:  # (records, ids) a chunk at a time, then where the figures end
                    if isinstance(piece, tuple):
                        figures.join(*piece)
                    else:
                        after = piece
            else:  # no helper, or it failed: this process reads on (after the table's end, nothing)
                _read_table(blocks, figures.add)
                after = _read_last(blocks, figures.add)
        if after is None or (others := _read_after(blocks.fd, after)) is None:
            return None
        if twice := {"figures"} & (tables.keys() | others.keys()) or tables.keys() & others.keys():
            raise DuplicateKey(f'the top level holds the key "{min(twice)}" twice')  # one piece each: no colon count sees it
        tables.update(others)
        tables["figures"] = figures.records
        return tables
    except DuplicateKey:
        raise
    except ValueError:
        return None


SPLIT = 0.5  # of the file after the figures key: where the helper starts


def _split(fd: int, offset: int) -> tuple[int, int] | None:
    """(where the record before lies, where the next record's id starts) for the first record
    boundary past the middle of the rest of the file; None when there is none near it."""
    middle = offset + int((os.fstat(fd).st_size - offset) * SPLIT)
    if found := re.compile(_BOUNDARY).search(_read_at(fd, 2**16, middle)):
        return middle + found.start(), middle + found.end() - 1
    return None


def _read_from(fd: int, offset: int, keep, send) -> None:
    """The helper's part: the figures from this offset (a record's id) to the table's end, sent
    a chunk at a time as (records, ids), each chunk's strings shared within it (a process that
    holds every string it has seen would hold the file); then where the table ends (the tables
    after it are read by the parent: sent, they would cost as much to read again)."""
    blocks = _Blocks(fd, b"", offset - 1)

    def add(records: dict) -> None:
        piece = _Figures(keep)
        piece.add(records)
        send((piece.records, piece.ids))

    _read_table(blocks, add)
    if (after := _read_last(blocks, add)) is None:
        raise ValueError("the figures' end cannot be read this way")  # the parent reads it itself
    send(after)


def _read_table(blocks: _Blocks, add: Callable[[dict], None], until: int | None = None) -> bool:
    """Records from the blocks, given to add a chunk at a time, up to the table's end; or up to
    the record boundary at `until` (an offset in the file), when the table goes on past it: True
    then, the blocks starting at the byte before the next record's id. Past the table's end it
    reads nothing."""
    buffer = cast(bytes, blocks.buffer)
    boundary, table_end = re.compile(_BOUNDARY), re.compile(_TABLE_END)
    scanned = 0
    while True:
        pos = max(0, scanned - 64)
        # The table's end (a record's } then the table's }) stops the cuts: past it lie other tables.
        stop = table_end.search(buffer, pos)
        end = stop.start() if stop else len(buffer)
        if until is not None and 0 <= (at := until - blocks.offset) < end and (cut := boundary.match(buffer, at)):
            add(_records(blocks.buffer, at + 1))  # not when the buffer ends inside its blanks: read on
            blocks.drop(cut.end() - 2)
            return True
        if cut := _last(boundary, buffer, pos, end):
            add(_records(blocks.buffer, cut.start() + 1))
            blocks.drop(cut.end() - 2)  # keep the byte before the next id, to stand in for a {
        if stop is not None:
            return False
        scanned = len(blocks.buffer)  # the next search starts where this one's data ended
        if not blocks.more():
            return False


def _read_last(blocks: _Blocks, add: Callable[[dict], None]) -> int | None:
    """The last records of the figures table, given to add; where the file goes on after the
    table (None when its end cannot be found this way). Reads no further than the table's end,
    unless a "}}" inside a string comes before it."""
    table_end = re.compile(_TABLE_END)
    while True:
        rest = bytes(blocks.buffer)  # from the byte before the next id, or the table's {
        for end in table_end.finditer(rest, 1):
            try:
                last = _checked(b"{" + rest[1:end.start() + 1] + b"}") if rest[1:end.start()].strip() else {}
            except ValueError:
                continue  # "}}" inside a string
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
