"""The names of bodies in an article (青岛赴陇南扶贫协作挂职干部工作组): their words name the body, and
say nothing of what a figure after them counts (1.4万多名贫困人口就业 is employment, not cadres).

A body's name is a collective honoree's name the article's sections know, or a run that opens
a clause (or follows 由, 被, 、, 和 …) with a place, or without one in at most 10 characters
(挂职干部工作组), and ends in a kind of body of two characters or more (工作组, 办公室, 领导小组 …),
with no verb of dispatch or aid inside it (青岛市选派工作队 is a sentence, not a name).
`unnamed(article)` is the text with those names blanked, for the reading of metric keywords
(classify.metric).
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from .text import alternation

if TYPE_CHECKING:
    from .article import Article

_OPENS = "，,。；;：:、\n（(“”由被和与及同向对是为"  # what may come right before a name
_LONGEST = 24  # characters from the place to the end of the kind of body
_NOT_IN_NAMES = ("帮助", "组织", "捐赠", "捐款", "投入", "引进", "带动", "销售", "采购")  # verbs, and the lexicon's of dispatch
_SHORT = 10  # characters of a name said without its place (挂职干部工作组, 就业服务中心)
_CLAUSE_WORDS = re.compile("[了着在向把将对给为从由]")  # a clause's words, in no short name
_BLANK = "\u3000"  # no keyword, noun or separator holds it
_UNNAMED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def unnamed(article: Article) -> str:
    """The article's text with the name of every body blanked, character for character."""
    if article not in _UNNAMED:
        chars = list(article.text)
        for start, end in names(article):
            chars[start:end] = _BLANK * (end - start)
        _UNNAMED[article] = "".join(chars)
    return _UNNAMED[article]


def names(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each body's name: the honorees' known names, and runs from a place that
    opens a clause to a kind of body."""
    text, lex = article.text, article.lex
    kinds = alternation([k for k in lex.org_kinds if len(k) > 1])
    body = re.compile(rf"[\u4e00-\u9fff]{{0,{_LONGEST}}}?(?:{kinds})(?![员长])")  # 工作队员, 组长: a person
    short = re.compile(rf"(?<=[{_OPENS}])[\u4e00-\u9fff]{{0,{_SHORT - 2}}}?(?:{kinds})(?![员长])")
    verbs = re.compile(alternation(_NOT_IN_NAMES))

    def named(lo: int, hi: int) -> bool:  # no verb of dispatch or aid between lo and hi
        return not (verbs.search(text, lo, hi) or lex.dispatch_verbs.search(text, lo, hi))

    found = [(span.start, span.end) for span in article.body_names]
    # 挂职干部工作组帮助…: a name said short, with no place (nor a clause's words: 组建了…工作队)
    found += [(m.start(), m.end()) for m in short.finditer(text)
              if named(m.start(), m.end()) and not _CLAUSE_WORDS.search(text, m.start(), m.end())]
    for place in article.mentions:
        if place.start and text[place.start - 1] not in _OPENS:
            continue
        if (m := body.match(text, place.end)) and named(place.end, m.end()):
            found.append((place.start, m.end()))
    return found
