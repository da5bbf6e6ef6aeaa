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

The patterns are compiled at first use (re caches them): compiling them at import cost every
query's start-up, and a small file needs none of them but, rarely, the escaped colon.
"""

from __future__ import annotations

import re
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


def _colons_in(data: bytes) -> int:
    escaped = len(re.findall(_ESCAPED_COLON, data)) if b"u003" in data else 0
    return data.count(b":") + escaped


def parse_whole(data: bytes):
    """The whole text parsed at once (a small file, or a large one that cannot be cut);
    DuplicateKey when an object holds a key twice."""
    return _checked(data)


def _checked(data: bytes):
    """A whole JSON text parsed; DuplicateKey when an object in it holds a key twice."""
    value = parse(data)
    if _colons_in(data) != _colons_kept(value):
        raise DuplicateKey("an object holds the same key twice")
    return value


class _Blocks:
    """The file as a growing buffer, read a block at a time."""

    def __init__(self, handle: BinaryIO, start: bytes):
        self.handle, self.buffer = handle, bytearray(start)

    def more(self) -> bool:
        block = self.handle.read(BLOCK)
        if not block:
            return False
        self.buffer += block
        return True

    def rest(self) -> bytes:
        while self.more():
            pass
        return bytes(self.buffer)


def read_streaming(handle: BinaryIO, start: bytes) -> dict | None:
    """The file's top-level object, the figures table read a chunk of records at a time.
    None when the file cannot be cut this way (it is then parsed whole)."""
    blocks = _Blocks(handle, start)
    buffer = cast(bytes, blocks.buffer)  # a bytearray, which re searches in place
    figures_key, boundary, table_end = re.compile(_FIGURES_KEY), re.compile(_BOUNDARY), re.compile(_TABLE_END)
    scanned = 0
    while not (key := figures_key.search(buffer, max(0, scanned - 16))):
        scanned = len(blocks.buffer)
        if not blocks.more():
            return None
    try:
        head = bytes(blocks.buffer[:key.start()]).rstrip()
        tables = _checked(head[:-1] + b"}" if head.endswith(b",") else head + b"}")
        figures: dict[str, dict] = {}
        cache: dict[str, str] = {}
        del blocks.buffer[:key.end()]
        scanned = 0
        while True:
            pos = max(0, scanned - 64)
            # The table's end (a record's } then the table's }) stops the cuts: past it lie other tables.
            stop = table_end.search(buffer, pos)
            cut = None
            for found in boundary.finditer(buffer, pos, stop.start() if stop else len(buffer)):
                cut = found  # the last boundary: as many whole records as the buffer holds
            if cut is not None:
                chunk = _checked(b"{" + bytes(blocks.buffer[:cut.start() + 1]) + b"}")
                _share(chunk, cache, figures)
                del blocks.buffer[:cut.end() - 1]  # keep the opening quote of the next key
            if stop is not None:
                break
            scanned = len(blocks.buffer)  # the next search starts where this one's data ended
            if not blocks.more():
                break
        rest = blocks.rest()
        for end in table_end.finditer(rest):
            try:
                last = _checked(b"{" + rest[:end.start() + 1] + b"}") if rest[:end.start()].strip() else {}
            except ValueError:
                continue  # "}}" inside a string
            after = rest[end.end():].lstrip()
            if after.startswith(b","):
                others = _checked(b"{" + after[1:])
            elif after.startswith(b"}") and not after[1:].strip():
                others = {}
            else:
                return None
            _share(last, cache, figures)
            if twice := {"figures"} & (tables.keys() | others.keys()) or tables.keys() & others.keys():
                raise DuplicateKey(f'the top level holds the key "{min(twice)}" twice')  # one piece each: no colon count sees it
            tables.update(others)
            tables["figures"] = figures
            return tables
        return None
    except DuplicateKey:
        raise
    except ValueError:
        return None


def _share(records: dict, cache: dict[str, str], into: dict) -> None:
    """Add the records to `into`, a figure id twice being an error; a sentence quoted by several
    figures is kept once, and so are names and labels repeated across records."""
    before = len(into)
    into.update(records)
    if len(into) != before + len(records):
        doc_id = next(i for i in records if i in list(into)[:before])
        raise DuplicateKey(f"the figures table holds the id {doc_id!r} twice")
    share = cache.setdefault
    for record in records.values():
        if record.__class__ is dict:
            for key in SHARED:
                value = record.get(key)
                if value.__class__ is str:
                    record[key] = share(value, value)
