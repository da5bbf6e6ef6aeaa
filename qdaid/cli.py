"""The command line: parses options, calls the core, prints through render. Nothing else.

Errors from the core (QdaidError) become one line on stderr and an exit code in QdaidGroup,
the one place that translates them; it also adds the spelling of the option an error is about
(the core names fields, not flags). The only module that reads environment variables and the
only one that imports typer.
"""

from __future__ import annotations

import copy
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from . import render, store
from .model import FIGURE_FIELDS, QdaidError, UsageError

REPORT = "please report it with the command you ran; QDAID_DEBUG=1 shows the traceback"


def _debugging() -> bool:
    return bool(os.environ.get("QDAID_DEBUG"))


def _environment_db() -> str | None:
    return os.environ.get("QDAID_DB") or None


def _db_path(db: Path | None) -> Path:
    """--db, then $QDAID_DB, then the bundled database."""
    return store.resolve_db(db, _environment_db())


class QdaidGroup(TyperGroup):
    """Turns every failure into one line on stderr and an exit code: the one place that does.

    0 also when the reader of a pipe stops early (`qdaid figures | head -1`); 1 for data and
    runtime errors (a full disk included); 2 for usage errors; 130 on Ctrl-C.
    """

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
            return result
        except QdaidError as exc:
            _say(f"qdaid: {_spelled(ctx, exc)}")
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            _say("qdaid: interrupted")
            ctx.exit(130)
        except OSError as exc:
            if exc.errno is None or _debugging():
                raise
            _silence_stdout()
            _say(f"qdaid: cannot write the output: {exc.strerror or exc}")
            ctx.exit(1)
        except Exception as exc:
            if _debugging():
                raise
            _say(f"qdaid: internal error: {type(exc).__name__}: {exc}; {REPORT}")
            ctx.exit(1)


def _spelled(ctx: click.Context, exc: QdaidError) -> str:
    """The core's message, led by the option it is about as this command spells it (--year: …)."""
    name = ctx.invoked_subcommand
    command = ctx.command.get_command(ctx, name) if exc.param and name and isinstance(ctx.command, click.Group) else None
    for param in command.params if command else []:
        if param.name == exc.param and isinstance(param, click.Option):
            return f"{max(param.opts, key=len)}: {exc}{HINTS.get(exc.param, '')}"
    return f"{exc}{HINTS.get(exc.param or '', '')}"


# What to run next, for errors whose fix is another command.
HINTS = {"metric": " (qdaid list metrics shows them)", "figure": " (qdaid figures -F id lists the ids)"}


def _say(line: str) -> None:
    """One line on stderr, whatever the terminal's encoding; control characters shown, not run."""
    click.echo(render.printable(line), err=True)


def _silence_stdout() -> None:
    # Whatever is still buffered for a closed pipe must not fail again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    name="qdaid",
    cls=QdaidGroup,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ---- shell completion: names from the database in use ----------------------------------------

def _names(kind: str, incomplete: str) -> list[str]:
    try:
        tables = store.load(_db_path(None))
    except QdaidError:
        return []
    if kind == "metric":
        names = sorted({f["metric"] for f in tables["figures"]})
    else:
        names = [r["id"] for r in tables.get(kind + "s", [])]
    return [n for n in names if n.startswith(incomplete)]


def _complete_honoree(incomplete: str) -> list[str]:
    return _names("honoree", incomplete)


def _complete_region(incomplete: str) -> list[str]:
    return _names("region", incomplete)


def _complete_metric(incomplete: str) -> list[str]:
    return _names("metric", incomplete)


# ---- options shared by the query commands ----------------------------------------------------

Db = Annotated[Path | None, typer.Option("--db", help="Database file (default: $QDAID_DB, then the bundled one).",
                                            show_default=False, dir_okay=True)]
Format = Annotated[str | None, typer.Option(
    "-f", "--format", help="auto|table|csv|tsv|json|jsonl|md; auto (or $QDAID_FORMAT): table on a terminal, CSV in a pipe.",
    show_default=False)]
Fields = Annotated[str | None, typer.Option("-F", "--fields", help="Columns to print, in order: a,b,c.",
                                               show_default=False)]
NoHeader = Annotated[bool, typer.Option("--no-header", help="CSV/TSV without the header line.")]
Bom = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark (for Excel).")]
ExcelSafe = Annotated[bool, typer.Option("--excel-safe", help="Prefix cells starting with = + - @ with ' (numbers untouched).")]
Honoree = Annotated[list[str] | None, typer.Option("--honoree", help="Id, Chinese name, pinyin or unique prefix; repeatable.",
                                                      autocompletion=_complete_honoree, show_default=False)]
Region = Annotated[list[str] | None, typer.Option(
    "--region", help="Id, Chinese name (市/县 optional) or pinyin; includes the places below it; repeatable.",
    autocompletion=_complete_region, show_default=False)]
Metric = Annotated[list[str] | None, typer.Option("--metric", help="Metric, or a family by prefix (donations); repeatable.",
                                                     autocompletion=_complete_metric, show_default=False)]
Kind = Annotated[list[str] | None, typer.Option("--kind", help="individual or collective.", show_default=False)]
Unit = Annotated[list[str] | None, typer.Option("--unit", help="cny, person, household …; repeatable.", show_default=False)]
Approx = Annotated[list[str] | None, typer.Option("--approx", help="exact, more_than, over, nearly, about; repeatable.",
                                                     show_default=False)]
Year = Annotated[int | None, typer.Option("--year", help="Figures whose period includes this year.", show_default=False)]
Since = Annotated[int | None, typer.Option("--since", help="Figures whose period reaches this year or later.",
                                           show_default=False)]
Until = Annotated[int | None, typer.Option("--until", help="Figures whose period starts this year or earlier.",
                                           show_default=False)]
Min = Annotated[str | None, typer.Option("--min", help="Smallest value, in base units (yuan, persons …).", show_default=False)]
Max = Annotated[str | None, typer.Option("--max", help="Largest value, in base units.", show_default=False)]
Sources = Annotated[list[Path] | None, typer.Option(
    "--sources", help="A folder holding the article texts (default: beside the database, then the bundled ones); "
    "repeatable.", show_default=False, file_okay=False)]
Grep = Annotated[str | None, typer.Option("--grep", help="Text in the quote, label or raw.", show_default=False)]


def _output(fmt: str | None, fields: str | None, no_header: bool, bom: bool, excel_safe: bool) -> render.Output:
    """The shared output options, with the environment's defaults ($QDAID_FORMAT, NO_COLOR)."""
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return render.Output(fmt, fields, header=not no_header, bom=bom, excel_safe=excel_safe,
                         default_format=os.environ.get("QDAID_FORMAT"), plain_terminal=plain)


def _decimal(name: str, text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", "").replace("_", ""))
    except InvalidOperation:
        raise UsageError(f"{text!r} is not a number", param=name) from None
    if not value.is_finite():
        raise UsageError(f"{text!r} is not a finite number", param=name)
    return value


def _base(db: Path | None):
    from .query import FactBase

    return FactBase(store.load(_db_path(db)))


def _filters(*, honoree, kind, region, metric, unit, approx, year, since, until, minimum, maximum, grep):
    from .query import Filters

    return Filters(honorees=honoree or [], kinds=kind or [], regions=region or [], metrics=metric or [],
                   units=unit or [], approx=approx or [], year=year, since=since, until=until,
                   minimum=_decimal("minimum", minimum), maximum=_decimal("maximum", maximum), grep=grep)


# ---- commands --------------------------------------------------------------------------------

def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"qdaid {version('qdaid')}")
        except PackageNotFoundError:
            typer.echo("qdaid (not installed)")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Exact, checkable figures on Qingdao's national poverty-alleviation honorees (2021).

    Every figure of the Qingdao Daily report of 2021-02-25, with its evidence. Tables on a
    terminal, CSV in a pipe (-f chooses). The database: --db, else $QDAID_DB, else the bundled one.

    \b
    Examples:
      qdaid list collectives
      qdaid stats --region longnan
      qdaid figures --region longnan -f csv | head
    """


LIST_WHAT = {"honorees": "honorees", "honoree": "honorees", "individuals": "individual",
             "individual": "individual", "collectives": "collective", "collective": "collective",
             "regions": "regions", "region": "regions", "programs": "programs", "program": "programs",
             "metrics": "metrics", "metric": "metrics", "sources": "sources", "source": "sources",
             "events": "events", "event": "events"}


@app.command("list")
def list_(
    what: Annotated[str, typer.Argument(help="honorees|individuals|collectives|regions|programs|metrics|sources|events")],
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """List honorees, regions, metrics and more.

    KIND is honorees, individuals, collectives, regions, programs, metrics, sources or events.

    \b
    Example:
      qdaid list collectives
    """
    from . import views

    kind = LIST_WHAT.get(what.strip().lower())
    if kind is None:
        raise UsageError(f"cannot list {what!r}; choose from {', '.join(sorted(set(LIST_WHAT) - {k[:-1] for k in LIST_WHAT}))}")
    rows, columns, table_columns = views.rows(_base(db), kind)
    _output(fmt, fields, no_header, bom, excel_safe).emit(rows, render.View(columns, table_columns=table_columns,
                                                                             what=what))


@app.command()
def show(
    honoree: Annotated[str, typer.Argument(help="Id, full or short Chinese name, pinyin, or a unique prefix.",
                                           autocompletion=_complete_honoree)],
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """One honoree's profile.

    Post, motto, partner regions, figures grouped by metric, programs and events. In CSV, TSV and
    Markdown it prints the honoree's figures; in JSON the whole profile.

    \b
    Example:
      qdaid show 陇南
    """
    base = _base(db)
    profile = base.profile(base.honoree(honoree))
    view = render.View(list(profile), nested=("figures", list(FIGURE_FIELDS)), draw=render.draw_profile,
                       table_columns=["metric", "raw", "value", "unit", "period", "region", "part_of", "id"])
    _output(fmt, fields, no_header, bom, excel_safe).emit([profile], view)


# A terminal is narrow: tables show the period as one column (2016–2021) and leave out the quote.
TABLE_FIGURE_FIELDS = ["id", "honoree", "metric", "raw", "value", "unit", "period", "region", "part_of"]


@app.command()
def figures(
    honoree: Honoree = None, kind: Kind = None, region: Region = None, metric: Metric = None, unit: Unit = None,
    year: Year = None, since: Since = None, until: Until = None, minimum: Min = None, maximum: Max = None,
    approx: Approx = None, grep: Grep = None,
    sort: Annotated[str | None, typer.Option("--sort", help="Field to sort by.", show_default=False)] = None,
    desc: Annotated[bool, typer.Option("--desc", help="Sort descending.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most N rows.", show_default=False)] = None,
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """Figures with their evidence, filtered.

    Filters combine: different options AND, repeated values of one option OR.

    \b
    Example:
      qdaid figures --region longnan --metric donations -f csv
    """
    base = _base(db)
    rows = base.select(_filters(honoree=honoree, kind=kind, region=region, metric=metric, unit=unit, approx=approx,
                                year=year, since=since, until=until, minimum=minimum, maximum=maximum, grep=grep))
    rows = base.order(rows, sort, desc, limit)
    view = render.View(list(FIGURE_FIELDS), table_columns=TABLE_FIGURE_FIELDS, what="figures",
                       amounts={"value": "unit"}, numeric=("value",), title=f"{len(rows)} figures")
    _output(fmt, fields, no_header, bom, excel_safe).emit(rows, view)


STATS_FIELDS = ["count", "honorees", "total", "min", "max", "excluded", "total_is_lower_bound", "total_is_approximate"]


@app.command()
def stats(
    honoree: Honoree = None, kind: Kind = None, region: Region = None, metric: Metric = None, unit: Unit = None,
    year: Year = None, since: Since = None, until: Until = None, minimum: Min = None, maximum: Max = None,
    approx: Approx = None, grep: Grep = None,
    by: Annotated[list[str] | None, typer.Option("--by", help="metric|honoree|region|unit|year; repeat for two levels.",
                                                    show_default=False)] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Add the figure ids behind each total.")] = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the totals as bars.")] = False,
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """Totals per group and unit, never mixed.

    Count, total, min and max per group, always per unit: yuan are never added to persons.
    A figure that is part of another selected figure (其中, a year inside a multi-year total) is
    counted in `excluded`, not in `total`. A total with a 多/余 addend is a lower bound (≥).

    \b
    Example:
      qdaid stats --region longnan --by metric
    """
    from .stats import stats as totals

    base = _base(db)
    selected = base.select(_filters(honoree=honoree, kind=kind, region=region, metric=metric, unit=unit,
                                    approx=approx, year=year, since=since, until=until, minimum=minimum,
                                    maximum=maximum, grep=grep))
    keys = list(dict.fromkeys(by or ["metric"]))
    rows = totals(base, selected, keys)
    group_fields = list(dict.fromkeys([*keys, "unit"]))
    ids = ["figure_ids", "excluded_ids"] if explain else []
    output = _output(fmt, fields, no_header, bom, excel_safe)
    if chart:
        render.print_bars(output, rows, group_fields)
        return
    if output.format() == "table" and "honoree" not in keys and any(r["honorees"] > 1 for r in rows):
        # The text links parts to totals only within one honoree: a city-wide figure and a
        # team's may cover the same aid, so say so where they are added together.
        click.echo("note: some totals add figures of several honorees, whose scopes may overlap "
                   "(a city-wide figure and a team's); --by honoree shows them apart", err=True)
    view = render.View(group_fields + STATS_FIELDS + ["figure_ids", "excluded_ids"],
                       machine_columns=group_fields + STATS_FIELDS + ids,
                       table_columns=group_fields + ["count", "honorees", "total", "min", "max", "excluded"] + ids,
                       display=render.stats_display, what="figures",
                       numeric=("count", "honorees", "total", "min", "max", "excluded"),
                       title=f"{len(selected)} figures; ≥ marks a lower bound, ≈ an approximate total")
    output.emit(rows, view)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Chinese or pinyin, any case.")],
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """Find text anywhere, in Chinese or pinyin.

    Searches honorees, regions, programs, events and figures (quote, label, raw).

    \b
    Example:
      qdaid search 辣椒
    """
    from .query import search as find

    rows = find(_base(db), text)
    _output(fmt, fields, no_header, bom, excel_safe).emit(rows, render.View(["table", "id", "field", "match", "honoree"],
                                                                             what="records"))


@app.command()
def cite(
    figure_id: Annotated[str, typer.Argument(help="A figure id, or its unique last digits (03457).")],
    db: Db = None, sources: Sources = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False,
    bom: Bom = False, excel_safe: ExcelSafe = False,
) -> None:
    """The evidence for one figure.

    Source, paragraph, the sentence with the number marked, and the character offsets.

    \b
    Example:
      qdaid cite qdrb-20210225-03457
    """
    from .views import citation

    base = _base(db)
    record = citation(base, base.figure(figure_id), store.source_folders(_db_path(db), sources))
    _output(fmt, fields, no_header, bom, excel_safe).emit([record], render.View(list(record), draw=render.draw_citation))


@app.command()
def timeline(
    honoree: Honoree = None, region: Region = None, since: Since = None, until: Until = None,
    db: Db = None, fmt: Format = None, fields: Fields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False,
) -> None:
    """Events and dated figures in date order.

    \b
    Example:
      qdaid timeline --honoree anshun-team
    """
    from .query import timeline as dated

    rows = dated(_base(db), honoree or [], region or [], since, until)
    _output(fmt, fields, no_header, bom, excel_safe).emit(rows, render.View(["date", "kind", "honoree", "region", "text", "id"],
                                                                             what="events"))


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="sqlite (one file), jsonl or csv (a folder, one file per table).")],
    path: Annotated[Path, typer.Argument(help="The SQLite file, or the folder for jsonl/csv.")],
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    db: Db = None,
) -> None:
    """Export to SQLite, JSONL or CSV.

    Every table, for sqlite3, Datasette or DuckDB (SQLite), or as one JSONL/CSV file per table.
    The SQLite file has primary and foreign keys, indexes on the filter columns, and the helper
    tables honoree_partners and region_closure (each region with every place at or below it).

    \b
    Example:
      qdaid export sqlite qdaid.db && datasette qdaid.db
    """
    from .export import export as write_export

    kind = what.strip().lower()
    if kind not in ("sqlite", "jsonl", "csv"):
        raise UsageError(f"cannot export as {what!r}; choose sqlite, jsonl or csv")
    written = write_export(store.load(_db_path(db)), kind, path, force)
    click.echo(f"wrote {', '.join(map(str, written))}", err=True)


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Article text files (UTF-8). Default: the bundled article.",
                                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Where to write (default: the bundled database).",
                                                   show_default=False)] = None,
) -> None:
    """Rebuild the database from article text.

    Extraction is code: the same input gives the same bytes.

    \b
    Example:
      qdaid build -o /tmp/qdaid.json
    """
    from .pipeline.records import extract

    paths = sources or store.bundled_sources()
    target = output or store.bundled_dir() / store.DB_NAME
    tables = extract(paths)
    store.write(target, store.dumps(tables))
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables.items())
    click.echo(f"wrote {target}: {counts}", err=True)


@app.command()
def validate(db: Db = None, sources: Sources = None) -> None:
    """Check a database and list every problem.

    Schema and types, evidence offsets against the source text, values re-read from their raw text,
    references between tables. Exits 1 listing every problem.

    \b
    Example:
      qdaid validate --db /tmp/qdaid.json
    """
    from .validate import problems

    path = _db_path(db)
    found = problems(store.load(path, strict=False), store.source_folders(path, sources))
    for line in found:
        click.echo(line, err=True)
    if found:
        raise QdaidError(f"{path}: {len(found)} problem{'s' if len(found) != 1 else ''} found")
    click.echo(f"{path}: valid", err=True)


def _command_named(args: list[str]) -> str | None:
    return args[0] if args and not args[0].startswith("-") else None


def main() -> None:
    # Output is UTF-8 whatever the locale or PYTHONIOENCODING says: the bytes of CSV and JSON
    # never depend on the environment.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    # Typer turns every registered command into a click command at each start: ~15 ms of
    # signature introspection (bench/RESULTS.md). A call that names its command needs only that
    # one; help, completion and unknown names still get the whole app.
    name = _command_named(sys.argv[1:])
    only = [c for c in app.registered_commands if (c.name or getattr(c.callback, "__name__", None)) == name]
    if only and not any(k.startswith("_QDAID_COMPLETE") for k in os.environ):
        single = copy.copy(app)
        single.registered_commands = only
        single(prog_name="qdaid")
    else:
        app(prog_name="qdaid")
