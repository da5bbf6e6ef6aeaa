"""The fact base's shape, written once: tables, fields and types, references, vocabularies, the
units that cannot be added, how a period is written, and the error family.

Both halves agree with this module: the pipeline writes these fields, `validate` and `export`
loop over them, the query commands print them in this order.
"""

from __future__ import annotations

import re

TABLES = ("sources", "honorees", "regions", "figures", "containment", "restatements", "programs", "events")

APPROX = ("exact", "more_than", "over", "nearly", "about")
REGION_BASIS = ("explicit", "context", "section", "none")
REGION_LEVELS = ("nation", "province", "prefecture", "county", "township")
HONOREE_KINDS = ("individual", "collective")
# Whose work an honoree's figures describe: the whole city (the head of the city's office), or
# one unit of it (a county's office, a team sent to a partner). Article-level figures are wider.
HONOREE_SCOPES = ("city", "unit")
# Why one figure lies within another (the containment table; part_of holds the explicit 其中/含).
CONTAINMENT_REASONS = ("period", "scope", "region", "stock")
# Two sources stating the same fact (same metric and unit, same honoree or place, compatible
# periods): their values agree within what the approximations and rounding allow, or they do not.
RESTATEMENT_VERDICTS = ("agrees", "disagrees")
# The reason a query gives for not counting a restatement: the earlier source's figure holds it.
RESTATED = "restated"
DATE_PRECISION = ("year", "month", "day")
# What a figure is, for totals: only amounts add up (README, data dictionary).
KINDS = ("amount", "state", "per_year", "ratio", "rank", "duration", "plan", "change")
# Kinds that add up: amounts, and sizes of stocks (the latest of each, or of different stocks).
# Yearly rates, ratios, ranks, durations, plans (计划, 预计, 目标: not done) and changes from a base
# (较上年增加: the difference of two figures) never add: a total sets them aside (stats.py).
ADDING_KINDS = ("amount", "state")

# A source's url becomes a link (the report, Datasette's source_url) only as a plain web address:
# a javascript: or data: url would run when clicked; whitespace or a control character could
# hide a scheme from this test that a browser still reads.
_WEB_URL = re.compile(r"https?://[^\x00-\x20\x7f-\x9f]+", re.IGNORECASE)


def web_url(url) -> str | None:
    """The url, if it may be a link: http or https, no whitespace or control character."""
    return url if isinstance(url, str) and _WEB_URL.fullmatch(url) else None


# What an id (and a metric or unit name) may be: letters, digits and - _ . , so that a shell
# (completion puts them on the command line) and a terminal read each as it is.
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")
# Characters a terminal acts on (C0 and C1 controls, DEL); tab and newline may stand in text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Which field of which table may only hold these words.
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("figures", "approx"): APPROX, ("figures", "kind"): KINDS, ("figures", "region_basis"): REGION_BASIS,
    ("regions", "level"): REGION_LEVELS, ("honorees", "kind"): HONOREE_KINDS, ("honorees", "scope"): HONOREE_SCOPES,
    ("containment", "reason"): CONTAINMENT_REASONS, ("restatements", "verdict"): RESTATEMENT_VERDICTS,
    ("events", "precision"): DATE_PRECISION,
}

# Ratios, durations and ranks describe, they do not accumulate: a total of them means nothing.
RATIO_UNITS = frozenset({"percent", "percentage_point", "times"})
DURATION_UNITS = frozenset({"year", "month", "day", "hour", "minute", "year_of_age"})  # 七旬: an age
RANK_UNITS = frozenset({"rank", "prize_class"})
LOWER_BOUND = frozenset({"more_than", "over"})  # 多, 余: the true value is at least this
APPROXIMATE = frozenset({"nearly", "about"})

# field → allowed types; NoneType in a tuple means the field may be null.
_S, _I, _N = (str,), (int,), (int, float)
_OS, _OI = (str, type(None)), (int, type(None))
SCHEMA: dict[str, dict[str, tuple]] = {
    "sources": {"id": _S, "title": _S, "publisher": _OS, "date": _OS,
                "reporter": _OS, "editors": (list,), "url": _OS, "path": _S, "sha256": _S},
    "honorees": {"id": _S, "name": _S, "name_en": _OS, "aliases": (list,), "kind": _S, "scope": _S, "post": _OS,
                 "post_en": _OS, "motto": _OS, "motto_en": _OS, "listed_under": _OS, "home_region": _OS,
                 "partner_regions": (list,),
                 "paragraph_start": _I, "paragraph_end": _I, "source": _S, "sources": (list,)},
    "regions": {"id": _S, "name": _S, "name_en": _OS, "aliases": (list,), "level": _S, "parent": _OS, "adcode": _OS},
    "figures": {"id": _S, "source": _S, "honoree": _OS, "honoree_name": _OS,
                "metric": _S, "label": _S, "value": _N, "unit": _S, "raw": _S, "approx": _S, "kind": _S,
                "period_start": _OI, "period_end": _OI, "region": _OS, "covers": (list,), "region_basis": _S,
                "part_of": _OS,
                "quote": _S, "paragraph": _I, "start": _I, "end": _I},
    # figure lies within `within` (certain: the text proves it; else it may), for this reason.
    "containment": {"id": _S, "figure": _S, "within": _S, "reason": _S, "certain": (bool,), "note": _S,
                    "source": _S},
    # figure (of one source) states the same fact as `restates` (of an earlier source); the
    # verdict says whether their values agree, the reason says how (rounding, 约/余, or the gap).
    "restatements": {"id": _S, "figure": _S, "restates": _S, "verdict": _S, "reason": _S},
    "programs": {"id": _S, "name": _S, "name_en": _OS, "honoree": _OS, "region": _OS,
                 "quote": _S, "source": _S, "sources": (list,), "paragraph": _I, "start": _I, "end": _I},
    "events": {"id": _S, "date": _S, "precision": _S, "honoree": _OS,
               "region": _OS, "text": _S, "quote": _S, "source": _S,
               "paragraph": _I, "start": _I, "end": _I},
}
FIGURE_FIELDS = tuple(SCHEMA["figures"])
# Fields newer than some databases in use: a record without one reads as if it held null (a
# list field: an empty list).
ADDED_FIELDS: dict[str, frozenset[str]] = {"honorees": frozenset({"name_en", "post_en", "motto_en", "sources"}),
                                           "programs": frozenset({"name_en", "sources"}),
                                           "figures": frozenset({"covers"})}
# Fields that hold a list of texts (ids or names).
LIST_FIELDS = tuple((t, f) for t, fields in SCHEMA.items() for f, types in fields.items() if types == (list,))
# An event's date, to the precision the text gives: 1996, 2013-08, 2021-02-25.
DATE_RE = re.compile(r"(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")

# table → {field: the table whose id it names}; a list field names one id per element.
REFERENCES: dict[str, dict[str, str]] = {
    "figures": {"source": "sources", "honoree": "honorees", "region": "regions", "covers": "regions",
                "part_of": "figures"},
    "honorees": {"source": "sources", "listed_under": "regions", "home_region": "regions",
                 "partner_regions": "regions"},
    "regions": {"parent": "regions"},
    "containment": {"figure": "figures", "within": "figures", "source": "sources"},
    "restatements": {"figure": "figures", "restates": "figures"},
    "programs": {"source": "sources", "honoree": "honorees", "region": "regions"},
    "events": {"source": "sources", "honoree": "honorees", "region": "regions"},
}
# Fields that point into their own table, so following them must never loop.
SELF_REFERENCES = (("figures", "part_of"), ("regions", "parent"))
# Referenced tables before the tables that name them (an SQL export inserts in this order).
DEPENDENCY_ORDER = ("sources", "regions", "honorees", "figures", "containment", "restatements", "programs", "events")

# Names a person may type for a unit (any case): the data's unit ids, and these.
UNIT_NAMES = {
    "元": "cny", "yuan": "cny", "rmb": "cny", "人民币": "cny", "人": "person", "名": "person", "persons": "person",
    "people": "person", "人次": "person_time", "person-times": "person_time", "person_times": "person_time",
    "户": "household", "households": "household", "户次": "household_time", "亩": "mu", "%": "percent",
    "倍": "times", "次": "occasion", "个": "item", "年": "year", "years": "year", "月": "month", "天": "day",
    "days": "day", "所": "school", "家": "enterprise", "村": "village", "县": "county", "镇": "town",
    "社区": "community", "开发区": "zone", "功能区": "zone", "园区": "zone",
    "车": "truckload", "辆": "vehicle", "台": "machine", "方": "cubic_metre", "支": "team", "座": "building",
    "箱": "box", "眼": "well", "种": "kind", "间": "room",
}
# The metric families the README lists: --metric money is every money metric.
METRIC_FAMILIES = {
    "honours": ("honorees", "honorees_posthumous", "awards", "commendations", "ranking", "prizes"),
    "money": ("donations_cash", "donations_goods", "donations_mixed", "funds_raised", "funds_integrated", "funds",
              "fiscal_aid", "investment_attracted", "consumption_aid", "purchases_facilitated", "output_value"),
    "people": ("people_lifted_out", "people_benefited", "people_employed", "people_trained", "people_treated",
               "people_supported", "students_enrolled", "cadres_dispatched", "personnel_dispatched"),
    "places": ("counties_lifted_out", "villages_lifted_out", "households_lifted_out", "villages_targeted",
               "counties_targeted", "towns_visited", "villages_visited", "households_visited", "villages_paired",
               "households_paired", "counties_paired", "districts_paired", "pairings", "participants_mobilised"),
    "things": ("projects_introduced", "projects_signed", "projects_implemented", "enterprises_introduced",
               "workshops_built", "greenhouses_built", "industrial_parks_built", "platforms_built", "planting_area",
               "land_area", "policies_implemented", "villages_included", "funded_units", "fairs_held",
               "training_sessions", "field_visits", "exchange_visits", "hospital_stays"),
    "rates": ("poverty_rate", "pass_rate", "growth_rate", "share"),
}
METRIC_FAMILIES["honors"] = METRIC_FAMILIES["honours"]

# Figures about the honoree rather than its aid (how long, hospital stays, an age): a profile
# lists them after the aid figures.
TRIVIA_METRICS = frozenset({"duration", "hospital_stays", "age"})


def is_trivia(figure: dict) -> bool:
    return figure["kind"] == "duration" or figure["metric"] in TRIVIA_METRICS


# The languages of the output: Chinese names and amounts (the default), or English (english.py).
LANGUAGES = ("zh", "en")

# What `stats --by` may group by.
STATS_KEYS = ("metric", "honoree", "region", "unit", "year")

PERIOD_DASH = "–"
# The end of an open period (period_end null: 2017年以来 of an article of unknown date), for
# comparing years: after every year a figure is of.
OPEN_END = 9999


def chain(start, parent_of) -> list:
    """start, its parent, the parent's parent …: up to the first repeat (a damaged file may hold a cycle)."""
    found: list = []
    while start and start not in found:
        found.append(start)
        start = parent_of(start)
    return found


def period_label(start: int | None, end: int | None) -> str:
    """A figure's period as a person reads it and every output writes it: 2020, 2016–2021, 2017–
    (open: a "since" of an article of unknown date), or ''."""
    if start is None:
        return ""
    return str(start) if start == end else f"{start}{PERIOD_DASH}{'' if end is None else end}"


class QdaidError(Exception):
    """An error meant for a person: its message is printed as is, on one line.

    `param` names the field the error is about (year, region …); the command line adds the
    spelling of its own option, so the core never speaks in flags.
    """

    exit_code = 1

    def __init__(self, message: str, *, param: str | None = None):
        super().__init__(message)
        self.param = param


class DataError(QdaidError):
    """The database or a source file is missing, unreadable or malformed (exit 1)."""


class UsageError(QdaidError):
    """The command line asks for something that does not exist (exit 2)."""

    exit_code = 2
