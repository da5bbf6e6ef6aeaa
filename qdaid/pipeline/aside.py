"""Figures a total must set aside though they count money or people: a plan or a target
(计划销售10亿元, 预计带动5万人: not done), a change from a base (较上年增加2.1亿元: the difference of
two years' figures, not aid given) and an average per person or household (人均增收1500元).

The words are data (the `kinds` table of qdaid/vocabulary/lexicon.json: plan, change_bases,
change_verbs, growth, per_head). Each takes a kind that never adds (model.KINDS outside
ADDING_KINDS): plan, change, and ratio for an amount per head (AS_KIND below).
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING

from ..model import ADDING_KINDS
from .text import alternation

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

# A plan (not done) and a change from a base (a difference of two figures) have kinds of their own;
# an amount per head compares figures, as 增长20% and 2倍 do (ratio).
AS_KIND = {"plan": "plan", "change": "change", "per_head": "ratio"}
# 按计划完成, 超额完成目标, 实现目标: a plan done, said of what was done
_DONE = re.compile(r"完成|实现|超额|按|达到|达成|落实")
_ITEM_BREAK = re.compile(r"[、（()）]")


def kind(article: Article, f: Figure, found: str) -> str:
    """found (classify.kind), or the kind of a plan, a change or an amount per head when the
    figure's clause says it is one (AS_KIND). A kind that never adds stays, and so does a state
    but of a plan (人均收入…增加到9800元: the latest size, which a total does not add to earlier ones)."""
    if found not in ADDING_KINDS:
        return found
    before = article.text[article.clause(f.start, f.end, f.sentence)[0]:f.start]
    words = _Words.of(article)
    if found == "amount" and words.per_head.search(before):
        return AS_KIND["per_head"]  # 贫困户人均增收1500元
    if found == "amount" and (words.change.search(before) or words.growth.search(before)):
        return AS_KIND["change"]  # 较上年增加2.1亿元, 同比增长, 收入增长3000元
    plan = [m for m in words.plan.finditer(before) if not _DONE.search(before, 0, m.start())
            and not _ITEM_BREAK.search(before, m.end())]
    return AS_KIND["plan"] if plan else found  # 计划销售10亿元; not 拟表彰对象(含追授61人)、1501个


class _Words:
    """The kinds table's words, compiled once per lexicon."""

    _made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def __init__(self, table: dict):
        self.plan = re.compile(alternation(table["plan"]))
        self.per_head = re.compile(alternation(table["per_head"]))
        # 较上年增加, 比2019年多销售, 同比增长: a base, then a verb of change, no other number between
        bases = rf"(?:{alternation(table['change_bases'])}|(?:19|20)\d{{2}}年[底末初]?)"
        self.change = re.compile(rf"(?:同比|环比|(?:较|比){bases})[^\d，,；;。]{{0,12}}?(?:{alternation(table['change_verbs'])})"
                                 r"[^\d，,；;。]{0,12}$")
        self.growth = re.compile(rf"(?:{alternation(table['growth'])})[了达近约]?$")

    @classmethod
    def of(cls, article: Article) -> _Words:
        if article.lex not in cls._made:
            cls._made[article.lex] = cls(article.lex.kinds)
        return cls._made[article.lex]
