"""qdaid: exact, checkable figures on Qingdao's national poverty-alleviation honorees.

The library under the command line (facts.FactBase has the documentation):

    import qdaid
    facts = qdaid.open()                      # the bundled database; or qdaid.open("facts.sqlite")
    facts.figures(region="陇南", metric="consumption_aid")
    facts.totals(region="longnan", by="metric")
    facts.search("口罩")
    facts.profile("窦宗君")
"""

from __future__ import annotations

import os


def open(path: str | os.PathLike | None = None, *, cache_folder: str | os.PathLike | None = None):  # noqa: A001
    """The fact base in a qdaid database (TinyDB JSON or SQLite; None: the bundled one), ready to
    query. A large JSON file is kept as SQLite in cache_folder between calls, when one is given."""
    from pathlib import Path

    from . import fileio, store

    chosen = Path(path) if path is not None else store.choose_db()[0]
    return store.fact_base(chosen, fileio.MAX_DATABASE_BYTES, Path(cache_folder) if cache_folder else None)
