"""The floor under qdaid's speed targets: the least work any Python program built on the same
libraries (orjson, sqlite3, csv) does for `figures --region longnan -f csv`, with nothing qdaid
adds (no checks of the records, no duplicate-key test, no indexes, no chunks, no start-up of a
CLI). million.py times it beside qdaid and the peers, so a target below it is seen to be.

    python bench/floor.py json FILE     # a JSON store's first read: parse, load into SQLite, select
    python bench/floor.py sqlite FILE   # a SQLite store (or a JSON store's cache): select

Writes the CSV to stdout, as qdaid does.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import sys
import tempfile
from operator import itemgetter

FIELDS = ["id", "source", "honoree", "honoree_name", "metric", "label", "value", "unit", "raw", "approx", "kind",
          "period_start", "period_end", "region", "covers", "region_basis", "part_of", "quote", "paragraph",
          "start", "end"]
SELECT = ("SELECT " + ", ".join(f'"{f}"' for f in FIELDS) + " FROM figures WHERE region IN "
          "(SELECT region FROM region_closure WHERE ancestor = 'longnan') ORDER BY rowid")


def load(path: str, db: sqlite3.Connection) -> None:
    """The figures and regions of a JSON store into db, as plainly as the libraries allow."""
    import orjson

    with open(path, "rb") as handle:
        tables = orjson.loads(handle.read())
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(f"CREATE TABLE figures ({', '.join(chr(34) + f + chr(34) for f in FIELDS)})")
    rows = map(itemgetter(*FIELDS), tables["figures"].values())
    db.executemany(f"INSERT INTO figures VALUES ({', '.join('?' * len(FIELDS))})",
                   ((*row[:14], orjson.dumps(row[14]).decode(), *row[15:]) for row in rows))
    parents = {r["id"]: r["parent"] for r in tables["regions"].values()}
    db.execute("CREATE TABLE region_closure (ancestor, region)")
    for region in parents:
        ancestor = region
        while ancestor:
            db.execute("INSERT INTO region_closure VALUES (?, ?)", (ancestor, region))
            ancestor = parents.get(ancestor)
    db.commit()


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    out = csv.writer(sys.stdout, lineterminator="\n")
    if kind == "json":
        with tempfile.TemporaryDirectory() as folder:
            db = sqlite3.connect(os.path.join(folder, "cache.sqlite"))
            load(path, db)
            out.writerow(FIELDS)
            out.writerows(db.execute(SELECT))
            db.close()
    else:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        out.writerow(FIELDS)
        out.writerows(db.execute(SELECT))


if __name__ == "__main__":
    main()
