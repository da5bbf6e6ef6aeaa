"""The fact base's shape: tables, record fields and their types, vocabularies, and errors.

Everything else agrees with this module: the extractor writes these fields, `validate` checks
them, the query commands print them in this order.
"""

from __future__ import annotations

TABLES = ("sources", "honorees", "regions", "figures", "programs", "events")

APPROX = ("exact", "more_than", "over", "nearly", "about")
REGION_BASIS = ("explicit", "section", "none")
REGION_LEVELS = ("province", "prefecture", "county", "township")
HONOREE_KINDS = ("individual", "collective")
DATE_PRECISION = ("year", "month", "day")

# field → allowed types; None in a tuple means the field may be null.
_S, _I, _N = (str,), (int,), (int, float)
SCHEMA: dict[str, dict[str, tuple]] = {
    "sources": {"id": _S, "title": _S, "publisher": (str, type(None)), "date": (str, type(None)),
                "reporter": (str, type(None)), "editors": (list,), "path": _S, "sha256": _S},
    "honorees": {"id": _S, "name": _S, "aliases": (list,), "kind": _S, "post": (str, type(None)),
                 "motto": (str, type(None)), "listed_under": (str, type(None)),
                 "home_region": (str, type(None)), "partner_regions": (list,),
                 "paragraph_start": _I, "paragraph_end": _I, "source": _S},
    "regions": {"id": _S, "name": _S, "aliases": (list,), "level": _S, "parent": (str, type(None))},
    "figures": {"id": _S, "source": _S, "honoree": (str, type(None)), "honoree_name": (str, type(None)),
                "metric": _S, "label": _S, "value": _N, "unit": _S, "raw": _S, "approx": _S,
                "period_start": (int, type(None)), "period_end": (int, type(None)),
                "region": (str, type(None)), "region_basis": _S, "part_of": (str, type(None)),
                "quote": _S, "paragraph": _I, "start": _I, "end": _I},
    "programs": {"id": _S, "name": _S, "honoree": (str, type(None)), "region": (str, type(None)),
                 "quote": _S, "source": _S, "paragraph": _I, "start": _I, "end": _I},
    "events": {"id": _S, "date": _S, "precision": _S, "honoree": (str, type(None)),
               "region": (str, type(None)), "text": _S, "quote": _S, "source": _S,
               "paragraph": _I, "start": _I, "end": _I},
}
FIGURE_FIELDS = tuple(SCHEMA["figures"])


class QdaidError(Exception):
    """An error meant for a person: its message is printed as is, on one line."""

    exit_code = 1


class DataError(QdaidError):
    """The database or a source file is missing, unreadable or malformed (exit 1)."""


class UsageError(QdaidError):
    """The command line asks for something that does not exist (exit 2)."""

    exit_code = 2
