"""Checks that a database is sound: schema, evidence against the source text, references.

Returns every problem found, as one line each, so a person can fix them all in one pass.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .model import APPROX, DATE_PRECISION, HONOREE_KINDS, REGION_BASIS, REGION_LEVELS, SCHEMA
from .numbers import NumberError, parse_quantity
from .store import bundled_dir


def _schema_problems(tables: dict[str, list[dict]]) -> list[str]:
    problems = []
    for table, fields in SCHEMA.items():
        if table not in tables:
            problems.append(f"{table}: table missing")
            continue
        for n, rec in enumerate(tables[table], 1):
            where = f"{table}[{rec.get('id', n)}]"
            for name, types in fields.items():
                if name not in rec:
                    problems.append(f"{where}: field {name!r} missing")
                elif not isinstance(rec[name], types) or (isinstance(rec[name], bool) and bool not in types):
                    wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
                    problems.append(f"{where}: {name} is {rec[name]!r}, expected {wanted}")
        ids = [rec.get("id") for rec in tables[table]]
        problems += [f"{table}: id {i!r} is not unique" for i in sorted({i for i in ids if ids.count(i) > 1}, key=str)]
    return problems


def _vocabulary_problems(tables) -> list[str]:
    checks = [("figures", "approx", APPROX), ("figures", "region_basis", REGION_BASIS),
              ("regions", "level", REGION_LEVELS), ("honorees", "kind", HONOREE_KINDS),
              ("events", "precision", DATE_PRECISION)]
    return [f"{t}[{rec.get('id')}]: {field} {rec[field]!r} is not one of {', '.join(allowed)}"
            for t, field, allowed in checks for rec in tables.get(t, [])
            if isinstance(rec.get(field), str) and rec[field] not in allowed]


def _reference_problems(tables) -> list[str]:
    ids = {t: {r.get("id") for r in tables.get(t, [])} for t in SCHEMA}
    refs = [("figures", "honoree", "honorees"), ("figures", "region", "regions"),
            ("figures", "part_of", "figures"), ("figures", "source", "sources"),
            ("honorees", "source", "sources"), ("honorees", "home_region", "regions"),
            ("honorees", "listed_under", "regions"), ("regions", "parent", "regions"),
            ("programs", "honoree", "honorees"), ("programs", "region", "regions"),
            ("events", "honoree", "honorees"), ("events", "region", "regions")]
    problems = [f"{t}[{rec.get('id')}]: {field} {rec[field]!r} names no record in {target}"
                for t, field, target in refs for rec in tables.get(t, [])
                if isinstance(rec.get(field), str) and rec[field] not in ids[target]]
    problems += [f"honorees[{h.get('id')}]: partner region {r!r} names no record in regions"
                 for h in tables.get("honorees", []) for r in h.get("partner_regions") or []
                 if r not in ids["regions"]]
    by_id = {f.get("id"): f for f in tables.get("figures", [])}
    for fig in tables.get("figures", []):
        seen, current = {fig.get("id")}, by_id.get(fig.get("part_of"))
        while current is not None:
            if current.get("id") in seen:
                problems.append(f"figures[{fig.get('id')}]: part_of forms a cycle")
                break
            seen.add(current.get("id"))
            current = by_id.get(current.get("part_of"))
    return problems


def find_source_text(source: dict, db_path: Path) -> str | None:
    """The source's text, if it is found beside the database or among the bundled articles, unchanged."""
    text, problem = _source_text(source, db_path)
    return None if problem else text


def _source_text(source: dict, db_path: Path) -> tuple[str | None, str | None]:
    """The source's text, found beside the database or among the bundled articles."""
    name = source.get("path") or ""
    for folder in (db_path.parent, bundled_dir()):
        candidate = Path(name) if Path(name).is_absolute() else folder / name
        if candidate.is_file():
            data = candidate.read_bytes()
            if hashlib.sha256(data).hexdigest() != source.get("sha256"):
                return None, f"sources[{source.get('id')}]: {candidate} does not match its sha256"
            return data.decode("utf-8"), None
    return None, f"sources[{source.get('id')}]: source text {name!r} not found"


def _evidence_problems(tables, db_path: Path) -> list[str]:
    problems, texts = [], {}
    for source in tables.get("sources", []):
        text, problem = _source_text(source, db_path)
        texts[source.get("id")] = text
        if problem:
            problems.append(problem)
    for table in ("figures", "programs", "events"):
        for rec in tables.get(table, []):
            text = texts.get(rec.get("source"))
            start, end = rec.get("start"), rec.get("end")
            if text is None or not isinstance(start, int) or not isinstance(end, int):
                continue
            where = f"{table}[{rec.get('id')}]"
            wanted = rec.get("raw") if table == "figures" else (rec.get("name") if table == "programs" else None)
            if wanted is not None and text[start:end] != wanted:
                problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {wanted!r}")
            quote = rec.get("quote")
            if isinstance(quote, str) and quote not in text:
                problems.append(f"{where}: quote not found in the source")
    for fig in tables.get("figures", []):
        raw = fig.get("raw")
        if not isinstance(raw, str):
            continue
        try:
            value = parse_quantity(raw).value
        except NumberError:
            problems.append(f"figures[{fig.get('id')}]: raw {raw!r} does not read as a number")
            continue
        if isinstance(fig.get("value"), (int, float)) and value != type(value)(str(fig["value"])):
            problems.append(f"figures[{fig.get('id')}]: value {fig['value']} but raw {raw!r} reads {value}")
    return problems


def problems(tables: dict[str, list[dict]], db_path: Path) -> list[str]:
    return (_schema_problems(tables) + _vocabulary_problems(tables) + _reference_problems(tables)
            + _evidence_problems(tables, db_path))
