"""The command line: parses options, calls the core, prints through render. Nothing else.

Errors from the core (QdaidError) become one line on stderr and an exit code in `main`, the
one place that translates them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from . import render, store
from .model import QdaidError, UsageError


class QdaidGroup(TyperGroup):
    """Turns the core's errors into one line on stderr and an exit code: the one place that does."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QdaidError as exc:
            click.echo(f"qdaid: {exc}", err=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    name="qdaid",
    cls=QdaidGroup,
    help="Exact, checkable figures on Qingdao's national poverty-alleviation honorees (2021).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[Path | None, typer.Option("--db", help="Database file (default: $QDAID_DB, then the bundled one).",
                                                  show_default=False, dir_okay=False)]
FormatOption = Annotated[str | None, typer.Option(
    "-f", "--format", help="auto|table|csv|tsv|json|jsonl|md (auto: table on a terminal, CSV in a pipe).",
    show_default=False)]


def _format(value: str | None) -> str | None:
    if value is not None and value.lower() not in render.FORMATS:
        raise UsageError(f"unknown format {value!r}; choose one of {', '.join(render.FORMATS)}")
    return value


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
    """Exact, checkable figures on Qingdao's national poverty-alleviation honorees (2021)."""


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Article text files (UTF-8). Default: the bundled article.",
                                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Where to write (default: the bundled database).",
                                                   show_default=False)] = None,
) -> None:
    """Rebuild the database from article text: extraction is code, the same input gives the same bytes.

    Example: qdaid build -o /tmp/qdaid.json
    """
    from .extract import extract

    paths = sources or store.bundled_sources()
    target = output or store.bundled_dir() / store.DB_NAME
    tables = extract(paths, relative_to=target.parent)
    store.write(target, store.dumps(tables))
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables.items())
    typer.echo(f"wrote {target}: {counts}", err=True)


@app.command()
def validate(db: DbOption = None) -> None:
    """Check a database: schema, evidence offsets against the source text, values, references.

    Exits 1 listing every problem. Example: qdaid validate --db /tmp/qdaid.json
    """
    from .validate import problems

    path = store.resolve_db(db)
    found = problems(store.load(path), path)
    for line in found:
        typer.echo(line, err=True)
    if found:
        raise QdaidError(f"{path}: {len(found)} problem{'s' if len(found) != 1 else ''} found")
    typer.echo(f"{path}: valid", err=True)


@app.command()
def figures(db: DbOption = None, fmt: FormatOption = None) -> None:
    """Every figure with its evidence.

    Example: qdaid figures -f json
    """
    from .model import FIGURE_FIELDS

    tables = store.load(store.resolve_db(db))
    render.emit(tables["figures"], list(FIGURE_FIELDS), _format(fmt), amounts={"value": "unit"})


def main() -> None:
    app()
