"""One vocabulary of fields: the names each command prints and -F picks, in their order, the
fields made from others, and the old names -F still reads.

One thing has one name in every command and format (README, "Fields"): a figure's sentence is
`quote`, its years `period_start` and `period_end`, the two as one label `period` (2016–2021,
what tables show); an English name stands beside its original as `…_en`. Machine formats (csv,
tsv, json, jsonl) print the same columns and values whatever the language; tables and Markdown
are for people, in the language asked for.
"""

from __future__ import annotations

from .model import FIGURE_FIELDS, SCHEMA, UsageError

# Old names -F still reads (with a note): what cite and search called these before.
ALIASES = {"sentence": "quote", "sentence_start": "quote_start", "raw_in_sentence": "raw_in_quote"}

# A figure's fields, and two made from others: the honoree's English name, and the period as one label.
FIGURES = [*FIGURE_FIELDS[:4], "honoree_name_en", *FIGURE_FIELDS[4:], "period"]
FIGURES_MACHINE = [f for f in FIGURES if f != "period"]  # the years are the machine's; the label a table's
# A terminal is narrow: tables show the period as one column (2016–2021), the unit in the value (8.58亿元,
# 6.35万人) and leave out the quote.
FIGURES_TABLE = ["id", "honoree", "metric", "raw", "value", "period", "region", "part_of"]
DERIVED_FIGURE_FIELDS = ("honoree_name_en", "period")

# `show` prints the honoree's figures in flat formats and the whole profile in JSON.
PROFILE = [*SCHEMA["honorees"], "figures", "programs", "events", "restatements"]

CITE = ["id", "raw", "value", "unit", "kind", "period_start", "period_end", "period", "region", "part_of", "within",
        "same_fact", "metric", "honoree", "source", "source_title", "publisher", "date", "path", "sha256", "paragraph", "quote",
        "quote_start", "start", "end", "raw_in_quote"]
CITE_MACHINE = [f for f in CITE if f != "period"]

# A search row: the record that matched, and for a figure its raw text, value and unit.
SEARCH = ["table", "id", "field", "match", "honoree", "raw", "value", "unit", "quote"]
SEARCH_TABLE = ["table", "id", "field", "match", "honoree"]

TIMELINE = ["date", "kind", "honoree", "region", "text", "id"]

# `qdaid check`: a draft's figure, its verdict, the sources' figures beside it, its sentence marked.
CHECK = ["verdict", "figure", "raw", "value", "unit", "metric", "honoree", "region", "period", "period_checked", "sources",
         "source_values", "reasons", "source_quotes", "context", "start", "end"]

STATS_KEYS_HELP = ["metric", "unit", "honoree", "region", "year"]  # the group keys --by adds
STATS = ["count", "honorees", "total", "total_min", "total_max", "overlap_possible", "excluded", "period_start",
         "period_end", "period_partly_undated", "headline", "min", "max", "total_is_lower_bound",
         "total_max_is_lower_bound", "total_is_approximate"]
EXPLAIN = ["figure_ids", "excluded_ids", "excluded_because", "sources_disagree"]

HONOREES = ["id", "name", "name_en", "kind", "post", "post_en", "motto", "motto_en", "listed_under", "home_region",
            "partner_regions", "figures", "paragraph_start", "paragraph_end", "aliases", "source", "sources"]
REGIONS = ["id", "name", "name_en", "level", "parent", "aliases", "figures", "adcode"]
METRICS = ["metric", "label", "definition", "keywords", "units", "figures", "honorees"]
UNITS = ["unit", "name", "note", "figures"]
SOURCE_COUNTS = ["figures", "confirmed", "disputed"]  # a source's figures, and how many others confirm or dispute
LIST = {"honorees": HONOREES, "regions": REGIONS, "metrics": METRICS, "units": UNITS,
        "programs": list(SCHEMA["programs"]), "sources": [*SCHEMA["sources"], *SOURCE_COUNTS],
        "events": list(SCHEMA["events"])}


def picked(text: str, available: list[str], aliases: dict[str, str] = ALIASES) -> tuple[list[str], list[str]]:
    """The fields -F names (a,b,c; any case), and a note for each old name read as its new one
    (sentence → quote); an unknown field is an error with "did you mean" help (names.suggest)."""
    from .names import suggest

    by_name = {c.casefold(): c for c in available}
    chosen, notes = [], []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name = by_name.get(part.casefold())
        if name is None and (new := aliases.get(part.casefold())) in available:
            name = new
            notes.append(f"note: field {part} is now called {new}")
        if name is None:
            raise UsageError(f"unknown field {part}{suggest(part.casefold(), [*available, *aliases])} (fields: "
                             f"{', '.join(available)})", param="fields")
        chosen.append(name)
    if not chosen:
        raise UsageError(f"names no field; fields: {', '.join(available)}", param="fields")
    return chosen, notes
