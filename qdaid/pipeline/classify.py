"""What a figure counts (metric and label, from the lexicon's keywords) and when (its period,
from the years, ranges and "since" phrases before it in its sentence).
"""

from __future__ import annotations

import bisect
import re
import weakref
from typing import TYPE_CHECKING

from ..model import DURATION_UNITS, RANK_UNITS, RATIO_UNITS
from . import bodynames
from . import text as tx
from .changes import RANGE_RE as _RANGE_RE
from .changes import base_of_a_ratio, end_of_change, parallel_change, ratio_base
from .now import as_of_year, notice_year, now_period
from .numbers import parse_quantity

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_Y = tx.YEAR
_LIST_RE = re.compile(rf"({_Y})\s?年、\s?({_Y})\s?年")
# 五年来, 近5年以来, 七年奋战, 3年累计; 近三年, (a clause of its own): the last N years to the report
_RELATIVE_RE = re.compile(r"(近)?([零一二两三四五六七八九十\d]+)年(?:多)?(?:来|以来|奋战|累计)"
                          r"|(?:近|过去)(?P<recent>[零一二两三四五六七八九十\d]+)年(?=[，,里中间])")
_ANAPHORIC_SINCE_RE = re.compile(r"自[^，,。！？\d年]{1,15}?以来")
_MONTH_RE = re.compile(r"(?<![年\d.])(?:1[0-2]|[1-9])月(?:份)?")
_SINCE_RE = re.compile(r"以来|至今")
_AFTER_THEN = re.compile(r"后[，,]|目前|迄今")
_LATER_YEAR_RE = re.compile(rf"(?<!\d){_Y}\s?年")
_SPAN_RE = re.compile(r"([一二两三四五六七八九十\d]+)年间")
# 新华社兰州2021年1月5日电, 2021年3月1日讯: the dispatch's date, which dates the article, not a figure
_DATELINE_RE = re.compile(rf"{_Y}\s?年\d{{1,2}}月\d{{1,2}}日(?:讯|电)")


def metric(article: Article, f: Figure, figures: list[Figure]) -> tuple[str, str]:
    """The nearest strong keyword that fits the unit (this clause first, then earlier in the
    sentence); else a weak one; a ratio takes the metric of the figure before it; else what the
    unit counts."""
    text, s, lex = bodynames.unnamed(article), f.sentence, article.lex  # 挂职干部工作组帮助…就业: a name's words count nothing
    c_start, c_end = article.clause(f.start, f.end, s)
    before = lex.keywords_in(text, c_start, f.start)[::-1]
    after = lex.keywords_in(text, f.end, c_end)
    earlier = lex.keywords_in(text, max(s.start, c_start - tx.REACH), c_start)[::-1]
    for hits in (before, after):
        for hit in hits:
            if not lex.is_weak(hit.word) and (found := lex.metric_for(hit.word, f.unit)):
                return _refine(article, found, hit.word, f, c_end)
    for hit in before + after:  # a weak word of its own clause (带动3万名…增收) before a strong one of the last
        if found := lex.metric_for(hit.word, f.unit, strong=False):
            return found, hit.word
    for hit in earlier:
        if not lex.is_weak(hit.word) and (found := lex.metric_for(hit.word, f.unit)):
            return _refine(article, found, hit.word, f, c_end)
    if f.unit in RATIO_UNITS:  # a ratio of the figure before it
        prior = [g for g in _in_sentence(figures, s) if g.end <= f.start and g.unit not in RATIO_UNITS]
        if prior and prior[-1].metric:
            return prior[-1].metric, prior[-1].label
    # No keyword: the metric is what the unit counts, labelled by the noun that gave the unit.
    nouns = [n for n in lex.nouns_in(text, f.end, c_end) if lex.nouns[n.word] == f.unit]
    return lex.default_metric.get(f.unit, _plural(f.unit)), nouns[0].word if nouns else f.raw


def _plural(unit: str) -> str:
    """The metric a unit with no keyword and no default counts: box → boxes, cubic_metre → cubic_metres."""
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    return unit + "s"


def _in_sentence(figures: list[Figure], s: tx.Sentence) -> list[Figure]:
    """The figures of sentence s (figures are in text order: a binary search finds them)."""
    starts = [g.start for g in figures]
    return figures[bisect.bisect_left(starts, s.start):bisect.bisect_left(starts, s.end)]


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


_YEAR_TO_DATE = re.compile(rf"(?:{_Y}年|今年)(?:以来)?[，,]?截[至止]目前")


def kind(article: Article, f: Figure) -> str:
    """amount, unless the unit says ratio, duration or rank, or a word before the figure in its
    clause makes it a yearly rate (每年, 年均) or the size of a stock at a time (扩大到, 目前)."""
    if f.unit in RATIO_UNITS:
        return "ratio"
    if f.unit in DURATION_UNITS:
        return "duration"
    if f.unit in RANK_UNITS:
        return "rank"
    before = article.text[article.clause(f.start, f.end, f.sentence)[0]:f.start]
    if any(word in before for word in article.lex.per_year_markers):
        return "per_year"
    before = _YEAR_TO_DATE.sub("", before)  # 2019年截至目前已投入23亿元: that year's so far, an amount, no stock
    opening = article.text[f.sentence.start:article.clause(f.sentence.start, f.sentence.start, f.sentence)[1]]
    if any(word in before for word in article.lex.state_markers) or before.endswith("从") or \
            opening.strip() in article.lex.state_markers:
        return "state"  # 扩大到800个; 从20个 (the size the stock grew from); 目前,… (the whole sentence)
    return "amount"


def period(article: Article, f: Figure, figures: list[Figure]) -> tuple[tuple[int | None, int | None], bool]:
    """The period the text gives the figure, and whether it is its paragraph's (framed): the
    nearest one stated before it in its sentence; else, for a sentence that breaks down the one
    before it (其中…), that sentence's period; else the period an earlier sentence of the
    paragraph opens with (its frame; a duration has none)."""
    if f.unit in DURATION_UNITS and article.text[max(0, f.start - 2):f.start].endswith(("此前", "之前", "以前")):
        return (None, None), False  # 过去三年…是此前20年的2.6倍: the 20 years before the period, not in it
    found = end_of_change(article, f, stated_period(article, f.sentence, f.start, f.end))
    if found[0] is None and article.text[f.sentence.start:f.sentence.end].lstrip().startswith("其中"):
        before = [s for s in article.sentences_in[f.sentence.paragraph.index] if s.end <= f.sentence.start]
        if before:  # the period of the total broken down: its last amount's (是去年的107.52% compares)
            totals = [g.start for g in _in_sentence(figures, before[-1]) if g.unit not in RATIO_UNITS]
            at = totals[-1] if totals else before[-1].end
            return stated_period(article, before[-1], at, at), False
    if found[0] is None and (pair := parallel_change(article, f)):
        return pair, False  # 人口从2016年底的…减少到2018年底的…，发生率从10.3%降到4.6%: the same two years
    if found[0] is None and (award := _AWARD_OF_YEAR.match(article.text, f.end)):
        return (int(award[1]), int(award[1])), False  # 向长江等10人获得“2017年…奋进奖”: that year's award
    if found[0] is None and (now := now_period(article, f)):
        return now, False  # 此次…共有25人获奖: the reported event's, in the article's year
    if found[0] is None and f.unit not in DURATION_UNITS and (framed := _frame(article, f.sentence, figures)):
        return framed, True
    if found[0] is None and f.sentence.paragraph.index == 1:
        return _title_span(article, f) or found, False
    if found[0] is None and (notice := notice_year(article, f)):
        return notice, False  # …2018年…资金分配情况公告: what the notice allots is of that year
    if found[0] is None and (as_of := as_of_year(article, f)):
        return as_of, False  # 截至6月底，… opening the report: its figures are of this year's June
    return found, False


_AWARD_OF_YEAR = re.compile(rf"(?:获得|荣获|获)[“\"「]?({_Y})\s?年度?[^，,。；;]{{0,20}}?(?:奖|称号|表彰)")
# 据了解, 据统计, 央视网消息：记者从农业农村部了解到: who says it, not what
_LEAD_IN_RE = re.compile(r"\s*(?:据[^，,：:]{1,4}|记者[^，,：:。]{0,20}?(?:了解到|获悉|得知)|[^，,：:。]{1,8}消息)")
# 在产业合作方面，… 二是…: a paragraph that goes on with the next item of what the one before began
_CONTINUES_RE = re.compile(r"\s*(?:在[^，,。；;]{1,10}方面|[一二三四五六七八九十]是|其[一二三四五六七八九十][，,、]"
                           r"|首先|其次|再次)")


def _opening_period(article: Article, s: tx.Sentence, figures: list[Figure]) -> tuple[int, int] | None:
    """The period sentence s opens with: one stated in its first clause (after a lead-in, 据了解),
    a clause that holds no figure but a duration (结对帮扶3年来, “十三五”期间, 今年的获奖者中)."""
    start, end = article.clause(s.start, s.start, s)
    for _ in range(2):  # 央视网消息：记者从…了解到，2023年，…: a source, then who told it
        if _LEAD_IN_RE.fullmatch(article.text, start, end) and end + 1 < s.end:
            start, end = article.clause(end + 1, end + 1, s)
    if any(start <= g.start < end and g.unit not in DURATION_UNITS for g in _in_sentence(figures, s)):
        return None
    if re.search(r"\d{1,2}月", article.text[start:end]):
        return None  # 2019年8月突患…: the date of an event, not a period that frames what follows
    found = stated_period(article, s, end, end)
    return found if found[0] is not None else None  # type: ignore[return-value]


def _frame(article: Article, s: tx.Sentence, figures: list[Figure]) -> tuple[int, int] | None:
    """The period that frames sentence s: the one the nearest earlier sentence of its paragraph
    opens with, while every sentence from there to s goes on with figures; a sentence with no
    figure (a heading: 全力开展抢险救灾。), one that states a period elsewhere, or one that
    turns to another matter (同时, 截至, 下一步 …) ends the frame."""
    if _breaks_frame(article, s) or stated_period(article, s, s.end, s.end)[0] is not None:
        return None  # 积极组织消费扶贫,…1个平台,…,2016年以来: a sentence that dates its own figures
    opening = _frame_before(article, s, figures)
    if opening is None and _CONTINUES_RE.match(article.text, s.paragraph.start) and _runs_from_start(article, s, figures):
        opening = _frame_of_paragraph(article, s.paragraph.index - 1, figures)
    # 2016年,两市结对。双方累计投入…: a running total is not that one past year's alone
    past_year = opening is not None and opening[0] == opening[1] != article.report_year
    running = any(word in article.text[s.start:s.end] for word in article.lex.cumulative_markers)
    return None if past_year and running else opening


# Per article: each sentence's index, and what the sentences before it found, so that a paragraph of
# many sentences is read back once, not once per figure (a frame is the same for every sentence of a run).
_CHAINS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _frame_before(article: Article, s: tx.Sentence, figures: list[Figure]) -> tuple[int, int] | None:
    """The period the run of sentences before s (back to the one that opens with it) gives."""
    if article not in _CHAINS:
        _CHAINS[article] = ({x.start: i for i, x in enumerate(article.sentences)}, {})
    index, found = _CHAINS[article]
    visited, result = [], None
    j = index[s.start] - 1
    while j >= 0 and article.sentences[j].paragraph.index == s.paragraph.index:
        x = article.sentences[j]
        if x.start in found:
            result = found[x.start]
            break
        visited.append(x.start)
        if opening := _opening_period(article, x, figures):
            result = opening if _opens_paragraph(article, x, figures) else None
            break
        if not _in_sentence(figures, x) or _breaks_frame(article, x) or \
                stated_period(article, x, x.end, x.end)[0] is not None:
            break
        j -= 1
    for start in visited:
        found[start] = result
    return result


def _runs_from_start(article: Article, s: tx.Sentence, figures: list[Figure]) -> bool:
    """Every sentence of s's paragraph before s goes on with figures, turning to nothing else."""
    return all(_in_sentence(figures, x) and not _breaks_frame(article, x)
               and stated_period(article, x, x.end, x.end)[0] is None
               for x in article.sentences_in[s.paragraph.index] if x.end <= s.start)


def _frame_of_paragraph(article: Article, index: int, figures: list[Figure]) -> tuple[int, int] | None:
    """The period paragraph `index` (1-based) opens with, or, for one that goes on with the
    paragraph before it (在…方面, 二是), the period that one opens with."""
    while index >= 1:
        sentences = article.sentences_in.get(index, [])
        opening = next((p for x in sentences[:2] if _opens_paragraph(article, x, figures)
                        and (p := _opening_period(article, x, figures))), None)
        if opening or not _CONTINUES_RE.match(article.text, article.paragraphs[index - 1].start):
            return opening
        index -= 1
    return None


def _opens_paragraph(article: Article, s: tx.Sentence, figures: list[Figure]) -> bool:
    """Whether s opens its paragraph: its first sentence, or the first after a heading of no figure
    (苦干实干，当好…“助推器”。2017年以来，…). A period opening a sentence further on, after sentences
    it does not date, may reach no further than its own sentence: it frames none after it."""
    sentences = article.sentences_in[s.paragraph.index]
    position = next(i for i, x in enumerate(sentences) if x.start == s.start)
    return position == 0 or (position == 1 and not _in_sentence(figures, sentences[0]))


def _breaks_frame(article: Article, s: tx.Sentence) -> bool:
    return article.text[s.start:s.end].lstrip().startswith(article.lex.frame_breaks)


def _title_span(article: Article, f: Figure) -> tuple[int, int] | None:
    """四年引进企业逾百家 in a title: the N years are the first range of N years the body names
    (2017年至2020年)."""
    n = re.search(r"([一二两三四五六七八九十\d]+)年(?![来以间])", article.text[f.sentence.start:f.start])
    if not n:
        return None
    years = int(n[1]) if n[1].isdigit() else int(parse_quantity(n[1]).value)
    spans = [(int(m[1]), int(m[2])) for m in _RANGE_RE.finditer(article.text, f.sentence.end)]
    return next((span for span in spans if span[1] - span[0] + 1 == years), None)


def stated_period(article: Article, s: tx.Sentence, start: int, end: int) -> tuple[int | None, int | None]:
    """The nearest period sentence s states before [start, end): a year, a range, 'since', N年来,
    a named period (十三五), an anaphoric 自…以来 or a month whose year an earlier sentence of the
    paragraph gives."""
    text, report_year, lex = article.text, article.report_year, article.lex
    candidates: list[tuple[int, tuple]] = []
    s_start = max(s.start, start - tx.REACH)
    for m in _RANGE_RE.finditer(text, s_start, start):
        candidates.append((m.start(), (int(m[1]), int(m[2]))))
    for m in _LIST_RE.finditer(text, s_start, start):
        candidates.append((m.start(), (int(m[1]), int(m[2]))))
    clause_start = article.clause(start, end, s)[0]
    candidates += _years_stated(article, s, start, end, s_start, candidates)
    candidates += _years_back(article, s, s_start, start)
    for m in _THIS_YEAR_RE.finditer(text, s_start, start):  # 今年以来, 去年: years counted back from the report's
        if ratio_base(article, m.start(), m.end(), start) or base_of_a_ratio(article, m.start(), m.end(), start):
            continue  # 是去年外出务工人数的116.2%: the year compared with, not the ratio's nor what follows
        if report_year and not text[max(0, m.start() - 2):m.start()].endswith(lex.comparison_markers):  # 比上年: a base
            year = report_year - _YEARS_BACK[m[1]]
            candidates.append((m.start(), (year, report_year if m[2] else year)))
    for m in lex.named_period_re.finditer(text, s_start, start):  # 十三五, 挂牌督战 … (one pass for them all)
        first, last = lex.named_periods[m[0]]
        since = "以来" in text[m.end():m.end() + 4]
        # “十四五”期间，拟安排…: a plan for the period takes the whole of it
        planned = lex.future_markers.search(text, m.end(), end) or "拟" in text[m.end():end]
        if report_year and first <= report_year < last and not planned:
            last = report_year  # 新冠肺炎疫情 told in 2020: to the report, not the period's later end
        candidates.append((m.start(), (first, report_year if since else last)))
    for m in _SPAN_RE.finditer(text, s_start, start):  # 2017年至2020年…。四年间: the four years just named
        if span := _span_named_before(article, s, m[1]):
            candidates.append((m.start(), span))
    earlier = _earlier_year(article, s)
    if earlier is not None:
        for m in _ANAPHORIC_SINCE_RE.finditer(text, s_start, start):
            began = _year_of_event(article, s, m.group()[1:-2])
            if began is None and tx.YEAR_RE.search(text, s.paragraph.start, s.start):
                began = earlier  # a year said just before, in the paragraph; not one of another topic
            if began is not None:
                candidates.append((m.start(), (began, report_year)))  # 自签订协议以来: since that year
        if not tx.YEAR_RE.search(text, s_start, start):
            for m in _MONTH_RE.finditer(text, s_start, start):
                candidates.append((m.start(), (earlier, earlier)))  # 8月份…: the year said before
        for m in _SAME_YEAR_RE.finditer(text, s_start, start):  # 2020年,…。同年,…: that year
            candidates.append((m.start(), (earlier, earlier)))
    if lex.successive_markers.search(text, clause_start, start):
        # 2019年…迈入“好”等次,先后获得表扬性批示65次: gathered over time, not in an earlier clause's
        # years; a period to the report still holds it (自2016年10月…以来,青岛先后选派2批35名干部)
        candidates = [c for c in candidates if c[0] >= clause_start or c[1][1] in (report_year, None)]
    if not candidates:
        return None, None
    return max(candidates, key=lambda c: c[0])[1]


_SAME_YEAR_RE = re.compile(r"同年|是年")
_NEXT_ITEM = re.compile(r"[^，,；;。：:]{0,10}?\d[^，,；;。：:]{0,10}?[、和及]")  # a figure of a list, then 、/和
_YEARS_BACK = {"今年": 0, "本年度": 0, "去年": 1, "上年": 1, "前年": 2}
_THIS_YEAR_RE = re.compile(r"(今年|本年度|去年|上年|前年)(以来)?")


def _years_stated(article: Article, s: tx.Sentence, start: int, end: int, s_start: int,
                  candidates: list[tuple[int, tuple]]) -> list[tuple[int, tuple]]:
    """stated_period's single years before [start, end) (candidates: the ranges and lists found
    already), each as (where, (first, last)): a year, or a year and 以来 (to the report's year)."""
    text, report_year, lex = article.text, article.report_year, article.lex
    clause_start = article.clause(start, end, s)[0]
    found: list[tuple[int, tuple]] = []
    for m in tx.YEAR_RE.finditer(text, s_start, start):
        if any(c[0] <= m.start() < c[0] + 16 and c[1][0] != c[1][1] for c in (*candidates, *found)):
            continue  # part of a range or list already taken
        if _DATELINE_RE.match(text, m.start()):
            continue  # the dateline's year: the report's date (a figure of that year says so itself)
        # 2017至2018年, 2017年、2018年: the end of a range (a year right before); 由2015年的…增加到2020年的 is not
        range_end = text[m.start() - 1:m.start()] in ("至", "、", "到") and text[m.start() - 2:m.start()] != "截至" \
            and re.search(r"\d\s?年?\s?$", text[max(0, m.start() - 8):m.start() - 1]) is not None
        if range_end or text[max(0, m.start() - 2):m.start()].endswith(lex.comparison_markers) \
                or ratio_base(article, m.start(), m.end(), start) or base_of_a_ratio(article, m.start(), m.end(), start):
            continue  # 2017至2018年: taken as a range; 较2015年增长: the base of a comparison (截至2020年 is a date)
        if text[m.start() - 1:m.start()] in ("从", "由") and m.start() < clause_start and \
                not text.startswith(("起", "开始", "以来"), m.end()):
            continue  # 从2016年底的4.8%降为零；带动…: the base of a change dates its own clause only (从2019年起: since)
        if text[max(0, m.start() - 2):m.start()].endswith(("截至", "截止", "到", "至")) and \
                any(word in text[m.end():end] for word in lex.cumulative_markers):
            continue  # 截至2020年底，…累计捐款1.25亿元: a running total up to then, since a year the text leaves unsaid
        if of := re.match(r"(?:底|末|初)?的", text[m.end():m.end() + 2]):  # 2014年的, 2016年底的
            at = m.end() + of.end()
            listed = _NEXT_ITEM.fullmatch(text, at, start) is not None  # 2017年的2000万元、6个项目: both that year's
            # 从2014年的3200元, 由2014年的23.5%: that figure's year (是2018年的8倍 compares: ratio_base)
            if (at == start or listed) and (of[0] != "的" or not ratio_base(article, m.start(), m.end(), at)):
                found.append((m.start(), (int(m[1]), int(m[1]))))
            continue  # 是2018年的8倍: a base of comparison, not the period
        # A date at the sentence's start, or standing alone as a clause (2020年1月,迎接…), dates the
        # clauses after it up to the end of its segment (；).
        alone = not text[article.clause(m.start(), m.end(), s)[0]:m.start()].strip() and \
            re.fullmatch(r"\d{1,2}月(?:\d{1,2}日)?\s*", text[m.end():article.clause(m.start(), m.end(), s)[1]]) is not None \
            and article.segment(m.start(), m.end(), s) == article.segment(start, end, s)
        initial = (m.start() - s.start < tx.REACH and not text[s.start:m.start()].strip()) or alone
        if (re.match(r"\d{1,2}月", text[m.end():m.end() + 3]) and m.start() < clause_start and not initial
                and not _SINCE_RE.search(text, m.end(), start)):
            continue  # …,2020年11月满分通过: the date of an event in another clause
        year = int(m[1])
        since = (_SINCE_RE.search(text, m.end(), start) or text[m.end():m.end() + 2].startswith(("起", "开始"))
                 or (text[m.start() - 1:m.start()] in ("自", "从") and _AFTER_THEN.search(text, m.end(), start))) \
            and not _LATER_YEAR_RE.search(text, m.end(), start)  # 自2007年…到达林芝后，目前已落实: since 2007
        found.append((m.start(), (year, report_year if since else year)))
    return found



def _years_back(article: Article, s: tx.Sentence, s_start: int, start: int) -> list[tuple[int, tuple]]:
    """stated_period's N年来 before start: the range of N years just named (1996年到2011年，福建16年累计
    援助…), the year of a 以来 it says again (2015年以来，…8年来), else N years back from the report."""
    text, report_year, found = article.text, article.report_year, []
    for m in _RELATIVE_RE.finditer(text, s_start, start):
        n = m[2] or m["recent"]
        if re.fullmatch(_Y, n):
            continue  # 1994年至2018年以来: a calendar year and since, not 2018 years back
        years = int(n) if n.isdigit() else int(parse_quantity(n).value)
        if span := _span_named_before(article, s, n, m.start()):
            found.append((m.start(), span))
        elif report_year and (since := _since_named_before(text, s.paragraph.start, m.start(), report_year, years)):
            found.append((m.start(), (since, report_year)))
        elif report_year:
            found.append((m.start(), (report_year - years, report_year)))
    return found


def _since_named_before(text: str, lo: int, hi: int, report_year: int, years: int) -> int | None:
    """The year of a YEAR年以来 in text[lo:hi] (the paragraph before N年来) that N年来 (years) says again,
    counted either way (2015年以来 in a report of 2022: 7 or 8 years)."""
    said = [int(m[1]) for m in _SINCE_YEAR_RE.finditer(text, lo, hi)]
    return said[-1] if said and report_year - said[-1] in (years - 1, years) else None


_SINCE_YEAR_RE = re.compile(rf"({_Y})年(?:\d{{1,2}}月)?以来")


def _span_named_before(article: Article, s: tx.Sentence, n: str, until: int | None = None) -> tuple[int, int] | None:
    """The last range of n years (both ends counted) stated earlier in the honoree's section (or,
    outside sections, the article), before sentence s or before `until` in it."""
    years = int(n) if n.isdigit() else int(parse_quantity(n).value)
    section = article.section_of(s.paragraph.index)
    first = article.paragraphs[section.first - 1].start if section else 0
    spans = [(int(m[1]), int(m[2])) for m in _RANGE_RE.finditer(article.text, first, until or s.start)]
    fitting = [span for span in spans if span[1] - span[0] + 1 == years]
    if not fitting and s.paragraph.index == 1:  # 福建16年累计援助… in a title: the body's range of 16 years
        fitting = [span for m in _RANGE_RE.finditer(article.text, s.end)
                   if (span := (int(m[1]), int(m[2])))[1] - span[0] + 1 == years][:1]
    return fitting[-1] if fitting else None


def _year_of_event(article: Article, s: tx.Sentence, words: str) -> int | None:
    """The year of the latest earlier sentence that tells of this event (自结对以来 → the sentence
    with 结对 and a year), within the section; None when none does."""
    # the event's last two characters (签订协议 → 协议, 扶贫协作开展 → 开展): any pair of its words
    # (东部, 扶贫) is in too many sentences of the genre to say which one tells of it
    pairs = {words[-2:]}
    section = article.section_of(s.paragraph.index)
    first = section.first if section else 0
    earlier_sentences = [x for index in range(s.paragraph.index, first - 1, -1)
                         for x in reversed(article.sentences_in.get(index, [])) if x.end <= s.start]
    for earlier in earlier_sentences:
        sentence = article.text[earlier.start:earlier.end]
        if any(pair in sentence for pair in pairs) and (year := tx.YEAR_RE.search(sentence)):
            return int(year[1])
    return None


def _earlier_year(article: Article, s: tx.Sentence) -> int | None:
    """The last calendar year named before this sentence in its honoree's section (or, outside
    sections, in the article): what 自…以来 and a month alone refer back to."""
    section = article.section_of(s.paragraph.index)
    first = article.paragraphs[section.first - 1].start if section else 0
    at = article.years_at
    i = bisect.bisect_left(at, (s.start,)) - 1  # the last year named before the sentence
    return at[i][1] if i >= 0 and at[i][0] >= first else None
