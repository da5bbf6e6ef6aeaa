"""The years of a change's two ends: in a range the text names (2015年至2019年，…从48亿元增加到127亿元)
the value it starts from is of the first year and the one it comes to of the last; a second change
of no years takes the two years of a change before it in its sentence. And the year a ratio compares
with (是2019年吸纳人数的96.91%), which dates no figure of the ratio's clause from the ratio on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import RATIO_UNITS
from . import text as tx
from .numbers import NUMBER_PATTERN

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_Y = tx.YEAR
RANGE_RE = re.compile(rf"({_Y})\s?年?\s?(?:至|到|—|－|-|~)\s?({_Y})\s?年")


def end_of_change(article: Article, f: Figure, found: tuple) -> tuple:
    """2015年至2019年，…从48亿元增加到127亿元: in a range the text names, the value a change starts
    from (after 从, 由) is of the range's first year, the one it comes to (到, 至, 为) of its last."""
    text, s = article.text, f.sentence
    lo, hi = article.clause(f.start, f.end, s)
    if found[0] is not None and _FORMER.search(text, lo, f.start) and _CHANGED_AFTER.match(text, f.end, hi):
        return None, None  # 从2018年起,…由原每年10个增加到25个: the value before the period
    if found[0] is None or found[0] == found[1]:
        return found
    if not any((int(m[1]), int(m[2])) == found for m in RANGE_RE.finditer(text, s.start, f.start)):
        return found  # 2017年以来: a span to the report, not two ends the text names
    before = text[article.clause(f.start, f.end, s)[0]:f.start]
    if before.endswith(("从", "由")):
        return found[0], found[0]
    if _CHANGED_TO.search(before):
        return found[1], found[1]
    return found


def parallel_change(article: Article, f: Figure) -> tuple[int, int] | None:
    """A change of no years (发生率从10.3%降到4.6%) after one its sentence dates at both ends (从2016年底
    的200万人减少到2018年底的90万人): its start is of the first year, its end of the second."""
    text, s = article.text, f.sentence
    lo = article.clause(f.start, f.end, s)[0]
    dated = [m for m in _DATED_CHANGE.finditer(text, s.start, lo)]
    if not dated:
        return None
    first, last = int(dated[-1][1]), int(dated[-1][2])
    before = text[lo:f.start]
    if re.search(r"[从由]$", before):
        return first, first
    return (last, last) if _CHANGED_TO.search(before) else None


_DATED_CHANGE = re.compile(rf"[从由]({_Y})年(?:底|末|初)?的[^，,；;。]*?(?:到|至|为)({_Y})年(?:底|末|初)?的")
_FORMER = re.compile(r"[由从]原[^，,；;。]*$")
_CHANGED_AFTER = re.compile(r"[^，,；;。]*?(?:增加|提高|扩大|调整|减少|提升|增)(?:到|至|为)")
_CHANGED_TO = re.compile(r"[从由][^，,；;。]*\d[^，,；;。]*?(?:到|至|为)$")


def ratio_base(article: Article, lo: int, hi: int, start: int) -> bool:
    """The year at text[lo:hi] is what the ratio at start compares with: 是2019年吸纳人数的96.91%."""
    text = article.text
    return text[lo - 1:lo] in ("是", "为") and "的" in text[hi:start] and \
        not re.search(r"[，,；;。]", text[hi:start]) and is_ratio_at(article, start)


def base_of_a_ratio(article: Article, lo: int, hi: int, start: int) -> bool:
    """The year at text[lo:hi] is the base of a ratio its clause goes on to, at or before start
    (是去年外出务工人数的116.2%，较3月19日提高38.6个百分点): no period of the figures from the ratio on;
    what lies between (是2019年吸纳人数(816.86万人)的) is that year's."""
    of = _BASE_OF.match(article.text, hi)
    return article.text[lo - 1:lo] in ("是", "为") and of is not None and of.end() <= start and \
        is_ratio_at(article, of.end())


_BASE_OF = re.compile(r"[^，,；;。]{0,16}?的")


def is_ratio_at(article: Article, start: int) -> bool:
    """The quantity at start is a ratio (是2018年的8倍 compares; 2014年的3200元 is dated)."""
    m = re.compile(NUMBER_PATTERN + rf"(?P<cls>{article.lex.classifier_pattern})?").match(article.text, start)
    return m is None or article.lex.unit_of_classifier(m["cls"] or "") in RATIO_UNITS
