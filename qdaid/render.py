"""Output for the query commands: one dispatch from rows and a View to a format's writer.

A command hands `Output.emit` its rows and a `View` (which columns, which a terminal table
shows, how a table draws them); `WRITERS` maps each format to the function that writes it, so
no command branches on the format. Machine formats come from `formats` (shared with export).
Tables are for people: Chinese amounts (8.58亿元), cells never cut off, text printed literally
(a cell holding "[b]" is not Rich markup). This is the only module that imports rich, and only
when a table is drawn, so piping CSV stays fast.
"""

from __future__ import annotations

import io
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
                 display: Callable[[list[dict], str], list[dict]] | None = None, draw: Callable | None = None,
                 nested: tuple[str, list[str]] | None = None, priority: list[str] | None = None,
                 single: bool = False):
        self.columns, self.table_columns, self.machine_columns = columns, table_columns, machine_columns
        self.priority = priority  # most important first: what a narrow terminal keeps
        self.single = single  # one record (a profile): JSON prints the object itself, not a list of one
        self.title, self.what, self.numeric, self.amounts = title, what, numeric, amounts
        self.display, self.draw, self.nested = display, draw, nested


class Output:
    """The output options every query command shares (format, fields, header, BOM, formula
    guard), and the one call that prints rows through the writer of the chosen format."""

    def __init__(self, fmt: str | None = None, fields: str | None = None, *, header: bool = True, bom: bool = False,
                 excel_safe: bool = False, default_format: str | None = None, plain_terminal: bool = False,
                 out: TextIO | None = None, lang: str = "zh", pager: Callable[[], Pager | None] | None = None):
        self.fmt, self.fields, self.header, self.bom, self.excel_safe = fmt, fields, header, bom, excel_safe
        self.lang = lang  # zh or en: how a table writes amounts, and whether Chinese text is shown as a quote
        # Finds the pager a table longer than the terminal goes through: asked only for a table on a
        # terminal, so a pipe never looks for one (nor fails on a $PAGER it cannot read).
        self.pager = pager
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

    def streams(self) -> bool:
        """Whether the chosen format writes rows as they come (an iterator will do), not a whole."""
        return self.format() in ("csv", "tsv", "jsonl")

    def columns(self, all_fields: list[str], default: list[str] | None) -> list[str]:
        if self.fields is None:
            return default or all_fields
        by_name = {c.casefold(): c for c in all_fields}  # -F ID,RAW: field names in any case
        picked = [by_name.get(c.strip().casefold(), c.strip()) for c in self.fields.split(",") if c.strip()]
        if not picked:
            raise UsageError(f"names no field; fields: {', '.join(all_fields)}", param="fields")
        unknown = [c for c in picked if c not in all_fields]
        if unknown:
            raise UsageError(f"unknown field {', '.join(unknown)}; fields: {', '.join(all_fields)}", param="fields")
        return picked

    def emit(self, rows, view: View) -> None:
        """Write the rows (a list of records, or an iterable of them that is streamed, or
        formats.Tuples) in the chosen format, with the view's columns."""
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
    pager = output.pager() if output.pager and _is_terminal(output.out) else None
    if pager:
        screen = output.console()
        buffer = io.StringIO()  # drawn as for the terminal, then paged if it is longer than the screen
        con = console(buffer, plain=output.plain_terminal, size=(screen.width, screen.height))
        _draw_table(con, output, rows, columns, view)
        pager.show(buffer.getvalue(), screen.height, output.out)
        return
    _draw_table(output.console(), output, rows, columns, view)


class Pager:
    """A pager program ($QDAID_PAGER, $PAGER, else less) for output longer than the screen, as
    git and gh page. A pager that cannot start means the text is printed as it is."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        self.argv, self.env = argv, env

    def show(self, text: str, height: int, out: TextIO) -> None:
        import signal
        import subprocess

        if text.count("\n") < height:
            out.write(text)
            return
        try:
            proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, env=self.env)
        except OSError:
            out.write(text)
            return
        out.flush()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
        try:
            assert proc.stdin is not None
            proc.stdin.write(text.encode("utf-8"))
            proc.stdin.close()
        except BrokenPipeError:  # the reader quit before the end (q in less)
            pass
        finally:
            proc.wait()
            signal.signal(signal.SIGINT, previous)


def _draw_table(con, output: Output, rows, columns, view: View) -> None:
    if view.draw:
        view.draw(con, rows, columns, output.lang)
        return
    shown = view.display(rows, output.lang) if view.display else rows
    print_table(con, shown, columns, title=view.title, numeric=view.numeric, amounts=view.amounts,
                priority=view.priority, lang=output.lang)


def print_table(con, rows, columns, **options) -> None:
    """A table that fits the terminal: ids and numbers are never wrapped or cut; when they cannot
    all fit, the least important columns are left out (and a note says which, as gh does); when
    the three most important cannot stand side by side, each row is printed as lines of
    `field  value`."""
    priority = options.pop("priority", None) or columns
    cells = table_cells(rows, columns, options.get("numeric", ()), options.get("amounts"), options.pop("lang", "zh"),
                        options.pop("scales", None))
    if con.is_terminal:
        fitting = _fitting(columns, cells, max(con.width, 20), priority)
        if fitting is None:
            _vertical(con, columns, cells)
            return
        if len(fitting) < len(columns):
            left_out = [c for c in columns if c not in fitting]
            _note(f"note: left out {', '.join(left_out)} to fit {con.width} columns (-F chooses the columns)")
            keep = [columns.index(c) for c in fitting]
            columns, cells = fitting, [[row[i] for i in keep] for row in cells]
    grid = table(rows, columns, cells=cells, **options)
    fit(con, grid).print(grid)


# Cells of running text, which may wrap anywhere; every other column holds ids, numbers, amounts
# or lists of them, which wrap only between words (list items go one a line), never inside one.
WRAPPABLE = frozenset({"quote", "text", "match", "context", "definition", "name", "motto", "title", "post", "label",
                       "sentence", "honoree_name",
                       "note", "source_title"})


def _fitting(columns: list[str], cells: list[list[str]], width: int, priority: list[str]) -> list[str] | None:
    """The columns that fit, the most important first (priority; then the order shown): ids and
    numbers at their widest, text at 12 cells. None when the three most important cannot be kept."""
    from rich.cells import cell_len

    def need(i: int, c: str) -> int:
        if c in WRAPPABLE:
            return min(12, max([cell_len(c)] + [cell_len(row[i]) for row in cells])) + 3
        return _widest_token(c, [row[i] for row in cells]) + 3

    kept, used = [], 1
    order = sorted(range(len(columns)), key=lambda i: priority.index(columns[i]) if columns[i] in priority else 99)
    for rank, i in enumerate(order):
        if used + need(i, columns[i]) <= width:
            kept.append(columns[i])
            used += need(i, columns[i])
        elif rank < 3:
            return None  # the three most important columns do not fit side by side: one record at a time
    return [c for c in columns if c in kept]


def _widest_token(header: str, values: list[str]) -> int:
    """The widest run without a space or line break: ids and numbers have none, so they stay whole."""
    from rich.cells import cell_len

    return max([cell_len(header)] + [cell_len(token) for value in values for token in value.split()])


def _vertical(con, columns: list[str], cells: list[list[str]]) -> None:
    from rich.text import Text

    pad = max(len(c) for c in columns)
    for n, row in enumerate(cells):
        if n:
            con.print("")
        for c, value in zip(columns, row, strict=True):
            con.print(Text(f"{c:>{pad}}  ", style="bold") + Text(value), soft_wrap=True)


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
        data = to_json(rows, columns, lines=lines, single=view.single)
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

# A column of yuan has one scale, so a reader compares it at a glance (57万元 above 106000万元,
# not 57万元 above 10.6亿元): the largest at which every amount is at least one unit of it and
# exact within these decimals (亿: to 10,000 yuan; 万 and million: to the yuan), else grouped
# yuan. Never rounded.
MONEY_SCALES = {"zh": ((Decimal(10**8), "亿", 4), (Decimal(10**4), "万", 4)),
                "en": ((Decimal(10**9), " billion", 5), (Decimal(10**6), " million", 6))}
AUTO = object()  # a scale chosen for the one value


def money_scale(values, lang: str = "zh") -> tuple[Decimal, str, int] | None:
    """The one scale for these yuan amounts (None: grouped yuan)."""
    numbers = [Decimal(str(v)) for v in values if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)]
    for size, word, decimals in MONEY_SCALES[lang]:
        if numbers and all(abs(n) >= size and _decimals(n / size) <= decimals for n in numbers):
            return size, word, decimals
    return None


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def chinese_amount(value, unit: str | None, lang: str = "zh", scale=AUTO) -> str:
    """858000000 yuan → 8.58亿元 (in English 858 million CNY), on `scale` when a column chose one;
    24730000 → 2473万元; other units grouped: 492,500."""
    if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return plain(value)
    number = Decimal(str(value))
    if unit != "cny":
        return _grouped(number)
    if scale is AUTO:
        scale = money_scale([number], lang)
    currency = " CNY" if lang == "en" else "元"
    if scale is None:
        return f"{_grouped(number)}{currency}"
    size, word, _ = scale
    scaled = (number / size).normalize()
    return f"{format(scaled, ',f' if lang == 'en' else 'f')}{word}{currency}"


def chinese_amounts(values: list, unit: str | None, lang: str = "zh") -> list[str]:
    """Several amounts on one scale (12500万元 and 12507.16万元, not 1.25亿 beside 12507.16万)."""
    scale = money_scale(values, lang) if unit == "cny" else None
    return [chinese_amount(v, unit, lang, scale) for v in values]


def _grouped(number: Decimal) -> str:
    return f"{int(number):,}" if number == number.to_integral_value() else format(number.normalize(), ",f")


def console(out: TextIO | None = None, plain: bool = False, size: tuple[int, int] | None = None):
    """The single place Rich consoles are made: literal text, no emoji codes; plain (NO_COLOR,
    TERM=dumb) means no escape codes at all, not only no colours. size: draw for a terminal of
    this width and height whatever `out` is (a page drawn for the pager)."""
    from rich.console import Console

    width, height = size or (None, None)
    con = Console(file=out or sys.stdout, markup=False, emoji=False, highlight=False, soft_wrap=False,
                  color_system=None if plain else "auto", force_terminal=True if size else None,
                  width=width, height=height)
    # Rich's own exits with 1; a reader that stops early is no error (Rich documents replacing it).
    con.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
    return con


def _broken_pipe() -> None:
    raise BrokenPipeError  # the command line's one handler: quiet, exit 0


def fit(con, renderable):
    """On a terminal, its width (cells fold, never cut); in a pipe, the table's natural width."""
    if not con.is_terminal:
        con.width = 10_000
        con.width = max(40, con.measure(renderable).maximum)
    elif con.width < 40:
        con.width = 40
    return con


def table_cells(rows, columns, numeric=(), amounts=None, lang="zh", scales=None) -> list[list[str]]:
    """Each row's cells as a person reads them: Chinese (or English) amounts, one period column,
    lists one item a line, control characters shown as escapes; in English, Chinese text as a
    quotation (“…”)."""
    quote = _quoter(lang)
    if scales is None:  # one scale per column of amounts, unless the caller chose one for several tables
        scales = {c: money_scale([r.get(c) for r in rows if r.get(unit) == "cny"], lang)
                  for c, unit in (amounts or {}).items()}
    out = []
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c) if c != "period" or "period" in row else period_label(
                row.get("period_start"), row.get("period_end"))
            if amounts and c in amounts:
                text = chinese_amount(value, row.get(amounts[c]), lang, scales[c])
            elif c in numeric and isinstance(value, (int, float, Decimal)):
                text = chinese_amount(value, None, lang)
            elif isinstance(value, (list, tuple)):
                text = "\n".join(quote(plain(v)) for v in value)
            else:  # a unit's note names its Chinese word on purpose (亩: …): no quotation marks
                text = quote(plain(value)) if c != "note" else plain(value)
            cells.append(printable(text))
        out.append(cells)
    return out


def _quoter(lang: str) -> Callable[[str], str]:
    if lang != "en":
        return lambda text: text
    from .english import quoted

    return quoted


def table(rows, columns, *, title=None, numeric=(), amounts=None, cells=None, lang="zh"):
    """A Rich Table of the rows; amounts maps a column to the column holding its unit."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    cells = table_cells(rows, columns, numeric, amounts, lang) if cells is None else cells
    for i, c in enumerate(columns):
        # An id or a number is never wrapped: such a column is at least as wide as its widest word.
        widest = _widest_token(c, [cell[i] for cell in cells]) if c not in WRAPPABLE else None
        grid.add_column(c, overflow="fold", min_width=widest, justify="right" if c in numeric else "left")
    for row in cells:
        grid.add_row(*(Text(cell) for cell in row))
    return grid


def printable(text: str, keep: str = "\n") -> str:
    """Control characters (ESC sequences, bidi overrides, lone surrogates) shown as escapes, so
    they never act on the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)


STATS_AMOUNTS = ("total", "total_min", "total_max", "min", "max")


def stats_display(rows: list[dict], lang: str = "zh") -> list[dict]:
    """Stats rows for a person: Chinese (or English) amounts on one scale for all the yuan, ≥ on
    a lower bound, ≈ on an approximate total, the interval where an overlap cannot be ruled out,
    and one period column."""
    money = [r for r in rows if r.get("unit") == "cny"]
    scale = money_scale([r[k] for r in money for k in STATS_AMOUNTS[:3]], lang)  # the total column's
    scales = {k: money_scale([r[k] for r in money], lang) for k in ("min", "max")}
    shown = []
    for row in rows:
        unit = row.get("unit")
        cells = dict(row)
        for key in ("min", "max"):
            cells[key] = chinese_amount(row[key], unit, lang, scales[key])
        cells["total"] = total_text(row, lang, scale)
        cells["period"] = period_label(row.get("period_start"), row.get("period_end"))
        shown.append(cells)
    return shown


def total_text(row: dict, lang: str = "zh", scale=AUTO) -> str:
    """8.58亿元; ≥6201.5万元; 1.25亿–1.2507亿元, may overlap; — where nothing adds up. In English
    858 million CNY; 39.015–62.015 million CNY, may overlap."""
    unit = row.get("unit")
    if row["total"] is None:
        return "—"
    mark = "≥" if row["total_is_lower_bound"] else "≈" if row["total_is_approximate"] else ""
    if scale is AUTO:
        scale = money_scale([row[k] for k in STATS_AMOUNTS[:3] if row.get(k) is not None], lang)
    if not row.get("overlap_possible"):
        return mark + chinese_amount(row["total"], unit, lang, scale)
    low, high = (chinese_amount(row[k], unit, lang, scale) for k in ("total_min", "total_max"))
    if unit == "cny":  # 3901.5万–6201.5万元, 39.015–62.015 million CNY: the unit once for the pair
        words = low.split(" ")
        low = low[:-1] if lang != "en" else words[0] if words[1:] == high.split(" ")[1:] else " ".join(words[:-1])
    return f"{mark}{low}–{high}, may overlap"


def bars(rows: list[dict], label_keys: list[str], value_key: str, unit_key: str, width: int = 40,
         lang: str = "zh") -> str:
    """Totals as horizontal bars, scaled within each unit (yuan and persons are not comparable);
    where an overlap is possible, █ up to what the text proves (total_min) and ░ on to total_max."""
    largest: dict = {}
    for r in rows:
        top = r.get("total_max") if r.get("total_max") is not None else r.get(value_key)
        if isinstance(top, (int, float)):
            largest[r[unit_key]] = max(largest.get(r[unit_key], 0), abs(top))
    # The labels are data: shown, never run (an escape sequence in a metric would act on the terminal).
    labels = [printable(" ".join(plain(r.get(k)) or "-" for k in label_keys), keep="") for r in rows]
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
            shown = total_text(r, lang)
        lines.append(f"{label}{' ' * (pad - _width(label))}  {bar} {shown}")
    return "\n".join(lines) + ("\n" if lines else "")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def draw_profile(con, rows: list[dict], figure_columns: list[str], lang: str = "zh") -> None:
    """An honoree's profile on a terminal: facts; figures in the order of the text, a table per
    paragraph, each with its context (the number marked 【…】); durations and the like after them;
    programs; events in date order."""
    from rich.text import Text

    from .query import context

    (profile,) = rows
    if lang == "en":
        from .english import localise, quoted

        profile = {**localise(profile, "honorees"), "programs": [localise(p, "programs") for p in profile["programs"]]}
    else:
        def quoted(text: str) -> str:
            return text
    facts = [("name", profile["name"]), ("id", profile["id"]), ("kind", profile["kind"]),
             ("post", profile.get("post")), ("motto", profile.get("motto")),
             ("listed under", profile.get("listed_under")), ("home region", profile.get("home_region")),
             ("partner regions", ", ".join(profile.get("partner_regions") or []) or None),
             ("paragraphs", f"{profile['paragraph_start']}–{profile['paragraph_end']}")]
    for label, value in facts:
        if value:
            con.print(Text(f"{label:>16}  ", style="bold") + Text(printable(quoted(str(value)))),
                      soft_wrap=not con.is_terminal)
    at = profile.get("raw_at", {})  # where each figure's number stands in its sentence, when the text is at hand
    shown = []
    for f in profile["figures"]:
        start, end = at.get(f["id"]) or _first(f)
        shown.append({**f, "context": context(f["quote"], start, end, reach=12, mark=True)})
    from .model import is_trivia

    groups: dict[str, list[dict]] = {}
    for f in shown:
        title = "other figures: durations and the like" if is_trivia(f) else f"paragraph {f['paragraph']}"
        groups.setdefault(title, []).append(f)
    con.print(Text(f"figures ({len(shown)}), in the order of the text", style="bold"))
    scales = {"value": money_scale([f["value"] for f in shown if f["unit"] == "cny"], lang)}  # one for all the tables
    for title, figures in groups.items():
        print_table(con, figures, figure_columns, title=title, amounts={"value": "unit"}, numeric=("value",),
                    priority=["id", "raw", "value", "unit", "metric", "context"], lang=lang, scales=scales)
    if profile["programs"]:
        con.print(table(profile["programs"], ["id", "name", "region"], title="programs", lang=lang))
    if profile["events"]:
        con.print(table(profile["events"], ["date", "text"], title="events", lang=lang))


def _first(figure: dict) -> tuple[int, int]:
    """The number's place in its sentence when the source text is not at hand: its first
    occurrence (or the whole sentence)."""
    at = figure["quote"].find(figure["raw"])
    return (at, at + len(figure["raw"])) if at >= 0 else (0, len(figure["quote"]))


def draw_citation(con, rows: list[dict], columns: list[str], lang: str = "zh") -> None:
    """The evidence for each figure, with the raw text marked 【…】 in its sentence (and shown in
    reverse where the terminal has colour)."""
    from rich.text import Text

    wrap = {"soft_wrap": not con.is_terminal}  # in a pipe, one line per field, never cut
    quote = _quoter(lang)
    for n, record in enumerate(rows):
        if n:
            con.print("")
        amount = chinese_amount(record["value"], record["unit"], lang)
        head = [("figure", record["id"]),
                ("value", f"{quote(record['raw'])} = {amount}{'' if record['unit'] == 'cny' else ' ' + record['unit']} "
                          f"({record['metric']}, {record['kind']})"),
                ("period", record["period"] or "—"), ("region", record["region"] or "—"),
                ("within", "; ".join(record["within"]) or "—"),
                ("source", quote(f"{record['source_title']}")),
                ("published", quote(f"{record['publisher'] or ''} {record['date'] or ''}")),
                ("file", f"{record['path']}  sha256 {(record['sha256'] or '')[:16]}…"),
                ("where", f"paragraph {record['paragraph']}, characters {record['start']}–{record['end']}")]
        for label, value in head:
            con.print(Text(f"{label:>10}  ", style="bold") + Text(printable(value)), **wrap)
        text = record["sentence"]
        if record["raw_in_sentence"]:
            start, end = record["raw_in_sentence"]
            sentence = Text(printable(text[:start]) + "【") + Text(printable(text[start:end]), style="bold reverse") \
                + Text("】" + printable(text[end:]))
        else:
            sentence = Text(printable(text))
        if lang == "en":  # the sentence as the quotation it is
            sentence = Text("“") + sentence + Text("”")
        con.print(Text(f"{'sentence':>10}  ", style="bold") + sentence, **wrap)


def print_bars(output: Output, rows: list[dict], label_keys: list[str]) -> None:
    """--chart: the totals as bars, whatever the format (a picture has no CSV form)."""
    output.out.write(bars(rows, label_keys, "total", "unit", lang=output.lang))
