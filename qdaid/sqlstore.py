"""The SQLite store: the same fact base in the file `qdaid export sqlite` and
`qdaid build -o x.sqlite` write, which sqlite3, Datasette, DuckDB and sqlite-utils open too.

Recognised by its header, not its name. Opened read-only (`mode=ro`: nothing is created or
changed; the one table stats makes is a temporary one, outside the file); every table comes back
as the records the JSON store gives, field for field and in the same order, so every command
prints the same bytes from either store. The query commands ask it in place (SqlFactBase):
filters, sorts and limits in SQL, rows streamed (a long CSV in parts, each a range of rowids, that
two processes make: parallel.py), and stats' sums of what nothing holds made in SQL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import Tuples, plain
from .model import APPROXIMATE, LOWER_BOUND, SCHEMA, TABLES, DataError, period_label
from .query import FactBase, Filters, Wanted

if TYPE_CHECKING:
    from .stats import Tally

LAZY = ("figures", "containment")  # read only when a command needs every one
NUMERIC_FIGURE_FIELDS = frozenset(name for name, types in SCHEMA["figures"].items() if int in types)


def load(path: Path) -> dict[str, list[dict]]:
    """Every table as the JSON store's records."""
    import sqlite3

    db = connect(path)
    try:
        present = _tables(path, db)
        return {table: list(records(db, table)) for table in TABLES if table in present}
    except sqlite3.DatabaseError as exc:
        raise _unusable(path, exc) from None
    finally:
        db.close()


def connect(path: Path, any_thread: bool = False):
    import sqlite3

    try:
        return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=not any_thread)
    except sqlite3.Error as exc:
        raise DataError(f"{path}: cannot open the SQLite store: {exc}") from None


def _identity(path: Path) -> tuple:
    """Which file, and which version of it."""
    info = os.stat(path)
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _with_plain(db):
    """The connection, with formats.plain as the SQL function qdaid_plain (a function cannot be
    added while a statement runs, so it is added once)."""
    db.create_function("qdaid_plain", 1, plain, deterministic=True)
    return db


def _cells(columns: list[str]) -> str:
    return ", ".join(f'CASE WHEN typeof("{c}") = \'real\' THEN qdaid_plain("{c}") ELSE "{c}" END'
                     if c in NUMERIC_FIGURE_FIELDS else f'"{c}"' for c in columns)


def _tables(path: Path, db) -> set[str]:
    present = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in ("figures", "honorees") if t not in present]
    if missing:
        raise DataError(f"{path}: not a qdaid database (no {', '.join(missing)} table)")
    return present


def records(db, table: str, where: str = "", params: tuple = (), order: str = "rowid", limit: int | None = None,
            only: tuple[str, ...] | None = None):
    """The table's rows as records, streamed: fields in the model's order (a field newer than the
    file reads as null), lists decoded from their JSON text, booleans from 0/1; only: just these
    fields (what stats reads of a million figures)."""
    import json

    fields = {name: types for name, types in SCHEMA[table].items() if only is None or name in only}
    stored = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
    columns = ", ".join(f'"{name}"' if name in stored else "NULL" for name in fields)
    decode = [name for name, types in fields.items() if types == (list,)]  # stored as JSON text
    booleans = [name for name, types in fields.items() if types == (bool,)]  # stored as 0/1
    sql = f'SELECT {columns} FROM "{table}"{" WHERE " + where if where else ""} ORDER BY {order}'
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    for row in db.execute(sql, params):
        record = dict(zip(fields, row, strict=True))
        for name in decode:
            record[name] = json.loads(record[name]) if record[name] is not None else []
        for name in booleans:
            record[name] = bool(record[name])
        yield record


def _unusable(path: Path, exc: Exception) -> DataError:
    return DataError(f"{path}: not a usable SQLite store ({exc})")


class _ExactSum:
    """SQL aggregate: stats.Sum over floating values, returned as text so nothing is rounded on
    the way back."""

    def __init__(self):
        from .stats import Sum

        self.sum = Sum()

    def step(self, value) -> None:
        self.sum.add(value)

    def finalize(self) -> str:
        return str(self.sum.value)


def dumps_to(tables: dict[str, list[dict]], path: Path) -> None:
    """Write the tables as a SQLite store at path (a new, empty file)."""
    import sqlite3

    from .export import to_sqlite

    db = sqlite3.connect(path)
    try:
        with db:
            to_sqlite(tables, db)
    finally:
        db.close()


class SqlFactBase(FactBase):
    """A SQLite store queried in place. The small tables are read at once; figures and the
    containment links only when a command needs them all (search streams the figures). `select`
    turns the filters into one WHERE clause on the indexed columns and streams the rows, so
    `figures` holds only what it prints; `tallies` gathers what `stats` totals. Records, order and
    notes are those of the JSON store."""

    def __init__(self, path: Path):
        import sqlite3

        self.path, self.db = path, _with_plain(connect(path))
        self._file, self._connections = _identity(path), {os.getpid(): self.db}
        try:
            self.present = _tables(path, self.db)
            small = {t: list(records(self.db, t)) for t in TABLES if t in self.present and t not in LAZY}
        except sqlite3.DatabaseError as exc:
            raise _unusable(path, exc) from None
        super().__init__(small)

    def table(self, name: str) -> list[dict]:
        if name in LAZY and name not in self.tables:
            self.tables[name] = list(self._rows(name)) if name in self.present else []
        return self.tables.get(name, [])

    def scan(self, name: str, fields: tuple[str, ...]):
        if name in LAZY and name not in self.tables:  # streamed: a million figures are never held
            return self._rows(name, only=fields) if name in self.present else iter(())
        return super().scan(name, fields)

    def _rows(self, table: str, where: str = "", params: tuple = (), order: str = "rowid", limit: int | None = None,
              only: tuple[str, ...] | None = None):
        import sqlite3

        try:
            yield from records(self.db, table, where, params, order, limit, only)
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None

    def _column(self, sql: str, params: tuple = ()) -> list:
        return [value for (value,) in self.db.execute(sql, params)]

    def figures_named(self, key: str) -> list[dict]:
        exact = list(self._rows("figures", "id = ?", (key,)))
        if exact:
            return exact
        padded = "-" + key.zfill(5)
        return list(self._rows("figures", "substr(id, -?) = ? OR substr(id, -?) = ?",
                               (len(key), key, len(padded), padded), limit=6))  # enough to name five

    def dated(self, honorees: set[str] | None, regions: set[str] | None, since: int | None, until: int | None):
        where: list[str] = ["period_start IS NOT NULL"]
        params: list[str | int] = []
        for column, allowed in (("honoree", honorees), ("region", regions)):
            if allowed is not None:
                where.append(f'"{column}" IN ({", ".join("?" * len(allowed))})')
                params += sorted(allowed)
        for bound, year in ((">=", since), ("<=", until)):
            if year is not None:
                where.append(f"period_start {bound} ?")
                params.append(year)
        return self._rows("figures", " AND ".join(where), tuple(params),
                          only=("id", "honoree", "region", "metric", "raw", "period_start", "period_end"))

    def figures_of(self, honoree_id: str) -> list[dict]:
        return list(self._rows("figures", "honoree = ?", (honoree_id,)))

    def metric_names(self) -> list[str]:
        return sorted(self._column("SELECT DISTINCT metric FROM figures"))

    def unit_names(self) -> list[str]:
        return sorted(self._column("SELECT DISTINCT unit FROM figures"))

    def metrics_labelled(self, word: str) -> set[str]:
        exact = set(self._column("SELECT DISTINCT metric FROM figures WHERE label = ?", (word,)))
        return exact or set(self._column("SELECT DISTINCT metric FROM figures WHERE instr(label, ?) > 0", (word,)))

    def select(self, flt: Filters, fields: tuple[str, ...] | None = None,  # type: ignore[override]
               by_metric: bool = False, order: str = "rowid", limit: int | None = None,
               columns: list[str] | None = None):
        """The figures matching the filters, streamed in `order` (an SQL ORDER BY), at most `limit`;
        fields: records of just these (the rest left out); by_metric: metric by metric, each in
        the order of the text (the metric index gives that order without a sort)."""
        if by_metric:
            order = "metric, rowid"
        want, where, params = self._where(flt)
        checked = want.tested_in_python
        if columns is not None and not checked:
            clause = " AND ".join(where)
            broad = order.startswith("rowid") and (not clause or self._broad(clause, tuple(params)))
            parts = (lambda: self._parts(columns, clause, tuple(params))) if order == "rowid" and limit is None and broad \
                else None
            return Tuples(columns, self._tuples(columns, clause, tuple(params), order, limit, broad), parts)
        # A test made in Python reads the fields it needs, whatever the caller asked.
        only = tuple({*fields, "value", "quote", "label", "raw"}) if fields and checked else fields
        rows = self._rows("figures", " AND ".join(where), tuple(params), order, None if checked else limit, only)
        if checked:
            rows = (f for f in rows if want.keeps(f))
            if limit is not None:
                from itertools import islice

                rows = islice(rows, limit)
        return rows

    def _where(self, flt: Filters) -> tuple[Wanted, list[str], list]:
        """The filters as terms of a WHERE clause (and their parameters) on the indexed columns;
        what SQL cannot test exactly (amount bounds, text) is left to `Wanted.keeps`. Counts the
        undated figures a period filter leaves out (flt.undated_left_out), as FactBase.select does."""
        want = self.resolve(flt)
        where, params = [], []
        for column, allowed in (("honoree", want.honorees), ("region", want.regions), ("metric", want.metrics),
                                ("unit", want.units or None), ("approx", want.approx or None)):
            if allowed is not None:
                where.append(f'"{column}" IN ({", ".join("?" * len(allowed))})' if allowed else "0")
                params += sorted(allowed)
        flt.undated_left_out = 0
        if want.low is not None or want.high is not None:
            undated = " AND ".join([*where, "period_start IS NULL"])
            flt.undated_left_out = self._column(f"SELECT count(*) FROM figures WHERE {undated}", tuple(params))[0]
            end = "coalesce(period_end, period_start)"
            first, last = (end, "period_start") if flt.overlapping else ("period_start", end)  # touches, or lies within
            where.append("period_start IS NOT NULL")
            if want.low is not None:
                where.append(f"{first} >= ?")
                params.append(want.low)
            if want.high is not None:
                where.append(f"{last} <= ?")
                params.append(want.high)
        return want, where, params

    def listing(self, flt: Filters, sort: str | None = None, desc: bool = False, limit: int | None = None,
                columns: list[str] | None = None):
        """As FactBase.listing, streamed; columns: as formats.Tuples of these columns, when the
        filters need no test in Python (a CSV of a million figures without a dict per row)."""
        self.check_order(sort, limit)
        if sort is None:
            order = "rowid DESC" if desc else "rowid"
        else:  # as FactBase.order: missing values last, ties in the order of the text
            order = f'"{sort}" IS NULL, "{sort}"{" DESC" if desc else ""}, rowid'
        return self.select(flt, order=order, limit=limit, columns=columns)

    def tallies(self, flt: Filters, keys: list[str]) -> tuple[list[tuple[tuple, Tally]], int] | None:
        """What stats totals, gathered mostly by SQL: one query, run on another core, sums the
        figures nothing can hold (at a million figures, 84% of them) per group and, within it, per
        period and place (what the overlap test needs); meanwhile only the figures something may
        hold, and those that hold them, come to Python, group by group. Returns each group's Tally
        and the number of figures, or None when a filter needs a test in Python (amounts, text)."""
        from concurrent.futures import ThreadPoolExecutor

        from .stats import Tally

        want, where, params = self._where(flt)
        if want.tested_in_python:
            return None
        columns = list(dict.fromkeys([*(k for k in keys if k != "year"), "period_start", "period_end", "region"]))

        def key_of(row: dict) -> tuple:
            return tuple(period_label(row["period_start"], row["period_end"]) or None if k == "year" else row[k]
                         for k in keys)

        def linked(fid: str) -> bool:  # something may hold it (read when first asked: on this core)
            return fid in self.parent_of or fid in self._contained

        other = connect(self.path, any_thread=True)  # the other thread's; this one may stop it
        try:
            with ThreadPoolExecutor(1) as other_core:  # SQLite lets go of Python's lock while it works
                parts = other_core.submit(self._free_parts, other, columns, where, params)
                try:
                    tallies = self._linked_tallies(keys, where, params, key_of, linked)
                    count = 0
                    tops: dict[tuple, list[dict]] = {}  # per group, its parts with free figures (for the headline)
                    for part in parts.result():
                        key = key_of(part)
                        tally = tallies.setdefault(key, Tally())
                        count += part["count"]
                        tally.merge_free(part)
                        if part["free"]:
                            tops.setdefault(key, []).append(part)
                except BaseException:  # Ctrl-C or an error here: the query there need not run on
                    other.interrupt()
                    raise
        finally:
            other.close()
        for key, candidates in tops.items():  # the headline: the first of the largest counted figures
            tally, largest = tallies[key], max(part["free_max"] for part in candidates)
            if tally.headline is None or largest >= tally.headline[0]:
                for part in candidates:
                    if part["free_max"] == largest:
                        tally.add_headline(largest, *self._first_free(part, columns, where, params, linked))
        return list(tallies.items()), count

    def _linked_tallies(self, keys: list[str], where: list[str], params: list, key_of,
                        linked: Callable[[str], bool]) -> dict[tuple, Tally]:
        """Each group's Tally of the figures something may hold: which of them are held, and
        what the others add."""
        from .stats import Tally

        tallies: dict[tuple, Tally] = {}
        for key, members, ids in self._involved(keys, where, params, key_of, linked):
            held = self.held_among(members, ids, ordered=False)
            tally = tallies[key] = Tally()
            tally.add_accounted(members, held, positions=[f["rowid"] for f in members])
        return tallies

    FREE = "(part_of IS NULL AND NOT EXISTS (SELECT 1 FROM temp.qdaid_linked WHERE r = figures.rowid))"

    def _free_parts(self, db, columns: list[str], where: list[str], params: list) -> list[dict]:
        """Per value of the columns: every figure's count, honorees and range, and the sums, kinds,
        approximations and sentences of the free figures (those nothing can hold, tested against a
        temporary table of the others). Sums of integers are SQL's (exact); fractions are summed as
        decimals by a Python aggregate, since SQLite's floating sum is not exact, and it is called
        for those values only. Runs on its own connection (db): it is another thread's."""
        import sqlite3

        try:
            db.create_aggregate("qdaid_exact_sum", 1, _ExactSum)
            db.execute("CREATE TEMP TABLE qdaid_linked (r INTEGER PRIMARY KEY)")
            contained = (" UNION SELECT figures.rowid FROM containment JOIN figures ON figures.id = containment.figure"
                         if "containment" in self.present else "")
            db.execute(f"INSERT INTO temp.qdaid_linked SELECT rowid FROM figures WHERE part_of IS NOT NULL{contained}")
            names = ", ".join(f'"{c}"' for c in columns)
            free = "FILTER (WHERE free)"
            lower, about = sorted(LOWER_BOUND), sorted(APPROXIMATE)
            scan = " NOT INDEXED" if not where or self._broad(" AND ".join(where), tuple(params), db) else ""
            # LIMIT -1 keeps the inner query whole, so `free` is worked out once per figure, not once
            # per aggregate that tests it (4.7 s against 7.0 s at a million figures).
            sql = (f"SELECT {names}, count(*), json_group_array(DISTINCT honoree) FILTER (WHERE honoree <> ''), "
                   f"min(value), max(value), count(*) {free}, "
                   "sum(value) FILTER (WHERE free AND typeof(value) = 'integer'), "
                   "qdaid_exact_sum(value) FILTER (WHERE free AND typeof(value) = 'real'), "
                   f"max(value) {free}, min(kind) {free}, max(kind) {free}, "
                   f"max(approx IN ({', '.join('?' * len(lower))})) {free}, "
                   f"max(approx IN ({', '.join('?' * len(about))})) {free}, "
                   f"min(source) {free}, min(paragraph) {free}, min(quote) {free}, "
                   f"max(source) {free}, max(paragraph) {free}, max(quote) {free} "
                   f"FROM (SELECT *, {self.FREE} AS free FROM figures{scan}"
                   f"{' WHERE ' + ' AND '.join(where) if where else ''} LIMIT -1) GROUP BY {names}")
            fields = (*columns, "count", "honorees", "low", "high", "free", "int_sum", "real_sum", "free_max",
                      "kind_low", "kind_high", "lower_bound", "approximate", "source_low", "paragraph_low",
                      "quote_low", "source_high", "paragraph_high", "quote_high")
            return [dict(zip(fields, row, strict=True)) for row in db.execute(sql, (*lower, *about, *params))]
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None

    def _involved(self, keys: list[str], where: list[str], params: list, key_of, linked: Callable[[str], bool]):
        """(group, its figures that something may hold, the ids of those and of the figures that
        hold them), group by group, each in the order of the text: what held_among needs, one group
        in memory at a time, its sentences kept once."""
        import sqlite3

        from .stats import NEEDED

        # Found through the indexes (part_of, the ids), then read by rowid: a scan testing every
        # figure against the lists took 3.3 s at a million figures, this 2.1 s.
        links = ("SELECT figure AS id FROM containment UNION SELECT within FROM containment UNION "
                 if "containment" in self.present else "")
        involved = ("rowid IN (SELECT rowid FROM figures WHERE part_of IS NOT NULL UNION SELECT figures.rowid FROM figures "
                    f"JOIN ({links}SELECT part_of AS id FROM figures WHERE part_of IS NOT NULL) AS t ON figures.id = t.id)")
        # Equal groups must come together: a year is its period, and 2020 is (2020, null) or (2020, 2020).
        order = ", ".join("period_start, coalesce(period_end, period_start)" if k == "year" else f'"{k}"' for k in keys)
        fields = ("rowid", *NEEDED)
        names = ", ".join(f'"{c}"' for c in fields)
        members: list[dict] = []
        ids: set[str] = set()
        key = None
        shared: dict[str, str] = {}
        share = shared.setdefault
        try:
            for row in self._cursor(f"SELECT {names} FROM figures WHERE {' AND '.join([involved, *where])} "
                                    f"ORDER BY {order}, rowid", tuple(params)):
                figure = dict(zip(fields, row, strict=True))
                if (found := key_of(figure)) != key:
                    if ids:
                        yield key, members, ids
                    members, ids, key = [], set(), found
                ids.add(figure["id"])
                if linked(figure["id"]):
                    for name in ("quote", "source"):  # the figures of one sentence share these
                        figure[name] = share(figure[name], figure[name])
                    members.append(figure)
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None
        if ids:
            yield key, members, ids

    def _first_free(self, part: dict, columns: list[str], where: list[str], params: list,
                    linked: Callable[[str], bool]) -> tuple[int, str]:
        """(rowid, id) of the first free figure of this part with its largest value: the headline,
        found through the value index where the store has one."""
        same = [f'"{c}" IS ?' for c in columns]
        hint = " INDEXED BY figures_value" if self._value_index else ""
        sql = (f"SELECT rowid, id, part_of FROM figures{hint} WHERE {' AND '.join(['value = ?', *same, *where])} "
               "ORDER BY rowid")
        for rowid, fid, part_of in self._cursor(sql, (part["free_max"], *(part[c] for c in columns), *params)):
            if part_of is None and not linked(fid):
                return rowid, fid
        raise DataError(f"{self.path}: the figures changed while they were read")

    @cached_property
    def _value_index(self) -> bool:
        """Whether the store has the index on figures.value (one made elsewhere may not): asked once."""
        return self._has_index("figures_value")

    def _has_index(self, name: str) -> bool:
        return bool(self._column("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)))

    def _cursor(self, sql: str, params: tuple, db=None):
        """The query's rows, on this process's connection unless told (an error in running it is a
        DataError: the file is not what it seems)."""
        import sqlite3

        try:
            return (db or self.db).execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise _unusable(self.path, exc) from None

    @cached_property
    def parent_of(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, part_of FROM figures WHERE part_of IS NOT NULL"))

    @cached_property
    def _contained(self) -> dict[str, tuple[tuple[str, str, bool], ...]]:  # type: ignore[override]
        inferred: dict[str, tuple[tuple[str, str, bool], ...]] = {}
        shared: dict[str, str] = {}  # a figure that holds several, and the four reasons, kept once
        if "containment" in self.present:
            for figure, within, reason, certain in self.db.execute(
                    "SELECT figure, within, reason, certain FROM containment ORDER BY rowid"):
                link = (shared.setdefault(within, within), shared.setdefault(reason, reason), bool(certain))
                inferred[figure] = (*inferred.get(figure, ()), link)  # a tuple: most figures have one link
        return inferred

    def _tuples(self, columns: list[str], where: str, params: tuple, order: str, limit: int | None, broad: bool):
        """Rows as tuples of the columns; a REAL written by formats.plain (a Python function SQLite
        calls for those values only), so the bytes are those of the JSON store."""
        scan = " NOT INDEXED" if where and broad else ""  # broad: in rowid order, most of the table
        sql = f'SELECT {_cells(columns)} FROM figures{scan}{" WHERE " + where if where else ""} ORDER BY {order}'
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._cursor(sql, params)  # the cursor itself: csv iterates it without a Python frame

    def _parts(self, columns: list[str], where: str, params: tuple) -> list[Callable] | None:
        """The rows of _tuples in rowid order as parts of parallel.PART rows, each a query on its
        range of rowids that a forked process runs on its own connection; None when they are too
        few for two parts. Asked only when the filters are broad (else the index and one process
        serve best)."""
        from functools import partial

        from . import parallel

        starts, last = [], 0
        for n, (last,) in enumerate(self._cursor(f"SELECT rowid FROM figures{' WHERE ' + where if where else ''} "
                                                 "ORDER BY rowid", params)):
            if not n % parallel.PART:
                starts.append(last)
        if len(starts) < 2:
            return None
        sql = (f"SELECT {_cells(columns)} FROM figures NOT INDEXED WHERE rowid >= ? AND rowid < ?"
               f"{f' AND ({where})' if where else ''} ORDER BY rowid")
        return [partial(self._part, sql, (low, high, *params)) for low, high in zip(starts, [*starts[1:], last + 1], strict=True)]

    def _part(self, sql: str, params: tuple):
        return self._cursor(sql, params, self._own_db())

    def _own_db(self):
        """This process's connection. A forked child opens its own (SQLite forbids using one
        across fork; the parent's is left alone), and only on the file the parent opened: one
        renamed into place since is refused, and the parent makes the child's parts itself."""
        if os.getpid() not in self._connections:
            db = _with_plain(connect(self.path))
            if _identity(self.path) != self._file:
                raise DataError(f"{self.path}: replaced while being read")
            self._connections[os.getpid()] = db
        return self._connections[os.getpid()]

    def _broad(self, where: str, params: tuple, db=None) -> bool:
        """Whether the filters keep more than a twentieth of the figures: then one pass over the
        table in its order beats the index and a sort by rowid (at a million figures and
        --region longnan, 1.0 s against 1.7 s). The count itself comes from the indexes."""
        (kept,) = self._cursor(f"SELECT count(*) FROM figures WHERE {where}", params, db).fetchone()
        (total,) = self._cursor("SELECT max(rowid) FROM figures", (), db).fetchone()
        return kept * 20 > (total or 0)
