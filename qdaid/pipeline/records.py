"""Articles → the records of every table: reading a source and its sidecar, running the stages
in order, and writing each figure, honoree, source, region, program and event as model.SCHEMA
lays it out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from .. import fileio
from ..model import SCHEMA, DataError, UsageError
from . import aside, classify, containment, links, narrative, parallel, ranges, tables, webpage
from . import text as tx
from .article import DATELINE_RE, Article
from .corpus import Corpus
from .covers import both_sides, covers_of
from .english import English, add_names
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .quantities import Figure, find_figures
from .regions import pair_sides, region_of


def read_figures(article: Article) -> list[Figure]:
    """Every figure with its value, unit, metric, period, section, region and part_of."""
    figures = ranges.read_ranges(article, find_figures(article))
    if cells := tables.table_figures(article, Figure):  # 819 under 资金分配额(万元): 819万元
        figures = sorted(figures + cells, key=lambda f: f.start)
    for f in figures:
        f.metric, f.label = classify.metric(article, f, figures)
        f.period, f.framed = classify.period(article, f, figures)
        f.kind = aside.kind(article, f, classify.kind(article, f))
        f.section = article.section_of(f.sentence.paragraph.index)
        f.region, f.region_basis = region_of(article, f.start, f.end, f.sentence, f.section, f.unit, f.metric)
        f.covers = covers_of(article, f.start, f.sentence)
        if f.covers or both_sides(article, f.start, f.sentence):
            f.region, f.region_basis = None, "none"  # several places: no one of them is the figure's
    parallel.carry_list_places(article, figures)
    parallel.carry_year_series(article, figures)
    pair_sides(article, figures)
    links.link_parts(article, figures)
    return figures


# The values a database stores exactly: JSON readers (orjson) and SQLite take integers of 64
# bits, and a decimal is a binary double, exact only while it reads back as written.
_LARGEST = 2**63 - 1


def _stored(article: Article, f: Figure) -> int | float:
    if isinstance(f.value, int):
        if abs(f.value) <= _LARGEST:
            return f.value
    elif Decimal(repr(float(f.value))) == f.value:
        return float(f.value)
    raise DataError(f"{article.source_id}: {f.raw!r} at character {f.start} is {f.value}, beyond what qdaid "
                    "stores exactly (integers below 2^63, decimals of up to 15 significant digits)")


def figure_record(article: Article, f: Figure) -> dict:
    honoree = f.section.honoree if f.section else None
    return {
        "id": article.figure_id(f.start), "source": article.source_id,
        "honoree": honoree["id"] if honoree else None, "honoree_name": honoree["name"] if honoree else None,
        "metric": f.metric, "label": f.label, "value": _stored(article, f),
        "unit": f.unit, "raw": f.raw, "approx": f.approx, "kind": f.kind,
        "period_start": f.period[0], "period_end": f.period[1],
        "region": f.region, "covers": list(f.covers), "region_basis": f.region_basis,
        "part_of": article.figure_id(f.part_of.start) if f.part_of else None,
        "quote": article.quote(f.start, f.end, f.sentence), "paragraph": f.sentence.paragraph.index,
        "start": f.start, "end": f.end,
    }


# 青岛日报2021年3月1日讯: the words before the date, not its year (2021年3月1日讯 names no publisher);
# 新华社兰州2021年1月5日电: the agency, before the city the dispatch was filed in
_PAPER_LEAD = re.compile(r"([^\d\s]\S{1,23}?)(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日讯")
_WIRE_LEAD = re.compile(r"([^\d\s]\S{0,10}?社)[^\d\s]{0,8}?(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日电")


def source_record(article: Article, name: str) -> dict:
    """Title, publisher, reporter and editors as the text gives them; the sidecar may override.

    `path` is the file's name only: the database does not depend on the machine or folder it
    was built in; the text is found again by name and checked by its sha256.
    """
    text, meta, paragraphs = article.text, article.meta, article.paragraphs
    lead = paragraphs[1] if len(paragraphs) > 1 else None
    found = {
        "publisher": lead and (_PAPER_LEAD.match(text, lead.start, lead.end)
                               or _WIRE_LEAD.match(text, lead.start, lead.end)),
        "reporter": re.search(r"记者\s*([\u4e00-\u9fff]{2,4})\s*[)）]", text),
        "editors": re.search(r"责任编辑[：:]\s*(\S+)", text),
    }
    said = {k: article.original[m.start(1):m.end(1)] if m else None for k, m in found.items()}
    first = paragraphs[0] if paragraphs else None
    return {
        "id": article.source_id,
        "title": meta.get("title") or (article.original[first.start:first.end].lstrip("\ufeff") if first else ""),
        "publisher": meta.get("publisher") or said["publisher"],
        "date": meta.get("date") or article.dateline or _taken_date(article),
        "reporter": meta.get("reporter") or said["reporter"],
        "editors": meta.get("editors") or (re.split(r"[、,，]", said["editors"]) if said["editors"] else []),
        "url": meta.get("url"), "path": name, "sha256": hashlib.sha256(article.original.encode("utf-8")).hexdigest(),
    }


def _taken_date(article: Article) -> str | None:
    """An undated article's date as the build took it (the build's warning says how): the year
    the text shows (article.assumed), with the month and day of its dateline (2月25日讯) when it
    has one: 2021-02-25; else the year alone (2019). The sources table has no field to say the
    date was inferred; the warning at build time says so."""
    if article.assumed is None or article.assumed.year is None:
        return None
    lead = article.paragraphs[min(1, len(article.paragraphs) - 1)]
    dateline = DATELINE_RE.search(article.text, 0, lead.end)
    year = str(article.assumed.year)
    dated = f"{year}-{int(dateline[1]):02d}-{int(dateline[2]):02d}" if dateline else year
    return dated if _real_date(dated) else year  # 2月30日讯: a slip, the year stands


def _undated(article: Article) -> str:
    """What the build took an undated article's year to be, and why (the build's warning)."""
    if article.assumed is None:
        return "it names no year, so periods since a year stay open"
    if article.assumed.year is None:
        return f"its year is unknown ({article.assumed.why}), so periods since a year stay open"
    return f"taken as {article.assumed.year}, {article.assumed.why}"


# What a sidecar (NAME.meta.json beside NAME.txt) may say, and of which type. The id becomes
# the prefix of every figure id, so it is kept to letters, digits and - _ .
SIDECAR_FIELDS = {"id": str, "title": str, "publisher": str, "date": str, "reporter": str, "editors": list,
                  "url": str, "language": str, "note": str}
_SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# A qdaid database (a JSON object whose first key is a table's, as TinyDB writes it) named as an
# article: its JSON text was read as one, 657 figures from its quotes and field names.
_DATABASE = re.compile(r'\s*\{\s*"(?:_default|' + "|".join(SCHEMA) + r')"\s*:\s*\{')
_SIDECAR_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def sidecar_of(path: Path) -> Path:
    return path.with_suffix(".meta.json")


def read_source(path: Path, limit: int = fileio.MAX_ARTICLE_BYTES, given: dict | None = None) -> tuple[str, dict]:
    """An article's text and its metadata (NAME.meta.json beside it, if there is one, then what
    `given` says: build's --title, --date …), each checked: a regular UTF-8 file that is not
    empty, metadata of the documented shape."""
    with fileio.open_regular(path, "article", limit) as handle:
        try:
            data = handle.read()
        except OSError as exc:
            raise DataError(f"{path}: cannot read the article: {exc.strerror or exc}") from None
    try:
        text = tx.normalised(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataError(f"{path}: the article is not UTF-8 text") from None
    if not text.strip():
        raise DataError(f"{path}: the article is empty")
    if _DATABASE.match(text):
        raise DataError(f"{path}: a qdaid database, not an article: query it with --db {path}, or "
                        "build from the articles it was made from")
    meta = {**_sidecar(sidecar_of(path)), **check_meta(given or {}, None)}
    meta.setdefault("id", path.stem)
    if not _SOURCE_ID.fullmatch(meta["id"]):
        raise DataError(f"{path}: {meta['id']!r} cannot be a source id (letters, digits, - _ . only); "
                        f"give one with --id or in {path.with_suffix('.meta.json').name}")
    return text, meta


def _sidecar(path: Path) -> dict:
    if not os.path.lexists(path):
        return {}
    with fileio.open_regular(path, "sidecar file", 2**20) as handle:
        data = handle.read()
    try:
        meta = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"{path}: not a JSON object in UTF-8 ({exc})") from None
    if not isinstance(meta, dict):
        raise DataError(f"{path}: must be a JSON object with {', '.join(SIDECAR_FIELDS)}")
    return check_meta(meta, str(path))


def check_meta(meta: dict, where: str | None) -> dict:
    """A source's metadata, from a sidecar (where: its path) or the command line (where: None; the
    error is then a usage error about the option): known fields of the right type, a real date."""
    error = DataError if where else UsageError
    for key, value in meta.items():
        wanted = SIDECAR_FIELDS.get(key)
        if wanted is None:
            raise error(f"{where}: unknown field {key!r}; the fields are {', '.join(SIDECAR_FIELDS)}")
        if not isinstance(value, wanted) or (wanted is list and not all(isinstance(v, str) for v in value)):
            kind = "a list of texts" if wanted is list else "a text"
            raise error(f"{where}: {key} is {value!r}; it must be {kind}")
    date = meta.get("date")
    if date is not None and not (_SIDECAR_DATE.fullmatch(date) and _real_date(date)):
        said = f"{where}: date {date!r}" if where else f"--date: {date!r}"
        raise error(f"{said} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return meta


def _real_date(text: str) -> bool:
    import datetime

    year, month, day = (text.split("-") + ["01", "01"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return 1900 <= int(year) <= 2100


ORDER = ("sources", "honorees", "regions", "figures", "containment", "restatements", "programs", "events")


def extract(paths: list[Path], limit: int = fileio.MAX_ARTICLE_BYTES, given: dict | None = None,
            onto: dict[str, list[dict]] | None = None, warn: Callable[[str], None] | None = None,
            draft: bool = False) -> dict[str, list[dict]]:
    """Every table's records for these articles, in a stable order; onto: a database to add them
    to (build --append), whose records stay as they are. Building a and b together gives the
    same tables as building a, then appending b. warn: told, a line each, of an article without
    a date and the year taken for it. draft: the article is a draft checked against onto, which
    may be a source's very text."""
    gazetteer = Gazetteer.load()
    built = Corpus({table: list(onto.get(table, [])) for table in ORDER} if onto else {}, gazetteer)
    add_articles(built, paths, limit, given, warn, draft)
    tables = built.whole()
    # Every record's fields in the model's order, whichever stage added them.
    return {table: [{f: rec.get(f) for f in SCHEMA[table]} for rec in tables[table]] for table in ORDER}


def add_articles(built: Corpus, inputs: Sequence[Path | str], limit: int = fileio.MAX_ARTICLE_BYTES,
                 given: dict | None = None, warn: Callable[[str], None] | None = None,
                 draft: bool = False) -> list[tuple[dict, bytes]]:
    """Read each article (a text file, a saved web page, or a page's address) and add its records
    to the corpus, in the order given. Returns each web page's source record with the article
    text read from it, which the build keeps beside the database as NAME.txt."""
    gazetteer, lexicon = built.gazetteer, Lexicon.load()
    english = English.load(gazetteer)
    pages = []
    for item in inputs:
        text, meta, name = read_input(item, limit, given)
        if isinstance(item, str) and meta["id"] in built.sources and "id" not in (given or {}):
            # two addresses ending alike (…/0302/index.html, …/0303/index.html): the address tells them apart
            meta["id"] = f"{meta['id']}-{hashlib.sha256(item.encode()).hexdigest()[:8]}"
            name = f"{meta['id']}.txt"
        if not draft and (same := built.texts.get(hashlib.sha256(text.encode("utf-8")).hexdigest())) is not None:
            raise DataError(f"{item}: the same text as the source {same!r} ({built.sources[same]}): an article is "
                            "built once")
        if meta["id"] in built.sources:
            raise DataError(f"{item}: has the source id {meta['id']!r}, as {built.sources[meta['id']]} does; "
                            "give one of them another id (--id, or its sidecar)")
        article = Article(text, meta, gazetteer, lexicon)
        if warn and not article.dated_year:
            warn(f"warning: {name} has no date: {_undated(article)}; give --date to set it")
        new = _article_tables(article, name, english)
        new = {table: [{f: rec.get(f) for f in SCHEMA[table]} for rec in new[table]] for table in new}
        built.add(new)
        if isinstance(item, str) or item.suffix.lower() in webpage.HTML_SUFFIXES:
            pages.append((new["sources"][0], text.encode("utf-8")))
    return pages


def read_input(item: Path | str, limit: int, given: dict | None) -> tuple[str, dict, str]:
    """(text, metadata, the name the database gives its text) of a text file, a saved page or an
    address: a page's text is stored as NAME.txt, NAME its source id (or the saved page's name)."""
    if isinstance(item, Path) and item.suffix.lower() not in webpage.HTML_SUFFIXES:
        text, meta = read_source(item, limit, given)
        return text, meta, item.name
    if isinstance(item, str):
        text, found = webpage.read(webpage.fetch(item), item, item)
        meta = {**check_meta(found, item), **check_meta(given or {}, None)}
        meta.setdefault("id", webpage.source_id(item))
        stem = meta["id"]
    else:
        with fileio.open_regular(item, "web page", webpage.MAX_PAGE_BYTES) as handle:
            text, found = webpage.read(handle.read(), str(item))
        meta = {**check_meta(found, str(item)), **_sidecar(sidecar_of(item)), **check_meta(given or {}, None)}
        meta.setdefault("id", item.stem)
        stem = item.stem
    if not _SOURCE_ID.fullmatch(meta["id"]):
        raise DataError(f"{item}: {meta['id']!r} cannot be a source id (letters, digits, - _ . only); give one with --id")
    return text, meta, f"{stem}.txt"


def _article_tables(article: Article, name: str, english: English) -> dict[str, list[dict]]:
    figures = read_figures(article)
    tables = {"sources": [source_record(article, name)], "honorees": [s.honoree for s in article.sections],
              "figures": [figure_record(article, f) for f in figures],
              "containment": containment.infer(article, figures),
              "programs": narrative.programs(article), "events": narrative.events(article)}
    add_names(english, tables["honorees"], tables["programs"])
    # The regions the records name, with their ancestors: --region 山东 finds a figure in 莱阳.
    gazetteer = article.gaz
    used = {r["region"] for t in ("figures", "programs", "events") for r in tables[t] if r["region"]}
    used |= {place for f in tables["figures"] for place in f["covers"]}
    for h in tables["honorees"]:
        used |= {r for r in (h["home_region"], h["listed_under"], *h["partner_regions"]) if r}
    for region in list(used):
        used |= set(gazetteer.ancestors(region))
    tables["regions"] = [gazetteer.regions[r].record() for r in used]
    return tables
