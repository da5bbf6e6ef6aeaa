"""What a figure counts (metric and label, from the lexicon's keywords) and when (its period,
from the years, ranges and "since" phrases before it in its sentence).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import RATIO_UNITS
from . import text as tx
from .numbers import parse_quantity

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_Y = tx.YEAR
_RANGE_RE = re.compile(rf"({_Y})\s?年?\s?(?:至|到|—|－|-|~)\s?({_Y})\s?年")
_LIST_RE = re.compile(rf"({_Y})\s?年、\s?({_Y})\s?年")
_RELATIVE_RE = re.compile(r"(近)?([零一二两三四五六七八九十\d]+)年(?:多)?(?:来|以来)")
_SINCE_RE = re.compile(r"以来|至今")
_LATER_YEAR_RE = re.compile(rf"(?<!\d){_Y}\s?年")


def metric(article: Article, f: Figure, figures: list[Figure]) -> tuple[str, str]:
    """The nearest strong keyword that fits the unit (this clause first, then earlier in the
    sentence); else a weak one; a ratio takes the metric of the figure before it; else what the
    unit counts."""
    text, s, lex = article.text, f.sentence, article.lex
    c_start, c_end = article.clause(f.start, f.end, s)
    before = lex.keywords_in(text, c_start, f.start)[::-1]
    after = lex.keywords_in(text, f.end, c_end)
    earlier = lex.keywords_in(text, s.start, c_start)[::-1]
    for hits in (before, after, earlier):
        for hit in hits:
            if not lex.is_weak(hit.word) and (found := lex.metric_for(hit.word, f.unit)):
                return _refine(article, found, hit.word, f, c_end)
    for hit in before + after:
        if found := lex.metric_for(hit.word, f.unit, strong=False):
            return found, hit.word
    if f.unit in RATIO_UNITS:  # a ratio of the figure before it
        prior = [g for g in figures if g.sentence == s and g.end <= f.start and g.unit not in RATIO_UNITS]
        if prior and prior[-1].metric:
            return prior[-1].metric, prior[-1].label
    # No keyword: the metric is what the unit counts, labelled by the noun that gave the unit.
    nouns = [n for n in lex.nouns_in(text, f.end, c_end) if lex.nouns[n.word] == f.unit]
    return lex.default_metric.get(f.unit, f.unit + "s"), nouns[0].word if nouns else f.raw


def _refine(article: Article, found: str, label: str, f: Figure, clause_end: int) -> tuple[str, str]:
    """专业技术人才360名 after 选派挂职干部42名、: the noun of the figure's own list item decides."""
    text, rules = article.text, article.lex.refine.get(found, {})
    item_start = max(text.rfind(c, f.sentence.start, f.start) for c in "、，,；;：:")
    for noun, refined in rules.get("before", {}).items():
        if noun in text[max(item_start, f.sentence.start):f.start]:
            return refined, noun
    for noun, refined in rules.get("after", {}).items():
        if noun in text[f.end:clause_end]:
            return refined, label
    return found, label


def period(article: Article, f: Figure) -> tuple[int | None, int | None]:
    """The nearest period the sentence states before the figure: a year, a range, or 'since'."""
    text, s, report_year = article.text, f.sentence, article.report_year
    candidates: list[tuple[int, tuple]] = []
    for m in _RANGE_RE.finditer(text, s.start, f.start):
        candidates.append((m.start(), (int(m[1]), int(m[2]))))
    for m in _LIST_RE.finditer(text, s.start, f.start):
        candidates.append((m.start(), (int(m[1]), int(m[2]))))
    clause_start = article.clause(f.start, f.end, s)[0]
    for m in tx.YEAR_RE.finditer(text, s.start, f.start):
        if any(c[0] <= m.start() < c[0] + 16 and c[1][0] != c[1][1] for c in candidates):
            continue  # part of a range or list already taken
        if text[m.end():m.end() + 1] == "的" or text[m.start() - 1:m.start()] in ("至", "、", "到"):
            continue  # 是2018年的8倍: a base of comparison, not the period
        if (re.match(r"\d{1,2}月", text[m.end():m.end() + 3]) and m.start() < clause_start
                and not _SINCE_RE.search(text, m.end(), f.start)):
            continue  # 2020年11月满分通过: the date of an event in another clause
        year = int(m[1])
        since = _SINCE_RE.search(text, m.end(), f.start) and not _LATER_YEAR_RE.search(text, m.end(), f.start)
        candidates.append((m.start(), (year, report_year if since else year)))
    for m in _RELATIVE_RE.finditer(text, s.start, f.start):
        n = m[2]
        years = int(n) if n.isdigit() else int(parse_quantity(n).value)
        if report_year:
            candidates.append((m.start(), (report_year - years, report_year)))
    for name, (first, last) in article.lex.named_periods.items():
        for m in re.finditer(re.escape(name), text[s.start:f.start]):
            since = "以来" in text[s.start + m.end():s.start + m.end() + 4]
            candidates.append((s.start + m.start(), (first, report_year if since else last)))
    if not candidates:
        return None, None
    return max(candidates, key=lambda c: c[0])[1]
