"""Output: the one module that turns rows into table, CSV, TSV, JSON, JSONL or Markdown.

Machine formats carry raw values (858000000, never 8.58亿 or 8.58e8) under the same field
names in every format. Tables are for people: Chinese amounts (8.58亿元), cells never cut
off, text printed literally (a cell holding "[b]" is not Rich markup). Rich is imported only
when a table is drawn, so piping CSV stays fast.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from decimal import Decimal
from typing import TextIO

FORMATS = ("auto", "table", "csv", "tsv", "json", "jsonl", "md")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def choose(fmt: str | None, out: TextIO = sys.stdout) -> str:
    """auto (the default, or $QDAID_FORMAT) is a table on a terminal and CSV in a pipe."""
    fmt = (fmt or os.environ.get("QDAID_FORMAT") or "auto").lower()
    if fmt == "auto":
        return "table" if out.isatty() else "csv"
    return fmt


def plain(value) -> str:
    """A value as machine formats write it: no exponent, no grouping, lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(plain(v) for v in value)
    return str(value)


def _excel_safe(cell: str) -> str:
    # A cell a spreadsheet would run as a formula gets a leading quote; numbers stay numbers.
    if cell.startswith(_FORMULA_START):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def to_csv(rows, columns, *, header=True, excel_safe=False, dialect="csv") -> str:
    buf = io.StringIO()
    if dialect == "tsv":
        lines = ["\t".join(columns)] if header else []
        for row in rows:
            cells = [plain(row.get(c)) for c in columns]
            if excel_safe:
                cells = [_excel_safe(c) for c in cells]
            lines.append("\t".join(c.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                                   .replace("\r", "\\r") for c in cells))
        return "".join(line + "\n" for line in lines)
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        cells = [plain(row.get(c)) for c in columns]
        writer.writerow([_excel_safe(c) for c in cells] if excel_safe else cells)
    return buf.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_json(rows, columns, *, lines=False) -> str:
    import orjson

    picked = [{c: _json_value(row.get(c)) for c in columns} for row in rows]
    if lines:
        return "".join(orjson.dumps(r).decode() + "\n" for r in picked)
    if not picked:
        return "[]\n"
    return orjson.dumps(picked, option=orjson.OPT_INDENT_2).decode() + "\n"


def to_markdown(rows, columns) -> str:
    def cell(v):
        return plain(v).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def chinese_amount(value, unit: str | None) -> str:
    """858000000 yuan → 8.58亿元; 24730000 → 2473万元; other units grouped: 492,500."""
    if not isinstance(value, (int, float, Decimal)):
        return plain(value)
    number = Decimal(str(value))
    if unit == "cny":
        for size, word in ((Decimal(10**8), "亿"), (Decimal(10**4), "万")):
            if abs(number) >= size:
                return f"{format((number / size).normalize(), 'f')}{word}元"
        return f"{format(number.normalize(), 'f')}元"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return format(number.normalize(), "f")


def console(out: TextIO = sys.stdout, stderr: bool = False):
    """The single place Rich consoles are made: literal text, no emoji codes, NO_COLOR honoured."""
    from rich.console import Console

    return Console(file=out, stderr=stderr, markup=False, emoji=False, highlight=False,
                   soft_wrap=False)


def table(rows, columns, *, title=None, labels=None, numeric=(), amounts=None):
    """A Rich Table of the rows; amounts maps a column to the column holding its unit."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    for c in columns:
        grid.add_column((labels or {}).get(c, c), overflow="fold",
                        justify="right" if c in numeric else "left")
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c)
            if amounts and c in amounts:
                text = chinese_amount(value, row.get(amounts[c]))
            elif c in numeric and isinstance(value, (int, float, Decimal)):
                text = chinese_amount(value, None)
            else:
                text = plain(value)
            cells.append(Text(_printable(text)))
        grid.add_row(*cells)
    return grid


def _printable(text: str) -> str:
    # Control characters (ESC sequences, bidi overrides) must not act on the terminal.
    return "".join(c if c.isprintable() or c == "\n" else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)


def emit(rows, columns, fmt, *, out: TextIO = sys.stdout, title=None, header=True, bom=False,
         excel_safe=False, numeric=(), amounts=None, labels=None) -> None:
    """Write rows in the chosen format; the one dispatch every command goes through."""
    fmt = choose(fmt, out)
    if fmt == "table":
        con = console(out)
        if con.width < 40:
            con.width = 40
        con.print(table(rows, columns, title=title, numeric=numeric, amounts=amounts, labels=labels))
        return
    if fmt in ("csv", "tsv"):
        text = to_csv(rows, columns, header=header, excel_safe=excel_safe, dialect=fmt)
    elif fmt in ("json", "jsonl"):
        text = to_json(rows, columns, lines=fmt == "jsonl")
    elif fmt == "md":
        text = to_markdown(rows, columns)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    out.write(("\ufeff" if bom else "") + text)
