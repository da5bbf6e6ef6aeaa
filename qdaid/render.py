"""Output for the query commands: one dispatch from rows and a View to a format's writer.

A command hands `Output.emit` its rows and a `View` (which columns, which a terminal table
shows, how a table draws them); `WRITERS` maps each format to the function that writes it, so
no command branches on the format. Machine formats come from `formats` (shared with export).
Tables are for people: Chinese amounts (8.58亿元, amounts.py), cells never cut off, text printed
literally (a cell holding "[b]" is not Rich markup). Rich is imported (here, pages.py) only when
something is drawn, so piping CSV stays fast."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from .amounts import UNGROUPED, bars, chinese_amount
from .formats import plain, printable, to_csv, to_json, to_markdown
from .messages import Words, message
from .model import UsageError, period_label

if TYPE_CHECKING:
    from .pager import Pager

FORMATS = ("auto", "table", "csv", "tsv", "json", "jsonl", "md")


class View:
    """How one command's rows are shown.

    columns: every field -F may pick; table_columns / machine_columns: the defaults for a
    terminal table and for the machine formats (both default to columns). display: a row
    transformer for tables (Chinese amounts); draw: a function that draws the table format
    itself (a profile, a citation); nested: (key, columns) for a record holding sub-rows (a
    profile's figures): JSON prints the record, the flat formats its sub-rows, and -F picks
    from the sub-rows' columns. words: the names a table shows for the ids in its cells (消费扶贫
    for consumption_aid, in the page's language); the machine formats keep the ids.
    """

    def __init__(self, columns: list[str], *, table_columns: list[str] | None = None,
                 machine_columns: list[str] | None = None, title: str | None = None, what: str = "rows",
                 numeric: tuple[str, ...] = (), amounts: dict[str, str] | None = None,
                 display: Callable[[list[dict], str], list[dict]] | None = None, draw: Callable | None = None,
                 nested: tuple[str, list[str]] | None = None, priority: list[str] | None = None,
                 single: bool = False, words: Words | None = None, shown: tuple[str, ...] = (), filtered: str = ""):
        self.columns, self.table_columns, self.machine_columns = columns, table_columns, machine_columns
        self.priority = priority  # most important first: what a narrow terminal keeps
        self.single = single  # one record (a profile): JSON prints the object itself, not a list of one
        self.title, self.what, self.numeric, self.amounts = title, what, numeric, amounts
        self.display, self.draw, self.nested = display, draw, nested
        self.words = words
        self.filtered = filtered  # what the filters selected, as the page says it (messages.filters_text)
        self.shown = shown  # columns the page is for (stats --explain's): never left out of a table, which
        # gives way to one record a block when it cannot hold them all


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
        self.format()  # (a format from the environment checked before any query runs)

    @property
    def out(self) -> TextIO:
        return self._out or sys.stdout  # the current stdout: tests and pipes swap it

    def format(self) -> str:
        """auto (the default, or the environment's) is a table on a terminal and CSV in a pipe."""
        fmt = (self.fmt or self.default_format or "auto").strip().lower()
        if fmt not in FORMATS:  # the environment's is named so: the option's name would mislead
            raise UsageError(f"{'' if self.fmt else '$QDAID_FORMAT: '}unknown format {fmt!r}; choose one of "
                             f"{', '.join(FORMATS)}", param="fmt" if self.fmt else None)
        return ("table" if _is_terminal(self.out) else "csv") if fmt == "auto" else fmt

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
        human = fmt == "table" or (fmt == "md" and not nested)  # Markdown is read as a table is
        columns = self.columns(universe, view.table_columns if human else view.machine_columns)
        if nested and fmt != "table":  # flat formats print the sub-rows; a table draws the record
            rows = [r for row in rows for r in row[nested[0]]]
        if fmt == "table" and not rows:
            _note(message("no_match_filtered", self.lang, what=view.what, filters=view.filtered) if view.filtered
                  else message("no_match", self.lang, what=view.what))
            return
        WRITERS[fmt](self, rows, columns, view)

    def console(self, stderr: bool = False):
        return console(self.out if not stderr else sys.stderr, plain=self.plain_terminal)


def _note(line: str) -> None:
    sys.stderr.write(for_stderr(line) + "\n")


def for_stderr(line: str) -> str:
    """A note as stderr shows it: control characters shown, not run; on a terminal, wrapped to its
    width between whole tokens (the terminal would cut 6.35万名 or an id anywhere); in a pipe or a
    file, one line."""
    line = printable(line)
    width = _terminal_width(sys.stderr)
    if width is None or len(line) <= width // 2:
        return line
    from .wrapping import hanging

    return "\n".join(hanging(line, width))


def _terminal_width(stream) -> int | None:
    """The width of the terminal the stream is, as Rich reads it ($COLUMNS first); None when it is
    no terminal."""
    import os

    if not _is_terminal(stream):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (OSError, ValueError, AttributeError):
        return None


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


def _draw_table(con, output: Output, rows, columns, view: View) -> None:
    if view.draw:
        view.draw(con, rows, columns, output.lang, view.words)
        return
    shown = view.display(rows, output.lang) if view.display else rows
    print_table(con, shown, columns, title=view.title, numeric=view.numeric, amounts=view.amounts,
                priority=view.priority, lang=output.lang, words=view.words, shown=view.shown)


def print_table(con, rows, columns, **options) -> None:
    """A table that fits the terminal, as drawn: ids and numbers are never wrapped or cut; the
    columns planned to fit are drawn, the widest line measured (cells: CJK counts two), and the
    least important left out until it fits (a note says which, as gh does); when the three most
    important cannot stand side by side, each row is printed as lines of `field  value`.
    chosen: the columns a caller already chose for several tables of one page (choose_columns),
    so the page keeps one set and one note. shown: columns never left out (the point of the page):
    when they do not all fit, one record a block."""
    chosen = options.pop("chosen", False)
    shown = options.pop("shown", ())
    if not con.is_terminal:
        grid = table(rows, columns, cells=_cells_of(rows, columns, options), **_drawing(options))
        fit(con, grid).print(grid)
        return
    if chosen is False:
        chosen = choose_columns(con, rows, columns, **options)
        if chosen is not None and not set(shown) & set(columns) <= set(chosen):
            chosen = None
        if chosen is not None and len(chosen) < len(columns):
            _left_out(con, columns, chosen, options.get("lang", "zh"))
    if chosen is None:
        from .wrapping import vertical

        vertical(con, columns, _cells_of(rows, columns, options), options.get("title"))
        return
    from .wrapping import settle

    con.print(settle(con, table(rows, chosen, cells=_cells_of(rows, chosen, options), **_drawing(options))))


def choose_columns(con, rows, columns, **options) -> list[str] | None:
    """The columns of these rows that fit the console as drawn (None: one record a block)."""
    from .wrapping import settle

    priority = options.get("priority") or columns
    cells = _cells_of(rows, columns, options)
    fitting = _fitting(columns, cells, con.width, priority, wrappable=_wrappable(options.get("words")))
    rank = {c: priority.index(c) if c in priority else 99 for c in columns}
    while fitting is not None:
        keep = [columns.index(c) for c in fitting]
        grid = table(rows, fitting, cells=[[row[i] for i in keep] for row in cells], **_drawing(options))
        if _drawn_width(con, settle(con, grid)) <= con.width:
            return fitting
        fitting = None if len(fitting) <= 3 else [c for c in fitting if c != max(fitting, key=lambda c: rank[c])]
    return None


def _left_out(con, columns: list[str], chosen: list[str], lang: str = "zh") -> None:
    left_out = [c for c in columns if c not in chosen]
    _note(message("left_out_columns", lang, columns=", ".join(left_out), width=con.width))


def _cells_of(rows, columns, options: dict) -> list[list[str]]:
    return table_cells(rows, columns, options.get("numeric", ()), options.get("amounts"), options.get("lang", "zh"),
                       options.get("words"))


def _drawing(options: dict) -> dict:
    """What table() takes of print_table's options."""
    return {k: v for k, v in options.items() if k in ("title", "numeric", "amounts", "lang", "words")}


def _drawn_width(con, renderable) -> int:
    """How wide the renderable is drawn, in cells, before the console crops it: a table whose ids
    and numbers need more than the console has is drawn that wide and then cut at the console's
    edge, its right border and the ends of its rows lost (Rich's own measure says it fits)."""
    from rich.segment import Segment

    lines = Segment.split_lines(con.render(renderable, con.options))
    return max((Segment.get_line_length(line) for line in lines), default=0)


# Cells of running text, which may wrap anywhere; every other column holds ids, numbers, amounts
# or lists of them, which wrap only between words (list items go one a line), never inside one.
WRAPPABLE = frozenset({"quote", "text", "match", "context", "definition", "name", "motto", "title", "post", "label",
                       "sentence", "honoree_name", "excluded_because",
                       "note", "source_title", "reason", "reasons"})
# Columns of ids that a table shows by name (messages.Words): names may wrap as text does.
NAMED = frozenset({"honoree", "region", "parent", "listed_under", "home_region", "partner_regions", "metric"})


def _wrappable(words: Words | None) -> frozenset[str]:
    return WRAPPABLE | (NAMED & set(words.columns)) if words is not None else WRAPPABLE


# Cells never wrapped at all, not even between words: an amount (858 million CNY, 7.6亿–8.2亿元),
# a count, a period. Such a column is as wide as its widest line, or is left out.
WHOLE = frozenset({"value", "total", "total_min", "total_max", "min", "max", "count", "excluded", "period", "date"})


def _fitting(columns: list[str], cells: list[list[str]], width: int, priority: list[str],
             wrappable: frozenset[str] = WRAPPABLE) -> list[str] | None:
    """The columns that fit, the most important first (priority; then the order shown): ids and
    numbers at their widest, text at 12 cells. None when the three most important cannot be kept."""
    from rich.cells import cell_len

    from .wrapping import widest_token, widest_whole

    def need(i: int, c: str) -> int:
        if c in wrappable:  # 12 cells, or the widest id or amount in it
            return max(min(12, max([cell_len(c)] + [cell_len(row[i]) for row in cells])),
                       max((widest_whole(row[i]) for row in cells), default=0)) + 3
        return widest_token(c, [row[i] for row in cells], whole=c in WHOLE) + 3

    kept, used = [], 1
    order = sorted(range(len(columns)), key=lambda i: priority.index(columns[i]) if columns[i] in priority else 99)
    for rank, i in enumerate(order):
        if used + need(i, columns[i]) <= width:
            kept.append(columns[i])
            used += need(i, columns[i])
        elif rank < 3:
            return None  # the three most important columns do not fit side by side: one record at a time
    return [c for c in columns if c in kept]


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
    """Markdown is for people, as a table is: amounts in their natural unit, ids by name, in the
    page's language; text, never markup (to_markdown escapes it)."""
    rows = list(rows)
    shown = view.display(rows, output.lang) if view.display else rows
    cells = table_cells(shown, columns, view.numeric, view.amounts, output.lang, view.words)
    _safe_stream(output).write(to_markdown([dict(zip(columns, row, strict=True)) for row in cells], columns))


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
    """On a terminal, its width, however narrow (cells fold, never cut); in a pipe, the table's
    natural width."""
    if not con.is_terminal:
        con.width = 10_000
        con.width = max(40, con.measure(renderable).maximum)
    return con


def table_cells(rows, columns, numeric=(), amounts=None, lang="zh", words=None) -> list[list[str]]:
    """Each row's cells as a person reads them: amounts in their natural unit with the text's
    approximation (2300多万元), ids by name (words), one period column, lists one item a line,
    control characters shown as escapes; in English, Chinese text as a quotation (“…”)."""
    quote = _quoter(lang)
    out = []
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c) if c != "period" or "period" in row else period_label(
                row.get("period_start"), row.get("period_end"))
            if words is not None:
                value = words.name(c, value, lang)
            if amounts and c in amounts:
                text = chinese_amount(value, row.get(amounts[c]), lang, row.get("approx"), row.get("raw"))
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


def table(rows, columns, *, title=None, numeric=(), amounts=None, cells=None, lang="zh", words=None):
    """A Rich Table of the rows; amounts maps a column to the column holding its unit."""
    from rich.table import Table
    from rich.text import Text

    from .wrapping import Unbroken, widest_token, widest_whole

    grid = Table(title=title, show_lines=False, header_style="bold", title_justify="left")
    cells = table_cells(rows, columns, numeric, amounts, lang, words) if cells is None else cells
    wrappable = _wrappable(words)
    for i, c in enumerate(columns):
        # An id or a number is never wrapped: such a column is at least as wide as its widest word.
        widest = (widest_token(c, [cell[i] for cell in cells], whole=c in WHOLE) if c not in wrappable
                  else max((widest_whole(cell[i]) for cell in cells), default=0) or None)
        grid.add_column(c, overflow="fold", min_width=widest, no_wrap=c in WHOLE,
                        justify="right" if c in numeric else "left")
    for row in cells:
        grid.add_row(*(Unbroken(cell) if c in wrappable else Text(cell) for c, cell in zip(columns, row, strict=True)))
    return grid


def print_bars(output: Output, rows: list[dict], label_keys: list[str], words: Words | None = None) -> None:
    """--chart: the totals as bars, on a terminal, in a pipe, as a table or Markdown (stats refuses
    it with csv, tsv, json and jsonl: a picture has no CSV form); labels by name in the page's
    language (words)."""
    columns = output.console().width if _is_terminal(output.out) else None  # a pipe keeps the whole bar
    keys = [k for k in label_keys if k != "unit"]  # each total names its unit (8.58亿元, 6.35万人)
    labels = [" ".join(message(UNGROUPED[k], output.lang) if r.get(k) is None and k in UNGROUPED else
                       plain(words.name(k, r.get(k), output.lang) if words else r.get(k)) or "-" for k in keys)
              for r in rows]
    output.out.write(bars(rows, label_keys, "total", "unit", lang=output.lang, columns=columns, labels=labels))
