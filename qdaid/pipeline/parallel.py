"""Clauses of one list: 全省共有36人获得甲奖,30人获得乙奖,12个单位获得丙奖: the clauses after the first
say the same thing of other items, and a clause of them that names no place is of the place the
first is of (the scope 全省共有 gives the whole list)."""

from __future__ import annotations

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
        shared = text[lead.end:lead.end + _SHARED]
        if len(shared) == _SHARED and shared in text[f.end:min(clause[1], f.end + _NOUN + _SHARED)]:
            f.region, f.region_basis = lead.region, lead.region_basis
