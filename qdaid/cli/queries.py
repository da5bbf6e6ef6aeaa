"""The query commands: list, show, figures, stats, search, cite, timeline. Each parses its
options, asks the core, and hands rows and a View to render.
"""

import os
from typing import Annotated

import typer

from .. import amounts, pages, render, store
from .. import fields as vocabulary
from ..messages import Words, explained, filters_text, message
from ..model import STATS_KEYS, UsageError
from ..order import SORTS
from .app import app, say
from .options import (
    Approx,
    Bom,
    Db,
    ExcelSafe,
    Format,
    Grep,
    Honoree,
    Kind,
    Lang,
    Max,
    Metric,
    Min,
    Named,
    NoHeader,
    NoPager,
    Overlapping,
    Region,
    Since,
    Sources,
    Unit,
    Until,
    Year,
    db_path,
    fact_base,
    fields_option,
    filters,
    output,
    say_undated,
)

# -F of each command, its help naming the fields it prints (fields.py, the one vocabulary).
FigureFields = Annotated[str | None, fields_option(vocabulary.FIGURES)]
ListFields = Annotated[str | None, fields_option("; ".join(f"{kind}: {', '.join(names)}"
                                                           for kind, names in vocabulary.LIST.items()))]
ShowFields = Annotated[str | None, fields_option(f"{', '.join(vocabulary.FIGURES_MACHINE)}; in JSON, the "
                                                f"profile's: {', '.join(vocabulary.PROFILE)}")]
StatsFields = Annotated[str | None, fields_option(vocabulary.STATS_KEYS_HELP + vocabulary.STATS + vocabulary.EXPLAIN)]
SearchFields = Annotated[str | None, fields_option(vocabulary.SEARCH)]
CiteFields = Annotated[str | None, fields_option(vocabulary.CITE)]
TimelineFields = Annotated[str | None, fields_option(vocabulary.TIMELINE)]

LIST_WHAT = {"honorees": "honorees", "honoree": "honorees", "individuals": "individual",
             "individual": "individual", "collectives": "collective", "collective": "collective",
             "regions": "regions", "region": "regions", "programs": "programs", "program": "programs",
             "metrics": "metrics", "metric": "metrics", "sources": "sources", "source": "sources",
             "events": "events", "event": "events", "units": "units", "unit": "units"}


# Which columns of each list a table shows by name rather than id.
LIST_NAMED = {"honorees": ("kind", "listed_under", "home_region", "partner_regions"),
              "individual": ("kind", "listed_under", "home_region", "partner_regions"),
              "collective": ("kind", "listed_under", "home_region", "partner_regions"), "regions": ("level", "parent"),
              "programs": ("honoree", "region"), "events": ("precision", "honoree", "region"),
              "metrics": ("units", "honorees")}


# What a narrow terminal keeps of a list, most important first (else the columns in their order):
# a source's counts before its publisher, which a 40-column screen shows in its record.
LIST_PRIORITY = {"sources": ["id", "title", "figures", "confirmed", "disputed", "date", "publisher"]}


def _complete_kind(incomplete: str) -> list[str]:
    return [k for k in LIST_WHAT if k.endswith("s") and k.startswith(incomplete.lower())]


@app.command("list")
def list_(
    what: Annotated[str, typer.Argument(metavar="KIND", help="honorees, individuals, collectives, regions, programs, "
                                        "metrics, units, sources or events.", autocompletion=_complete_kind)],
    db: Db = None, fmt: Format = None, fields: ListFields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """List honorees, regions, metrics and more.

    KIND is honorees, individuals, collectives, regions, programs, metrics, units, sources or
    events. metrics gives each one's definition and the Chinese words it is read from; units what
    each unit is (亩, 人次).

    \b
    Example:
      qdaid list collectives
    """
    from .. import views
    from ..names import normalise, suggest

    kind = LIST_WHAT.get(normalise(what))
    if kind is None:
        kinds = sorted(set(LIST_WHAT) - {k[:-1] for k in LIST_WHAT})
        raise UsageError(f"cannot list {what!r}{suggest(normalise(what), kinds)} (one of {', '.join(kinds)})")
    base = fact_base(db)
    out = output(fmt, fields, no_header, bom, excel_safe, lang, no_pager)
    rows, columns, table_columns = views.rows(base, kind, out.names_lang())
    named = LIST_NAMED.get(kind, ())  # the ids a table shows by name (each list's own id column stays an id)
    if lang.lower() == "zh" and kind in ("units", "metrics"):  # no English definition or note on a Chinese page
        table_columns = {"units": ["unit", "name", "figures"],
                         "metrics": ["metric", "label", "keywords", "units", "figures", "honorees"]}[kind]
    out.emit(rows, render.View(columns, table_columns=table_columns, what=what, words=Words(base, named),
                               display=pages.named_in(kind), priority=LIST_PRIORITY.get(kind)))


@app.command()
def show(
    honoree: Annotated[str, typer.Argument(help="Id, full or short Chinese name, pinyin, or a unique prefix.",
                                           click_type=Named("honoree"))],
    db: Db = None, sources: Sources = None, fmt: Format = None, fields: ShowFields = None, no_header: NoHeader = False,
    bom: Bom = False, excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """One honoree's profile.

    Post, motto, partner regions; figures in the order of the text, a table per paragraph with
    each number in its sentence (durations and the like last); programs; events in date order.
    In CSV, TSV and Markdown it prints the honoree's figures (whole sentences in `quote`); in
    JSON the whole profile.

    \b
    Example:
      qdaid show 陇南
    """
    from .. import views

    base = fact_base(db)
    profile = base.profile(honoree)
    out = output(fmt, fields, no_header, bom, excel_safe, lang, no_pager)
    if out.names_lang() == "en":
        profile = views.in_english(base, profile)
    columns = list(profile)
    if out.format() == "table":  # the table marks each number in its sentence
        profile["raw_at"] = views.number_positions(base, profile["figures"], store.source_folders(db_path(db), sources))
    view = render.View(columns, nested=("figures", vocabulary.FIGURES_MACHINE), draw=pages.draw_profile, single=True,
                       table_columns=["id", "raw", "value", "metric", "period", "region", "context"],
                       words=Words(base), amounts={"value": "unit"}, numeric=("value",))  # Markdown's figures
    out.emit([profile], view)


@app.command()
def figures(
    honoree: Honoree = None, kind: Kind = None, region: Region = None, metric: Metric = None, unit: Unit = None,
    year: Year = None, since: Since = None, until: Until = None, overlapping: Overlapping = False, minimum: Min = None,
    maximum: Max = None, approx: Approx = None, grep: Grep = None,
    sort: Annotated[str | None, typer.Option("--sort", help="Field to sort by.", show_default=False)] = None,
    desc: Annotated[bool, typer.Option("--desc", help="Sort descending.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most N rows.", show_default=False)] = None,
    db: Db = None, fmt: Format = None, fields: FigureFields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """Figures with their evidence, filtered.

    Filters combine: different options AND, repeated values of one option OR.

    \b
    Example:
      qdaid figures --region longnan --metric donations -f csv
    """
    flt = filters(honoree=honoree, kind=kind, region=region, metric=metric, unit=unit, approx=approx, year=year,
                  since=since, until=until, overlapping=overlapping, minimum=minimum, maximum=maximum, grep=grep)
    base = fact_base(db)
    where = base.where(flt)
    out = output(fmt, fields, no_header, bom, excel_safe, lang, no_pager)
    # Plain CSV needs only the printed columns: they are streamed as tuples.
    plain_csv = out.format() == "csv" and not excel_safe
    rows = base.listing(where, sort, desc, limit,
                        columns=out.columns(vocabulary.FIGURES, vocabulary.FIGURES_MACHINE) if plain_csv else None)
    say_undated(base, where, lang)
    if out.names_lang() == "en":  # a table's honoree names in English (machine formats: honoree_name_en)
        from ..views import figures_in_english

        rows = figures_in_english(base, rows)
    if not out.streams():
        rows = list(rows)
    view = render.View(vocabulary.FIGURES, machine_columns=vocabulary.FIGURES_MACHINE, table_columns=vocabulary.FIGURES_TABLE,
                       what="figures",
                       priority=["id", "raw", "value", "unit", "metric", "honoree", "period", "region", "part_of"],
                       amounts={"value": "unit"}, numeric=("value",), words=Words(base),
                       filtered=filters_text(where.asked, Words(base), lang.lower()),
                       title=message("figures_title", lang, count=len(rows)) if isinstance(rows, list) else None)
    out.emit(rows, view)


By = Annotated[list[str] | None, typer.Option("--by", help=f"Group by these ({', '.join(STATS_KEYS)}); repeat for two "
                                             "levels.", show_default=False,
                                             autocompletion=lambda incomplete: [k for k in STATS_KEYS
                                                                                if k.startswith(incomplete)])]


def _no_chart_as_data(fmt: str | None, chosen: str) -> None:
    """-f json (or $QDAID_FORMAT=json) is JSON, never a picture; auto in a pipe still draws."""
    if (fmt or os.environ.get("QDAID_FORMAT")) and chosen in ("csv", "tsv", "json", "jsonl"):
        named = "-f/--format" if fmt else "$QDAID_FORMAT"
        raise UsageError(f"draws bars for people, and {named} {chosen} writes data for programs: give one of them",
                         param="chart")


@app.command()
def stats(
    honoree: Honoree = None, kind: Kind = None, region: Region = None, metric: Metric = None, unit: Unit = None,
    year: Year = None, since: Since = None, until: Until = None, overlapping: Overlapping = False, minimum: Min = None,
    maximum: Max = None, approx: Approx = None, grep: Grep = None,
    by: By = None,
    explain: Annotated[bool, typer.Option("--explain", help="Add the figures behind each total, and for each "
                                          "excluded one the figure that holds it and why.")] = False,
    chart: Annotated[bool, typer.Option("--chart", help="Draw the totals as bars (not with -f csv, tsv, json or "
                                        "jsonl).")] = False,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="family (default: money, people, places, things, honours, the rest, the largest first, "
        "durations and ranks last), metric, total or count.", show_default=False)] = None,
    db: Db = None, fmt: Format = None, fields: StatsFields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """Totals per metric and unit that never count aid twice.

    Yuan are never added to persons, nor one metric to another. A figure held by another
    selected figure (其中/含; a year inside a multi-year total; a team's share of a city-wide
    figure; a place inside a wider one; an earlier size of a stock) is `excluded`, not added.
    Where the text cannot rule an overlap out, total_min–total_max is the interval it supports
    and a note says so. Ratios, yearly rates, ranks and durations get no total. A total with a
    多/余 addend is a lower bound (≥).

    \b
    Example:
      qdaid stats --region longnan --by metric
    """
    from ..names import choice
    from ..order import arrange
    from ..stats import totals

    out = output(fmt, fields, no_header, bom, excel_safe, lang, no_pager)
    if chart:
        _no_chart_as_data(fmt, out.format())
    base = fact_base(db)
    flt = filters(honoree=honoree, kind=kind, region=region, metric=metric, unit=unit, approx=approx, year=year,
                  since=since, until=until, overlapping=overlapping, minimum=minimum, maximum=maximum, grep=grep)
    keys = list(dict.fromkeys(choice(k, STATS_KEYS, "grouping", "by") for k in by or ["metric"]))
    where = base.where(flt)
    rows, count = totals(base, where, keys, explain=explain or fields is not None)  # -F may ask for the id lists
    rows = arrange(rows, keys, sort and choice(sort, SORTS, "sort order", "sort"))
    lang = lang.lower()
    _stats_notes(base, where, keys, rows, lang, explain)
    group_fields = list(dict.fromkeys([*keys, "metric", "unit"]))
    ids = vocabulary.EXPLAIN if explain else []
    if chart:
        render.print_bars(out, rows, group_fields, Words(base))
        return
    view = render.View(group_fields + vocabulary.STATS + vocabulary.EXPLAIN,
                       machine_columns=group_fields + vocabulary.STATS + ids,
                       table_columns=[k for k in group_fields if k != "unit" or k in (by or [])]
                       + ["count", "honorees", "total", "period", "excluded"] + ids,
                       display=amounts.stats_display, what="figures", words=Words(base),
                       numeric=("count", "honorees", "excluded", "total", "min", "max"),
                       priority=[*group_fields, "total", *reversed(ids), "count", "period", "excluded", "honorees"],
                       title=message("stats_title", lang, count=count), shown=tuple(ids),
                       filtered=filters_text(where.asked, Words(base), lang))
    out.emit(rows, view)


def _stats_notes(base, where, keys: list[str], rows: list[dict], lang: str, explain: bool) -> None:
    """What stats says on stderr, in every format (a spreadsheet reader must hear it too): what the
    filters selected (with --explain), figures a filter left out, rows that hold one another, totals
    that may count aid twice, facts sources state differently."""
    from ..stats import counted_in_two_rows

    if explain and where.asked:
        say(message("filtered_by", lang, filters=filters_text(where.asked, Words(base), lang)))
    say_undated(base, where, lang)
    if set(keys) - {"metric", "unit"} and (twice := counted_in_two_rows(base, where, keys)):
        say(message("counted_in_two_rows", lang, n=twice))
    if overlapping := sum(r["overlap_possible"] for r in rows):
        say(message("may_count_twice", lang, n=overlapping))
    if differ := [explained(fact, lang) for r in rows for fact in r["sources_disagree"]]:
        say(message("sources_disagree", lang, n=len(differ), facts="; ".join(differ[:3]) + ("; …" if len(differ) > 3 else "")))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Chinese, pinyin of any Chinese text with or without tones (kouzhao, "
                                        "kǒuzhào find 口罩), English (masks, flood), or an amount as qdaid prints it "
                                        "(57万, 570,000, 858 million); any case.")],
    db: Db = None, fmt: Format = None, fields: SearchFields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """Find text anywhere, in Chinese, pinyin or English.

    Searches honorees, regions, programs, events and figures (quote, label, raw, unit, value):
    one row per record, with a snippet that never cuts a number; a figure's row carries its raw,
    value and unit, and the whole sentence in `quote`. Letters alone are also read as pinyin of
    every Chinese text; English words as the Chinese words they stand for (masks: 口罩).

    \b
    Example:
      qdaid search 辣椒
      qdaid search "face masks"
    """
    from ..query import search as find

    base = fact_base(db)
    rows = find(base, text)
    output(fmt, fields, no_header, bom, excel_safe, lang, no_pager).emit(rows, render.View(
        vocabulary.SEARCH, table_columns=vocabulary.SEARCH_TABLE, what="records",
        priority=["id", "match", "table", "field", "honoree"], words=Words(base, ("honoree", "table"))))


@app.command()
def cite(
    figure_ids: Annotated[list[str], typer.Argument(metavar="FIGURE_ID...",
                                                    help="Figure ids or their unique last digits (03457); several, "
                                                         "by spaces or semicolons (the list --explain prints).")],
    db: Db = None, sources: Sources = None, fmt: Format = None, fields: CiteFields = None, no_header: NoHeader = False,
    bom: Bom = False, excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """The evidence for figures.

    Source, paragraph, the amount as written and normalised, period, region, what holds it, the
    sentence with the number marked (【…】, whatever the terminal), and the character offsets.

    \b
    Example:
      qdaid cite qdrb-20210225-03457 "03631;03817"
    """
    from ..views import citation

    base = fact_base(db)
    folders = store.source_folders(db_path(db), sources)
    wanted = [part for text in figure_ids for part in text.replace(";", " ").split()]
    if not wanted:
        raise UsageError("names no figure", param="figure")
    records = [citation(base, _figure(base, figure_id, lang), folders) for figure_id in wanted]
    output(fmt, fields, no_header, bom, excel_safe, lang, no_pager).emit(records, render.View(
        vocabulary.CITE, machine_columns=vocabulary.CITE_MACHINE, draw=pages.draw_citation, words=Words(base)))


def _figure(base, text: str, lang: str) -> dict:
    """The figure cite names. An id of a source the database does not hold, whose digits end one
    figure only, is that figure, with a note: the README's qdrb-20210225-03457 on a database built
    from the article's text alone (its source then 000_0077034771fe7207, the file's name)."""
    try:
        return base.figure(text)
    except UsageError as missing:
        source, _, digits = text.strip().rpartition("-")
        if not (source and digits.isdigit()) or source in base.sources:
            raise
        unknown = missing
    try:
        found = base.figure(digits)
    except UsageError:
        raise unknown from None
    say(message("cite_by_digits", lang, source=source, asked=text, found=found["id"], digits=digits))
    return found


@app.command()
def timeline(
    honoree: Honoree = None, region: Region = None, since: Since = None, until: Until = None,
    overlapping: Overlapping = False,
    db: Db = None, fmt: Format = None, fields: TimelineFields = None, no_header: NoHeader = False, bom: Bom = False,
    excel_safe: ExcelSafe = False, lang: Lang = "zh",
    no_pager: NoPager = False,
) -> None:
    """Events and dated figures in date order.

    The figures `figures` selects with the same filters (a period within --since/--until, or
    touching them with --overlapping), those with a period; events dated within the years.

    \b
    Example:
      qdaid timeline --honoree anshun-team
    """
    from ..query import timeline_of

    base = fact_base(db)
    rows, where = timeline_of(base, filters(honoree=honoree, region=region, since=since, until=until,
                                            overlapping=overlapping))
    say_undated(base, where, lang)
    view = render.View(vocabulary.TIMELINE, what="events", words=Words(base),
                       priority=["date", "text", "id", "kind", "region", "honoree"],
                       display=pages.timeline_display(base), filtered=filters_text(where.asked, Words(base), lang.lower()))
    output(fmt, fields, no_header, bom, excel_safe, lang, no_pager).emit(rows, view)
