"""The commands that read or write files: build (article text → database), validate, export.
"""

import os
from pathlib import Path
from typing import Annotated

import typer

from .. import fileio, store
from ..model import TABLES, QdaidError, UsageError
from . import building
from .app import app, say
from .options import (
    Db,
    ExcelSafe,
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

EXPORT_FORMATS = ("sqlite", "jsonl", "csv", "datasette")


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="sqlite (one file), jsonl or csv (a folder, one file per table), "
                                        "or datasette (a folder: qdaid.db and metadata.json).",
                                        autocompletion=lambda incomplete: [w for w in EXPORT_FORMATS
                                                                           if w.startswith(incomplete.lower())])],
    path: Annotated[Path, typer.Argument(help="The SQLite file, or the folder for jsonl/csv/datasette.")],
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
    excel_safe: ExcelSafe = False,
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
    if kind not in EXPORT_FORMATS:
        raise UsageError(f"cannot export as {what!r}; choose sqlite, jsonl, csv or datasette", param="what")
    source = db_path(db)
    tables = store.load(source, limit=size_limit(fileio.MAX_DATABASE_BYTES))
    outputs = fileio.Outputs("export", read_by(source, tables["sources"], store.source_folders(source)))
    if excel_safe and kind != "csv":
        raise UsageError(f"--excel-safe is for csv; {kind} keeps every value as it is", param="excel_safe")
    written = write_export(tables, kind, path, force, outputs, excel_safe=excel_safe)
    say(f"wrote {', '.join(map(str, written))}")


@app.command()
def build(
    sources: Annotated[list[str] | None, typer.Argument(
        help="Articles: text files (UTF-8), saved web pages (.html, with qdaid[html]), web addresses, "
        "or folders (every .txt and .html in them, by name). Default: the bundled article.",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Where to write: a new path or a regular file (default: your database, "
        "$QDAID_HOME or $XDG_DATA_HOME/qdaid/qdaid.json; the bundled one is never written).",
        show_default=False)] = None,
    append: Annotated[bool, typer.Option("--append", help="Add the articles to the database at -o (default: the "
                                         "database in use), keeping every id it holds.")] = False,
    source_id: Annotated[str | None, typer.Option("--id", help="The source's id, the prefix of its figure ids "
                                                  "(default: the file name).", show_default=False)] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title (default: its first line).",
                                              show_default=False)] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY.",
                                             show_default=False)] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it (default: what the "
                                                  "dateline says).", show_default=False)] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file that is not a qdaid "
                                        "database, or a database holding articles this build does not.")] = False,
) -> None:
    """Build a database from articles: text files, web pages, folders of them.

    Extraction is code: the same input gives the same bytes. The source's id, title, date,
    publisher and url come from --id, --title, --date, --publisher, --url, else from NAME.meta.json
    beside NAME.txt (also reporter, editors), else from the text or page (kept as NAME.txt). An
    honoree named by several articles is one record; a restated figure is linked to the earlier
    (agrees or disagrees, and why). --append adds in place, changing nothing held: building a and
    b together gives the same database as building a, then appending b.

    \b
    Example:
      qdaid build my-article.txt            # your database: queries then use it
      qdaid build articles/ -o corpus.json  # every .txt and .html in the folder
      qdaid build --append next.html --date 2021-03-01
    """
    from ..pipeline.records import sidecar_of

    inputs = building.inputs(sources or [])
    given = _described(inputs, append, {"id": source_id, "title": title, "date": date, "publisher": publisher,
                                         "url": url})
    inputs = inputs or [*store.bundled_sources()]
    paths = [item for item in inputs if isinstance(item, Path)]
    output, base = _where_to(output, append)
    outputs = fileio.Outputs("build", [*paths, *map(sidecar_of, paths)])  # (what --append reads is the output)
    target = outputs.claim(output or user_folder() / store.DB_NAME)
    yours = target.resolve() == (user_folder() / store.DB_NAME).resolve()
    in_place = base is not None and target.exists() and target.resolve() == base.resolve()
    notes: list[str] = []  # said once the build has written its file: a failed build says one line, its error
    with fileio.exclusive(target):  # held for the whole build (and what it appends to), not only the final write
        counts = building.run(inputs, target, base if in_place else None, base, given, notes.append, outputs,
                              before_writing=lambda kept: _may_replace(target, base, force, kept))
    for note in notes:
        say(note)
    say(f"{'appended to' if in_place else 'wrote'} {target}: {', '.join(f'{n} {k}' for k, n in counts.items())}")
    if yours:
        say("queries now read it (unless --db or $QDAID_DB say otherwise); delete it to return to the "
            "bundled database")


def _described(inputs: list, append: bool, options: dict) -> dict:
    """What the options say of the one article they describe."""
    given = {k: v for k, v in options.items() if v is not None}
    if given and len(inputs) != 1:
        raise UsageError(f"--{next(iter(given))} describes one article; name exactly one (or give each a sidecar, "
                         "NAME.meta.json)")
    if append and not inputs:
        raise UsageError("--append needs the article files to add")
    return given


def _where_to(output: Path | None, append: bool) -> tuple[Path | None, Path | None]:
    """(where the build writes, None: your database; what it appends to, None: nothing)."""
    base = None
    if append:
        base = output or chosen_db(None)[0]  # the database in use
        if not base.exists():
            raise UsageError(f"{base} does not exist: there is nothing to append to (build it first)", param="append")
        if output is None and base.resolve() != (store.bundled_dir() / store.DB_NAME).resolve():
            output = base  # appended where it was read; the bundled database is read, never written
    if output is None:
        try:
            user_folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            which = "$QDAID_HOME" if os.environ.get("QDAID_HOME") else "$XDG_DATA_HOME" if os.environ.get("XDG_DATA_HOME") else ""
            named = f" ({which} names it)" if which else ""
            why = "it is not a folder" if user_folder().exists() else exc.strerror or str(exc)
            raise QdaidError(f"{user_folder()}: cannot make the folder for your database{named}: {why}") from None
    return output, base


def _may_replace(target: Path, base: Path | None, force: bool, kept: dict[str, set[str]]) -> None:
    """A build replaces a database that holds nothing it would not (a rebuild), or appends to one
    in its own format; any other file, a database it cannot read, or one holding articles (by id
    and text) or tables the new one would not, only with --force: an article, a document or a
    corpus built up is never lost to a mistyped -o or a build meant as an append. kept: the
    sources the new file holds (id → its sha256s: building.run)."""
    if not target.exists():
        return
    sqlite = store.is_sqlite(target, fileio.MAX_DATABASE_BYTES * 8)
    if base is not None and target.resolve() == base.resolve():
        if sqlite != (target.suffix.lower() in store.SQLITE_SUFFIXES):
            kind, asks = ("a SQLite store", "JSON") if sqlite else ("a JSON store", "SQLite")
            raise UsageError(f"{target}: is {kind}, but its name asks for {asks}; --append would change its "
                             f"format: rename it, or give -o a new file", param="append")
        return
    if force:
        return
    if not sqlite and not _is_json_database(target):
        raise UsageError(f"{target}: exists and is not a qdaid database", param="force")
    if (held := store.held_sources(target)) is None:
        raise UsageError(f"{target}: exists and cannot be read as a qdaid database", param="force")
    sources, others = held
    lost = sorted(str(s.get("id")) for s in sources if s.get("sha256") not in kept.get(s.get("id") or "", ()))
    if lost:
        named = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
        hint = "use --append" if base is None else f"append to it: --append -o {target}"
        raise UsageError(f"{target}: holds {len(lost)} article{'s' if len(lost) > 1 else ''} this build does not "
                         f"({named}); to add to it, {hint}", param="force")
    if others:
        raise UsageError(f"{target}: holds tables qdaid does not write ({', '.join(others[:3])}); "
                         "a build would drop them (--append keeps them)", param="force")


def _is_report(path: Path) -> bool:
    """A page qdaid's report wrote: an HTML page whose title ends in · qdaid."""
    with fileio.open_regular(path, "file", fileio.MAX_DATABASE_BYTES * 8) as handle:
        head = handle.read(2048).decode("utf-8", "replace").lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<!doctype html") and " · qdaid</title>" in head


def _is_json_database(path: Path) -> bool:
    """A JSON object naming one of qdaid's tables in its first bytes (qdaid writes sources first;
    TinyDB's own files start with _default)."""
    with fileio.open_regular(path, "file", fileio.MAX_DATABASE_BYTES * 8) as handle:
        head = handle.read(4096).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    return head.startswith("{") and any(f'"{table}"' in head for table in (*TABLES, "_default"))


def read_by(db: Path, sources: list[dict], folders: list[Path]) -> list[Path]:
    """What a command reading this database reads, which it may never write: the file (a SQLite
    store's journal files with it, beside the file a link names too, where SQLite keeps them) and
    the articles found for its sources, with their sidecars."""
    names = [Path(s["path"]).name for s in sources if isinstance(s.get("path"), str) and s["path"]]
    found = [folder / name for folder in folders for name in names]
    sqlite = db.is_file() and store.is_sqlite(db, fileio.MAX_DATABASE_BYTES * 8)
    journals = [path.with_name(path.name + suffix) for path in dict.fromkeys([db, db.resolve()]) if sqlite
                for suffix in fileio.SQLITE_JOURNALS]
    return [db, *journals, *found, *(f.with_suffix(".meta.json") for f in found)]  # a sidecar: NAME.meta.json


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
    limit = size_limit(fileio.MAX_DATABASE_BYTES)
    found = store.integrity_problems(path, limit) or problems(store.load(path, strict=False, limit=limit),
                                                              store.source_folders(path, sources))
    for line in found:
        say(line)
    if found:
        raise QdaidError(f"{path} ({why}): {len(found)} problem{'s' if len(found) != 1 else ''} found")
    say(f"{path} ({why}): valid")



@app.command()
def report(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The HTML file to write (a new path or a "
                                                "regular file); without it (or with -), the page goes to a pipe.",
                                                show_default=False)] = None,
    honoree: Honoree = None, region: Region = None,
    lang: Lang = "zh",
    db: Db = None, sources: Sources = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file that is not a qdaid report.")] = False,
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
    from ..stats import totals

    base = fact_base(db)
    where = base.where(filters(honoree=honoree, kind=None, region=region, metric=None, unit=None, approx=None,
                               year=None, since=None, until=None, overlapping=False, minimum=None, maximum=None,
                               grep=None))
    figures = list(base.select(where))
    path = db_path(db)
    texts = {}
    for source in base.sources.values():
        try:
            texts[source["id"]] = store.source_text(source, store.source_folders(path, sources))
        except QdaidError as exc:
            say(f"warning: {exc}; the report shows no article text for it")
    page = html(base, figures, totals(base, where, ["metric"])[0], texts, lang.lower()).encode("utf-8")
    if output is None or str(output) == "-":  # - is standard output, as everywhere
        if sys.stdout.isatty():
            raise UsageError("the report is an HTML page: give -o FILE, or send it to a pipe", param="output")
        sys.stdout.buffer.write(page)
        return
    target = fileio.Outputs("report", read_by(path, list(base.sources.values()),
                                              store.source_folders(path, sources))).claim(output)
    if not force and target.exists() and not _is_report(target):  # a mistyped -o never costs a document
        raise UsageError(f"{target}: exists and is not a qdaid report", param="force")
    fileio.write_bytes(target, page)
    say(f"wrote {target}: {len(figures)} figures, {len(page):,} bytes")
