"""A small fact base written by hand for unit tests of the query half (query, stats, views,
render, formats, export): independent of the pipeline and of the bundled database, so an
extraction change never breaks these tests. Every expected value in the tests that use it
follows from the records below.
"""

from __future__ import annotations

SOURCE = {"id": "src", "title": "测试报道", "publisher": "测试报社", "date": "2021-02-25", "reporter": None,
          "editors": [], "url": None, "path": "src.txt", "sha256": "0" * 64}

REGIONS = [
    {"id": "gansu", "name": "甘肃省", "aliases": ["甘肃"], "level": "province", "parent": None},
    {"id": "longnan", "name": "陇南市", "aliases": ["陇南", "longnanshi"], "level": "prefecture", "parent": "gansu"},
    {"id": "huixian", "name": "徽县", "aliases": [], "level": "county", "parent": "longnan"},
    {"id": "guizhou", "name": "贵州省", "aliases": ["贵州"], "level": "province", "parent": None},
    {"id": "anshun", "name": "安顺市", "aliases": ["安顺"], "level": "prefecture", "parent": "guizhou"},
]

HONOREES = [
    {"id": "team-a", "name": "甲工作组", "aliases": ["jiagongzuozu"], "kind": "collective", "scope": "unit", "post": None,
     "motto": None, "listed_under": "gansu", "home_region": None, "partner_regions": ["longnan"],
     "paragraph_start": 2, "paragraph_end": 5, "source": "src", "sources": ["src"]},
    {"id": "wang-wu", "name": "王五", "aliases": ["wangwu"], "kind": "individual", "scope": "unit", "post": "主任", "motto": None,
     "listed_under": None, "home_region": None, "partner_regions": ["anshun"], "paragraph_start": 6,
     "paragraph_end": 8, "source": "src", "sources": ["src"]},
]


def _figure(n, honoree, metric, value, unit, raw, *, approx="exact", period=(None, None), region=None, part_of=None,
            kind="amount", covers=()):
    return {"id": f"src-{n:05d}", "source": "src", "honoree": honoree,
            "honoree_name": {"team-a": "甲工作组", "wang-wu": "王五"}.get(honoree), "metric": metric,
            "label": metric, "value": value, "unit": unit, "raw": raw, "approx": approx, "kind": kind,
            "period_start": period[0], "period_end": period[1], "region": region, "covers": list(covers),
            "region_basis": "explicit" if region else "none", "part_of": part_of,
            "quote": f"句子{n}含{raw}。", "paragraph": 2 + n // 100, "start": n, "end": n + len(raw)}


FIGURES = [
    # team-a, in Longnan: a cumulative total and the year inside it (其中)
    _figure(100, "team-a", "consumption_aid", 858000000, "cny", "8.58亿元", period=(2017, 2021), region="longnan"),
    _figure(120, "team-a", "consumption_aid", 754000000, "cny", "7.54亿元", period=(2020, 2020), region="longnan",
            part_of="src-00100"),
    _figure(140, "team-a", "donations_cash", 125000000, "cny", "1.25亿元", period=(2017, 2021), region="longnan"),
    _figure(160, "team-a", "people_employed", 14000, "person", "1.4万多名", approx="more_than", region="longnan"),
    _figure(180, "team-a", "people_employed", 126, "person", "126名", region="huixian"),
    _figure(200, "team-a", "pass_rate", 70, "percent", "70%", region="huixian", kind="ratio"),
    _figure(220, "team-a", "funds_raised", 0.5, "cny", "0.5元", approx="about", region="longnan"),
    # wang-wu, in Anshun
    _figure(600, "wang-wu", "donations_cash", 26000000, "cny", "2600万元", period=(2019, 2019), region="anshun"),
    _figure(620, "wang-wu", "people_treated", 1198, "person", "1198名", region="anshun"),
    _figure(640, "wang-wu", "duration", 3, "year", "3年", region="anshun", kind="duration"),
    _figure(660, "wang-wu", "donations_cash", 71600, "cny", "71600元", period=(2020, 2020), region="anshun"),
    # the article's own figure, no honoree
    _figure(10, None, "honorees", 1982, "person", "1982人"),
]

# One inferred link, a possible one: team-a's undated 1.4万多名 in Longnan may hold its 126名 in
# Huixian (inside Longnan).
CONTAINMENT = [{"id": "src-00180-in-00160", "figure": "src-00180", "within": "src-00160", "reason": "region",
                "certain": False, "note": "126名 in huixian may be part of 1.4万多名 in longnan", "source": "src"}]

PROGRAMS = [{"id": "lajiao", "name": "辣椒模式", "honoree": "team-a", "region": "huixian", "quote": "辣椒模式。",
             "source": "src", "sources": ["src"], "paragraph": 3, "start": 300, "end": 304}]
EVENTS = [
    {"id": "src-e00700", "date": "2013-08", "precision": "month", "honoree": "wang-wu", "region": "anshun",
     "text": "2013年8月,组建工作队", "quote": "2013年8月,组建工作队。", "source": "src", "paragraph": 6,
     "start": 700, "end": 707},
    {"id": "src-e00400", "date": "1996", "precision": "year", "honoree": "team-a", "region": "longnan",
     "text": "1996年,开始协作", "quote": "1996年,开始协作。", "source": "src", "paragraph": 4,
     "start": 400, "end": 405},
]


def tables() -> dict[str, list[dict]]:
    """A fresh copy every call, so a test may change it."""
    import copy

    return copy.deepcopy({"sources": [SOURCE], "honorees": HONOREES, "regions": REGIONS, "figures": FIGURES,
                          "containment": CONTAINMENT, "programs": PROGRAMS, "events": EVENTS})
