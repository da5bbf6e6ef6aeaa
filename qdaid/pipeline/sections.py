"""Honoree sections: a heading such as `全国脱贫攻坚先进集体、胶州市扶贫协作工作办公室:` opens one;
it runs to the next heading (or the editors' line). From the heading and its paragraphs come the
honoree's record: name, kind, post, motto, home region, partner regions, the province it is
listed under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import text as tx
from .gazetteer import slug
from .persons import unpadded

if TYPE_CHECKING:
    from .article import Article


@dataclass
class Section:
    honoree: dict
    first: int  # paragraph indexes, inclusive
    last: int
    home: str | None
    partners: list[str]
    owns: bool = True  # False: one of several honorees a sentence lists; the paragraph's figures are not its


def find_sections(article: Article) -> list[Section]:
    heads = {w: kind for kind, words in article.lex.headings.items() for w in words}
    head_re = re.compile(rf"^({tx.alternation(heads)})[，,、](.+)[：:]$")
    found: list[tuple[tx.Paragraph, str, str]] = []
    end_index = len(article.paragraphs)
    for p in article.paragraphs:
        if m := head_re.match(p.text):
            found.append((p, heads[m[1]], m[2]))
        elif found and re.match(r"^(责任编辑|编辑|分享)", p.text):
            end_index = min(end_index, p.index - 1)
    sections = []
    listings = _listings(article)
    for i, (p, kind, name_part) in enumerate(found):
        last = found[i + 1][0].index - 1 if i + 1 < len(found) else end_index
        sections.append(_section(article, p, kind, name_part, last, listings))
    if not sections:  # no heading template: honorees in lists, or named in running text (张三荣获…称号)
        from .honoree_lists import listed_honorees  # it builds on this module's Listed

        listed = [honoree_section(article, h, h.paragraph.index, listings, motto=False)
                  for h in listed_honorees(article, heads)]
        named = (_named(article, p, kind, name, listings) for p, kind, name in _named_honorees(article, heads))
        seen = {s.honoree["name"] for s in listed}
        sections = listed + [s for s in named if s and s.honoree["name"] not in seen]
    ids: dict[str, int] = {}
    for s in sections:
        ids[s.honoree["id"]] = ids.get(s.honoree["id"], 0) + 1
    for s in sections:  # two honorees that slug alike get a number
        if ids[s.honoree["id"]] > 1:
            s.honoree["id"] += f"-{s.first}"
    return sections


def _named_honorees(article: Article, heads: dict[str, str]) -> list[tuple[tx.Paragraph, str, str]]:
    """(paragraph, kind, name) for each 'NAME荣获/被授予…HEADING称号' of the text, in order."""
    titles = sorted({w.replace("全国脱贫攻坚", "") for w in heads} | set(heads), key=len, reverse=True)
    pattern = re.compile(rf"([\u4e00-\u9fff·、]{{2,40}}?)(?:同志)?(?:荣获|被授予|获评|被评为)"
                         rf"[\u4e00-\u9fff“”]{{0,12}}?({tx.alternation(titles)})(?:荣誉)?称号")
    found = []
    for p in article.paragraphs:
        for m in pattern.finditer(p.text):
            kind = next(k for w, k in heads.items() if w.endswith(m[2]) or m[2].endswith(w.replace("全国脱贫攻坚", "")))
            for name in m[1].split("、"):  # 我县平利县…局长张建国: "our county" says whose, not the post
                found.append((p, kind, re.sub(r"^[我本][市县省区州](?=[\u4e00-\u9fff]{4})", "", name)))
    return found


def _named(article: Article, p: tx.Paragraph, kind: str, name_part: str,
           listings: list[tuple[int, str]]) -> Section | None:
    """An honoree named in running text: its section is the paragraph that names it."""
    if len(name_part) < 2 or name_part not in p.text:
        return None
    return _section(article, p, kind, name_part, p.index, listings, motto=False)


def _section(article: Article, head: tx.Paragraph, kind: str, name_part: str, last: int,
             listings: list[tuple[int, str]], motto: bool = True) -> Section:
    """An honoree whose heading (or running-text mention) writes its post and name as one run:
    the post ends at the last title (青岛市…党组书记、主任窦宗君)."""
    name_start = head.start + head.text.index(name_part)
    post = None
    name = (name_start, name_start + len(name_part))
    if kind == "individual":
        if m := list(re.finditer(tx.alternation(article.lex.titles), name_part)):
            post = (name_start, name_start + m[-1].end())
            name = (post[1], name[1])
    return honoree_section(article, Listed(head, kind, name, post, (name_start, name[1])), last, listings, motto)


@dataclass(frozen=True)
class Listed:
    """An honoree as the text names it: offsets of its name and post (None: none given), and the
    stretch whose places are its own (its post and name)."""

    paragraph: tx.Paragraph
    kind: str
    name: tuple[int, int]
    post: tuple[int, int] | None
    places: tuple[int, int]
    owns: bool = True  # its paragraph is about it alone: the figures there are its


def honoree_section(article: Article, listed: Listed, last: int, listings: list[tuple[int, str]],
                    motto: bool = True) -> Section:
    lex, gaz, head = article.lex, article.gaz, listed.paragraph
    name = unpadded(article.text[listed.name[0]:listed.name[1]])
    post = article.original[listed.post[0]:listed.post[1]] if listed.post else None
    in_name = article.mentions_in(*listed.places)
    destination, at = [], None  # the places right after 赴/援/帮扶…, a run of them (赴重庆市巫山县)
    for m in in_name:
        if m.start == at or article.text[max(0, m.start - 2):m.start].endswith(tuple(lex.destination_markers)):
            destination.append(m.region)
            at = m.end
    destination = gaz.most_specific(destination)
    home_candidates = gaz.most_specific([m.region for m in in_name if m.region not in destination])
    home = home_candidates[0] if home_candidates else None
    found_motto = None
    following = article.paragraphs[head.index:head.index + 1]  # indexes count from 1
    if motto and following and len(following[0].text) <= 16 and not re.search(r"[。\d]", following[0].text):
        found_motto = article.original[following[0].start:following[0].end]
    partners = _partners(article, head.index, last, destination, home)
    honoree = {
        "id": _honoree_id(article, listed.kind, name, destination or ([home] if home else [])),
        "name": unpadded(article.original[listed.name[0]:listed.name[1]]),
        "aliases": [slug(re.sub(r"[^\u4e00-\u9fff]", "", name))], "kind": listed.kind,
        "scope": _scope(article, home, destination), "post": post, "motto": found_motto,
        "listed_under": _listed_under(article, name, listings), "home_region": home,
        "partner_regions": partners, "paragraph_start": head.index, "paragraph_end": last,
        "source": article.source_id, "sources": [article.source_id],
    }
    return Section(honoree, head.index, last, home, partners, listed.owns)


def _scope(article: Article, home: str | None, destination: list[str]) -> str:
    """city: the honoree works for its whole prefecture-level city (the head of the city's office);
    unit: a county's office, or a team sent to a partner (青岛赴陇南…工作组)."""
    level = article.gaz.regions[home].level if home else None
    return "city" if level == "prefecture" and not destination else "unit"


def _partners(article: Article, first: int, last: int, destination: list[str], home: str | None) -> list[str]:
    verbs = re.compile(tx.alternation(article.lex.partner_verbs))
    gaz = article.gaz
    known = gaz.family(home).union(*(gaz.family(d) for d in destination))
    found = []
    for index in range(first + 1, last + 1):
        for s in article.sentences_in.get(index, []):
            if verbs.search(article.text, s.start, s.end):
                found += [m.region for m in article.mentions_in(s.start, s.end) if m.region not in known]
    # Partners named in the heading (赴安顺) stand; others count once, most specific first.
    return list(dict.fromkeys(destination)) + gaz.most_specific(found)


def _honoree_id(article: Article, kind: str, name: str, regions: list[str]) -> str:
    if kind == "individual":  # 窦宗君 → dou-zongjun; 阿依古丽·买买提 → ayiguli-maimaiti
        return "-".join(slug(part) for part in name.split("·")) if "·" in name else f"{slug(name[0])}-{slug(name[1:])}"
    org_kinds = article.lex.org_kinds
    org = next((org_kinds[k] for k in sorted(org_kinds, key=len, reverse=True) if name.endswith(k)), "group")
    return f"{regions[0]}-{org}" if regions else f"{slug(name)[:24]}-{org}"


def _listings(article: Article) -> list[tuple[int, str]]:
    """Where each 名列…的 phrase of the text ends, and the place it names: found once, not per
    honoree (a search of the whole text per section grew with the square of the text)."""
    return [(m.end(), m[1]) for m in re.finditer(r"名列([^的，,。]{2,10})的", article.text)]


def _listed_under(article: Article, name: str, listings: list[tuple[int, str]]) -> str | None:
    """The place the first 名列…的 phrase followed by the name lists the honoree under."""
    place = next((place for at, place in listings if article.text.startswith(name, at)), None)
    if place is None:
        return None
    regions = article.gaz.mentions(place)
    return regions[0].region if regions else None
