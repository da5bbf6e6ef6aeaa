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


def choose(fmt: str | None, out: TextIO | None = None) -> str:
    """auto (the default, or $QDAID_FORMAT) is a table on a terminal and CSV in a pipe."""
    fmt = (fmt or os.environ.get("QDAID_FORMAT") or "auto").lower()
    if fmt == "auto":
        return "table" if (out or sys.stdout).isatty() else "csv"
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


def _tsv_cell(cell: str) -> str:
    # TSV has no quoting: a tab or newline inside a cell is escaped, so every row has the same fields.
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_PLAIN_TYPES = frozenset({str, int, type(None)})  # what the csv module writes as we would


def to_csv(rows, columns, *, header=True, excel_safe=False, dialect="csv", out: TextIO | None = None) -> str:
    """CSV (RFC 4180, \\n line ends) or TSV (no quoting; tab, newline, backslash escaped).

    Written to `out` as it goes when given (nothing is held twice at 100k rows), else returned.
    """
    buf: TextIO = out or io.StringIO()
    if dialect == "tsv":
        if header:
            buf.write("\t".join(columns) + "\n")
        for row in rows:
            cells = [plain(row.get(c)) for c in columns]
            if excel_safe:
                cells = [_excel_safe(c) for c in cells]
            buf.write("\t".join(_tsv_cell(c) for c in cells) + "\n")
        return "" if out else buf.getvalue()  # type: ignore[attr-defined]
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        cells = list(map(row.get, columns))
        # csv writes str, int and None ("") as we would; only other types go through plain().
        if excel_safe:
            cells = [_excel_safe(plain(c)) for c in cells]
        elif not _PLAIN_TYPES.issuperset(map(type, cells)):
            cells = [plain(c) for c in cells]
        writer.writerow(cells)
    return "" if out else buf.getvalue()  # type: ignore[attr-defined]


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def to_json(rows, columns, *, lines=False) -> bytes:
    """UTF-8 JSON: an array (indented), or one compact object per line; Chinese unescaped."""
    import orjson

    picked = [{c: _json_value(row.get(c)) for c in columns} for row in rows]
    if lines:
        return b"".join(orjson.dumps(r) + b"\n" for r in picked)
    if not picked:
        return b"[]\n"
    return orjson.dumps(picked, option=orjson.OPT_INDENT_2) + b"\n"


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
        # 亿 while it needs at most four decimals (whole 万), else 万 with at most two, else grouped
        # yuan: exact, never rounded.
        for size, word, decimals in ((Decimal(10**8), "亿", 4), (Decimal(10**4), "万", 2)):
            scaled = (number / size).normalize()
            exponent = scaled.as_tuple().exponent
            if abs(number) >= size and isinstance(exponent, int) and -exponent <= decimals:
                return f"{format(scaled, 'f')}{word}元"
        grouped = f"{int(number):,}" if number == number.to_integral_value() else format(number.normalize(), ",f")
        return f"{grouped}元"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return format(number.normalize(), "f")


def console(out: TextIO | None = None, stderr: bool = False):
    """The single place Rich consoles are made: literal text, no emoji codes, NO_COLOR honoured."""
    from rich.console import Console

    # NO_COLOR (and TERM=dumb) means no escape codes at all, not only no colours.
    plain_terminal = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(file=out or (sys.stderr if stderr else sys.stdout), markup=False, emoji=False, highlight=False,
                   soft_wrap=False, color_system=None if plain_terminal else "auto")


def period(row: dict) -> str:
    """period_start and period_end as a person reads them: 2020, 2016–2021, or nothing."""
    start, end = row.get("period_start"), row.get("period_end")
    if start is None:
        return ""
    return str(start) if start == end or end is None else f"{start}–{end}"


def fit(con, renderable):
    """On a terminal, its width (cells fold, never cut); in a pipe, the table's natural width."""
    if not con.is_terminal:
        con.width = 10_000
        con.width = max(40, con.measure(renderable).maximum)
    elif con.width < 40:
        con.width = 40
    return con


def table(rows, columns, *, title=None, numeric=(), amounts=None):
    """A Rich Table of the rows; amounts maps a column to the column holding its unit."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    for c in columns:
        grid.add_column(c, overflow="fold",
                        justify="right" if c in numeric else "left")
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c) if c != "period" or "period" in row else period(row)
            if amounts and c in amounts:
                text = chinese_amount(value, row.get(amounts[c]))
            elif c in numeric and isinstance(value, (int, float, Decimal)):
                text = chinese_amount(value, None)
            else:
                text = plain(value)
            cells.append(Text(printable(text)))
        grid.add_row(*cells)
    return grid


def printable(text: str, keep: str = "\n") -> str:
    """Control characters (ESC sequences, bidi overrides, lone surrogates) shown as escapes, so
    they never act on the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)



def emit(rows, columns, fmt, *, out: TextIO | None = None, title=None, header=True, bom=False,
         excel_safe=False, numeric=(), amounts=None) -> None:
    """Write rows in the chosen format; the one dispatch every command goes through."""
    fmt = choose(fmt, out)
    if fmt == "table":
        grid = table(rows, columns, title=title, numeric=numeric, amounts=amounts)
        fit(console(out), grid).print(grid)
        return
    out = out or sys.stdout
    if _is_terminal(out):
        out = _Shown(out)  # type: ignore[assignment]  # on a terminal, data never carries live control characters
    if fmt in ("csv", "tsv"):
        if bom:
            out.write("\ufeff")
        to_csv(rows, columns, header=header, excel_safe=excel_safe, dialect=fmt, out=out)
        return
    if fmt in ("json", "jsonl"):
        data = to_json(rows, columns, lines=fmt == "jsonl")
        buffer = getattr(out, "buffer", None)
        if buffer is not None and not isinstance(out, _Shown):  # bytes straight out: no str copy of a large result
            out.flush()
            buffer.write(data)
            buffer.flush()
        else:
            out.write(data.decode("utf-8"))
        return
    if fmt == "md":
        text = to_markdown(rows, columns)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    out.write(text)


def _is_terminal(out) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


class _Shown:
    """A text stream that escapes control characters (tabs and newlines pass) as it writes."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(printable(text, keep="\n\t"))

    def flush(self) -> None:
        self.out.flush()


def write(text: str, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(text)


def stats_display(row: dict) -> dict:
    """A stats row for a person: Chinese amounts, ≥ on a lower bound, ≈ on an approximate total."""
    unit = row.get("unit")
    shown = dict(row)
    for key in ("min", "max"):
        shown[key] = chinese_amount(row[key], unit)
    if row["total"] is None:
        shown["total"] = "—"
    else:
        mark = "≥" if row["total_is_lower_bound"] else "≈" if row["total_is_approximate"] else ""
        shown["total"] = mark + chinese_amount(row["total"], unit)
    return shown


def bars(rows: list[dict], label_keys: list[str], value_key: str, unit_key: str, width: int = 40) -> str:
    """Totals as horizontal bars, scaled within each unit (yuan and persons are not comparable)."""
    largest: dict = {}
    for r in rows:
        if isinstance(r.get(value_key), (int, float)):
            largest[r[unit_key]] = max(largest.get(r[unit_key], 0), abs(r[value_key]))
    labels = [" ".join(plain(r.get(k)) or "-" for k in label_keys) for r in rows]
    pad = max((_width(label) for label in labels), default=0)
    lines = []
    for label, r in zip(labels, rows, strict=True):
        value = r.get(value_key)
        if not isinstance(value, (int, float)):
            bar, shown = "", "—"
        else:
            top = largest.get(r[unit_key]) or 1
            bar = "█" * max(1 if value else 0, round(width * abs(value) / top))
            shown = ("≥" if r.get("total_is_lower_bound") else "") + chinese_amount(value, r[unit_key])
        lines.append(f"{label}{' ' * (pad - _width(label))}  {bar} {shown}")
    return "\n".join(lines) + ("\n" if lines else "")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_profile(profile: dict, figure_columns: list[str], out: TextIO | None = None) -> None:
    """An honoree's profile on a terminal: facts, then figures grouped by metric, programs, events."""
    from rich.text import Text

    con = console(out)
    facts = [("name", profile["name"]), ("id", profile["id"]), ("kind", profile["kind"]),
             ("post", profile.get("post")), ("motto", profile.get("motto")),
             ("listed under", profile.get("listed_under")), ("home region", profile.get("home_region")),
             ("partner regions", ", ".join(profile.get("partner_regions") or []) or None),
             ("paragraphs", f"{profile['paragraph_start']}–{profile['paragraph_end']}")]
    for label, value in facts:
        if value:
            con.print(Text(f"{label:>16}  ", style="bold") + Text(printable(str(value))), soft_wrap=not con.is_terminal)
    figures = sorted(profile["figures"], key=lambda f: (f["metric"], f["start"]))
    grid = table(figures, figure_columns, title=f"figures ({len(figures)}), by metric",
                 amounts={"value": "unit"}, numeric=("value",))
    fit(con, grid).print(grid)
    if profile["programs"]:
        con.print(table(profile["programs"], ["id", "name", "region"], title="programs"))
    if profile["events"]:
        con.print(table(profile["events"], ["date", "text"], title="events"))


def print_citation(record: dict, out: TextIO | None = None) -> None:
    """The evidence for a figure, with the raw text marked in its sentence."""
    from rich.text import Text

    con = console(out)
    head = [("figure", record["id"]), ("value", f"{plain(record['value'])} {record['unit']} ({record['metric']})"),
            ("source", f"{record['source_title']}"), ("published", f"{record['publisher'] or ''} {record['date'] or ''}"),
            ("file", f"{record['path']}  sha256 {record['sha256'][:16]}…"),
            ("where", f"paragraph {record['paragraph']}, characters {record['start']}–{record['end']}")]
    wrap = {"soft_wrap": not con.is_terminal}  # in a pipe, one line per field, never cut
    for label, value in head:
        con.print(Text(f"{label:>10}  ", style="bold") + Text(printable(value)), **wrap)
    sentence = Text(printable(record["sentence"]))
    if record["raw_in_sentence"]:
        start, end = record["raw_in_sentence"]
        sentence.stylize("bold reverse", start, end)
    con.print(Text(f"{'sentence':>10}  ", style="bold") + sentence, **wrap)
