"""`qdaid check`: are the numbers of a draft supported by the sources? The draft is read by the
same pipeline as any article, onto the database (in memory: nothing is written), so each of its
figures is linked to the sources' figures of the same fact as a restatement would be.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import fileio, pages, render, store
from ..fields import CHECK
from ..messages import Words, message
from ..model import QdaidError, UsageError
from .app import app, say
from .options import Bom, Db, ExcelSafe, Format, Lang, NoHeader, NoPager, db_path, fields_option, output, size_limit


@app.command()
def check(
    draft: Annotated[str, typer.Argument(metavar="FILE", help="The draft: a text file (UTF-8), an .html page "
                                         "(with qdaid[html]), or - for standard input.")],
    db: Db = None, fmt: Format = None, fields: Annotated[str | None, fields_option(CHECK)] = None,
    no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh", no_pager: NoPager = False,
    date: Annotated[str | None, typer.Option("--date", help="The draft's date (YYYY-MM-DD, YYYY-MM or YYYY), "
                                             "for periods such as 2017年以来 (default: today, as a draft is "
                                             "written now; a period counted back from it, such as 三年来, is "
                                             "then not checked).", show_default=False)] = None,
) -> None:
    """Check a draft's numbers against the sources.

    One row per figure of the draft (not its durations: 七年奋战 is no fact): supported (a source
    states the same fact, and its value agrees: the source's figure ids and values beside it),
    contradicted (the sources that state it give another value), or unsupported (no source
    states it). The same fact: the same metric and unit, the same honoree or place, periods that
    can be the same. Exit status 0 when nothing is contradicted, 1 when something is (as diff
    does), 2 for any trouble.

    \b
    Example:
      qdaid check draft.txt
      pbpaste | qdaid check - -f csv
    """
    from ..facts import from_tables
    from ..labels import use
    from ..pipeline.restate import compare
    from ..views import verdicts

    out = output(fmt, fields, no_header, bom, excel_safe, lang, no_pager)
    out.columns(CHECK, None)  # an unknown -F field is said before the draft is read, not after
    path = db_path(db)
    onto = store.load(path, limit=size_limit(fileio.MAX_DATABASE_BYTES))
    taken = {s["id"] for s in onto["sources"]}
    draft_id = next(name for n in range(1, len(taken) + 2) if (name := "draft" if n == 1 else f"draft-{n}") not in taken)
    notes: list[str] = []
    import tempfile  # here: its import costs every command ~10 ms of start-up

    with tempfile.TemporaryDirectory(prefix="qdaid-check-") as folder:
        article = _draft_file(draft, Path(folder))
        try:
            tables, unchecked = _read_draft(article, draft_id, date, onto, notes)
        except QdaidError as exc:  # said of the draft as the user named it, not of its copy
            said = str(exc).replace(str(article), "the draft" if draft == "-" else draft).replace("the article", "it")
            raise type(exc)(said) from None
        base = from_tables(tables)
        use(base)
        rows = verdicts(base, draft_id, [article.parent], compare)
    for row in rows:
        row["period_checked"] = row["figure"] not in unchecked
    counts = _say_notes([note.replace(article.name, "the draft") for note in notes], rows, len(unchecked), lang)
    view = render.View(CHECK, table_columns=["verdict", "raw", "metric", "source_values", "sources", "context"],
                       what="figures", priority=["verdict", "raw", "source_values", "context", "metric", "sources"],
                       words=Words(base), display=pages.check_display)
    out.emit(rows, view)
    if counts["contradicted"]:
        raise typer.Exit(1)


def _say_notes(notes: list[str], rows: list[dict], unchecked: int, lang: str) -> dict[str, int]:
    """What the build said of the draft, what was not checked, and the count of each verdict."""
    for note in notes:
        say(note)
    if not rows:
        say(message("check_nothing", lang))
    if unchecked:
        say(message("check_period_unchecked", lang, n=unchecked))
    counts = {v: sum(r["verdict"] == v for r in rows) for v in ("supported", "contradicted", "unsupported")}
    say(message("check_summary", lang, n=len(rows), **counts))
    return counts


def _read_draft(article: Path, draft_id: str, date: str | None, onto: dict, notes: list[str]) -> tuple[dict, set[str]]:
    """The draft's tables, built onto the sources (onto), and the ids of its figures whose period
    was not checked. A draft without --date is taken as written today, so its 2017年以来 is the
    sources' "since"; but a period counted back from its date (七年奋战, 三年来, 今年) has an unknown
    end: such a figure is left undated, and linked again to the fact it states, compared on
    metric, unit, place and value. Which periods count back: those whose first year moves when the
    draft is read a year earlier (a "since" moves its end alone)."""
    from ..pipeline.records import extract
    from ..pipeline.statements import link

    given = {"id": draft_id, "title": "draft", "date": date or _today()}
    limit = size_limit(fileio.MAX_ARTICLE_BYTES)
    tables = extract([article], limit=limit, given=given, onto=onto, warn=notes.append, draft=True)
    drafted = [f for f in tables["figures"] if f["source"] == draft_id]
    sources = [f for f in tables["figures"] if f["source"] != draft_id]
    unchecked: set[str] = set()
    if not date:
        earlier = extract([article], limit=limit, given={**given, "date": str(int(given["date"][:4]) - 1)})
        first_year = {f["id"]: f["period_start"] for f in earlier["figures"]}
        counted_back = [f for f in drafted if f["period_start"] is not None and first_year.get(f["id"]) != f["period_start"]]
        unchecked = {f["id"] for f in counted_back}
        for figure in counted_back:
            figure["period_start"] = figure["period_end"] = None
        tables["restatements"] = [r for r in tables["restatements"] if r["figure"] not in unchecked] + \
            link(counted_back, sources, tables["honorees"])
    return tables, unchecked


def _draft_file(draft: str, folder: Path) -> Path:
    """The draft as a file the pipeline reads: the file named (a regular file only), or standard
    input saved in folder (an .html name when it is a web page)."""
    if draft == "-":
        data = sys.stdin.buffer.read(size_limit(fileio.MAX_ARTICLE_BYTES) + 1)
        if len(data) > size_limit(fileio.MAX_ARTICLE_BYTES):
            raise UsageError("the draft on standard input is larger than the article limit (QDAID_MAX_BYTES)")
        head = data[:512].lstrip().lower()
        target = folder / ("draft.html" if head.startswith((b"<!doctype html", b"<html")) else "draft.txt")
        target.write_bytes(data)
        return target
    source = Path(draft)
    if not source.exists():
        raise UsageError(f"{draft}: no such file", param="draft")
    target = folder / ("draft" + source.suffix.lower())
    with fileio.open_regular(source, "draft", size_limit(fileio.MAX_ARTICLE_BYTES)) as handle:
        target.write_bytes(handle.read())
    return target


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()
