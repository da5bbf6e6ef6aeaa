"""Output for the query commands: one dispatch from rows and a View to a format's writer.

A command hands `Output.emit` its rows and a `View` (which columns, which a terminal table
shows, how a table draws them); `WRITERS` maps each format to the function that writes it, so
no command branches on the format. Machine formats come from `formats` (shared with export).
Tables are for people: Chinese amounts (8.58亿元), cells never cut off, text printed literally
(a cell holding "[b]" is not Rich markup). This is the only module that imports rich, and only
when a table is drawn, so piping CSV stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from typing import TextIO

from .formats import plain, to_csv, to_json, to_markdown
from .model import UsageError, period_label

FORMATS = ("auto", "table", "csv", "tsv", "json", "jsonl", "md")


class View:
    """How one command's rows are shown.

    columns: every field -F may pick; table_columns / machine_columns: the defaults for a
    terminal table and for the machine formats (both default to columns). display: a row
    transformer for tables (Chinese amounts); draw: a function that draws the table format
    itself (a profile, a citation); nested: (key, columns) for a record holding sub-rows (a
    profile's figures): JSON prints the record, the flat formats its sub-rows, and -F picks
    from the sub-rows' columns.
    """

    def __init__(self, columns: list[str], *, table_columns: list[str] | None = None,
                 machine_columns: list[str] | None = None, title: str | None = None, what: str = "rows",
                 numeric: tuple[str, ...] = (), amounts: dict[str, str] | None = None,
                 display: Callable[[dict], dict] | None = None, draw: Callable | None = None,
                 nested: tuple[str, list[str]] | None = None):
        self.columns, self.table_columns, self.machine_columns = columns, table_columns, machine_columns
        self.title, self.what, self.numeric, self.amounts = title, what, numeric, amounts
        self.display, self.draw, self.nested = display, draw, nested


class Output:
    """The output options every query command shares (format, fields, header, BOM, formula
    guard), and the one call that prints rows through the writer of the chosen format."""

    def __init__(self, fmt: str | None = None, fields: str | None = None, *, header: bool = True, bom: bool = False,
                 excel_safe: bool = False, default_format: str | None = None, plain_terminal: bool = False,
                 out: TextIO | None = None):
        self.fmt, self.fields, self.header, self.bom, self.excel_safe = fmt, fields, header, bom, excel_safe
        self.default_format, self.plain_terminal, self._out = default_format, plain_terminal, out

    @property
    def out(self) -> TextIO:
        return self._out or sys.stdout  # the current stdout: tests and pipes swap it

    def format(self) -> str:
        """auto (the default, or the environment's) is a table on a terminal and CSV in a pipe."""
        fmt = (self.fmt or self.default_format or "auto").strip().lower()
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param="fmt")
        if fmt == "auto":
            return "table" if _is_terminal(self.out) else "csv"
        return fmt

    def columns(self, all_fields: list[str], default: list[str] | None) -> list[str]:
        if self.fields is None:
            return default or all_fields
        picked = [c.strip() for c in self.fields.split(",") if c.strip()]
        if not picked:
            raise UsageError(f"names no field; fields: {', '.join(all_fields)}", param="fields")
        unknown = [c for c in picked if c not in all_fields]
        if unknown:
            raise UsageError(f"unknown field {', '.join(unknown)}; fields: {', '.join(all_fields)}", param="fields")
        return picked

    def emit(self, rows: list[dict], view: View) -> None:
        fmt = self.format()
        nested = view.nested if fmt not in ("json", "jsonl") else None
        universe = nested[1] if nested else view.columns
        columns = self.columns(universe, view.table_columns if fmt == "table" else view.machine_columns)
        if nested and fmt != "table":  # flat formats print the sub-rows; a table draws the record
            rows = [r for row in rows for r in row[nested[0]]]
        if fmt == "table" and not rows:
            _note(f"no {view.what} match")
            return
        WRITERS[fmt](self, rows, columns, view)

    def console(self, stderr: bool = False):
        return console(self.out if not stderr else sys.stderr, plain=self.plain_terminal)


def _note(line: str) -> None:
    sys.stderr.write(printable(line) + "\n")


# ---- writers: one per format ------------------------------------------------------------------

def _write_table(output: Output, rows, columns, view: View) -> None:
    con = output.console()
    if view.draw:
        view.draw(con, rows, columns)
        return
    shown = [view.display(r) for r in rows] if view.display else rows
    grid = table(shown, columns, title=view.title, numeric=view.numeric, amounts=view.amounts)
    fit(con, grid).print(grid)


def _safe_stream(output: Output) -> TextIO:
    # On a terminal, data never carries live control characters.
    return _Shown(output.out) if _is_terminal(output.out) else output.out  # type: ignore[return-value]


def _write_delimited(dialect: str):
    def write(output: Output, rows, columns, view: View) -> None:
        out = _safe_stream(output)
        if output.bom:
            out.write("\ufeff")
        to_csv(rows, columns, header=output.header, guard=output.excel_safe, dialect=dialect, out=out)
    return write


def _write_json(lines: bool):
    def write(output: Output, rows, columns, view: View) -> None:
        data = to_json(rows, columns, lines=lines)
        out = _safe_stream(output)
        buffer = getattr(out, "buffer", None)
        if buffer is not None and not isinstance(out, _Shown):  # bytes straight out: no str copy of a large result
            out.flush()
            buffer.write(data)
            buffer.flush()
        else:
            out.write(data.decode("utf-8"))
    return write


def _write_markdown(output: Output, rows, columns, view: View) -> None:
    _safe_stream(output).write(to_markdown(rows, columns))


WRITERS: dict[str, Callable[[Output, list[dict], list[str], View], None]] = {
    "table": _write_table, "csv": _write_delimited("csv"), "tsv": _write_delimited("tsv"),
    "json": _write_json(False), "jsonl": _write_json(True), "md": _write_markdown,
}


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


# ---- tables for people ------------------------------------------------------------------------

def chinese_amount(value, unit: str | None) -> str:
    """858000000 yuan → 8.58亿元; 24730000 → 2473万元; other units grouped: 492,500."""
    if not isinstance(value, (int, float, Decimal)):
        return plain(value)
    return chinese_amounts([value], unit)[0]


_SCALES = ((Decimal(10**8), "亿", 4), (Decimal(10**4), "万", 2))


def chinese_amounts(values: list, unit: str | None) -> list[str]:
    """Several amounts on one scale (12500万元 and 12507.16万元, not 1.25亿 beside 12507.16万):
    亿 while every one needs at most four decimals, else 万 with at most two, else grouped yuan;
    exact, never rounded."""
    numbers = [Decimal(str(v)) for v in values]
    if unit == "cny":
        for size, word, decimals in _SCALES:
            scaled = [(n / size).normalize() for n in numbers]
            if all(abs(n) >= size and isinstance(x.as_tuple().exponent, int) and -int(x.as_tuple().exponent) <= decimals
                   for n, x in zip(numbers, scaled, strict=True)):
                return [f"{format(x, 'f')}{word}元" for x in scaled]
        return [f"{_grouped(n)}元" for n in numbers]
    return [_grouped(n) if n == n.to_integral_value() else format(n.normalize(), "f") for n in numbers]


def _grouped(number: Decimal) -> str:
    return f"{int(number):,}" if number == number.to_integral_value() else format(number.normalize(), ",f")


def console(out: TextIO | None = None, plain: bool = False):
    """The single place Rich consoles are made: literal text, no emoji codes; plain (NO_COLOR,
    TERM=dumb) means no escape codes at all, not only no colours."""
    from rich.console import Console

    return Console(file=out or sys.stdout, markup=False, emoji=False, highlight=False,
                   soft_wrap=False, color_system=None if plain else "auto")


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
        grid.add_column(c, overflow="fold", justify="right" if c in numeric else "left")
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c) if c != "period" or "period" in row else period_label(
                row.get("period_start"), row.get("period_end"))
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


def stats_display(row: dict) -> dict:
    """A stats row for a person: Chinese amounts, ≥ on a lower bound, ≈ on an approximate total,
    the interval where an overlap cannot be ruled out, and one period column."""
    unit = row.get("unit")
    shown = dict(row)
    for key in ("min", "max"):
        shown[key] = chinese_amount(row[key], unit)
    shown["total"] = total_text(row)
    shown["period"] = period_label(row.get("period_start"), row.get("period_end"))
    return shown


def total_text(row: dict) -> str:
    """8.58亿元; ≥6201.5万元; 1.25亿–1.2507亿元, may overlap; — where nothing adds up."""
    unit = row.get("unit")
    if row["total"] is None:
        return "—"
    mark = "≥" if row["total_is_lower_bound"] else "≈" if row["total_is_approximate"] else ""
    if not row.get("overlap_possible"):
        return mark + chinese_amount(row["total"], unit)
    low, high = chinese_amounts([row["total_min"], row["total_max"]], unit)
    if unit == "cny":
        low = low[:-1]  # 3901.5万–6201.5万元: one 元 for the pair
    return f"{mark}{low}–{high}, may overlap"


def bars(rows: list[dict], label_keys: list[str], value_key: str, unit_key: str, width: int = 40) -> str:
    """Totals as horizontal bars, scaled within each unit (yuan and persons are not comparable);
    where an overlap is possible, █ up to what the text proves (total_min) and ░ on to total_max."""
    largest: dict = {}
    for r in rows:
        top = r.get("total_max") if r.get("total_max") is not None else r.get(value_key)
        if isinstance(top, (int, float)):
            largest[r[unit_key]] = max(largest.get(r[unit_key], 0), abs(top))
    labels = [" ".join(plain(r.get(k)) or "-" for k in label_keys) for r in rows]
    pad = max((_width(label) for label in labels), default=0)
    lines = []
    for label, r in zip(labels, rows, strict=True):
        value = r.get(value_key)
        if not isinstance(value, (int, float)):
            bar, shown = "", "—"
        else:
            scale = width / (largest.get(r[unit_key]) or 1)
            ranged = bool(r.get("overlap_possible"))
            low = r["total_min"] if ranged else value
            solid = max(1 if low else 0, round(abs(low) * scale))
            bar = "█" * solid + ("░" * max(0, round(abs(r["total_max"]) * scale) - solid) if ranged else "")
            shown = total_text(r)
        lines.append(f"{label}{' ' * (pad - _width(label))}  {bar} {shown}")
    return "\n".join(lines) + ("\n" if lines else "")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def draw_profile(con, rows: list[dict], figure_columns: list[str]) -> None:
    """An honoree's profile on a terminal: facts, then figures grouped by metric, programs, events."""
    from rich.text import Text

    (profile,) = rows
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


def draw_citation(con, rows: list[dict], columns: list[str]) -> None:
    """The evidence for a figure, with the raw text marked in its sentence."""
    from rich.text import Text

    (record,) = rows
    head = [("figure", record["id"]), ("value", f"{plain(record['value'])} {record['unit']} ({record['metric']})"),
            ("source", f"{record['source_title']}"), ("published", f"{record['publisher'] or ''} {record['date'] or ''}"),
            ("file", f"{record['path']}  sha256 {(record['sha256'] or '')[:16]}…"),
            ("where", f"paragraph {record['paragraph']}, characters {record['start']}–{record['end']}")]
    wrap = {"soft_wrap": not con.is_terminal}  # in a pipe, one line per field, never cut
    for label, value in head:
        con.print(Text(f"{label:>10}  ", style="bold") + Text(printable(value)), **wrap)
    sentence = Text(printable(record["sentence"]))
    if record["raw_in_sentence"]:
        start, end = record["raw_in_sentence"]
        sentence.stylize("bold reverse", start, end)
    con.print(Text(f"{'sentence':>10}  ", style="bold") + sentence, **wrap)


def print_bars(output: Output, rows: list[dict], label_keys: list[str]) -> None:
    """--chart: the totals as bars, whatever the format (a picture has no CSV form)."""
    output.out.write(bars(rows, label_keys, "total", "unit"))
