"""Pages for a terminal that are not one table: an honoree's profile (a table per paragraph, each
number marked in its sentence) and the evidence for a figure. Drawn with Rich, as render's tables,
every label in the page's language (messages.py).
"""

from __future__ import annotations

from .amounts import chinese_amount
from .formats import printable
from .messages import (
    FACT_LABELS,
    Words,
    explained,
    message,
    metric_label,
    reason_text,
    same_fact_text,
    unit_name,
    with_quoted_chinese,
)
from .render import _left_out, _quoter, choose_columns, print_table


def draw_profile(con, rows: list[dict], figure_columns: list[str], lang: str = "zh", words: Words | None = None) -> None:
    """An honoree's profile on a terminal: facts; figures in the order of the text, a table per
    paragraph, each with its context (the number marked 【…】); durations and the like after them;
    programs; events in date order."""
    from rich.text import Text

    from .query import context

    (profile,) = rows
    words = words or Words()
    quoted = _quoter(lang)
    if lang == "en":
        from .english import localise

        profile = {**localise(profile, "honorees"), "programs": [localise(p, "programs") for p in profile["programs"]]}
    labels = FACT_LABELS["en" if lang == "en" else "zh"]
    partners = words.name("partner_regions", profile.get("partner_regions") or [], lang)
    facts = [("name", profile["name"]), ("id", profile["id"]), ("kind", message(profile["kind"], lang)),
             ("post", profile.get("post")), ("motto", profile.get("motto")),
             ("listed_under", words.name("listed_under", profile.get("listed_under"), lang)),
             ("home_region", words.name("home_region", profile.get("home_region"), lang)),
             ("partner_regions", ", ".join(partners) or None),
             ("paragraphs", f"{profile['paragraph_start']}–{profile['paragraph_end']}"
                            + (f" ({profile['source']})" if len(profile.get("sources") or ()) > 1 else ""))]
    _facts(con, [(labels[label], Text(printable(quoted(str(value))))) for label, value in facts if value], 16)
    at = profile.get("raw_at", {})  # where each figure's number stands in its sentence, when the text is at hand
    shown = []
    for f in profile["figures"]:
        start, end = at.get(f["id"]) or _first(f)
        shown.append({**f, "context": context(f["quote"], start, end, reach=12, mark=True)})
    from .model import is_trivia

    groups: dict[str, list[dict]] = {}
    several = len({f["source"] for f in shown}) > 1  # paragraph 4 of one article is not another's
    for f in shown:
        title = (message("trivia", lang) if is_trivia(f) else
                 message("source_paragraph", lang, source=f["source"], n=f["paragraph"]) if several else
                 message("paragraph", lang, n=f["paragraph"]))
        groups.setdefault(title, []).append(f)
    con.print(Text(message("profile_figures", lang, n=len(shown)), style="bold"))
    drawing = {"amounts": {"value": "unit"}, "numeric": ("value",), "lang": lang, "words": words,
               "priority": ["id", "raw", "value", "unit", "metric", "context"]}
    # One set of columns for every paragraph's table, chosen on all the figures, and one note.
    tables = [(shown, figure_columns, drawing, list(groups.items()))]
    if profile.get("restatements"):
        restated = [{**r, "verdict": message(r["verdict"], lang), "reason": reason_text(r["reason"], lang)}
                    for r in profile["restatements"]]
        tables.append((restated, ["figure", "other", "source", "raw", "verdict", "reason"],
                       {"lang": lang, "priority": ["figure", "other", "verdict", "reason", "raw", "source"]},
                       [(message("restatements", lang), restated)]))
    if profile["programs"]:
        tables.append((profile["programs"], ["id", "name", "region"], {"lang": lang, "words": words},
                       [(message("programs", lang), profile["programs"])]))
    if profile["events"]:
        tables.append((profile["events"], ["date", "text"], {"lang": lang}, [(message("events", lang), profile["events"])]))
    _print_tables(con, tables, lang)


def _print_tables(con, tables: list[tuple], lang: str) -> None:
    """A page's tables: (all the rows, columns, drawing options, [(title, rows)] for each table
    drawn with one set of columns). The columns of each set are chosen first, so one note says
    what the page leaves out."""
    choices: list = []
    left: list[str] = []
    for rows, columns, options, _ in tables:
        chosen = choose_columns(con, rows, columns, **options) if con.is_terminal else False
        left += [c for c in columns if isinstance(chosen, list) and c not in chosen and c not in left]
        choices.append(chosen)
    if left:
        _left_out(con, left, [], lang)
    for n, ((_, columns, options, parts), chosen) in enumerate(zip(tables, choices, strict=True)):
        for at, (title, rows) in enumerate(parts):
            if chosen is None and (n or at):  # one record a block: a blank line before the next section's title
                con.print("")
            print_table(con, rows, columns, title=title, chosen=chosen, **options)


def _facts(con, facts: list, width: int) -> None:
    """Lines of `label  value`, the labels right-aligned in `width` cells (a Chinese character takes
    two). On a terminal a long value wraps under itself, never inside a number or an id; in a pipe
    each is one line, never cut."""
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from .wrapping import Unbroken

    if not con.is_terminal:
        for label, value in facts:
            con.print(Text(" " * max(0, width - cell_len(label)) + label + "  ", style="bold") + value, soft_wrap=True)
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", min_width=width, no_wrap=True)
    grid.add_column()
    for label, value in facts:
        whole = Unbroken()
        whole.append_text(value)
        grid.add_row(Text(label, style="bold"), whole)
    con.print(grid)


def _first(figure: dict) -> tuple[int, int]:
    """The number's place in its sentence when the source text is not at hand: its first
    occurrence (or the whole sentence)."""
    at = figure["quote"].find(figure["raw"])
    return (at, at + len(figure["raw"])) if at >= 0 else (0, len(figure["quote"]))


def draw_citation(con, rows: list[dict], columns: list[str], lang: str = "zh", words: Words | None = None) -> None:
    """The evidence for each figure, with the raw text marked 【…】 in its sentence (and shown in
    reverse where the terminal has colour)."""
    from rich.text import Text

    from .english import rendering

    quote = _quoter(lang)
    words = words or Words()
    labels = FACT_LABELS["en" if lang == "en" else "zh"]
    for n, record in enumerate(rows):
        if n:
            con.print("")
        approx = record.get("approx") or words.approx(record["id"])
        amount = chinese_amount(record["value"], record["unit"], lang, approx, record["raw"])
        publisher = rendering(record["publisher"] or "") if lang == "en" else record["publisher"] or ""
        title = rendering(record["source_title"] or "") if lang == "en" else record["source_title"] or ""
        head = [("figure", record["id"]),
                ("value", f"{quote(record['raw'])} = {amount} ({metric_label(record['metric'], lang)})"),
                ("period", record["period"] or "—"), ("region", words.name("region", record["region"], lang) or "—"),
                ("within", "; ".join(explained(w, lang) for w in record["within"]) or "—"),
                *([("same_fact", "\n".join(same_fact_text(line, lang) for line in record["same_fact"]))]
                  if record.get("same_fact") else []),
                ("source", quote(title)), ("published", f"{quote(publisher)} {record['date'] or ''}".strip()),
                ("file", f"{record['path']}  sha256 {(record['sha256'] or '')[:16]}…"),
                ("where", message("where", lang, paragraph=record["paragraph"], start=record["start"], end=record["end"]))]
        lines = [(labels[label], Text(printable(value))) for label, value in head]
        text = record["quote"]
        if record["raw_in_quote"]:
            start, end = record["raw_in_quote"]
            sentence = Text(printable(text[:start]) + "【") + Text(printable(text[start:end]), style="bold reverse") \
                + Text("】" + printable(text[end:]))
        else:
            sentence = Text(printable(text))
        if lang == "en":  # the sentence as the quotation it is
            sentence = Text("“") + sentence + Text("”")
        _facts(con, [*lines, (labels["sentence"], sentence)], 10)


def timeline_display(base):
    """The timeline's rows for a table: a figure's text as its metric and amount in the page's
    language (消费扶贫 8.58亿元; Consumption aid 858 million CNY), not its slug and raw text."""
    def display(rows: list[dict], lang: str) -> list[dict]:
        shown = []
        for row in rows:
            if row["kind"] == "figure":
                f = base.figure(row["id"])
                amount = chinese_amount(f["value"], f["unit"], lang, f["approx"], f["raw"])
                row = {**row, "text": f"{metric_label(f['metric'], lang)} {amount}"}
            shown.append(row)
        return shown
    return display


def named_in(kind: str):
    """For `list units` and `list metrics` tables: each unit's name and each metric's label in the
    page's language (户, 消费扶贫; households, Consumption aid), a unit's note with its Chinese words
    quoted in English (“亩”: a Chinese unit of area); a source's title and publisher in English where
    the vocabulary renders them, as cite does. Other lists as they are."""
    def display(rows: list[dict], lang: str) -> list[dict]:
        if kind == "units":
            return [{**r, "name": unit_name(r["unit"], lang), "note": with_quoted_chinese(r["note"] or "", lang)}
                    for r in rows]
        if kind == "sources":
            from .english import rendering

            return rows if lang != "en" else [{**r, "title": rendering(r["title"] or ""),
                                               "publisher": rendering(r["publisher"] or "")} for r in rows]
        return [{**r, "label": metric_label(r["metric"], lang)} for r in rows]
    return display if kind in ("units", "metrics", "sources") else None


def check_display(rows: list[dict], lang: str) -> list[dict]:
    """`qdaid check` as a table: each verdict in the page's language (有来源支持, supported), marked
    where the draft's period was not checked (counted back from a date the draft does not give)."""
    return [{**r, "verdict": message(r["verdict"], lang) + ("" if r.get("period_checked", True) else
                                                             message("period_not_checked", lang)),
             "reasons": [reason_text(x, lang) for x in r["reasons"]]} for r in rows]
