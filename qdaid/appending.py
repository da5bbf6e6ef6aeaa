"""build --append: adding records to a store without rewriting what it holds.

A SQLite store takes the new rows in place, in one transaction (nothing changes if anything
fails). A JSON store keeps its text: each table that only grows (sources, figures, containment,
restatements, events) keeps its bytes and gets the new records after them; the small tables an
append may change (honorees and programmes gain a source, regions keep the gazetteer's order)
are written again; the file is then replaced in one write, checked as every build is. A file
not in the layout qdaid writes (tables in another order, records of an older model, compact) is
written whole, a table numbered otherwise than 1..n in order keeping each record under its doc id
(the new ones under fresh ids after the largest). Either way the tables are what building all the
articles together gives.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import fileio, store
from .model import DEPENDENCY_ORDER, SCHEMA, TABLES, DataError

GROWING = ("sources", "figures", "containment", "restatements", "events")
# What an append reads whole: the small tables it merges with (figures are looked up by fact).
READ_WHOLE = ("sources", "honorees", "programs", "regions")
# What statements.Statements reads of a figure.
STATED = ("id", "source", "metric", "unit", "kind", "honoree", "region", "region_basis", "covers", "period_start",
          "period_end", "raw", "value", "approx")
_HEADER = re.compile(r'\n "([a-z_]+)": \{')


@dataclass
class Held:
    """What a store holds, as an append needs it: the small tables whole, the figures of one
    (metric, unit) on request, and (JSON) the file's text cut into its tables."""

    tables: dict[str, list[dict]]
    figures: Callable[[tuple[str, str]], list[dict]]
    blocks: dict[str, str] | None = None  # table → its text, when the file is in qdaid's layout
    counts: dict[str, int] = field(default_factory=dict)
    others: dict[str, dict] = field(default_factory=dict)  # (JSON) tables not qdaid's, kept as they are
    doc_ids: dict[str, list[str]] = field(default_factory=dict)  # (JSON) each table's doc ids, as tables lists them


def in_model_order(table: str, record: dict) -> dict:
    """The record with the model's fields first, in its order (a field it lacks: null), then any
    other the file holds, kept (a tool's own notes on a record are not qdaid's to drop)."""
    return {**{f: record.get(f) for f in SCHEMA[table]}, **{k: v for k, v in record.items() if k not in SCHEMA[table]}}


@contextmanager
def held(path: Path, limit: int = fileio.MAX_DATABASE_BYTES) -> Iterator[Held]:
    """The store at path, read for an append (a SQLite store: its connection open meanwhile)."""
    if store.is_sqlite(path, limit):
        from .facts import records

        db = store.connect_checked(path)
        try:
            tables = {t: list(records(db, t)) for t in READ_WHOLE}

            def figures(key: tuple[str, str]) -> list[dict]:
                # each way of stating a fact once, its first figure: all statements.Statements keeps
                # (a fact a corpus restates in every article is then a row per value, not per article)
                first = ('rowid IN (SELECT min(rowid) FROM figures WHERE metric = ? AND unit = ? GROUP BY '
                         'period_start, period_end, raw, value, approx, honoree, region, covers, kind)')
                return list(records(db, "figures", first, key, only=STATED))

            yield Held(tables, figures)
        finally:
            db.close()
        return
    raw = store.read_raw(path, limit)
    tables = {t: list(raw[t].values()) for t in TABLES if t in raw}
    canonical = all(list(raw.get(t, {})) == [str(n) for n in range(1, len(raw.get(t, {})) + 1)] and
                    all(tuple(r) == tuple(SCHEMA[t]) for r in raw[t].values()) for t in TABLES if t in raw)
    store.check_records(path, tables)
    by_fact: dict[tuple, list[dict]] = {}
    for figure in tables.get("figures", []):
        by_fact.setdefault((figure["metric"], figure["unit"]), []).append(figure)
    blocks = _blocks(path, limit) if canonical and set(raw) == set(TABLES) else None  # (_blocks checks their order)
    yield Held(tables, lambda key: by_fact.get(key, []), blocks, {t: len(tables.get(t, [])) for t in TABLES},
               {t: docs for t, docs in raw.items() if t not in TABLES}, {t: list(raw[t]) for t in TABLES if t in raw})


def _blocks(path: Path, limit: int) -> dict[str, str] | None:
    """The file's text of each table (' "figures": {…}'), or None when it is not laid out as
    store.dumps writes it."""
    with fileio.open_regular(path, "database file", limit) as handle:
        text = handle.read().decode("utf-8")
    starts = [(m[1], m.start() + 1) for m in _HEADER.finditer(text)]
    if [name for name, _ in starts] != list(TABLES) or not (text.startswith("{\n") and text.endswith("\n}\n")):
        return None
    ends = [at - 2 for _, at in starts[1:]] + [len(text) - 3]
    if any(text[end:end + 2] != ",\n" for end in ends[:-1]):
        return None
    return {name: text[at:end] for (name, at), end in zip(starts, ends, strict=True)}


def block(table: str, records: list[dict], first: int = 1) -> str:
    """A table's text as store.dumps writes it (doc ids from first)."""
    docs = {str(n): in_model_order(table, rec) for n, rec in enumerate(records, first)}
    return json.dumps({table: docs}, ensure_ascii=False, indent=1)[2:-2]


def _keyed(table: str, held: Held, records: list[dict]) -> dict[str, dict]:
    """A table of a file not in qdaid's layout, as TinyDB keys it. Numbered as qdaid numbers (1..n in
    order): as a build writes it (as in qdaid's layout, regions in the gazetteer's order). Else
    (another program's numbering or order) the records it held under their doc ids, in its order,
    then the new ones under fresh ids, after the largest (as TinyDB numbers an insert)."""
    old = held.tables.get(table, [])
    if held.doc_ids.get(table, []) == [str(n) for n in range(1, len(old) + 1)]:
        return {str(n): in_model_order(table, rec) for n, rec in enumerate(records, 1)}
    docs = {doc_id: in_model_order(table, rec) for doc_id, rec in zip(held.doc_ids.get(table, []), old, strict=True)}
    fresh = max((int(doc_id) for doc_id in docs if doc_id.isdigit()), default=0) + 1
    kept = {id(rec) for rec in old}  # (the records the corpus changed, an honoree's sources, are these)
    new = [rec for rec in records if id(rec) not in kept]
    return {**docs, **{str(n): in_model_order(table, rec) for n, rec in enumerate(new, fresh)}}


def _grown(old: str, table: str, count: int, added: list[dict]) -> str:
    if not added:
        return old
    new = block(table, added, count + 1)
    if count == 0:
        return new
    head = len(f' "{table}": {{\n')
    return f"{old[:-3]},\n{new[head:]}"  # old without its closing "\n }"


def append(path: Path, held: Held, added: dict[str, list[dict]], changed: dict[str, list[dict]],
           whole: dict[str, list[dict]]) -> None:
    """Write the append: added (table → new records), changed (table → records of the store that
    changed: honorees and programmes that gained a source), whole (every table as it now is:
    what a JSON store rewrites of it). Records in the model's field order (those of a store not in
    qdaid's layout are put in it)."""
    if held.blocks is None and not store.is_sqlite(path, fileio.MAX_DATABASE_BYTES * 8):
        # not in qdaid's layout (an older model, another order, another tool's tables or fields): written
        # whole, keeping what is not qdaid's and every doc id the file holds
        tables = {t: _keyed(t, held, whole.get(t, [])) for t in TABLES}
        store.write(path, json.dumps({**tables, **held.others}, ensure_ascii=False, indent=1) + "\n")
        return
    if held.blocks is not None:
        parts = [_grown(held.blocks[t], t, held.counts[t], added.get(t, [])) if t in GROWING else block(t, whole[t])
                 for t in TABLES]
        store.write(path, "{\n" + ",\n".join(parts) + "\n}\n")
        return
    _append_sqlite(path, added, changed, whole["regions"])


def _append_sqlite(path: Path, added: dict[str, list[dict]], changed: dict[str, list[dict]],
                   regions: list[dict]) -> None:
    from .export import _list_text, closure, insert

    db = sqlite3.connect(path, isolation_level=None)  # transactions by hand: one for the whole append
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("BEGIN IMMEDIATE")
        db.execute("PRAGMA defer_foreign_keys = ON")  # regions are rewritten below, checked at commit
        try:
            _up_to_date(db)
            for table in DEPENDENCY_ORDER:  # what a row names is there before it, as far as it can be
                if table != "regions":
                    insert(db, table, added.get(table, []))
            for table, records in changed.items():
                db.executemany(f'UPDATE "{table}" SET "sources" = ? WHERE "id" = ?',
                               [(_list_text(r["sources"]), r["id"])
                                for r in records])
            if added.get("regions"):  # in the gazetteer's order, as a build writes them
                db.execute('DELETE FROM "regions"')
                insert(db, "regions", regions)
                db.execute('DELETE FROM "region_closure"')
                db.executemany('INSERT INTO "region_closure" VALUES (?, ?)', closure(regions))
            db.executemany('INSERT INTO "honoree_partners" VALUES (?, ?)',
                           [(h["id"], r) for h in added.get("honorees", []) for r in h["partner_regions"]])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        reason = fileio.write_failure(exc) or str(exc)
        raise DataError(f"{path}: not appended ({reason}); the store is as it was") from None
    finally:
        db.close()


def _up_to_date(db: sqlite3.Connection) -> None:
    """A store of an older model gets the tables and columns added since (restatements, sources
    …); an honoree's or programme's missing sources list is its one source."""
    from .export import _INDEXED, _sql_type, create

    present = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in TABLES:
        if table not in present:
            create(db, table)
            for column in _INDEXED.get(table, []):
                db.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{column}" ON "{table}"("{column}")')
            continue
        columns = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
        for name, types in SCHEMA[table].items():
            if name not in columns:
                db.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {_sql_type(types)}')
    for table in ("honorees", "programs"):
        db.execute(f'UPDATE "{table}" SET "sources" = json_array("source") WHERE "sources" IS NULL OR "sources" = \'[]\'')
