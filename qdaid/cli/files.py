"""The commands that read or write files: build (article text → database), validate, export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import click
import typer

from .. import store
from ..model import QdaidError, UsageError
from .app import app
from .options import Db, Sources, db_path


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
    from ..export import export as write_export

    kind = what.strip().lower()
    if kind not in ("sqlite", "jsonl", "csv"):
        raise UsageError(f"cannot export as {what!r}; choose sqlite, jsonl or csv")
    written = write_export(store.load(db_path(db)), kind, path, force)
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
    from ..pipeline.records import extract

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
    from ..validate import problems

    path = db_path(db)
    found = problems(store.load(path, strict=False), store.source_folders(path, sources))
    for line in found:
        click.echo(line, err=True)
    if found:
        raise QdaidError(f"{path}: {len(found)} problem{'s' if len(found) != 1 else ''} found")
    click.echo(f"{path}: valid", err=True)

