"""Quantities: a number (Arabic or Chinese, with 千/万/亿 and approximation words) followed by a
classifier, or a bare number before a noun that counts people. Numbers inside quotation marks,
idioms, calendar years, ordinals and slogans are not figures. The unit comes from the
classifier, or for 个/家/所/项 from the noun beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from . import text as tx
from .numbers import NUMBER_PATTERN, normalise, parse_quantity

if TYPE_CHECKING:
    from .article import Article
    from .sections import Section

_ZERO_RE = re.compile(r"(?:下降|降低|减少|降|减)(?:到|至|为)(零)")
_NEGATION = "未没不无"


@dataclass
class Figure:
    """A quantity found in the text, and what the later stages decide about it."""

    start: int
    end: int
    raw: str
    unit: str
    sentence: tx.Sentence
    value: int | Decimal = 0
    approx: str = "exact"
    metric: str = ""
    label: str = ""
    period: tuple[int | None, int | None] = (None, None)
    section: Section | None = None
    region: str | None = None
    region_basis: str = "none"
    part_of: Figure | None = field(default=None, repr=False)


def find_figures(article: Article) -> list[Figure]:
    """Every quantity of the article in text order, with its value, approximation and unit."""
    text = article.text
    qty_re = re.compile(NUMBER_PATTERN + rf"(?P<cls>{article.lex.classifier_pattern})?(?P<tail>以上|左右)?")
    figures: list[Figure] = []
    for s in article.sentences:
        in_sentence: list[Figure] = []
        for m in qty_re.finditer(text, s.start, s.end):
            if m.end() > m.start() and (fig := _figure(article, m, s)):
                in_sentence.append(fig)
        for m in _ZERO_RE.finditer(text, s.start, s.end):
            before = [f for f in in_sentence if f.end <= m.start(1)]
            if before and not tx.inside(article.quoted, m.start(1), m.end(1)):
                # 下降到零: zero in the unit of the figure it falls from (20.84% → 0%)
                in_sentence.append(Figure(m.start(1), m.end(1), article.original[m.start(1):m.end(1)],
                                          before[-1].unit, s))
        figures += in_sentence
    figures.sort(key=lambda f: f.start)
    for f in figures:
        q = parse_quantity(f.raw)
        f.value, f.approx = normalise(q.value), q.approx
    return figures


def _figure(article: Article, m: re.Match, s: tx.Sentence) -> Figure | None:
    text, start, end = article.text, m.start(), m.end()
    number = m["arabic"] or m["chinese"]
    prev = text[start - 1] if start else ""
    if tx.inside(article.quoted, start, end) or any(i.start <= start < i.end for i in article.idioms):
        return None
    if prev in ("第", "初", "之") or prev in "+>=<＋" or text[end:end + 1] in "+>=<＋":
        return None  # 第一, 初四, 之一 are not counts; 1+1>2 is a slogan
    if m["chinese"] and number.startswith("一") and any(c in text[max(0, start - 3):start] for c in _NEGATION):
        return None  # 未休过一天假: "not a single day", not a count
    cls = m["cls"]
    if cls and text[end:end + 1] == "性":
        return None  # 一次性 is an adjective
    if cls == "年":
        if m["arabic"] and re.fullmatch(tx.YEAR, m["arabic"]) and not m["mult"]:
            return None  # a calendar year
        if re.match(r"多?(来|以来)", text[end:end + 3]):
            return None  # 五年来: a period, read by classify.period
    if cls:
        unit = article.lex.unit_of_classifier(cls) or _unit_from_noun(article, m, s, cls)
    elif m["chinese"] == "半" and text[end:end + 1] == "月":
        end, unit = end + 1, "month"
    elif m["chinese"] == "一半":
        unit = "percent"
    elif m["arabic"] and article.lex.people_noun_at(text, end):
        unit = "person"
    else:
        return None
    return Figure(start, end, article.original[start:end], unit, s)


def _unit_from_noun(article: Article, m: re.Match, s: tx.Sentence, cls: str) -> str:
    text, lex = article.text, article.lex
    clause_end = article.clause(m.start(), m.end(), s)[1]
    nxt = re.search(r"\d|[一二两三四五六七八九十]", text[m.end():clause_end])
    stop = m.end() + nxt.start() if nxt else clause_end
    after = lex.nouns_in(text, m.end(), stop)
    if after:
        return lex.nouns[after[0].word]
    before = lex.nouns_in(text, s.start, m.start())
    if before:
        return lex.nouns[before[-1].word]
    return lex.general[cls]
