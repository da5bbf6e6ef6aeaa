"""Clauses of one list: 全省共有36人获得甲奖,30人获得乙奖,12个单位获得丙奖: the clauses after the first
say the same thing of other items, and a clause of them that names no place is of the place the
first is of (the scope 全省共有 gives the whole list)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_NOUN = 3  # 12个单位获得: the noun a measure word leaves after the figure, before the shared words
_SHARED = 2  # the words that say what the list says of each item (获得, 入选)


def carry_list_places(article: Article, figures: list[Figure]) -> None:
    """Give a figure of no place the place of the list it goes on with, in its sentence: the clause
    right before it has a figure of a place followed by the same words (and so on back)."""
    text = article.text
    before: Figure | None = None
    for f in figures:
        lead, before = before, f
        if lead is None or lead.sentence is not f.sentence or lead.region is None or f.region is not None or f.covers:
            continue
        lead_clause, clause = article.clause(lead.start, lead.end, f.sentence), article.clause(f.start, f.end, f.sentence)
        if clause[0] != lead_clause[1] + 1 or text[lead_clause[1]] not in "，,":
            continue  # not the clause right after, or after a pause longer than a comma
        if article.lex.both_sides.search(text, clause[0], f.start):
            continue  # …七个贫困县，两州已有21个贫困县: of both places, said so
        shared = text[lead.end:lead.end + _SHARED]
        if len(shared) == _SHARED and shared in text[f.end:min(clause[1], f.end + _NOUN + _SHARED)]:
            f.region, f.region_basis = lead.region, lead.region_basis


def carry_year_series(article: Article, figures: list[Figure]) -> None:
    """2018年天津…向甘肃省投入财政援助资金19.79亿元。2019年截至目前已投入23亿元: a sentence that opens
    with its year and says the same verb of a figure of the same unit, naming no place and no metric
    of its own, goes on with the sentence before it in its paragraph: that figure's metric and place."""
    previous: dict[int, int] = {}  # sentence start → the start of the sentence before it in its paragraph
    for s in article.sentences:
        siblings = article.sentences_in[s.paragraph.index]
        if (i := siblings.index(s)) > 0:
            previous[s.start] = siblings[i - 1].start
    last_of: dict[tuple[int, str], Figure] = {}  # (sentence start, unit) → its last figure of one year and a place
    for f in figures:
        lead = last_of.get((previous.get(f.sentence.start, -1), f.unit))
        if lead and _goes_on(article, lead, f):
            f.metric, f.label, f.region, f.region_basis = lead.metric, lead.label, lead.region, lead.region_basis
        if f.region and f.period[0] is not None and f.period[0] == f.period[1]:
            last_of[(f.sentence.start, f.unit)] = f


def _goes_on(article: Article, lead: Figure, f: Figure) -> bool:
    """f, of a later single year than lead, in a sentence that opens with it, of no place (or only the
    article's helped place) and no metric of its own, after the verb lead's clause says before it."""
    text, year, lead_year = article.text, f.period[0], lead.period[0]
    if year is None or lead_year is None or f.period[1] != year or lead_year >= year or f.covers:
        return False
    own = f.region is not None and f.region_basis != "context"
    metric_said = f.metric != article.lex.default_metric.get(f.unit, f.unit + "s")
    verb = text[f.start - _VERB:f.start]
    return not own and not metric_said and bool(_YEAR_FIRST.match(text, f.sentence.start)) and \
        verb in text[article.clause(lead.start, lead.end, lead.sentence)[0]:lead.start]


_VERB = 2  # 已投入23亿元: the verb right before the figure, said of the year before too (投入…19.79亿元)
_YEAR_FIRST = re.compile(r"\s*(?:\d{4}年|今年|去年)")
