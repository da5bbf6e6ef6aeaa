"""One article as the pipeline reads it: the text (and its Simplified twin), paragraphs,
sentences, quoted names, idioms, place mentions, and the honorees' sections.

Everything later stages need to look up is computed here once; the stages themselves
(sections, quantities, classify, regions, links, records) are functions of an Article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import text as tx
from .gazetteer import Gazetteer, Mention
from .lexicon import Lexicon
from .sections import Section, find_sections

QUOTE_LIMIT = 300  # characters
PLACE_PREPOSITIONS = ("在", "赴", "到", "至", "从", "来自", "前往", "抵达", "于", "驻", "援")


DATELINE_RE = re.compile(r"(?<![年\d])(\d{1,2})月(\d{1,2})日(?:讯|电)")  # 2月25日讯: month and day, no year
# 2021年3月1日讯, 青岛日报2021年3月1日电: a dateline with its year is the article's date
FULL_DATELINE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:讯|电)")
# 2021-02-25 17:19:13 | 来源：…, 发布时间：2021年02月25日: a page's time stamp under the title is its date
STAMP_RE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?=\s*\d{1,2}:\d{2})"
                      r"|(?<=时间[：:])\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})"
                      r"|(?<=日期[：:])\s*((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# after a place: 新华社北京(2017年)9月14日电, 齐鲁网济南10月19日讯 (where the dispatch was filed)
_DISPATCHED_FROM = re.compile(r"\s?(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[电讯]")
_MONTH_DAY_RE = re.compile(r"\s?(?:(\d{1,2})月(?:(\d{1,2})日)?|[底末])")  # after a year: 2020年11月, 2020年底


@dataclass(frozen=True)
class AssumedTime:
    """An undated article's time, as the text shows it, and why (for the build's note); year None
    when the text shows only a lower bound (2017年以来: written in 2017 or later)."""

    year: int | None
    why: str


def assumed_time(article: Article) -> AssumedTime | None:
    """The latest year the text reports as past (named in a clause without a word of plans:
    计划, 力争 …; not a year a "since" starts: 2017年以来 is written in 2017 or later), or the year
    after it when the dateline (2月25日讯) falls earlier in the year than a month of that year the
    text reports as past (2020年11月…通过 and 2月25日讯: the 25th of February after that November, in
    2021), or than the end of a year it reports whole (2020年，… or 2020年全年 and 3月8日讯: the 8th
    of March 2021). None when the text names no year; a year None when it names only the years
    "since" periods start (or a later one than the year it would take)."""
    latest, month, whole, since = _reported(article)
    if latest is None:
        return AssumedTime(None, f"it reports only since {since}年: written then or later") if since else None
    taken = _after_dateline(article, latest, month, whole) or AssumedTime(latest, "the latest year it reports as past")
    if since and taken.year is not None and since > taken.year:
        return AssumedTime(None, f"it reports since {since}年, later than {taken.year}, {taken.why}")
    return taken


def _after_dateline(article: Article, latest: int, month: tuple[int, int], whole: bool) -> AssumedTime | None:
    """The year after the latest reported as past, when the dateline comes before its last month
    reported, or before its end when it is reported whole; else None."""
    lead = article.paragraphs[min(1, len(article.paragraphs) - 1)]
    dateline = DATELINE_RE.search(article.text, 0, lead.end)
    if dateline is None:
        return None
    day, told = (int(dateline[1]), int(dateline[2])), dateline[0][:-1]
    if day < month:
        return AssumedTime(latest + 1, f"the first {told} (its dateline) after {latest}年{month[0]}月, "
                                       "the latest month it reports as past")
    if whole and day < (12, 31):
        return AssumedTime(latest + 1, f"the first {told} (its dateline) after the end of {latest}年, "
                                       "the latest year it reports whole")
    return None


_SINCE_AFTER = re.compile(r"\s?(?:\d{1,2}月(?:\d{1,2}日)?份?)?(?:以来|起|开始|至今|以后)")
_WHOLE_AFTER = re.compile(r"\s?(?:[，,]|全年|度)")  # 2020年，…; 2020年全年; 2020年度: the whole year


def _reported(article: Article) -> tuple[int | None, tuple[int, int], bool, int | None]:
    """(the latest year the text reports as past, the latest month of it it reports, whether it
    reports that year whole, the latest year a "since" starts): see assumed_time."""
    text, latest, month, whole, since = article.text, None, (0, 0), False, None
    starts = [s.start for s in article.sentences]
    for start, year in article.years_at:
        s = article.sentences[bisect.bisect_right(starts, start) - 1]
        clause = article.clause(start, start + 4, s)
        if tx.inside(article.quoted, start, start + 4) or _planned(article, start, s, clause):
            continue  # a title, a plan or a target: not what the article reports as done
        after = text.index("年", start) + 1
        if _SINCE_AFTER.match(text, after) or (text[max(0, start - 1):start] in ("自", "从") and
                                                 re.search("以来|起|开始", text[after:clause[1]])):
            since = max(since or year, year)  # 2017年以来, 自2016年10月…以来: a start, not a year told as past
            continue
        if latest is None or year > latest:
            latest, month, whole = year, (0, 0), False
        if year == latest and (m := _MONTH_DAY_RE.match(text, after)):
            month = max(month, (int(m[1] or 12), int(m[2] or 1)))  # 年底: December
        whole = whole or (year == latest and _WHOLE_AFTER.match(text, after) is not None)
    return latest, month, whole, since


def _planned(article: Article, start: int, s: tx.Sentence, clause: tuple[int, int]) -> bool:
    """A word of plans in the year's clause, or, for a year that is a clause of its own (2021年，计划…),
    in its segment."""
    alone = r"\s*(?:19|20)\d{2}\s?年(?:\d{1,2}月(?:\d{1,2}日)?|底|末|初|以来|全年|度)?\s*"
    if not re.fullmatch(alone, article.text[clause[0]:clause[1]]):
        return article.lex.future_markers.search(article.text, *clause) is not None
    return article.lex.future_markers.search(article.text, *article.segment(start, start + 4, s)) is not None


def _lists(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """The runs of place mentions joined by 、 和 及 与 (武都区、成县和西和县), each of two or more."""
    runs: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if runs and text[runs[-1][-1].end:m.start] in ("、", "和", "及", "与"):
            runs[-1].append(m)
        else:
            runs.append([m])
    return [run for run in runs if len(run) > 1]


class Article:
    """One source text and what is read from it before any figure is."""

    def __init__(self, text: str, meta: dict, gazetteer: Gazetteer, lexicon: Lexicon):
        # Matching runs on a Simplified copy of the same length, so Traditional articles (億, 個)
        # read alike; everything quoted back to the user comes from the original text.
        self.original, self.text = text, tx.simplified(text)
        self.meta, self.gaz, self.lex = meta, gazetteer, lexicon
        self.paragraphs = tx.paragraphs(self.text)
        self.sentences = [s for p in self.paragraphs for s in tx.sentences(p)]
        self.quoted = tx.quoted_spans(self.text)
        idiom_re = re.compile(tx.alternation(lexicon.idioms))
        self.idioms = tx.Spans([tx.Span(m.start(), m.end()) for m in idiom_re.finditer(self.text)] +
                               tx.sayings(self.text, self.sentences, lexicon.saying_cues))
        self.sentences_in: dict[int, list[tx.Sentence]] = {}  # paragraph index → its sentences
        for sentence in self.sentences:
            self.sentences_in.setdefault(sentence.paragraph.index, []).append(sentence)
        # 新华社兰州10月17日电: the place a dispatch was sent from is no place the article is about;
        # 新华社, 新华网: an agency, a site (新华 before 社 or 网 is no 新华区)
        raw = [m for m in gazetteer.mentions(self.text) if not tx.inside(self.quoted, m.start, m.end)
               and not _DISPATCHED_FROM.match(self.text, m.end) and self.text[m.end:m.end + 1] not in ("社", "网")
               and not (m.short and self.text[m.end:m.end + 1] in ("镇", "乡", "村"))]  # 官渡镇: a town, not 官渡区
        self.mentions: list[Mention] = self._resolve(raw)
        self._mention_starts = [m.start for m in self.mentions]
        self.places = tx.Spans([tx.Span(m.start, m.end) for m in self.mentions])  # 六盘水 holds no figure
        self._contextual: dict[int, set[str]] = {}
        # Every calendar year the text names (not a comparison's base: 较2015年), with its place.
        self.years_at = [(m.start(), int(m[1])) for m in tx.YEAR_RE.finditer(self.text)
                         if not self.text[max(0, m.start() - 2):m.start()].endswith(lexicon.comparison_markers)]
        # The year of the date given (sidecar, --date); else the time the text shows (assumed_time),
        # which "since" periods run to: left open, they would not hold the years inside them.
        self.dateline = None if meta.get("date") else self._full_dateline()
        self.dated_year = int((meta.get("date") or self.dateline or "0")[:4]) or None
        self.assumed = None if self.dated_year else assumed_time(self)
        self.report_year = self.dated_year or (self.assumed.year if self.assumed else None)
        # The provinces that help in this article: the lexicon's, and 北京 where the text says it helps (京蒙协作)
        self.helper_provinces = lexicon.helper_provinces | {region for region, said in lexicon.helper_when_said.items()
                                                            if said.search(self.text)}
        self.source_id: str = meta["id"]
        self._section_at: dict[int, Section] | None = None
        self.sections: list[Section] = find_sections(self)
        # 北京市支援合作办公室支援合作三处: a numeral inside a collective honoree's name names it, counts nothing
        self.body_names = tx.Spans([tx.Span(m.start(), m.end()) for name in {
            sec.honoree["name"] for sec in self.sections if sec.honoree["kind"] == "collective"}
            for m in re.finditer(re.escape(name), self.original)])

    def _full_dateline(self) -> str | None:
        """The date a dateline with its year gives (2021年3月1日讯 → 2021-03-01), or a page's time
        stamp (2021-02-25 17:19, 发布时间：2021年02月25日), in the lines after the title; None
        without one (2月25日讯 names no year: assumed_time)."""
        lead = self.paragraphs[1:3]
        m = lead and (FULL_DATELINE_RE.search(self.text, lead[0].start, lead[-1].end)
                      or STAMP_RE.search(self.text, lead[0].start, lead[-1].end))
        if not m:
            return None
        year, month, day = (int(g) for g in m.groups() if g is not None)
        return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None

    def _resolve(self, raw: list[Mention]) -> list[Mention]:
        """Which place each name is. A short or two-character county name (镇宁, 徽县) counts only
        where its province or prefecture is named in the same sentence, or was beside it elsewhere
        in the article (贵州镇宁, 甘肃省徽县): alone it is too often a common word. A name several
        places share takes the one whose province or prefecture the sentence names, else the
        article, else the first by adcode (region_basis then says `context`)."""
        gaz = self.gaz
        starts = [s.start for s in self.sentences]

        def sentence_of(m: Mention) -> int:
            return bisect.bisect_right(starts, m.start) - 1

        def gated(m: Mention) -> bool:
            county = all(gaz.regions[c].level == "county" for c in m.candidates)
            return county and (m.short or m.end - m.start <= 2)

        named: dict[int, set[str]] = {}  # sentence → places named there without doubt
        for m in raw:
            if len(m.candidates) == 1 and not gated(m):
                named.setdefault(sentence_of(m), set()).add(m.region)

        def above(region_id: str) -> set[str]:
            """Its prefecture and province (the nation, above every place, tells nothing)."""
            return {a for a in gaz.ancestors(region_id) if not gaz.is_nation(a)}

        def around(places: set[str]) -> set[str]:
            return places.union(*map(above, places)) if places else set()

        everywhere = around(set().union(*named.values())) if named else set()
        confirmed = {c for m in raw if gated(m) for c in m.candidates if above(c) & named.get(sentence_of(m), set())}
        confirmed |= {m.region for m in raw if not gated(m) and len(m.candidates) == 1}  # 盘州市 … 在盘州
        # 在武都区、成县、西和县: a short name listed beside a place of its prefecture named without doubt
        for run in _lists(self.text, raw):
            parents = set().union(*(above(m.region) for m in run if not gated(m) and len(m.candidates) == 1))
            confirmed |= {c for m in run if gated(m) for c in m.candidates if above(c) & parents}
        # 陇县 (or 巫山, short) three times or more (an article about it), none of them a common word:
        # the county, though its city and province are never named
        names = [self.text[m.start:m.end] for m in raw if gated(m) and len(m.candidates) == 1]
        confirmed |= {m.region for m in raw if gated(m) and len(m.candidates) == 1
                      and names.count(self.text[m.start:m.end]) >= 3
                      and self.text[m.start:m.end] not in self.lex.common_place_words}
        confirmed |= self._opening_bodies([m for m in raw if gated(m) and not m.short and len(m.candidates) == 1])
        resolved: list[Mention] = []
        for m in raw:
            if (gated(m) or m.short) and self.text[m.start:m.end] in self.lex.common_place_words and \
                    not self._in_place_context(m, resolved):
                continue  # 经贸合作对接会: 合作 is a word here, not 合作市; 真金白银: silver, not 白银市
            here = named.get(sentence_of(m), set())
            candidates = [c for c in m.candidates if not gated(m) or c in confirmed or above(c) & here]
            if not candidates:
                continue
            best = [c for c in candidates if above(c) & around(here)] or \
                [c for c in candidates if above(c) & everywhere] or candidates
            resolved.append(Mention(m.start, m.end, best[0], tuple(candidates), m.short))
        return resolved

    def _opening_bodies(self, mentions: list[Mention]) -> set[str]:
        """应县扶贫开发办公室: the counties of two characters among these (one place each) that open
        the name of a body (after a clause break, a list mark or 分别是, a kind of body right after
        it), as lists of honorees write them."""
        bodies = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{tx.alternation([k for k in self.lex.org_kinds if len(k) > 1])})")
        return {m.region for m in mentions
                if (m.start == 0 or self.text[m.start - 1] in "，,、；;：:\n（(“—是为")
                and self.text[m.start:m.end] not in self.lex.common_place_words
                and bodies.match(self.text, m.end, m.end + 12)}

    def _in_place_context(self, m: Mention, before: list[Mention]) -> bool:
        """A name that is also a word (合作, 互助) is a place right after its province or prefecture
        (甘南合作) or after a word that points to a place (在, 赴, 到, 来自 …)."""
        parent = before[-1] if before and before[-1].end == m.start else None
        if parent and any(parent.region in self.gaz.ancestors(c) for c in m.candidates):
            return True
        return self.text[max(0, m.start - 2):m.start].endswith(PLACE_PREPOSITIONS) or \
            self.text[m.end:m.end + 1] in ("县", "市", "区", "州", "旗")  # 互助县: a place suffix

    def contextual_regions(self, s: tx.Sentence) -> set[str]:
        """The regions of sentence s that were chosen among homonyms by context."""
        if s.start not in self._contextual:
            self._contextual[s.start] = {m.region for m in self.mentions_in(s.start, s.end) if m.contextual}
        return self._contextual[s.start]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The place mentions that start in [lo, hi), in text order."""
        return self.mentions[bisect.bisect_left(self._mention_starts, lo):bisect.bisect_left(self._mention_starts, hi)]

    def section_of(self, paragraph_index: int) -> Section | None:
        if self._section_at is None:  # sections do not overlap: one look-up table, made once
            self._section_at = {}
            for section in (s for s in self.sections if s.owns):
                for index in range(section.first, section.last + 1):
                    self._section_at.setdefault(index, section)
        return self._section_at.get(paragraph_index)

    def sentence_at(self, offset: int) -> tx.Sentence:
        return next(s for s in self.sentences if s.start <= offset < s.end)

    def clause(self, start: int, end: int, s: tx.Sentence) -> tuple[int, int]:
        """The clause (between commas) of the sentence that holds [start, end)."""
        return tx.bounds(self.text, start, end, s.start, s.end, tx.CLAUSE_END)

    def segment(self, start: int, end: int, s: tx.Sentence) -> tuple[int, int]:
        """The segment (between semicolons) of the sentence that holds [start, end)."""
        return tx.bounds(self.text, start, end, s.start, s.end, tx.SEGMENT_END)

    def quote(self, start: int, end: int, s: tx.Sentence) -> str:
        """The sentence that holds [start, end), as written; a sentence over QUOTE_LIMIT characters
        is cut at clause boundaries around it, so that no record carries a whole long sentence."""
        if s.end - s.start <= QUOTE_LIMIT:
            return self.original[s.start:s.end]
        half = QUOTE_LIMIT // 2
        lo, hi = max(s.start, start - half), min(s.end, end + half)
        left = [self.text.find(c, lo, start) for c in tx.CLAUSE_END]
        right = [self.text.rfind(c, end, hi) for c in tx.CLAUSE_END]
        lo = min([i + 1 for i in left if i >= 0], default=lo) if lo > s.start else lo
        hi = max([i + 1 for i in right if i >= 0], default=hi) if hi < s.end else hi
        return self.original[lo:hi]

    def figure_id(self, start: int) -> str:
        return f"{self.source_id}-{start:05d}"
