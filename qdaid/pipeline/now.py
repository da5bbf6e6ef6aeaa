"""The time an article is of, for a figure the text gives none: the event a dated article reports
(a sentence that dates the figure by the report's own days: 此次, 现场, 日前, 今(28)日, 启动首日, or
5月14日 with no year, 截至目前, a count honoured: 11名个人受到表彰) happened in the article's year; a
notice (…公告, …公示) is of the one year its title names (江苏省追加2018年…资金分配情况公告: every sum it
allots is of 2018's); a report whose lead opens as of a month (截至6月底，…) is of that month's year
throughout, for every figure the text gives no period.

Only the figure's own sentence counts for the event, and only when the text states no period for
it: a year said before the word in the sentence (2019年5月1日…当天) dates what follows it, not the report.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import DURATION_UNITS
from .text import YEAR_RE

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

# 节日前 is before a festival, not 日前 (a few days ago); 现场 as the place of the event: opening a
# clause (现场气氛热烈，…) or of an event named before it (活动现场); 现场观摩, 现场会 name a kind of
# visit or meeting, of any time
_NOW = re.compile(r"此次|本次|这次|今天|今日|今[(（]\d{1,2}[)）]日|当天|当日|(?<![节生假])日前|近日|昨天|昨日|首日"
                  r"|(?:^|(?<=[，,。；;：:\s])|(?<=活动))现场|截[至止]目前|到目前为止")
_TILL, _MONTH = r"(?:截[至止]|到)", r"(1[0-2]|[1-9])月"  # 截至6月底, 截至9月30日: as of a month
_DAY = re.compile(rf"(?<![年\d.]){_MONTH}[1-3]?\d日|{_TILL}{_MONTH}(?:底|末|份|中旬|下旬)?")
# 11名个人和8个集体受到表彰: being honoured is the reported event (not when gathered over the years: 先后, 累计)
_HONOURED = re.compile(r"受到?[^，,。；;]{0,8}表彰|获[^，,。；;]{0,12}表彰|被授予|荣获")
_OVER_YEARS = re.compile(r"先后|累计|历年|多年来|共有")
_CEREMONY = re.compile(r"大会|会议|仪式|典礼|\d{1,2}日")


def now_period(article: Article, f: Figure) -> tuple[int, int] | None:
    """The article's year for a figure whose sentence tells of the reported event before it; a
    day of a month later than the article's (12月28日 in a report of January) is of the year before."""
    year = article.dated_year
    if year is None or f.unit in DURATION_UNITS:
        return None
    text, lo = article.text, f.sentence.start
    if YEAR_RE.search(text, lo, f.start):
        return None
    if _NOW.search(text[lo:f.start]) or _honoured_now(article, f):
        return year, year
    day = _DAY.search(text, lo, f.start)
    return None if day is None else _year_of_month(article, year, int(day[1] or day[2]))


def _year_of_month(article: Article, year: int, month: int) -> tuple[int, int]:
    """A month of no year in an article of `year`: a month later than the article's is last year's."""
    date = article.meta.get("date") or article.dateline or ""
    later = len(date) >= 7 and month > int(date[5:7])
    return (year - 1, year - 1) if later else (year, year)


def _honoured_now(article: Article, f: Figure) -> bool:
    """大会表彰了…，我市11名个人和8个集体受到表彰: honoured at the ceremony its paragraph tells of (大会,
    仪式, a day of a month before it); a title or a sentence that names no ceremony dates nothing."""
    clause_start, clause_end = article.clause(f.start, f.end, f.sentence)
    paragraph = f.sentence.paragraph
    return f.unit in ("person", "collective") and paragraph.index > 1 and \
        bool(_HONOURED.search(article.text, f.end, clause_end)) and \
        not _OVER_YEARS.search(article.text, clause_start, clause_end) and \
        bool(_CEREMONY.search(article.text, paragraph.start, f.start))


def as_of_year(article: Article, f: Figure) -> tuple[int, int] | None:
    """…获悉最新进展：截至9月30日，…: a dated report whose lead (the first paragraph after the title
    that is more than a date) tells its news as of a month of no year is of that month's year, for a
    figure that is no duration."""
    year = article.dated_year
    if year is None or f.unit in DURATION_UNITS:
        return None
    lead = next((p for p in article.paragraphs[1:3] if not _DATE_ONLY.fullmatch(article.text, p.start, p.end)), None)
    if lead is None:
        return None
    as_of = _AS_OF.search(article.text, lead.start, min(lead.end, lead.start + _LEAD_REACH))
    return None if as_of is None else _year_of_month(article, year, int(as_of[1]))


_DATE_ONLY = re.compile(r"\s*[\d年月日./\-:： ]+\s*")
_LEAD_REACH = 160  # the lead's first sentences, where a report says as of when its news is
_AS_OF = re.compile(rf"{_TILL}(?:今年)?{_MONTH}(?:[1-3]?\d日|底|末|份|中旬|下旬)?")


# …资金分配情况公告; 2018年全国脱贫攻坚奖200个初评公示候选人出炉: a notice, or a selection for an award (候选,
# 揭晓, 出炉), of one year
_NOTICE = re.compile(r"(?:公告|公示|通告|通知)\s*$|奖[^，,。：:]{0,16}(?:候选|评选|揭晓|出炉|公布|公示)")


def notice_year(article: Article, f: Figure) -> tuple[int, int] | None:
    """The one year the title of a notice or of an award's selection names, for a figure that is no
    duration."""
    if not article.paragraphs or f.unit in DURATION_UNITS:
        return None
    title = article.text[article.paragraphs[0].start:article.paragraphs[0].end]
    years = {int(m[1]) for m in YEAR_RE.finditer(title)}
    if not _NOTICE.search(title) or len(years) != 1:
        return None
    (year,) = years
    return year, year
