"""part_of: which larger figure includes a figure, so totals never count it twice.

Read from the text: 含 asides and 其中 clauses point to the total they break down; one year's
figure points to a multi-year total of the same metric, honoree and place; the headline points
to the lead it repeats.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from . import text as tx

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure


def link_parts(article: Article, figures: list[Figure]) -> None:
    text = article.text
    in_paragraph: dict[int, list[Figure]] = defaultdict(list)
    for f in figures:
        in_paragraph[f.sentence.paragraph.index].append(f)
    for f in figures:
        s = f.sentence
        aside = text.rfind("含", max(s.start, f.start - tx.REACH), f.start)
        if aside > 0 and text[aside - 1] in "(（" and ")" not in text[aside:f.start] and "）" not in text[aside:f.start]:
            _link(f, [g for g in in_paragraph[s.paragraph.index] if g.sentence == s and g.end <= aside - 1])
            continue
        which = text.rfind("其中", max(s.paragraph.start, f.start - tx.REACH), f.start)
        if which >= s.start and not tx.inside(article.quoted, which, which + 2):  # 其中 in this sentence
            _link(f, [g for g in in_paragraph[s.paragraph.index] if g.end <= which])
    default = article.lex.default_metric
    for f in figures:
        if f.part_of is None:
            continue
        # A part takes what its total counts when its own words name no metric (其中,2018年投入0.8亿元),
        # and its total's period unless the text gives it one.
        if f.unit == f.part_of.unit and f.metric == default.get(f.unit, f.unit + "s"):
            f.metric, f.label = f.part_of.metric, f.part_of.label
        if f.period[0] is None:
            f.period = f.part_of.period
    # The totals a year's figure may fall in, by what they must share with it: one list per place
    # (a list of every total was read once per figure, quadratic in an article of many places).
    multi_year: dict[tuple, list[Figure]] = defaultdict(list)
    for g in figures:
        if g.period[0] is not None and g.period[0] != g.period[1]:
            multi_year[(g.metric, g.unit, id(g.section), g.region)].append(g)
    for f in figures:
        p_start, p_end = f.period
        if f.part_of or p_start is None or p_start != p_end:
            continue
        totals = [g for region in dict.fromkeys((f.region, None))
                  for g in multi_year.get((f.metric, f.unit, id(f.section), region), ()) if g.start < f.start
                  and g.period[0] is not None and g.period[0] <= p_start and (g.period[1] or 0) >= p_end and g.value > f.value]
        if totals:
            f.part_of = max(totals, key=lambda g: g.start)  # the nearest before it
    headline = article.paragraphs[0].index if article.paragraphs else None
    for f in figures:
        if f.sentence.paragraph.index == headline and not f.part_of:
            same = [g for g in figures if g.sentence.paragraph.index != headline
                    and (g.metric, g.unit, g.value) == (f.metric, f.unit, f.value)]
            if same:
                f.part_of = same[0]


def _link(f: Figure, candidates: list[Figure]) -> None:
    larger = [g for g in candidates if g.unit == f.unit and g.value > f.value]
    same_metric = [g for g in larger if g.metric == f.metric]
    if same_metric or larger:
        f.part_of = (same_metric or larger)[-1]
