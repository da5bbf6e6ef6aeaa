"""Serialisers shared by every writer of rows: CSV, TSV, JSON, JSONL and Markdown.

Machine formats carry raw values (858000000, never 8.58亿 or 8.58e8) under the same field
names in every format, UTF-8 with Chinese unescaped. `render` (the query commands' output) and
`export` (files for other tools) both write through these functions.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from typing import TextIO

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_TYPES = frozenset({str, int, type(None)})  # what the csv module writes as we would


def load_orjson():
    """orjson, imported whole (every module imports it through here). A Ctrl-C, SIGTERM or SIGHUP
    that lands while its module sets itself up is held until the import is over, then raised:
    a KeyboardInterrupt inside that set-up crashes the process (a segfault, 1 in 150 interrupts
    of stats at 90-160 ms, 83ff788). It is imported only when needed: with json's import, which
    orjson makes, it costs a query ~3 ms, and a query on a store's cache needs neither."""
    if (module := sys.modules.get("orjson")) is not None:
        return module
    import signal

    held: list[int] = []
    try:
        saved = [(s, signal.signal(s, lambda signum, frame: held.append(signum)))
                 for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)]
    except ValueError:  # not the main thread, where Python runs every handler: nothing to hold
        saved = []
    try:
        import orjson
    finally:
        for signum, handler in saved:
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        if held:
            signal.raise_signal(held[0])  # the command's own handler, now
    return orjson


def plain(value) -> str:
    """A value as machine formats write it: no exponent, no grouping, lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(plain(v) for v in value)
    return str(value)


def excel_safe(cell: str) -> str:
    # A cell a spreadsheet would run as a formula gets a leading quote; numbers stay numbers.
    if cell.startswith(_FORMULA_START):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def _tsv_cell(cell: str) -> str:
    # TSV has no quoting: a tab or newline inside a cell is escaped, so every row has the same fields.
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Tuples:
    """Rows that are already tuples of `columns`, in that order, every number but an integer
    already written as `plain` writes it: the fact base streams its rows so, and CSV writes
    them without a dict per row (at a million figures that halves the time)."""

    def __init__(self, columns: list[str], rows):
        self.columns, self.rows = list(columns), rows

    def __iter__(self):  # as dicts, for any writer that wants them
        return (dict(zip(self.columns, row, strict=True)) for row in self.rows)


def to_csv(rows, columns, *, header=True, guard=False, dialect="csv", out: TextIO | None = None) -> str:
    """CSV (RFC 4180, \\n line ends) or TSV (no quoting; tab, newline, backslash escaped).

    Written to `out` as it goes when given (nothing is held twice at 100k rows), else returned.
    guard: formula-like cells get a leading quote (excel_safe).
    """
    buf: TextIO = out or io.StringIO()
    if dialect == "tsv":
        if header:
            buf.write("\t".join(columns) + "\n")
        for row in rows:
            cells = [plain(row.get(c)) for c in columns]
            if guard:
                cells = [excel_safe(c) for c in cells]
            buf.write("\t".join(_tsv_cell(c) for c in cells) + "\n")
        return "" if out else buf.getvalue()  # type: ignore[attr-defined]
    if header:
        buf.write(_csv_text([columns]))
    tuples = isinstance(rows, Tuples) and rows.columns == list(columns) and not guard  # written as they are
    for text in _csv_chunks(rows.rows if tuples else (_cells(row, columns, guard) for row in rows)):
        buf.write(text)
    return "" if out else buf.getvalue()  # type: ignore[attr-defined]


def _cells(row, columns, guard: bool) -> list:
    cells = list(map(row.get, columns))
    # csv writes str, int and None ("") as we would; only other types go through plain().
    if guard:
        return [excel_safe(plain(c)) for c in cells]
    if not _PLAIN_TYPES.issuperset(map(type, cells)):
        return [plain(c) for c in cells]
    return cells


class _Lines(list):
    write = list.append  # a file for csv.writer: its lines, joined once per chunk


def _csv_text(rows: list) -> str:
    """CSV of these rows, \n line ends. The csv module quotes a cell holding a character of its
    line end only, so a cell with \r would be written bare and split the row in every reader
    (RFC 4180: CR, LF and quotes are quoted): rows holding one are written with \r\n line ends,
    which quotes it, and those ends turned back to \n."""
    lines = _Lines()
    csv.writer(lines, lineterminator="\n").writerows(rows)
    text = "".join(lines)
    if "\r" not in text:  # one scan of the text: almost always the end
        return text
    lines = _Lines()
    csv.writer(lines, lineterminator="\r\n").writerows(rows)
    return "".join(line[:-2] + "\n" for line in lines)


def _csv_chunks(rows: Iterable) -> Iterator[str]:
    rows = iter(rows)
    while chunk := list(islice(rows, 4096)):
        yield _csv_text(chunk)


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_json(rows, columns, *, lines=False, single=False) -> bytes:
    """UTF-8 JSON: an array (indented), or one compact object per line, or (single) the one
    record itself; Chinese unescaped."""
    orjson = load_orjson()
    picked = [{c: _json_value(row.get(c)) for c in columns} for row in rows]
    if single and len(picked) == 1 and not lines:
        return orjson.dumps(picked[0], option=orjson.OPT_INDENT_2) + b"\n"
    if lines:
        return b"".join(orjson.dumps(r) + b"\n" for r in picked)
    if not picked:
        return b"[]\n"
    return orjson.dumps(picked, option=orjson.OPT_INDENT_2) + b"\n"


_MARKDOWN = str.maketrans({"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def to_markdown(rows, columns) -> str:
    def cell(v):
        # Text, never markup: no HTML or link of the data reaches a Markdown renderer.
        return plain(v).translate(_MARKDOWN).replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def printable(text: str, keep: str = "\n") -> str:
    """Control characters (ESC sequences, bidi overrides, lone surrogates) shown as escapes, so
    they never act on the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)
