"""The commands that read or write files: build (article text → database), validate, export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import fileio, store
from ..model import QdaidError, UsageError
from .app import app, say
from .options import (
    Db,
    Honoree,
    Lang,
    Region,
    Sources,
    chosen_db,
    db_path,
    fact_base,
    filters,
    size_limit,
    user_folder,
)


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="sqlite (one file), jsonl or csv (a folder, one file per table), "
                                        "or datasette (a folder: qdaid.db and metadata.json).")],
    path: Annotated[Path, typer.Argument(help="The SQLite file, or the folder for jsonl/csv/datasette.")],
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    db: Db = None,
) -> None:
    """Export to SQLite, JSONL or CSV.

    Every table, for sqlite3, Datasette or DuckDB (SQLite), or as one JSONL/CSV file per table;
    datasette adds the overlap-aware totals and a metadata.json with descriptions, facets and
    canned queries: datasette DIR/qdaid.db -m DIR/metadata.json (pip install 'qdaid[web]').
    The SQLite file has primary and foreign keys, indexes on the filter columns, and the helper
    tables honoree_partners and region_closure (each region with every place at or below it).

    \b
    Example:
      qdaid export sqlite qdaid.db && datasette qdaid.db
    """
    from ..export import export as write_export

    kind = what.strip().lower()
    if kind not in ("sqlite", "jsonl", "csv", "datasette"):
        raise UsageError(f"cannot export as {what!r}; choose sqlite, jsonl, csv or datasette", param="what")
    source = db_path(db)
    tables = store.load(source, limit=size_limit(fileio.MAX_DATABASE_BYTES))
    written = write_export(tables, kind, path, force, inputs=[source])
    say(f"wrote {', '.join(map(str, written))}")


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(help="Article text files (UTF-8). Default: the bundled article.",
                                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Where to write: a new path or a regular file (default: your database, "
        "$QDAID_HOME or $XDG_DATA_HOME/qdaid/qdaid.json; the bundled one is never written).",
        show_default=False)] = None,
) -> None:
    """Build a database from article text.

    Extraction is code: the same input gives the same bytes. NAME.meta.json beside NAME.txt may
    give the source's id, title, publisher, date (YYYY-MM-DD), reporter, editors and url.

    \b
    Example:
      qdaid build my-article.txt              # your database, which queries then use
      qdaid build -o /tmp/qdaid.json          # the bundled article, elsewhere
    """
    from ..pipeline.records import extract, sidecar_of

    paths = sources or store.bundled_sources()
    if output is None:
        try:
            user_folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QdaidError(f"{user_folder()}: cannot make the folder for your database: {exc.strerror or exc}") from None
    target = fileio.check_output(output or user_folder() / store.DB_NAME, [*paths, *map(sidecar_of, paths)])
    with fileio.exclusive(target):  # held for the whole build, not only the final write
        tables = extract(paths, limit=size_limit(fileio.MAX_ARTICLE_BYTES))
        if not tables["figures"]:
            say(f"warning: no figures were found in {', '.join(map(str, paths))}")
        store.write_tables(target, tables)
        if output is None:  # your database keeps its articles beside it, so its evidence stays checkable
            for path in paths:
                if path.resolve().parent != target.parent.resolve():
                    fileio.write_bytes(target.parent / path.name, path.read_bytes())
    counts = ", ".join(f"{len(v)} {k}" for k, v in tables.items())
    say(f"wrote {target}: {counts}")
    if output is None:
        say("queries now read it (unless --db or $QDAID_DB say otherwise); delete it to return to the "
            "bundled database")


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

    path, why = chosen_db(db)
    found = problems(store.load(path, strict=False, limit=size_limit(fileio.MAX_DATABASE_BYTES)),
                     store.source_folders(path, sources))
    for line in found:
        say(line)
    if found:
        raise QdaidError(f"{path} ({why}): {len(found)} problem{'s' if len(found) != 1 else ''} found")
    say(f"{path} ({why}): valid")



@app.command()
def report(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The HTML file to write (a new path or a "
                                                "regular file); without it, the page goes to a pipe.",
                                                show_default=False)] = None,
    honoree: Honoree = None, region: Region = None,
    lang: Lang = "zh",
    db: Db = None, sources: Sources = None,
) -> None:
    """Write the evidence report: one HTML page that works offline.

    The source, a card per honoree, the totals (intervals where the text cannot rule an overlap
    out) as bars, the article with every figure marked and anchored (#FIGURE_ID), and a figures
    table to filter by honoree, region and metric.

    \b
    Example:
      qdaid report -o report.html && xdg-open report.html
    """
    import sys

    from ..report import html
    from ..stats import stats as totals

    base = fact_base(db)
    figures = base.select(filters(honoree=honoree, kind=None, region=region, metric=None, unit=None, approx=None,
                                  year=None, since=None, until=None, overlapping=False, minimum=None, maximum=None,
                                  grep=None))
    path = db_path(db)
    texts = {}
    for source in base.sources.values():
        try:
            texts[source["id"]] = store.source_text(source, store.source_folders(path, sources))
        except QdaidError as exc:
            say(f"warning: {exc}; the report shows no article text for it")
    page = html(base, figures, totals(base, figures, ["metric"]), texts, lang.lower()).encode("utf-8")
    if output is None:
        if sys.stdout.isatty():
            raise UsageError("the report is an HTML page: give -o FILE, or send it to a pipe", param="output")
        sys.stdout.buffer.write(page)
        return
    target = fileio.check_output(output)
    fileio.write_bytes(target, page)
    say(f"wrote {target}: {len(figures)} figures, {len(page):,} bytes")
