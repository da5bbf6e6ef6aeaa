"""What the command line reads: the options the commands share (as Typer types), shell
completion from the database in use, and the environment ($QDAID_DB, $QDAID_FORMAT, NO_COLOR,
QDAID_DEBUG): the only module that reads environment variables.
"""

import os
from pathlib import Path
from typing import Annotated

import click
import typer

from .. import fields, fileio, render, store
from ..model import APPROX, HONOREE_KINDS, LANGUAGES, NAME_RE, QdaidError, UsageError
from ..pager import Pager


def debugging() -> bool:
    return bool(os.environ.get("QDAID_DEBUG"))


def user_folder() -> Path:
    """Where `qdaid build` writes without -o: $QDAID_HOME, else $XDG_DATA_HOME/qdaid, else
    ~/.local/share/qdaid (the XDG default)."""
    if os.environ.get("QDAID_HOME"):
        return Path(os.environ["QDAID_HOME"])
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data_home) / "qdaid"


def chosen_db(db: Path | None) -> tuple[Path, str]:
    """--db, then $QDAID_DB, then the user's database (if a build wrote one), then the bundled one;
    with where the choice came from."""
    return store.choose_db(db, os.environ.get("QDAID_DB") or None, user_folder())


def db_path(db: Path | None) -> Path:
    return chosen_db(db)[0]


def size_limit(default: int) -> int:
    """$QDAID_MAX_BYTES, when set, raises (or lowers) every read limit."""
    text = os.environ.get("QDAID_MAX_BYTES", "").strip().replace("_", "")
    if not text:
        return default
    if not text.isdigit():
        raise UsageError(f"QDAID_MAX_BYTES={text!r} is not a number of bytes")
    return int(text)


# ---- shell completion: names from the database in use ----------------------------------------

def _names(kind: str, incomplete: str) -> list[str]:
    """The ids to offer: metrics and units by the start of their id; honorees and regions by the
    start of any of their names (陇 → longnan, 窦 → dou-zongjun: names.completing)."""
    try:
        base = fact_base(None)
        if kind in ("honoree", "region"):
            names = base.completing(kind, incomplete) if incomplete.strip() else list(
                base.honorees if kind == "honoree" else base.regions)
        else:
            names = [n for n in (base.metric_names() if kind == "metric" else base.unit_names())
                     if isinstance(n, str) and n.startswith(incomplete)]
    except QdaidError:
        return []
    # Only what an id may be (validate refuses the rest): such a name is the same quoted for a shell
    # or not, so no data can run on the command line nor add a candidate with a newline.
    return [n for n in names if isinstance(n, str) and NAME_RE.fullmatch(n)]


def _words(words: tuple[str, ...], incomplete: str) -> list[str]:
    return [w for w in words if w.startswith(incomplete.lower())]


class Named(click.types.StringParamType):
    """The text of an honoree's or a region's name, completed by the shell from every name (陇 →
    longnan): Typer's autocompletion keeps only the candidates that start with what was typed, so
    an id could be offered for an id's start only."""

    name = "text"

    def __init__(self, kind: str):
        self.kind = kind

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(name) for name in _names(self.kind, incomplete)]


def complete_metric(incomplete: str) -> list[str]:
    return _names("metric", incomplete)


def complete_unit(incomplete: str) -> list[str]:
    return _names("unit", incomplete)


# ---- options shared by the query commands ----------------------------------------------------

Db = Annotated[Path | None, typer.Option("--db", help="Database file (default: $QDAID_DB, then the one qdaid build "
                                            "wrote, then the bundled one).",
                                            show_default=False, dir_okay=True)]
Format = Annotated[str | None, typer.Option(
    "-f", "--format", help="auto (or $QDAID_FORMAT): a table on a terminal, CSV in a pipe.", show_default=False,
    click_type=click.Choice(render.FORMATS, case_sensitive=False))]


def fields_option(names: list[str] | str):
    """-F, its help naming the fields this command prints (fields.py; README, "Fields")."""
    listed = names if isinstance(names, str) else ", ".join(names)
    return typer.Option("-F", "--fields", help=f"Columns to print, in order: a,b,c (any case). Fields: {listed}.",
                        show_default=False)


# -F without its list of fields (the query commands name theirs: fields_option)
Fields = Annotated[str | None, typer.Option("-F", "--fields", help="Columns to print, in order: a,b,c (any case).",
                                               show_default=False)]

NoHeader = Annotated[bool, typer.Option("--no-header", help="CSV/TSV without the header line.")]
Bom = Annotated[bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 byte-order mark (for Excel).")]
ExcelSafe = Annotated[bool, typer.Option("--excel-safe", help="Prefix cells starting with = + - @ with ' (numbers untouched).")]
Honoree = Annotated[list[str] | None, typer.Option(
    "--honoree", help="Id, Chinese name (Traditional too), English name, pinyin or a unique prefix; repeatable.",
    click_type=Named("honoree"), show_default=False)]
Region = Annotated[list[str] | None, typer.Option(
    "--region", help="Id, Chinese name (市/县 optional, Traditional too), pinyin (tones optional) or English "
    "name; includes the places below it; repeatable.", click_type=Named("region"), show_default=False)]
Metric = Annotated[list[str] | None, typer.Option(
    "--metric", help="Metric, a family (donations, money), its English label (\"Cash donations\") or a Chinese "
    "keyword (捐赠, 消费扶贫); repeatable.", autocompletion=complete_metric, show_default=False)]


def _words_option(flag: str, what: str, words: tuple[str, ...]):
    """A repeatable option of a few fixed words (kinds, approximations), completed from them: names
    like the others (checked by names.choice, with "did you mean"), not click choices, whose error
    suggests nothing."""
    return typer.Option(flag, help=f"{what} ({', '.join(words)}); repeatable.", show_default=False,
                        autocompletion=lambda incomplete: _words(words, incomplete))


Kind = Annotated[list[str] | None, _words_option("--kind", "Honorees of this kind", HONOREE_KINDS)]
Unit = Annotated[list[str] | None, typer.Option(
    "--unit", help="cny (元, yuan, RMB), person (人), household (户), mu (亩), mask (口罩, masks) …: any name "
    "list units prints; repeatable.", show_default=False, autocompletion=complete_unit)]
Approx = Annotated[list[str] | None, _words_option("--approx", "How the number was written", APPROX)]
Year = Annotated[int | None, typer.Option("--year", help="Figures of this year: a period within it (a 2017–2021 "
                                          "total is not a 2020 figure).", show_default=False)]
Since = Annotated[int | None, typer.Option("--since", help="Figures whose period starts this year or later.",
                                           show_default=False)]
Until = Annotated[int | None, typer.Option("--until", help="Figures whose period ends this year or earlier.",
                                           show_default=False)]
Overlapping = Annotated[bool, typer.Option("--overlapping", help="With --year/--since/--until: figures whose period "
                                           "merely touches the years (a 2017–2021 total for --year 2020).")]
Min = Annotated[str | None, typer.Option("--min", help="Smallest value, in base units (yuan, persons …): 1200, 1,200, "
                                        "100万, 1.2亿, \"858 million\"; exact.", show_default=False)]
Max = Annotated[str | None, typer.Option("--max", help="Largest value, in base units, written as --min.",
                                        show_default=False)]
Sources = Annotated[list[Path] | None, typer.Option(
    "--sources", help="A folder holding the article texts (default: beside the database, then the bundled ones); "
    "repeatable.", show_default=False, file_okay=False)]
Lang = Annotated[str, typer.Option(
    "--lang", envvar="QDAID_LANG", show_envvar=True, click_type=click.Choice(LANGUAGES, case_sensitive=False),
    help="zh: Chinese names and amounts (8.58亿元); en: English names, labels and amounts (858 million CNY), "
         "Chinese text shown as a quotation. Tables and Markdown only: csv, tsv, json and jsonl are the same "
         "bytes in either language (names beside their English, in the _en fields).")]
NoPager = Annotated[bool, typer.Option("--no-pager", help="Print a long table straight to the terminal, never "
                                       "through $QDAID_PAGER, $PAGER or less.")]
Grep = Annotated[str | None, typer.Option("--grep", help="Text in the quote, label or raw.", show_default=False)]


class Output(render.Output):
    """The output options, with -F read as every name is (fields.picked): any case, an old name
    (sentence) as its new one with a note, "did you mean" for a typo (qoute → quote)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._said: set[str] = set()  # the notes said: columns is asked more than once

    def columns(self, all_fields: list[str], default: list[str] | None) -> list[str]:
        if self.fields is None:
            return default or all_fields
        from .app import say

        picked, notes = fields.picked(self.fields, all_fields)
        for note in notes:
            if note not in self._said:
                self._said.add(note)
                say(note)
        return picked

    def human(self) -> bool:
        """Whether the format is for people (a table, Markdown): names in the language asked for.
        Machine formats print the same bytes whatever --lang and $QDAID_LANG say."""
        return self.format() in ("table", "md")

    def names_lang(self) -> str:
        """The language of the names in the rows: --lang for people, the original for machines."""
        return self.lang if self.human() else "zh"


def output(fmt: str | None, fields: str | None, no_header: bool, bom: bool, excel_safe: bool,
           lang: str | None = None, no_pager: bool = False) -> Output:
    """The shared output options, with the environment's defaults ($QDAID_FORMAT, NO_COLOR,
    $QDAID_PAGER or $PAGER)."""
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Output(fmt, fields, header=not no_header, bom=bom, excel_safe=excel_safe,
                  default_format=os.environ.get("QDAID_FORMAT"), plain_terminal=plain,
                  lang=(lang or "zh").lower(), pager=None if no_pager else pager)


def pager() -> Pager | None:
    """$QDAID_PAGER, else $PAGER, else less if there is one; empty or cat means none. less gets
    LESS=FRX unless the user set LESS (as git does): quit if one screen, colours, no clearing;
    and LESSCHARSET=utf-8, the page's encoding."""
    import shlex
    import shutil

    command = os.environ.get("QDAID_PAGER")
    if command is None:
        command = os.environ.get("PAGER")
    if command is None:
        command = "less" if shutil.which("less") else ""
    try:
        argv = shlex.split(command)
    except ValueError:
        raise UsageError(f"the pager {command!r} cannot be read as a command") from None
    if not argv or argv == ["cat"]:
        return None
    # The page is UTF-8 whatever the locale says, so less is told (unless the user told it otherwise).
    return Pager(argv, {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c"),
                               "LESSCHARSET": os.environ.get("LESSCHARSET", "utf-8")})


def cache_folder() -> Path:
    """Where a large JSON database is kept as SQLite between commands: $XDG_CACHE_HOME/qdaid,
    else ~/.cache/qdaid (the XDG default)."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache_home) / "qdaid"


def fact_base(db: Path | None):
    """The fact base of the database in use; the names of its metrics and units are read from it."""
    from ..labels import use

    base = store.fact_base(db_path(db), limit=size_limit(fileio.MAX_DATABASE_BYTES), cache_folder=cache_folder())
    use(base)
    return base


def filters(**given):
    from ..filters import Filters

    return Filters.of(**given)


def say_undated(base, where, lang: str = "zh") -> None:
    """A period or place filter cannot place a figure that has no period or no place: say how many
    were left out (in every format: a spreadsheet reader must hear it too), in the page's language."""
    from ..messages import message
    from .app import say

    undated, unplaced = base.left_out(where)
    if undated:
        say(message("undated_left_out", lang, n=undated))
    if unplaced:
        say(message("unplaced_left_out", lang, n=unplaced))


