"""The places a figure speaks for together, none of them alone: a count of places right before it
(助力三市179.4万), places listed after 在 or after a partner verb, 各 after a list; and a figure of
both partners at once (两省区互派干部199名: sent each way), which is of no one place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .numbers import parse_quantity

if TYPE_CHECKING:
    from . import text as tx
    from .article import Article


def covers_of(article: Article, start: int, s: tx.Sentence) -> list[str]:
    """The places a figure speaks for when a count of places comes right before it (助力三市179.4万):
    the places of that level named last before the count in its sentence, in text order (青岛与安顺市、
    陇南市及菏泽市…三市: 安顺, 陇南, 菏泽); none when the sentence names fewer."""
    m = article.lex.place_count_re.search(article.text, max(s.start, start - 8), start)  # 三市, 10个县的: a few characters
    if not m or m.start() < article.clause(start, start, s)[0]:
        return _listed_after_zai(article, start, s) or _listed_partners(article, start, s) or _each(article, start, s) \
            or _helped_together(article, start, s)
    count = int(parse_quantity(m[1]).value)
    gaz = article.gaz
    named = gaz.most_specific([p.region for p in article.mentions_in(s.start, m.start()) if not gaz.is_nation(p.region)])
    fitting = [r for r in named if gaz.regions[r].level in article.lex.place_counts[m[2]]]
    return fitting[-count:] if 1 < count <= len(fitting) else []


_LIST_JOINS = ("、", "和", "及", "与", "以及")


def _listed_after_zai(article: Article, start: int, s: tx.Sentence) -> list[str]:
    """在武都区、成县、西和县举办了3场招聘会: places listed after 在 in the figure's clause, all before
    it, are where the figure was done together; no one of them (the last named) is its place."""
    text, lo = article.text, article.clause(start, start, s)[0]
    run: list = []
    for m in article.mentions_in(lo, start):
        if run and text[run[-1].end:m.start] in _LIST_JOINS:
            run.append(m)
        elif text[max(lo, m.start - 1):m.start] == "在":
            run = [m]
        elif run and m.start == run[-1].end:
            run[-1] = m  # 在甘肃省陇南市: a place and the one inside it, one item of the list
        else:
            run = []
    return article.gaz.most_specific([m.region for m in run]) if len(run) > 1 else []


def _listed_partners(article: Article, start: int, s: tx.Sentence) -> list[str]:
    """烟台市加大对巫山县、巫溪县的帮扶投入，两年共投入资金1.5亿元: a figure after a list of places its
    sentence's help is for (right after 对, 向, 为 or a partner verb, and the last places named before
    the figure, in its clause or before it: 对东川区、寻甸县的帮扶资金——从2017年的2000万元), is of
    them together; no one of them is its place."""
    text = article.text
    leads = ("对", "向", "为", *article.lex.partner_verbs)
    run: list = []
    for m in article.mentions_in(s.start, start):
        if run and text[run[-1].end:m.start] in _LIST_JOINS:
            run.append(m)
        elif run and m.start == run[-1].end:
            run[-1] = m  # 重庆市巫山县: a place and the one inside it, one item of the list
        elif text[max(s.start, m.start - 4):m.start].endswith(leads):
            run = [m]
        else:
            run = []
    return article.gaz.most_specific([m.region for m in run]) if len(run) > 1 else []


def _each(article: Article, start: int, s: tx.Sentence) -> list[str]:
    """安排平安区、循化县各100万元: a figure right after 各 (each) that follows a list of places is each
    place's, all of them; no one of them (the last named) is its place."""
    text = article.text
    if not text[max(s.start, start - 3):start].endswith(("各", "各安排", "各投入")):
        return []
    run: list = []
    for m in article.mentions_in(article.clause(start, start, s)[0], start):
        if run and (text[run[-1].end:m.start] in _LIST_JOINS or m.start == run[-1].end):
            run[-1:] = [m] if m.start == run[-1].end else [run[-1], m]
        else:
            run = [m]
    return article.gaz.most_specific([m.region for m in run]) if len(run) > 1 else []


# 两省区各结对市县共互访对接273人次, 互派干部50名: a clause that says before the figure that it went
# each way counts people of both sides (两地共建车间26个 is built together, but stands in one place)
_EACH_WAY = re.compile(r"互派|互访|互换|互相选派")


def both_sides(article: Article, start: int, s: tx.Sentence) -> bool:
    """The figure at start is of both partners at once, no one place's."""
    return bool(_EACH_WAY.search(article.text, article.clause(start, start, s)[0], start))


def _helped_together(article: Article, start: int, s: tx.Sentence) -> list[str]:
    """杭州市共安排12.71亿元…帮扶黔东南州和恩施州群众, 引导204家企业到黔东南州和恩施州投资: a list of helped
    places anywhere in the figure's sentence (each in a province East–West cooperation helps), its
    clause naming no place but helpers and the list, is of them together; no one of them is its place."""
    text, gaz, lex = article.text, article.gaz, article.lex
    if article.section_of(s.paragraph.index) is not None:
        return []  # an honoree's section: its own rules (its partners, its home's 镇街) decide
    run: list = []
    runs = [run]
    for m in article.mentions_in(s.start, s.end):
        if run and text[run[-1].end:m.start] in _LIST_JOINS:
            run.append(m)
        elif run and m.start == run[-1].end:
            run[-1] = m  # 贵州黔东南州: a place and the one inside it, one item of the list
        else:
            run = [m]
            runs.append(run)
    # 碧江区、万山区等4个区县: examples of a group, not the places it is of
    lists = [r for r in runs if len(gaz.most_specific([m.region for m in r])) > 1 and not text.startswith("等", r[-1].end)
             and all(gaz.province(m.region) in lex.helped_provinces for m in r)]  # 甘肃、定西: one place, 定西
    if len(lists) != 1:
        return []
    first, last = lists[0][0].start - 4, lists[0][-1].end  # 贵州黔东南州: the province before its first item too
    lo, hi = article.clause(start, start, s)
    # 其中巫山县获得资金8000万元: a clause that names a place of its own (one of them, or another) is its
    own = [m for m in article.mentions_in(lo, hi) if not first <= m.start < last and not gaz.is_nation(m.region)
           and gaz.province(m.region) not in article.helper_provinces]
    return [] if own else gaz.most_specific([m.region for m in lists[0]])
