"""Events and programs: the dated milestones and named initiatives an article tells of.

Read from an Article (article.py) after its sections are known, so each is tied to its honoree
and, where the sentence names one, its region.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import text as tx
from .article import DATELINE_RE, STAMP_RE
from .gazetteer import slug
from .numbers import NUMBER_PATTERN
from .regions import region_of

if TYPE_CHECKING:
    from .article import Article

_DATE_RE = re.compile(rf"(?P<y>{tx.YEAR})\s?年(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日)?)?"
                      r"|(?<![\d年])(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日|今天|今日")


def events(article: Article) -> list[dict]:
    """Dated milestones: a date with its clause, unless the year only dates a figure (its period)."""
    records = []
    qty_re = re.compile(NUMBER_PATTERN + rf"(?:{article.lex.classifier_pattern})")
    for s in article.sentences:
        for m in _DATE_RE.finditer(article.text, s.start, s.end):
            if tx.inside(article.quoted, m.start(), m.end()):
                continue
            date, precision = _date(article, m)
            if date is None or article.text[m.end():m.end() + 1] in ("讯", "电", "生") or \
                    STAMP_RE.match(article.text, m.start()) or article.text.startswith("出生", m.end()):
                continue  # 2月25日讯: the dateline; 2017年09月14日 16:08: a page's stamp; 1959年1月生: a birth
            c_start, c_end = article.clause(m.start(), m.end(), s)
            if c_end - m.end() < 2 and c_end < s.end:  # "2020年," alone: its clause is the next one
                c_end = article.clause(c_end + 1, c_end + 1, s)[1]
            if precision == "year":
                after, before = article.text[m.end():m.end() + 2], article.text[m.start() - 1:m.start()]
                if after.startswith(("以来", "至今", "的", "、", "至")) or before in ("至", "、", "到"):
                    continue
                figures_at = [q for q in qty_re.finditer(article.text, m.end(), c_end)
                              if not tx.YEAR_RE.match(q.group())]
                if figures_at:
                    continue  # the year dates a figure: it is the figure's period
            g_start, g_end = article.segment(m.start(), m.end(), s)
            sec = article.section_of(s.paragraph.index)
            region, _ = region_of(article, m.start(), m.end(), s, sec, None)
            records.append({
                "id": f"{article.source_id}-e{m.start():05d}", "date": date, "precision": precision,
                "honoree": sec.honoree["id"] if sec else None, "region": region,
                "text": article.original[max(g_start, c_start, _after_space(article, s, m.start())):g_end].strip("；;。 "),
                "quote": article.quote(m.start(), m.end(), s),
                "source": article.source_id, "paragraph": s.paragraph.index,
                "start": m.start(), "end": m.end(),
            })
    return records

def _after_space(article: Article, s: tx.Sentence, at: int) -> int:
    """Where the words before a date begin: after a dateline such as 2月25日讯 and its space."""
    space = max(article.text.rfind(" ", s.start, at), article.text.rfind("\u3000", s.start, at))
    return space + 1 if space >= 0 else s.start

def _date(article: Article, m: re.Match) -> tuple[str | None, str]:
    if m.group() in ("今天", "今日"):
        return article.meta.get("date") or _assumed_day(article, None), "day"
    if m["y"]:
        year = m["y"]
        if m["d"]:
            return f"{year}-{int(m['m']):02d}-{int(m['d']):02d}", "day"
        if m["m"]:
            return f"{year}-{int(m['m']):02d}", "month"
        return year, "year"
    if article.dated_year:  # a day of the article's year
        return f"{article.dated_year}-{int(m['m2']):02d}-{int(m['d2']):02d}", "day"
    return _assumed_day(article, (int(m["m2"]), int(m["d2"]))), "day"


def _assumed_day(article: Article, day: tuple[int, int] | None) -> str | None:
    """A day without its year in an undated article: in the year the build took for it (and said
    so), or the year before when the day falls after the dateline's (a 11月5日 told on 2月25日 was
    last year's). 今天 (day None) is the dateline's own day. None without a year or, for 今天, a dateline."""
    if article.report_year is None:
        return None
    dateline = DATELINE_RE.search(article.text, 0, article.paragraphs[min(1, len(article.paragraphs) - 1)].end)
    told = (int(dateline[1]), int(dateline[2])) if dateline else None
    if (day or told) is None:
        return None
    month, date = day or told  # type: ignore[misc]
    year = article.report_year - (1 if told and day and day > told else 0)
    return f"{year}-{month:02d}-{date:02d}"

def programs(article: Article) -> list[dict]:
    """Named initiatives: quoted names ending in 模式/行动/体系 …, or such a name after 创建/实施 …"""
    nouns = tx.alternation(article.lex.program_nouns)
    verbs = tx.alternation(article.lex.program_verbs)
    spans: list[tuple[int, int]] = []
    for q in sorted(article.quoted, key=lambda q: q.start):
        if article.text[q.start] not in "“‘\"":
            continue
        inner_end = q.end - 1
        if re.search(rf"(?:{nouns})$", article.text[q.start + 1:inner_end]):
            spans.append((q.start, q.end))
        elif m := re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{nouns})").match(article.text, q.end):
            spans.append((q.start, m.end()))
        elif re.search(rf"(?:{verbs})$", article.text[max(0, q.start - 4):q.start]):
            spans.append((q.start, q.end))  # 打造“麻辣兔”: a quoted name right after a program verb
    for m in re.finditer(rf"(?:{verbs})(?P<name>[\u4e00-\u9fff]{{2,14}}?(?:{nouns}))", article.text):
        if not tx.inside(article.quoted, m.start("name"), m.end("name")):
            spans.append((m.start("name"), m.end("name")))
    # A span inside a longer one is part of that name: sorted by start then longest first, a span is
    # inside another when an earlier one reaches as far.
    spans = sorted(set(spans), key=lambda span: (span[0], -span[1]))
    outermost, reach = [], -1
    for start, end in spans:
        if reach < end:
            outermost.append((start, end))
        reach = max(reach, end)
    records, seen, taken = [], set(), []
    for start, end in outermost:
        name = article.original[start:end]
        key = re.sub(r"[“”‘’\"]", "", name)
        if key in seen:
            continue
        seen.add(key)
        s = article.sentence_at(start)
        sec = article.section_of(s.paragraph.index)
        region = _program_region(article, start, end, s, sec)
        pid = slug(re.sub(r"[^\u4e00-\u9fff0-9A-Za-z]", "", key))[:40] or "program"
        while pid in taken:
            pid += "-2"
        taken.append(pid)
        records.append({
            "id": pid, "name": name, "honoree": sec.honoree["id"] if sec else None,
            "region": region, "quote": article.quote(start, end, s),
            "source": article.source_id, "sources": [article.source_id],
            "paragraph": s.paragraph.index, "start": start, "end": end,
        })
    return records


def _program_region(article: Article, start: int, end: int, s: tx.Sentence, sec) -> str | None:
    """A program's place: one named in its name (镇宁模式) or just before it (新疆策勒县“辣椒扶贫模式”,
    在宁陕县实施的“…”); else its honoree's one partner (a model of the whole partnership); else none.
    A place named after it in the sentence is another program's."""
    c_start = article.clause(start, end, s)[0]
    near = [m for m in article.mentions if start <= m.start < end
            or (c_start <= m.start and m.end <= start and m.end >= start - 8
                and not any(q.start >= m.end and q.end <= start for q in article.quoted))]
    if near:
        return article.gaz.most_specific([m.region for m in near])[-1]
    if sec and len(sec.partners) == 1:
        return sec.partners[0]
    return None
