"""The article's own place: what 我市, 本县, 全省 (and 省扶贫办, 市财政局 opening a clause) refer to,
read from the places the title names, else the article.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from . import text as tx

if TYPE_CHECKING:
    from .article import Article

# 我市, 本县, 全省, 本地; 省扶贫办, 市财政局 opening a clause: the article's own province, city or county
_OWN = re.compile(r"(?:我|本|全)([市县区省州])|本(地)"
                  r"|(?:^|(?<=[，,。；;：:、\s]))([市县省州])(?=[\u4e00-\u9fff]{0,4}?(?:办|厅|局|政府))", re.M)
_OWN_LEVELS = {"市": ("prefecture", "municipality", "county"), "县": ("county",), "区": ("county",), "省": ("province",),
               "州": ("prefecture",), "地": ("county", "prefecture", "municipality", "province")}  # 本地: any level


def own_place(article: Article, lo: int, hi: int) -> str | None:
    """我市, 本县, 全市 … in a clause that names no place: the one place of that level the title names
    (盐城市4名个人…受表彰); a 市 is a county-level city only when the title names no prefecture. A
    title that names none of that level leaves it to the article: the one it names (a city paper's
    我市11名个人…受到表彰 and 这5年,是商洛…: 商洛). None when neither decides."""
    m = _OWN.search(article.text, lo, hi)
    if not m or tx.char_in(article.text[m.end():m.end() + 1], "委级场"):  # 全市场化, 本市级: not the place
        return None
    if article not in _OWN_NAMED:  # the places of each level the title names, then the whole article
        title = article.paragraphs[0] if article.paragraphs else tx.Span(0, 0)
        _OWN_NAMED[article] = [_by_level(article, lo, hi) for lo, hi in ((title.start, title.end), (0, len(article.text)))]
    for named in _OWN_NAMED[article]:
        for level in _OWN_LEVELS[m[1] or m[2] or m[3]]:
            of_level = named.get(level, set())
            if len(of_level) == 1:
                return next(iter(of_level))
            if of_level:
                return None
    return None


_OWN_NAMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _by_level(article: Article, lo: int, hi: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in article.mentions_in(lo, hi):
        region = article.gaz.regions[m.region]
        found.setdefault(region.level, set()).add(m.region)
        if region.level == "province" and region.name.endswith("市"):  # 重庆市: a city its paper calls 我市
            found.setdefault("municipality", set()).add(m.region)
    return found


_THAT = re.compile(r"该([市县省州区])")


def referred_place(article: Article, s: tx.Sentence, lo: int, hi: int) -> str | None:
    """该市, 该县 in text[lo:hi]: the place of that level its sentence is about, named first in it
    (东莞市对口帮扶河池市，该市11个镇: 东莞), else the one named last before the sentence."""
    m = next(reversed(list(_THAT.finditer(article.text, lo, hi))), None)
    if m is None:
        return None
    levels = _OWN_LEVELS[m[1]]
    of_level = [p.region for p in article.mentions_in(0, m.start()) if article.gaz.regions[p.region].level in levels]
    in_sentence = [p.region for p in article.mentions_in(s.start, m.start())
                   if article.gaz.regions[p.region].level in levels]
    return in_sentence[0] if in_sentence else (of_level[-1] if of_level else None)
