"""The fact base every read command asks: one SQLite connection, whatever the store.

A SQLite store is queried in place, read-only; a TinyDB JSON store is loaded into SQLite first
(cache.connect: in memory when small, else a cache file kept beside nothing of the user's). Every
query is SQL on that connection: filters as one parameterised WHERE clause (filters.py), sorts
and limits in SQL, rows streamed; stats' totals are made by stats.py from rows this base gives.
The small tables (sources, honorees, regions) are held in memory for name resolution.

In Python:

    >>> import qdaid
    >>> facts = qdaid.open()                       # the bundled database, or a path
    >>> rows = facts.figures(region="longnan", metric="consumption_aid")
    >>> [r["raw"] for r in rows]
    ['8.58亿元', '7.54亿元']
    >>> facts.totals(region="longnan", metric="consumption_aid")[0]["total"]
    858000000
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from .filters import Filters, Where
from .formats import Tuples, plain
from .model import FIGURE_FIELDS, PERIOD_DASH, RESTATED, SCHEMA, TABLES, DataError, UsageError, chain, is_trivia, period_label
from .names import Names, normalise, suggest

LAZY = ("figures", "containment", "restatements", "programs", "events")  # read when a command asks for them
SQL_INTEGER_MAX = 2**63 - 1  # SQLite's largest integer: a LIMIT beyond it is no integer to SQLite
NUMERIC_FIGURE_FIELDS = frozenset(name for name, types in SCHEMA["figures"].items() if int in types)


def records(db, table: str, where: str = "", params: tuple | list = (), order: str = "rowid",
            limit: int | None = None, only: tuple[str, ...] | None = None):
    """The table's rows as the JSON store's records, streamed: fields in the model's order (a field
    newer than the file reads as null), lists decoded from their JSON text, booleans from 0/1;
    only: just these fields."""
    fields = {name: types for name, types in SCHEMA[table].items() if only is None or name in only}
    stored = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
    columns = ", ".join(f'"{name}"' if name in stored else "NULL" for name in fields)
    decode = [name for name, types in fields.items() if types == (list,)]  # stored as JSON text
    booleans = [name for name, types in fields.items() if types == (bool,)]  # stored as 0/1
    sql = f'SELECT {columns} FROM "{table}"{" WHERE " + where if where else ""} ORDER BY {order}'
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    for row in db.execute(sql, tuple(params)):
        record = dict(zip(fields, row, strict=True))
        for name in decode:
            record[name] = _texts(record[name])
        for name in booleans:
            record[name] = bool(record[name])
        yield record


def _texts(stored: str | None) -> list:
    """A list field as stored (JSON text: '[]', '["a","b"]'). Such a list, with no backslash in it,
    holds no quote inside a text either, so it is cut at its '","' without a parser: orjson's
    import (and json's, which orjson makes) costs every query ~3 ms. Anything else (an escape, a
    number, spaces after the commas) is parsed."""
    if stored is None or stored == "[]":
        return []
    inner = stored[2:-2]
    if stored[:2] == '["' and stored[-2:] == '"]' and "\\" not in inner \
            and '"' not in inner.replace('","', ""):
        return inner.split('","')
    from .formats import load_orjson

    return load_orjson().loads(stored)


def _compare(value, bound: str) -> int:
    """SQL qdaid_compare: the sign of value − bound, exactly (a REAL as the decimal it was written)."""
    exact = Decimal(value) if type(value) is int else Decimal(repr(value))
    return (exact > Decimal(bound)) - (exact < Decimal(bound))


def _normalised(text):
    return normalise(text) if isinstance(text, str) else ""


def _with_functions(db: sqlite3.Connection) -> sqlite3.Connection:
    """The connection, with the functions queries call: a REAL as formats.plain writes it, an exact
    comparison with an amount, text folded as names.normalise folds it."""
    db.create_function("qdaid_plain", 1, plain, deterministic=True)
    db.create_function("qdaid_compare", 2, _compare, deterministic=True)
    db.create_function("qdaid_normalise", 1, _normalised, deterministic=True)
    return db


LIST_FIGURE_FIELDS = frozenset(name for name, types in SCHEMA["figures"].items() if types == (list,))


# The fields made from others (fields.DERIVED_FIGURE_FIELDS), in SQL: the honoree's English name (from
# the honorees held in memory) and the period as one label (2016–2021), as model.period_label writes it.
_DERIVED_SQL = {
    "honoree_name_en": "qdaid_honoree_en(honoree)",
    "period": "CASE WHEN period_start IS NULL THEN NULL WHEN period_end = period_start THEN CAST(period_start AS TEXT) "
              f"ELSE period_start || '{PERIOD_DASH}' || coalesce(period_end, '') END",
}


def _cells(columns: list[str], present: frozenset[str]) -> str:
    """Columns as CSV cells, the bytes formats.plain writes for a record: a REAL as plain writes it,
    a list (stored as JSON text) joined by ';'; a field the store is older than, empty (in SQL a
    missing "name" would be read as the text 'name')."""
    def cell(c: str) -> str:
        if c in _DERIVED_SQL:
            return _DERIVED_SQL[c]
        if c not in present:
            return "NULL"
        if c in NUMERIC_FIGURE_FIELDS:
            return f'CASE WHEN typeof("{c}") = \'real\' THEN qdaid_plain("{c}") ELSE "{c}" END'
        if c in LIST_FIGURE_FIELDS:
            # most lists are empty: '[]' is told by its text, without json_each's table per row
            return f'CASE WHEN "{c}" = \'[]\' THEN NULL ELSE (SELECT group_concat(value, \';\') FROM json_each("{c}")) END'
        return f'"{c}"'

    return ", ".join(map(cell, columns))


class _Holding:
    """What holds what: the part_of chains the text states and the containment the build inferred,
    read once from the fact base's connection (_cursor and present are the fact base's)."""

    present: set[str]
    _cursor: Callable[..., Any]

    @cached_property
    def parent_of(self) -> dict[str, str]:
        """figure id → the figure the text says holds it (其中, 含); a total named by its several
        parts is kept once."""
        shared: dict[str, str] = {}
        return {fid: shared.setdefault(whole, whole)
                for fid, whole in self._cursor("SELECT id, part_of FROM figures WHERE part_of IS NOT NULL")}

    def links_sql(self) -> str | None:
        """SQL of every inferred link (figure, within, reason, certain): the containment the build
        inferred, and each restatement as held, certainly, by the earlier source's figure of the
        same fact (a fact two sources state is counted once); None when the store has neither."""
        parts = []
        if "containment" in self.present:
            parts.append("SELECT figure, within, reason, certain FROM containment")
        if "restatements" in self.present:
            parts.append(f"SELECT figure, restates AS within, '{RESTATED}' AS reason, 1 AS certain FROM restatements")
        return " UNION ALL ".join(parts) or None

    @cached_property
    def contained(self) -> dict[str, tuple]:
        """figure id → the figures the build inferred hold it, flat: within, reason, certain, within,
        … (one tuple a figure, not one a link: at a million figures, 12 MB less; containers reads
        them as links). Each id and reason is kept once, the ids part_of names too."""
        inferred: dict[str, tuple] = {}
        shared = {fid: fid for pair in self.parent_of.items() for fid in pair}
        share = shared.setdefault
        if links := self.links_sql():
            for figure, within, reason, certain in self._cursor(links):
                inferred[share(figure, figure)] = (*inferred.get(figure, ()), share(within, within),
                                                   share(reason, reason), bool(certain))
        return inferred

    @cached_property
    def restated(self) -> dict[str, list[dict]]:
        """figure id → the restatements it takes part in, either side, in the order of the store:
        {other, verdict, reason} (other: the figure of the other source)."""
        found: dict[str, list[dict]] = {}
        if "restatements" in self.present:
            for figure, restates, verdict, reason in self._cursor(
                    "SELECT figure, restates, verdict, reason FROM restatements ORDER BY rowid"):
                found.setdefault(figure, []).append({"other": restates, "verdict": verdict, "reason": reason})
                found.setdefault(restates, []).append({"other": figure, "verdict": verdict, "reason": reason})
        return found

    def containers(self, figure_id: str) -> list[tuple[str, str, bool]]:
        """Every figure that holds this one, as (id, reason, certain): the part_of chain the text
        states (其中, 含), then the containment the build inferred."""
        stated = [(parent, "part_of", True) for parent in chain(figure_id, self.parent_of.get)[1:]]
        inferred = self.contained.get(figure_id, ())
        return [*stated, *(inferred[i:i + 3] for i in range(0, len(inferred), 3))]

    def held_among(self, members: list[dict], ids: set[str]) -> dict[str, list[tuple[str, str, bool]]]:
        """For each member that another member holds, in the members' order: the links (within,
        reason, certain). Only figures with a container at all are looked at."""
        parents, contained = self.parent_of, self.contained
        found = {}
        for fid in (f["id"] for f in members):
            if fid in parents:
                links = [c for c in self.containers(fid) if c[0] in ids]
            else:  # most: inferred links only, read without a list of every container first
                flat = contained.get(fid, ())
                links = [flat[i:i + 3] for i in range(0, len(flat), 3) if flat[i] in ids]
            if links:
                found[fid] = links
        return found


class FactBase(_Holding, Names):
    """The figures and what holds them, on one SQLite connection (see the module's docstring)."""

    def __init__(self, db: sqlite3.Connection, path: Path | str = "(memory)"):
        self.db, self.path = _with_functions(db), Path(path)
        self.present = {name for (name,) in self._cursor("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if missing := [t for t in ("figures", "honorees") if t not in self.present]:
            raise DataError(f"{self.path}: not a qdaid database (no {', '.join(missing)} table)")
        self.figure_columns = frozenset(row[1] for row in self._cursor('PRAGMA table_info("figures")'))
        self.tables = {t: list(self._rows(t)) for t in TABLES if t in self.present and t not in LAZY}
        self.sources = {s["id"]: s for s in self.table("sources")}
        super().__init__({h["id"]: h for h in self.table("honorees")}, {r["id"]: r for r in self.table("regions")})
        english = {h["id"]: h.get("name_en") for h in self.honorees.values()}
        self.db.create_function("qdaid_honoree_en", 1, english.get, deterministic=True)

    def derived(self, figures):
        """The figures with the fields made from others (fields.DERIVED_FIGURE_FIELDS): the honoree's
        English name, and the period as one label (null where the text gives none)."""
        for f in figures:
            honoree = self.honorees.get(f["honoree"] or "")
            yield {**f, "honoree_name_en": honoree.get("name_en") if honoree else None,
                   "period": period_label(f["period_start"], f["period_end"]) or None}

    # ---- reading --------------------------------------------------------------------------

    def second_connection(self) -> sqlite3.Connection | None:
        """Another read-only connection to the file this one reads (None: a database in memory),
        for a query another thread runs: SQLite lets go of Python's lock while it works."""
        (_, _, file) = self._cursor("PRAGMA database_list").fetchone()
        if not file or self.db.in_transaction:  # in memory, or rows another connection could not see yet
            return None
        from .sqlitefile import open_readonly

        try:
            return _with_functions(open_readonly(Path(file), any_thread=True))
        except DataError:
            return None

    def _cursor(self, sql: str, params: tuple | list = (), db: sqlite3.Connection | None = None):
        """The query's rows, on this connection unless told (an error in running it is a
        DataError: the file is not what it seems)."""
        try:
            return (db or self.db).execute(sql, tuple(params))
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{self.path}: not a usable SQLite store ({exc})") from None

    def _rows(self, table: str, where: str = "", params: tuple | list = (), order: str = "rowid",
              limit: int | None = None, only: tuple[str, ...] | None = None):
        try:
            yield from records(self.db, table, where, params, order, limit, only)
        except sqlite3.DatabaseError as exc:
            raise DataError(f"{self.path}: not a usable SQLite store ({exc})") from None

    def _column(self, sql: str, params: tuple | list = ()) -> list:
        return [value for (value,) in self._cursor(sql, params)]

    def table(self, name: str) -> list[dict]:
        """Every record of a table (the figures of a large store are better streamed: select)."""
        if name not in self.tables:
            self.tables[name] = list(self._rows(name)) if name in self.present else []
        return self.tables[name]

    def scan(self, name: str, fields: tuple[str, ...]):
        """The table's records one at a time, with at least these fields."""
        if name in self.tables or name not in self.present:
            return iter(self.table(name))
        return self._rows(name, only=tuple(f for f in SCHEMA[name] if f in fields))

    def counts(self, column: str) -> dict:
        """How many figures have each value of a column."""
        return dict(self._cursor(f'SELECT "{column}", count(*) FROM figures GROUP BY "{column}"'))

    def metric_names(self) -> list[str]:
        return sorted(self._column("SELECT DISTINCT metric FROM figures"))

    def unit_names(self) -> list[str]:
        return sorted(self._column("SELECT DISTINCT unit FROM figures"))

    def metrics_labelled(self, word: str) -> set[str]:
        """The metrics of figures read from exactly this word, else from words that hold it."""
        exact = set(self._column("SELECT DISTINCT metric FROM figures WHERE label = ?", (word,)))
        return exact or set(self._column("SELECT DISTINCT metric FROM figures WHERE instr(label, ?) > 0", (word,)))

    # ---- figures --------------------------------------------------------------------------

    def where(self, flt: Filters) -> Where:
        return flt.where(self)

    def left_out(self, where: Where) -> tuple[int, int]:
        """How many figures the filters left out for want of a period, and of a place: they may
        concern the years or the place asked for, and no filter can tell."""
        def count(w: Where | None) -> int:
            return 0 if w is None else self._column(f"SELECT count(*) FROM figures{w.clause()}", w.params)[0]

        return count(where.undated), count(where.unplaced)

    def select(self, where: Where, order: str = "rowid", limit: int | None = None, only: tuple[str, ...] | None = None):
        """The figures the clause selects, streamed in `order` (an SQL ORDER BY), at most `limit`."""
        return self._rows("figures", where.sql, where.params, order, limit, only)

    def listing(self, where: Where, sort: str | None = None, desc: bool = False, limit: int | None = None,
                columns: list[str] | None = None):
        """`qdaid figures`: sorted (missing values last, ties in the order of the text), at most
        limit; columns: rows as formats.Tuples of these (a CSV of a million figures without a dict
        per row)."""
        if sort is not None and sort not in FIGURE_FIELDS:
            raise UsageError(f"cannot sort by {sort!r}; fields: {', '.join(FIGURE_FIELDS)}", param="sort")
        if limit is not None and not 0 <= limit <= SQL_INTEGER_MAX:  # beyond: SQLite's datatype mismatch
            too = "negative" if limit < 0 else "too large"
            raise UsageError(f"{limit} is {too}; a number of rows from 0 to {SQL_INTEGER_MAX}", param="limit")
        order = "rowid DESC" if desc else "rowid"
        if sort is not None:
            order = f'"{sort}" IS NULL, "{sort}"{" DESC" if desc else ""}, rowid'
        if columns is None:
            return self.derived(self.select(where, order, limit))
        scan = " NOT INDEXED" if where.terms and sort is None and self.broad(where) else ""
        sql = f"SELECT {_cells(columns, self.figure_columns)} FROM figures{scan}{where.clause()} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return Tuples(columns, self._cursor(sql, where.params))  # csv iterates the cursor without a Python frame

    def broad(self, where: Where, db: sqlite3.Connection | None = None) -> bool:
        """Whether the filters keep more than a twentieth of the figures: then one pass over the
        table in its order beats an index and a sort by rowid (at a million figures and
        --region longnan, 1.0 s against 1.7 s). Counted from the indexes where they serve, and only
        as far as the twentieth: a filter no index serves (a region, as figures may cover several
        places) would be a whole scan before the query's own (0.35 s of a cached 1M store)."""
        (total,) = self._cursor("SELECT max(rowid) FROM figures", (), db).fetchone()
        enough = (total or 0) // 20 + 1
        (kept,) = self._cursor(f"SELECT count(*) FROM (SELECT 1 FROM figures{where.clause()} LIMIT {enough})",
                               where.params, db).fetchone()
        return kept >= enough

    def figure(self, text: str) -> dict:
        """A figure by id, or by a unique end of its id (03457)."""
        key = normalise(text)
        found = list(self._rows("figures", "id = ?", (key,)))
        if not found:
            padded = "-" + key.zfill(5)
            found = list(self._rows("figures", "substr(id, -?) = ? OR substr(id, -?) = ?",
                                    (len(key), key, len(padded), padded), limit=6))  # enough to name five
        if len(found) == 1:
            return found[0]
        if found:
            raise UsageError(f"figure {text!r} is ambiguous: {', '.join(f['id'] for f in found[:5])}", param="figure")
        near = self._column("SELECT id FROM figures WHERE substr(id, 1, ?) = ?", (len(key) - 1, key[:-1])) if key else []
        raise UsageError(f"no figure {text!r}{suggest(key, near)}", param="figure")

    def profile(self, honoree: str) -> dict:
        """One honoree by any of its names; its figures in the order of the text (durations and the
        like last), its programs, and its events in date order."""
        honoree_id = self.honoree(honoree)
        h = dict(self.honorees[honoree_id])
        figures = list(self.derived(self._rows("figures", "honoree = ?", (honoree_id,))))
        h["figures"] = sorted(figures, key=lambda f: (is_trivia(f), f["source"], f["paragraph"], f["start"]))
        h["programs"] = [p for p in self.table("programs") if p["honoree"] == honoree_id]
        events = [e for e in self.table("events") if e["honoree"] == honoree_id]
        h["events"] = sorted(events, key=lambda e: (e["date"], e["source"], e["start"]))
        from .restatements import restatements_of

        h["restatements"] = restatements_of(self, h["figures"])
        return h

    # ---- the library's questions ----------------------------------------------------------

    def figures(self, *, sort: str | None = None, desc: bool = False, limit: int | None = None,
                **filters) -> list[dict]:
        """The figures selected by keyword filters (honorees, regions, metrics … as Filters takes
        them; a single name may be given as a string: region="陇南"), as records."""
        return list(self.listing(self.where(Filters.of(**filters)), sort, desc, limit))

    def totals(self, *, by: list[str] | str = "metric", explain: bool = False, sort: str = "family",
               **filters) -> list[dict]:
        """`qdaid stats`: one row per group and unit, nothing counted twice (see stats.py), in the
        command's order (sort: family, metric, total or count; order.py); filters as figures takes."""
        from .order import arrange
        from .stats import totals

        keys = [by] if isinstance(by, str) else list(by)
        return arrange(totals(self, self.where(Filters.of(**filters)), keys, explain)[0], keys, sort)

    def search(self, text: str) -> list[dict]:
        """Matches in Chinese, pinyin or English, one row per record (see query.search)."""
        from .query import search

        return search(self, text)


def from_tables(tables: dict[str, list[dict]]) -> FactBase:
    """A fact base on these records ({table: [record, …]}), in memory: what a test or a notebook
    builds by hand."""
    from .store import in_memory

    return FactBase(in_memory(tables))
