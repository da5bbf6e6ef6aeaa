"""Counts of places (7个县, 4市, 这5个县区) and the place that holds them: the one named right before the
count (甘肃省7个县), the one that holds the places a 这 refers back to, or none (a list the count
restates, a side of the country, the helpers, both partners).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .aided import counts_helpers
from .numbers import parse_quantity

if TYPE_CHECKING:
    from . import text as tx
    from .article import Article


_REFERRING = ("这", "这些", "上述", "以上", "前述")  # 这5个县区: the places just named
_LEVELS_OF_UNIT = {"county": ("county",), "district": ("county",), "city": ("prefecture", "county"),
                   "province": ("province",)}


def referred_parent(article: Article, start: int, end: int, s: tx.Sentence, unit: str | None) -> str | None:
    """…批准定西市安定区、陇西县、渭源县、临洮县和漳县退出。这5个县区…: a count of places that refers back
    (这, 上述) is of the places of its level named last before it in the paragraph, and so of the
    lowest place that holds them all (定西); None when fewer are named or nothing holds them but the nation."""
    text, gaz = article.text, article.gaz
    number = re.match(r"\d+|[一二两三四五六七八九十]+", text[start:end])
    if unit not in _LEVELS_OF_UNIT or not number or not text[max(0, start - 2):start].endswith(_REFERRING):
        return None
    count = int(parse_quantity(number[0]).value)
    named = gaz.most_specific([m.region for m in article.mentions_in(s.paragraph.start, start)])
    fitting = [r for r in named if gaz.regions[r].level in _LEVELS_OF_UNIT[unit]][-count:]
    if count < 2 or len(fitting) < count:
        return None
    common = set.intersection(*({r, *gaz.ancestors(r)} for r in fitting))
    lowest = max(common, key=lambda r: len(gaz.ancestors(r)), default=None)
    return lowest if lowest and not gaz.is_nation(lowest) and lowest not in fitting else None


_SIDES = ("东部", "西部", "中部", "中西部", "东西部", "沿海")
_RANK = {"nation": 0, "province": 1, "prefecture": 2, "county": 3, "township": 4}
# 甘肃省7个县, 定西市所辖7个贫困县区, 陇南市达到9个: between the holder and its count, no verb but of a size
_HOLDS = re.compile(r"(?:剩余|其余|剩下)?(?:的|所辖|下辖|辖区?内?|全部|共有|共|已?有|已?达到?)?"
                    r"(?:贫困|深度贫困|脱贫|挂牌督战|重点|欠发达)?")


def holder_of_count(article: Article, clause: list, start: int, end: int, s: tx.Sentence,
                    unit: str) -> tuple[str | None, str] | None:
    """A count of places (7个县, 4市) is of the place named right before it that holds them (甘肃省7个县);
    of no one place when the place named last before it in its clause is of the level counted (青岛、
    烟台、威海、潍坊4市: the count restates the list) or is set apart from it by a verb (甘肃省引进4市的企业:
    the cities are not 甘肃's), or of a side of the country (东部4市). None, to look further, when its
    clause names no place before it."""
    if article.text[max(0, start - 3):start].endswith(_SIDES):
        return None, "none"  # 东部4市, 中西部22省: one side of the country, no one place's
    before = [m for m in clause if m.end <= start]
    both = article.lex.both_sides.search(article.text, article.clause(start, end, s)[0], start)
    if not before:  # 19个援疆省市: the helpers; 两州已有21个贫困县: of both
        return (None, "none") if counts_helpers(article, start, end, s) or both else None
    last, gaz = before[-1], article.gaz
    counted = min(_RANK[level] for level in _LEVELS_OF_UNIT[unit])
    if _RANK[gaz.regions[last.region].level] < counted and _HOLDS.fullmatch(article.text, last.end, start):
        return last.region, "explicit"
    # 黔东南州黎平县等七个贫困县: examples (places inside it, set aside as examples) between the place
    # that holds the group and its count
    at = last.end
    for m in article.mentions_in(last.end, start):
        at = m.end if m.start == at and last.region in gaz.ancestors(m.region) else at
    if at > last.end and article.text.startswith("等", at) and _HOLDS.fullmatch(article.text, at + 1, start) and \
            _RANK[gaz.regions[last.region].level] < counted:
        return last.region, "explicit"
    return None, "none"
