"""Pages for a terminal that are not one table: an honoree's profile (a table per paragraph, each
number marked in its sentence) and the evidence for a figure. Drawn with Rich, as render's tables.
"""

from __future__ import annotations

from .amounts import chinese_amount, money_scale
from .formats import printable
from .render import _left_out, _quoter, choose_columns, print_table


def draw_profile(con, rows: list[dict], figure_columns: list[str], lang: str = "zh") -> None:
    """An honoree's profile on a terminal: facts; figures in the order of the text, a table per
    paragraph, each with its context (the number marked 【…】); durations and the like after them;
    programs; events in date order."""
    from rich.text import Text

    from .query import context

    (profile,) = rows
    if lang == "en":
        from .english import localise, quoted

        profile = {**localise(profile, "honorees"), "programs": [localise(p, "programs") for p in profile["programs"]]}
    else:
        def quoted(text: str) -> str:
            return text
    facts = [("name", profile["name"]), ("id", profile["id"]), ("kind", profile["kind"]),
             ("post", profile.get("post")), ("motto", profile.get("motto")),
             ("listed under", profile.get("listed_under")), ("home region", profile.get("home_region")),
             ("partner regions", ", ".join(profile.get("partner_regions") or []) or None),
             ("paragraphs", f"{profile['paragraph_start']}–{profile['paragraph_end']}")]
    for label, value in facts:
        if value:
            con.print(Text(f"{label:>16}  ", style="bold") + Text(printable(quoted(str(value)))),
                      soft_wrap=not con.is_terminal)
    at = profile.get("raw_at", {})  # where each figure's number stands in its sentence, when the text is at hand
    shown = []
    for f in profile["figures"]:
        start, end = at.get(f["id"]) or _first(f)
        shown.append({**f, "context": context(f["quote"], start, end, reach=12, mark=True)})
    from .model import is_trivia

    groups: dict[str, list[dict]] = {}
    for f in shown:
        title = "other figures: durations and the like" if is_trivia(f) else f"paragraph {f['paragraph']}"
        groups.setdefault(title, []).append(f)
    con.print(Text(f"figures ({len(shown)}), in the order of the text", style="bold"))
    scales = {"value": money_scale([f["value"] for f in shown if f["unit"] == "cny"], lang)}  # one for all the tables
    drawing = {"amounts": {"value": "unit"}, "numeric": ("value",), "lang": lang, "scales": scales,
               "priority": ["id", "raw", "value", "unit", "metric", "context"]}
    # One set of columns for every paragraph's table, chosen on all the figures, and one note.
    chosen: list[str] | None | bool = False  # False: each table chooses (not a terminal: all of them)
    if con.is_terminal:
        chosen = choose_columns(con, shown, figure_columns, **drawing)
        if chosen is not None and len(chosen) < len(figure_columns):
            _left_out(con, figure_columns, chosen)
    for title, figures in groups.items():
        print_table(con, figures, figure_columns, title=title, chosen=chosen, **drawing)
    if profile.get("restatements"):
        print_table(con, profile["restatements"], ["figure", "other", "source", "raw", "verdict", "reason"],
                    title="the same facts in other sources", lang=lang)
    if profile["programs"]:
        print_table(con, profile["programs"], ["id", "name", "region"], title="programs", lang=lang)
    if profile["events"]:
        print_table(con, profile["events"], ["date", "text"], title="events", lang=lang)


def _first(figure: dict) -> tuple[int, int]:
    """The number's place in its sentence when the source text is not at hand: its first
    occurrence (or the whole sentence)."""
    at = figure["quote"].find(figure["raw"])
    return (at, at + len(figure["raw"])) if at >= 0 else (0, len(figure["quote"]))


def draw_citation(con, rows: list[dict], columns: list[str], lang: str = "zh") -> None:
    """The evidence for each figure, with the raw text marked 【…】 in its sentence (and shown in
    reverse where the terminal has colour)."""
    from rich.text import Text

    wrap = {"soft_wrap": not con.is_terminal}  # in a pipe, one line per field, never cut
    quote = _quoter(lang)
    for n, record in enumerate(rows):
        if n:
            con.print("")
        amount = chinese_amount(record["value"], record["unit"], lang)
        head = [("figure", record["id"]),
                ("value", f"{quote(record['raw'])} = {amount}{'' if record['unit'] == 'cny' else ' ' + record['unit']} "
                          f"({record['metric']}, {record['kind']})"),
                ("period", record["period"] or "—"), ("region", record["region"] or "—"),
                ("within", "; ".join(record["within"]) or "—"),
                *([("same fact", "; ".join(record["same_fact"]))] if record.get("same_fact") else []),
                ("source", quote(f"{record['source_title']}")),
                ("published", quote(f"{record['publisher'] or ''} {record['date'] or ''}")),
                ("file", f"{record['path']}  sha256 {(record['sha256'] or '')[:16]}…"),
                ("where", f"paragraph {record['paragraph']}, characters {record['start']}–{record['end']}")]
        for label, value in head:
            con.print(Text(f"{label:>10}  ", style="bold") + Text(printable(value)), **wrap)
        text = record["quote"]
        if record["raw_in_quote"]:
            start, end = record["raw_in_quote"]
            sentence = Text(printable(text[:start]) + "【") + Text(printable(text[start:end]), style="bold reverse") \
                + Text("】" + printable(text[end:]))
        else:
            sentence = Text(printable(text))
        if lang == "en":  # the sentence as the quotation it is
            sentence = Text("“") + sentence + Text("”")
        con.print(Text(f"{'sentence':>10}  ", style="bold") + sentence, **wrap)
