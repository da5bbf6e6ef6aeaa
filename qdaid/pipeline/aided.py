"""Words that name the place aided. 援疆, 援藏, 进藏 name the province: a figure said with one
(投入援疆资金92亿元, 援藏干部达1504名, 全国对口援藏共实施项目807个) is of that province, or of the place
inside it its sentence named before it (西藏日喀则累计接受…援藏资金超过百亿元: 日喀则); the helpers named in
its clause (上海市, 黑龙江省, 全国) give it nothing. A count of places said with one (援藏四省市, 19个援疆
省市, 来自17个省市的…援藏干部) counts the helpers: no one place's. And 在X， opening a sentence names the
place the sentence is about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import text as tx
    from .article import Article


def aided_place(article: Article, s: tx.Sentence, start: int, clause_regions: list[str]) -> str | None:
    """The place an aid word in the figure's clause gives it (or one in a clause before, in its segment,
    when the sentence names no place inside the aided province); None when there is none, or when its
    clause names a place inside the aided province (the usual rules)."""
    gaz, lex = article.gaz, article.lex
    clause_start, clause_end = article.clause(start, start, s)
    word = lex.aid_word_re.search(article.text, clause_start, clause_end)
    earlier = word is None  # 全国对口援藏共实施援藏项目807个，完成投资402亿元: said in a clause before
    word = word or lex.aid_word_re.search(article.text, article.segment(start, start, s)[0], clause_start)
    if word is None:
        return None
    province = lex.aided_by_word[word[0]]
    inside = {province, *gaz.descendants(province)}
    if any(r in inside for r in clause_regions):
        return None
    named = gaz.most_specific([m.region for m in article.mentions_in(s.start, start) if m.region in inside])
    if earlier and named:
        return None  # 在江苏援藏的支持下，这里成为西藏有名的园区，入驻300多家企业: the usual rules (这里)
    return named[-1] if named else province


def counts_helpers(article: Article, start: int, end: int, s: tx.Sentence) -> bool:
    """A count of places right after or right before an aid word (援藏四省市, 19个援疆省市, 17个对口援藏
    省市), or in a clause of one that names no place holding them (来自17个省市的…援藏干部)."""
    text, lex = article.text, article.lex
    clause_start, clause_end = article.clause(start, end, s)
    return bool(lex.aid_word_re.match(text, end) or lex.aid_word_re.match(text, end + 2) or
                lex.aid_word_re.search(text, max(clause_start, start - 4), start) or
                lex.aid_word_re.search(text, clause_start, clause_end))


def opening_place(article: Article, s: tx.Sentence, start: int, clause_regions: list[str]) -> str | None:
    """在恩施州，杭州投入的3.88亿元中有1.4亿元用在了巴东…: a sentence that opens with 在 and a place, a
    clause of its own, is about that place: a figure after it whose clause names only helpers or
    places inside it is that place's (or the place inside it right after 在, 向, 到 or 为)."""
    text, gaz = article.text, article.gaz
    lo, hi = article.clause(s.start, s.start, s)
    opening = text[lo:hi].strip()
    named = article.mentions_in(lo, hi)
    if not opening.startswith("在") or start < hi or not named or \
            opening != "在" + "".join(text[m.start:m.end] for m in named):
        return None
    place = gaz.most_specific([m.region for m in named])[-1]
    inside = {place, *gaz.descendants(place)}
    if any(r not in inside and not gaz.is_nation(r) and gaz.province(r) not in article.helper_provinces
           for r in clause_regions):
        return None  # 在恩施州，…黔东南投入…: another place the figure's clause is of
    return place
