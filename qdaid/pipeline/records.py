"""Articles → the records of every table: reading a source and its sidecar, running the stages
in order, and writing each figure, honoree, source, region, program and event as model.SCHEMA
lays it out.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..model import DataError
from . import classify, links, narrative
from .article import Article
from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .quantities import Figure, find_figures
from .regions import region_of


def read_figures(article: Article) -> list[Figure]:
    """Every figure with its value, unit, metric, period, section, region and part_of."""
    figures = find_figures(article)
    for f in figures:
        f.metric, f.label = classify.metric(article, f, figures)
        f.period = classify.period(article, f)
        f.section = article.section_of(f.sentence.paragraph.index)
        f.region, f.region_basis = region_of(article, f.start, f.end, f.sentence, f.section, f.unit)
    links.link_parts(article, figures)
    return figures


def figure_record(article: Article, f: Figure) -> dict:
    honoree = f.section.honoree if f.section else None
    return {
        "id": article.figure_id(f.start), "source": article.source_id,
        "honoree": honoree["id"] if honoree else None, "honoree_name": honoree["name"] if honoree else None,
        "metric": f.metric, "label": f.label, "value": f.value if isinstance(f.value, int) else float(f.value),
        "unit": f.unit, "raw": f.raw, "approx": f.approx,
        "period_start": f.period[0], "period_end": f.period[1],
        "region": f.region, "region_basis": f.region_basis,
        "part_of": article.figure_id(f.part_of.start) if f.part_of else None,
        "quote": article.original[f.sentence.start:f.sentence.end], "paragraph": f.sentence.paragraph.index,
        "start": f.start, "end": f.end,
    }


def source_record(article: Article, name: str) -> dict:
    """Title, publisher, reporter and editors as the text gives them; the sidecar may override.

    `path` is the file's name only: the database does not depend on the machine or folder it
    was built in; the text is found again by name and checked by its sha256.
    """
    text, meta, paragraphs = article.text, article.meta, article.paragraphs
    lead = paragraphs[1] if len(paragraphs) > 1 else None
    found = {
        "publisher": lead and re.compile(r"(\S{2,24}?)\d{1,2}月\d{1,2}日讯").match(text, lead.start, lead.end),
        "reporter": re.search(r"记者\s*([\u4e00-\u9fff]{2,4})\s*[)）]", text),
        "editors": re.search(r"责任编辑[：:]\s*(\S+)", text),
    }
    said = {k: article.original[m.start(1):m.end(1)] if m else None for k, m in found.items()}
    first = paragraphs[0] if paragraphs else None
    return {
        "id": article.source_id,
        "title": meta.get("title") or (article.original[first.start:first.end] if first else ""),
        "publisher": meta.get("publisher") or said["publisher"],
        "date": meta.get("date"),
        "reporter": meta.get("reporter") or said["reporter"],
        "editors": meta.get("editors") or (re.split(r"[、,，]", said["editors"]) if said["editors"] else []),
        "path": name, "sha256": hashlib.sha256(article.original.encode("utf-8")).hexdigest(),
    }


def read_source(path: Path) -> tuple[str, dict]:
    """An article's text and its metadata: NAME.meta.json beside it, if there is one."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the article: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: the article is not UTF-8 text") from None
    meta_path = path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
    meta.setdefault("id", path.stem)
    return text, meta


def extract(paths: list[Path]) -> dict[str, list[dict]]:
    """Every table's records for these articles, in a stable order."""
    gazetteer, lexicon = Gazetteer.load(), Lexicon.load()
    tables: dict[str, list[dict]] = {"sources": [], "honorees": [], "figures": [], "programs": [], "events": []}
    used_regions: set[str] = set()
    for path in paths:
        text, meta = read_source(path)
        article = Article(text, meta, gazetteer, lexicon)
        tables["sources"].append(source_record(article, path.name))
        tables["honorees"] += [s.honoree for s in article.sections]
        tables["figures"] += [figure_record(article, f) for f in read_figures(article)]
        tables["programs"] += narrative.programs(article)
        tables["events"] += narrative.events(article)
        used_regions |= {m.region for m in article.mentions}
    for region in list(used_regions):
        used_regions |= set(gazetteer.ancestors(region))
    regions = [r.record() for r in gazetteer.regions.values() if r.id in used_regions]
    return {"sources": tables["sources"], "honorees": tables["honorees"], "regions": regions,
            "figures": tables["figures"], "programs": tables["programs"], "events": tables["events"]}
