"""Many articles, one fact base: adding an article's records to what the earlier ones gave.

An honoree or programme another source already named (the same kind and name, normalised name
or alias) stays one record: the later source is added to its `sources`, its id and fields are
the first source's, and the later records that name it follow that id. A figure that states a
fact an earlier source stated is linked to each way the earlier sources wrote it, and a figure
that is a part of another source's (a year of its span) is contained in it (statements.linked).
Regions are one gazetteer.

Everything is indexed once, so adding an article costs what the article holds, not what the
corpus holds: a corpus of hundreds of articles builds in time linear in its size. What was added
and what was changed is kept apart (`added`, `changed`) so that a store can append in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import REFERENCES
from . import statements
from . import text as tx
from .gazetteer import Gazetteer

# Tables whose records an article only adds to; honorees and programs may gain a source, and
# regions are kept in the gazetteer's order.
APPENDED = ("sources", "figures", "containment", "restatements", "events")
IDENTIFIED = ("honorees", "programs")
_NOT_NAME = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def identity_keys(table: str, record: dict) -> list[tuple]:
    """What makes two records one: an honoree's kind with its name (Simplified, without
    punctuation or spaces) or any alias; a programme's name so normalised (“辣椒扶贫模式” is
    辣椒扶贫模式)."""
    name = _NOT_NAME.sub("", tx.simplified(str(record.get("name") or "")))
    if table == "programs":
        return [("name", name)] if name else []
    kind = record.get("kind")
    return [(kind, "name", name)] * bool(name) + [(kind, "alias", a) for a in record.get("aliases") or [] if a]


def _attribute(figures: list[dict], honorees: list[dict]) -> set[str]:
    """A figure its article gives no honoree, whose sentence names one honoree (by name or a
    Chinese alias, in Simplified) that an earlier source made known and this article does not, is
    that honoree's: the text says whose it is (竇宗君募集社會資金2600萬元, in an article with no
    heading for him), and a figure of no honoree states an honoree's fact only with a value that agrees (statements.py).
    A sentence naming two such honorees says of neither alone. The article's own honorees are its
    sections' to attribute. Returns the ids of the honorees given figures."""
    names: dict[str, dict] = {}
    for honoree in honorees:
        for name in (honoree["name"], *(honoree.get("aliases") or ())):
            name = tx.simplified(str(name))
            if len(name) >= 2 and _CJK.search(name):
                names.setdefault(name, honoree)
    if not names:
        return set()
    given = set()
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    for figure in figures:
        if figure.get("honoree") is None:
            named = {names[m[0]]["id"]: names[m[0]] for m in pattern.finditer(tx.simplified(figure["quote"]))}
            if len(named) == 1:
                (honoree,) = named.values()
                figure["honoree"], figure["honoree_name"] = honoree["id"], honoree["name"]
                given.add(honoree["id"])
    return given


class Corpus:
    """The tables of the sources built so far, and the indexes an article is merged with."""

    def __init__(self, tables: dict[str, list[dict]], gazetteer: Gazetteer,
                 lookup: Callable[[tuple[str, str]], list[dict]] | None = None):
        """tables: what the store holds, each table whole, or (an append) only sources, honorees,
        programs and regions, with lookup: the store's figures of one (metric, unit)."""
        self.tables = tables
        self.gazetteer = gazetteer
        self.added: dict[str, list[dict]] = {t: [] for t in (*APPENDED, *IDENTIFIED, "regions")}
        self.changed: dict[str, dict[str, dict]] = {t: {} for t in IDENTIFIED}  # id → the record, changed
        self.records = {t: {r["id"]: r for r in tables.get(t, [])} for t in IDENTIFIED}
        self.known: dict[str, dict[tuple, str]] = {t: {} for t in IDENTIFIED}
        for table in IDENTIFIED:
            for rec in tables.get(table, []):
                rec["sources"] = rec.get("sources") or [rec["source"]]  # a store older than the list
                self._remember(table, rec)
        self.sources = {s["id"]: s["path"] for s in tables.get("sources", [])}
        self.texts = {s["sha256"]: s["id"] for s in tables.get("sources", [])}  # an article given twice is one
        self.regions = {r["id"]: r for r in tables.get("regions", [])}
        self.statements = statements.Statements(() if lookup else tables.get("figures", []),
                                                tables.get("honorees", []), tables.get("sources", []))
        self._lookup = lookup
        self._looked_up: set[tuple[str, str]] = set()  # the (metric, unit) the store was asked for

    def _look_up(self, figures: list[dict]) -> None:
        """The store's figures of the facts these figures state, before these are added."""
        for key in dict.fromkeys((f["metric"], f["unit"]) for f in figures):
            if self._lookup and key not in self._looked_up:
                self._looked_up.add(key)
                for old in self._lookup(key):
                    self.statements.add(old)

    def _remember(self, table: str, rec: dict) -> None:
        for key in identity_keys(table, rec):
            self.known[table].setdefault(key, rec["id"])

    def add(self, new: dict[str, list[dict]]) -> None:
        """One article's records (records._article_tables), merged in place."""
        source = new["sources"][0]["id"]
        self.statements.dates[source] = new["sources"][0].get("date")
        earlier = list(self.records["honorees"].values())  # the honorees the earlier sources made known
        own = [h["id"] for h in new.get("honorees", [])]
        for table in IDENTIFIED:
            renamed = self._identify(table, new, source)
            if table == "honorees":
                own = [renamed.get(h, h) for h in own]
            for other, fields in REFERENCES.items():
                for field, target in fields.items():
                    if target == table and renamed:
                        for rec in new.get(other, []):
                            value = rec.get(field)
                            if isinstance(value, list):
                                rec[field] = [renamed.get(v, v) for v in value]
                            elif value is not None:
                                rec[field] = renamed.get(value, value)
        figures = new["figures"]
        self.statements.homes.update((h["id"], h.get("home_region")) for h in new.get("honorees", []))
        for named in _attribute(figures, [h for h in earlier if h["id"] not in own]):
            honoree = self.records["honorees"][named]  # an article that gives it figures names it
            if source not in honoree["sources"]:
                honoree["sources"] = [*honoree["sources"], source]
                self.changed["honorees"][named] = honoree
        self._look_up(figures)
        # after the article's own containment: the parts other sources' figures are of its figures, and theirs of its
        new["restatements"], parts = statements.linked(figures, self.statements)
        new["containment"] = [*new.get("containment", []), *parts]
        for table in APPENDED:
            self.added[table] += new.get(table, [])
        for region in new["regions"]:
            if region["id"] not in self.regions:
                self.regions[region["id"]] = region
                self.added["regions"].append(region)
        self.sources[source] = new["sources"][0]["path"]
        self.texts[new["sources"][0]["sha256"]] = source

    def _identify(self, table: str, new: dict[str, list[dict]], source: str) -> dict[str, str]:
        """Merge the article's honorees (or programmes) with the records they are; give a new one
        whose id another holds the source id as a suffix. Returns the ids that change."""
        renamed: dict[str, str] = {}
        kept = []
        for rec in new[table]:
            same = next((self.known[table][k] for k in identity_keys(table, rec) if k in self.known[table]), None)
            if same is not None:  # named by an earlier source (known holds no record of this one yet)
                first = self.records[table][same]
                if source not in first["sources"]:
                    first["sources"] = [*first["sources"], source]
                    self.changed[table][same] = first
                renamed[rec["id"]] = same
                continue
            if rec["id"] in self.records[table]:
                fresh, n = f"{rec['id']}-{source}", 2
                while fresh in self.records[table]:
                    fresh, n = f"{rec['id']}-{source}-{n}", n + 1
                renamed[rec["id"]] = rec["id"] = fresh
            self.records[table][rec["id"]] = rec
            kept.append(rec)
        for rec in kept:  # remembered after the article: its own records never merge with each other
            self._remember(table, rec)
        new[table] = kept
        self.added[table] += kept
        return renamed

    def whole(self) -> dict[str, list[dict]]:
        """Every table: what the store held, then what was added; regions in the gazetteer's order."""
        tables = {t: [*self.tables.get(t, []), *self.added[t]] for t in (*APPENDED, *IDENTIFIED)}
        rank = {region_id: n for n, region_id in enumerate(self.gazetteer.regions)}
        tables["regions"] = sorted(self.regions.values(), key=lambda r: rank.get(r["id"], len(rank)))
        return tables
