"""Checks that a database is sound: schema, vocabularies, references and cycles (all as
model.py states them), and the evidence against the source text, each value re-read from its
raw text with the pipeline's number grammar. The one query-time module that uses the pipeline.

Returns every problem found, as one line each, so a person can fix them all in one pass.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from .model import (
    ADDED_FIELDS,
    CONTROL_RE,
    DATE_PRECISION,
    DATE_RE,
    NAME_RE,
    REFERENCES,
    SCHEMA,
    SELF_REFERENCES,
    VOCABULARIES,
    DataError,
)
from .pipeline.numbers import NumberError, parse_quantity
from .pipeline.tables import column_scale
from .store import shape, shape_problem, source_text, too_large


def _schema_problems(tables: dict[str, list[dict]]) -> list[str]:
    problems = []
    for table, fields in SCHEMA.items():
        if table not in tables:
            problems.append(f"{table}: table missing")
            continue
        lists = [name for name, types in fields.items() if types == (list,)]
        sound: dict[tuple, bool] = {}  # a record's fields and their types decide; checked once per shape
        for n, rec in enumerate(tables[table], 1):
            record_shape = shape(rec)
            if record_shape not in sound:
                sound[record_shape] = shape_problem(table, *record_shape) is None
            if not sound[record_shape]:
                problems += _field_problems(table, fields, rec, f"{table}[{rec.get('id', n)}]")
            for name in lists:
                if isinstance(rec.get(name), list) and not all(isinstance(item, str) for item in rec[name]):
                    problems.append(f"{table}[{rec.get('id', n)}]: {name} holds {rec[name]!r}, expected texts only")
        seen: Counter = Counter(rec.get("id") for rec in tables[table] if isinstance(rec.get("id"), str))
        problems += [f"{table}: id {i!r} is not unique" for i in sorted(i for i, n in seen.items() if n > 1)]
    return problems


def _field_problems(table: str, fields: dict, rec: dict, where: str) -> list[str]:
    problems = []
    for name, types in fields.items():
        if name not in rec:
            if name not in ADDED_FIELDS.get(table, ()):  # older databases lack these; they read as null
                problems.append(f"{where}: field {name!r} missing")
        elif not isinstance(rec[name], types) or (isinstance(rec[name], bool) and bool not in types):
            wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            problems.append(f"{where}: {name} is {rec[name]!r}, expected {wanted}")
    return problems


def _vocabulary_problems(tables) -> list[str]:
    return [f"{t}[{rec.get('id')}]: {field} {rec[field]!r} is not one of {', '.join(allowed)}"
            for (t, field), allowed in VOCABULARIES.items() for rec in tables.get(t, [])
            if isinstance(rec.get(field), str) and rec[field] not in allowed]


def _range_problems(tables) -> list[str]:
    """Values every command relies on: dates that are dates, periods in order, offsets that span."""
    problems = []
    for event in tables.get("events", []):
        date = event.get("date")
        if isinstance(date, str) and not DATE_RE.fullmatch(date):
            problems.append(f"events[{event.get('id')}]: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        elif isinstance(date, str) and event.get("precision") in DATE_PRECISION and \
                len(date) != {"year": 4, "month": 7, "day": 10}[event["precision"]]:
            problems.append(f"events[{event.get('id')}]: date {date!r} does not have the precision {event['precision']!r}")
    for table in ("figures", "programs", "events"):
        for rec in tables.get(table, []):
            start, end = rec.get("start"), rec.get("end")
            if _int(start) and _int(end) and not 0 <= start < end:
                problems.append(f"{table}[{rec.get('id')}]: start {start} and end {end} span no text")
    for fig in tables.get("figures", []):
        first, last = fig.get("period_start"), fig.get("period_end")
        for year in (first, last):
            if _int(year) and not 1900 <= year <= 2100:
                problems.append(f"figures[{fig.get('id')}]: period year {year} is not between 1900 and 2100")
        if _int(first) and _int(last) and first > last:
            problems.append(f"figures[{fig.get('id')}]: period_start {first} is after period_end {last}")
        if first is None and last is not None:  # (a start without an end is open: 2017年以来 of an undated text)
            problems.append(f"figures[{fig.get('id')}]: a period that ends needs its start (period_start)")
    return problems


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _reference_problems(tables) -> list[str]:
    ids = {t: {r.get("id") for r in tables.get(t, []) if isinstance(r.get("id"), str)} for t in SCHEMA}
    problems = []
    for table, fields in REFERENCES.items():
        for rec in tables.get(table, []):
            for field, target in fields.items():
                value = rec.get(field)
                for named in value if isinstance(value, list) else [value]:
                    if isinstance(named, str) and named not in ids[target]:
                        problems.append(f"{table}[{rec.get('id')}]: {field} {named!r} names no record in {target}")
    for table, field in SELF_REFERENCES:
        by_id = {r.get("id"): r for r in tables.get(table, []) if isinstance(r.get("id"), str)}
        for rec in by_id.values():
            seen, current = {rec["id"]}, by_id.get(_key(rec.get(field)))
            while current is not None:
                if current.get("id") in seen:
                    problems.append(f"{table}[{rec['id']}]: {field} forms a cycle")
                    break
                seen.add(current.get("id"))
                current = by_id.get(_key(current.get(field)))
    return problems


def _key(value) -> str | None:
    """A value usable as an id (a damaged file may hold a list where an id should be)."""
    return value if isinstance(value, str) else None


def _evidence_problems(tables, folders: list[Path]) -> list[str]:
    problems: list[str] = []
    texts: dict[str, str | None] = {}
    found: set[tuple[str, str]] = set()
    for source in tables.get("sources", []):
        if _key(source.get("id")) is None:
            continue
        try:
            texts[source["id"]] = source_text(source, folders)
        except DataError as exc:
            texts[source["id"]] = None
            problems.append(f"sources[{source.get('id')}]: {exc}")
    for table in ("figures", "programs", "events"):
        for rec in tables.get(table, []):
            text = texts.get(_key(rec.get("source")) or "")
            start, end = rec.get("start"), rec.get("end")
            if text is None or not isinstance(start, int) or not isinstance(end, int):
                continue
            where = f"{table}[{rec.get('id')}]"
            wanted = rec.get("raw") if table == "figures" else (rec.get("name") if table == "programs" else None)
            if wanted is not None and text[start:end] != wanted:
                problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {wanted!r}")
            quote = rec.get("quote")
            if isinstance(quote, str) and (rec["source"], quote) not in found:  # a sentence's figures share it
                if quote in text:
                    found.add((rec["source"], quote))
                else:
                    problems.append(f"{where}: quote not found in the source")
    read: dict[str, int | float | Decimal | None] = {}  # raw text → its value (None: not a number), read once
    for fig in tables.get("figures", []):
        raw = fig.get("raw")
        if not isinstance(raw, str):
            continue
        if raw not in read:
            try:
                read[raw] = parse_quantity(raw).value
            except (NumberError, ArithmeticError, ValueError):
                read[raw] = None
        value = read[raw]
        if value is None:
            problems.append(f"figures[{fig.get('id')}]: raw {raw!r} does not read as a number")
            continue
        if isinstance(fig.get("value"), float) and abs(fig["value"]) >= 2.0**53:
            problems.append(f"figures[{fig.get('id')}]: {too_large(fig['value'])}")
        elif _number(fig.get("value")) and value != (wanted := type(value)(str(fig["value"]))) and \
                value * _column_scale(texts, fig) != wanted:
            problems.append(f"figures[{fig.get('id')}]: value {fig['value']} but raw {raw!r} reads {value}")
    return problems


def _column_scale(texts: dict[str, str | None], fig: dict) -> int:
    """A table cell's multiplier, which the header of its column gives in the source text (819 under
    资金分配额(万元) is 8190000 yuan); 1 for any other figure, or where the text is not at hand."""
    text = texts.get(_key(fig.get("source")) or "")
    start, end = fig.get("start"), fig.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return 1
    scale = column_scale(text, start, end)
    return scale[0] if scale else 1


def _name_problems(tables) -> list[str]:
    """Ids, names and text a shell or a terminal would misread: an id, reference, metric or unit
    beyond NAME_RE (completion puts them on a command line), any text with a control character.
    Each distinct text is tested once (the figures of one sentence share it; 100k figures: 1.7 s
    against 0.6 s)."""
    problems = []
    for table, records in tables.items():
        named = {"id", *REFERENCES.get(table, {}), *(("metric", "unit") if table == "figures" else ())}
        sound: set[tuple[bool, str]] = set()
        for n, rec in enumerate(records if isinstance(records, list) else [], 1):
            for field, value in rec.items() if isinstance(rec, dict) else ():
                is_name = field in named
                for item in value if isinstance(value, list) else [value]:
                    if item.__class__ is not str or (is_name, item) in sound:
                        continue
                    if is_name and not NAME_RE.fullmatch(item):
                        problems.append(f"{table}[{rec.get('id', n)!r}]: {field} {item!r} is not an id "
                                        "(letters, digits, - _ . only)")
                    elif CONTROL_RE.search(item):
                        problems.append(f"{table}[{rec.get('id', n)!r}]: {field} holds a control character")
                    else:
                        sound.add((is_name, item))
    return problems


def problems(tables: dict[str, list[dict]], folders: list[Path]) -> list[str]:
    """Every problem of the tables; source texts are looked for in these folders."""
    return (_schema_problems(tables) + _vocabulary_problems(tables) + _range_problems(tables)
            + _name_problems(tables) + _reference_problems(tables) + _evidence_problems(tables, folders))
