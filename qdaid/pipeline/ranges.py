"""Numbers written as a range, and numbers that are no number.

A range (3至5万元, 3-5万元; two neighbouring numerals: 两三千人, 七八十户, 十五六万, 一两个月) says
the value lies between two ends. The model holds one value and an approximation, so a range is
held as what it proves: at least its lower end (`over`, as 以上). Its upper end is in the raw
text; a total counts the lower end and marks the total as a lower bound (≥), as it does 3万余.
A count of tens or hundreds without how many (几十万元, 数十亿元, 二十几个) is no figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from .numbers import _MULTS, ARABIC, CHINESE, NUMBER_PATTERN, NumberError, Quantity, normalise, parse_quantity

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

# Two neighbouring numerals (三五, "three or five", is a few too), after the tens of 十五六 or
# 二十七八, before the multipliers of 两三千 or 三四百万.
_PAIR = "一二|一两|两三|二三|三四|三五|四五|五六|六七|七八|八九"
_NEIGHBOURS = re.compile(rf"((?:[一二两三四五六七八九]?十)?)({_PAIR})([十百千万亿]*)")
_NUMBER = re.compile(NUMBER_PATTERN)
_TO = r"\s?(?:至|到|-|－|~|～|〜|—|–)\s?"
# 3至5万元, 3万至5万元, 三至五个: a lower end right before the figure; not 第1至3名 (ranks), not
# part of a longer number or date (2020.3-5, 1月3至5日)
_LOWER_END = re.compile(rf"(?<![\d.第年月日号:：])(?!0\d)(?:{ARABIC}\s?(?:{_MULTS})?|{CHINESE}){_TO}$")
_ARABIC_RANGE = re.compile(rf"(?P<low>{ARABIC})\s?(?P<mult>{_MULTS})?{_TO}(?P<high>{ARABIC})\s?(?P<shared>{_MULTS})?")
_CHINESE_RANGE = re.compile(r"(?P<low>[一二两三四五六七八九十])(?:至|到)(?P<high>[一二两三四五六七八九十])"
                            r"(?P<shared>[十百千万亿]*)")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# 几十万, 数十亿 (after 几 or 数, not after 人数: 人数十余人), 二十几个: how many tens, the text does not say
_VAGUE_BEFORE = "几数"
_NOT_VAGUE_BEFORE = "人户总次个件份项家村笔台"
_REACH = 24  # characters looked back for a range's lower end


def read_range(text: str) -> Quantity | None:
    """The quantity a range gives (its lower end, `over`), or None when text is no range.

    >>> read_range("两三千人")
    Quantity(value=Decimal('2000'), approx='over')
    >>> read_range("3至5万元")
    Quantity(value=Decimal('30000'), approx='over')
    """
    number = _NUMBER.match(text)
    if number and number["chinese"] and (pair := _NEIGHBOURS.fullmatch(number["chinese"])):
        low = pair[1] + pair[2][0] + pair[3]  # 两三千 → 两千, 十五六 → 十五
        return Quantity(parse_quantity(text[:number.start("chinese")] + low + text[number.end("chinese"):]).value,
                        "over")
    m = _ARABIC_RANGE.match(text) or _CHINESE_RANGE.match(text)
    rest = text[m.end():] if m else ""  # 元, 个: what both ends count, as the multiplier (万) the low end may lack
    if not m or (rest.startswith("年") and _YEAR.fullmatch(m["low"])):
        return None  # 2017-2020年: years
    low = parse_quantity(m["low"] + (m.groupdict().get("mult") or m["shared"] or "") + rest).value
    high = parse_quantity(m["high"] + (m["shared"] or "") + rest).value
    return Quantity(low, "over") if Decimal(0) < low < high else None


def read_ranges(article: Article, figures: list[Figure]) -> list[Figure]:
    """The figures with each range read whole (3至5万元 was 5万元; 3万至5万元 two figures) and
    the counts of no number (几十万元) left out."""
    text, dropped = article.text, set()
    for f in figures:
        if id(f) in dropped:
            continue
        if _vague(text, f):
            dropped.add(id(f))
            continue
        m = _LOWER_END.search(text, max(f.sentence.start, f.start - _REACH), f.start)
        if m is None or (ranged := _quantity(text[m.start():f.end])) is None:
            continue
        dropped |= {id(g) for g in figures if g is not f and m.start() <= g.start < f.start}  # 3万 of 3万至5万元
        f.start, f.raw = m.start(), article.original[m.start():f.end]
        f.value, f.approx = normalise(ranged.value), ranged.approx
    return [f for f in figures if id(f) not in dropped]


def _quantity(raw: str) -> Quantity | None:
    try:
        return read_range(raw)
    except NumberError:
        return None


def _vague(text: str, f: Figure) -> bool:
    """几十万元, 数十亿元, 数百余名 (the figure read 十万元, 十亿元, 百余名), 20几人: no number is said."""
    before = text[f.start - 1:f.start] if f.start else ""
    if before and before in _VAGUE_BEFORE and text[f.start:f.start + 1] in "十百千万亿":  # 几十万, 数百余名
        return text[f.start - 2:f.start - 1] not in _NOT_VAGUE_BEFORE or before == "几"
    return text[f.end:f.end + 1] == "几"
