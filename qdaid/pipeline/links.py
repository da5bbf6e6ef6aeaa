"""part_of: which larger figure includes a figure, so totals never count it twice.

Read from the text: 含 asides and 其中 clauses point to the total they break down; what a figure
of a whole place (全镇) says just before of one thing in it is part of it; one year's figure points
to a multi-year total of the same metric, honoree and place; the headline points to the lead it
repeats.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from . import text as tx

if TYPE_CHECKING:
    from .article import Article
    from .quantities import Figure

_CHANGE = re.compile(r"(?:较|比|同比)[^，,；;。]{0,12}?(?:增长|增加|提高|减少|下降|多)了?$")
_BREAKDOWN = re.compile(r"(?:其中|具体如下|分别是|分别为)[：:]$")


def _said_again(figures: list[Figure]) -> None:
    """去年杭州…向两州提供…资金11.41亿元，其中…恩施3.88亿元。…在恩施州，杭州投入的3.88亿元中有1.4亿元…: an
    exact amount of money written again as before, with no period of its own, is the same money, of
    the period the first telling gives (and its parts with it)."""
    first: dict[str, Figure] = {}
    for f in figures:
        if f.unit != "cny" or f.approx != "exact":
            continue
        if f.period[0] is None and (g := first.get(f.raw)) is not None:
            f.period = g.period
        elif f.period[0] is not None:
            first.setdefault(f.raw, f)  # the first telling that dates it


def link_parts(article: Article, figures: list[Figure]) -> None:
    in_paragraph: dict[int, list[Figure]] = defaultdict(list)
    for f in figures:
        in_paragraph[f.sentence.paragraph.index].append(f)
    _link_asides(article, figures, in_paragraph)
    _link_arrived(article, figures)
    _qizhong_regions(article, figures)
    _link_listed_parts(article, in_paragraph)
    _link_totals_after(article, figures)
    _link_wholes(article, figures)
    _link_sums(figures, in_paragraph)
    _said_again(figures)
    default = article.lex.default_metric
    for f in figures:
        if f.part_of is None:
            continue
        # A part takes what its total counts when its own words name no metric (其中,2018年投入0.8亿元),
        # and its total's period unless the text gives it one.
        if f.unit == f.part_of.unit and f.metric == default.get(f.unit, f.unit + "s"):
            f.metric, f.label = f.part_of.metric, f.part_of.label
        if f.period[0] is None:
            f.period = f.part_of.period
        if f.region is None and f.part_of.region and not f.covers:  # 其中,2020年已投入30.07亿元: 甘肃's too
            f.region, f.region_basis = f.part_of.region, f.part_of.region_basis
        elif f.region_basis == "context" and f.part_of.region in article.gaz.descendants(f.region or ""):
            # 帮助庆阳市…8600人，其中赴天津就业2100人: a part its own clause places only by the article's
            # helped province lies in its total's place, which that province holds
            f.region, f.region_basis = f.part_of.region, f.part_of.region_basis
    # The totals a year's figure may fall in, by what they must share with it: one list per place
    # (a list of every total was read once per figure, quadratic in an article of many places).
    multi_year: dict[tuple, list[Figure]] = defaultdict(list)
    for g in figures:  # a period read from the paragraph (framed), not said: no year points to it as its total
        if g.period[0] is not None and g.period[0] != g.period[1] and not g.framed:
            multi_year[(g.metric, g.unit, id(g.section), g.region)].append(g)
    for f in figures:
        p_start, p_end = f.period
        if f.part_of or p_start is None or p_start != p_end or _is_change(article, f):
            continue
        totals = [g for region in dict.fromkeys((f.region, None))
                  for g in multi_year.get((f.metric, f.unit, id(f.section), region), ()) if g.start < f.start
                  and g.period[0] is not None and g.period[0] <= p_start and (g.period[1] or 0) >= p_end and g.value > f.value]
        if totals:
            f.part_of = max(totals, key=lambda g: g.start)  # the nearest before it
    _link_headlines(article, figures)
    for f in figures:  # 县均援助资金从1000多万元提高至…: an average is no share of the total before it
        if f.part_of and _AVERAGE.search(article.text, article.clause(f.start, f.end, f.sentence)[0], f.start):
            f.part_of = None


def _link_headlines(article: Article, figures: list[Figure]) -> None:
    """The title, or a subheading (a short line of no punctuation: 530个扶贫项目惠及贫困人口16万), repeats a
    figure of the body: the headline points to it."""
    headings = {p.index for p in article.paragraphs[:1]} | \
        {p.index for p in article.paragraphs[1:] if len(p.text.strip()) <= _HEADING and not _SAID.search(p.text)}
    for f in figures:
        if f.sentence.paragraph.index in headings and not f.part_of:
            # The title repeats a figure of the body: the same amount in the same unit, said with
            # the same metric if one is (the title's shorter words may name another: 投入 / 财政帮扶资金).
            body_figures = [g for g in figures if g.sentence.paragraph.index not in headings]
            same = [g for g in body_figures if (g.unit, g.value) == (f.unit, f.value)] or \
                [g for g in body_figures if g.unit == f.unit and f.approx != "exact" and g.kind == f.kind
                 and _two_digits(f) and _adds_up_to(f, Decimal(str(g.value)))]  # 3800多个: the body's 3842个
            if not same and f.unit == article.lex.general.get(f.raw[-1:]):
                # 1155个…… in a title, no noun to say what 个 counts: the one body figure of that value
                # and measure word (示范村1155个) says it
                same = [g for g in body_figures if g.value == f.value and g.raw[-1:] == f.raw[-1:]]
                same = same if len({g.unit for g in same}) == 1 else []
                f.unit = same[0].unit if same else f.unit
            if same:
                f.part_of = next((g for g in same if g.metric == f.metric), same[0])
                if f.metric != f.part_of.metric:
                    f.metric, f.label = f.part_of.metric, f.part_of.label
                # one amount, so one place and time: the body's where it says them (天津五年投入18.6亿元助力甘南
                # is 甘南's, 2016–2020; 青岛市8人… keeps 青岛 when the body says only 我市)
                body = f.part_of
                if body.region:
                    f.region, f.region_basis = body.region, body.region_basis
                if body.period[0] is not None:
                    f.period = body.period


_HEADING = 30  # characters: a subheading is short
_SAID = re.compile(r"[。！？；，、：,;:!?]")  # a line with any of these says something: no heading


_TOTAL_AFTER = re.compile(r"(?:以上|上述)?(?:共计|合计|总计|共)")


def _link_totals_after(article: Article, figures: list[Figure]) -> None:
    """…选派干部60名、专业技术人才90名，共计150名: a clause that opens with 共计 (合计, 总计, 共) sums the
    figures of its unit just before it in its sentence, when they add up to it exactly: they are its parts."""
    for i, total in enumerate(figures):
        if total.kind != "amount" or not _TOTAL_AFTER.match(article.text, article.clause(total.start, total.end,
                                                                                          total.sentence)[0]):
            continue
        parts, summed = [], Decimal(0)
        for g in reversed(figures[:i]):  # the nearest first, back to the sentence's start
            if g.sentence is not total.sentence or g.unit != total.unit or g.part_of or g.kind != "amount":
                break
            parts.append(g)
            summed += Decimal(str(g.value))
            if summed >= Decimal(str(total.value)):
                break
        if len(parts) >= 2 and summed == Decimal(str(total.value)):
            for g in parts:
                g.part_of = total


_AVERAGE = re.compile(r"[县人户村镇乡省市年]均|平均")


# 共有139个先进个人和先进单位获奖: honoured people and bodies counted in one number
_HONOURED_UNITS = frozenset({"person", "collective"})


def _link_sums(figures: list[Figure], in_paragraph: dict[int, list[Figure]]) -> None:
    """A paragraph's figures of one unit that add up to an earlier figure of that unit (上海市…1582个；
    山东省…1355个；… after 累计…3842个) are its parts, when nothing else holds them; so are its people
    and bodies together (25人获得甲奖,…,40个单位获得乙奖) that add up to one earlier count of both."""
    for group in in_paragraph.values():
        by_unit: dict[str, list[Figure]] = defaultdict(list)
        for f in group:
            if f.part_of is None and f.kind == "amount":
                by_unit[f.unit].append(f)
        sets = [(frozenset({unit}), parts) for unit, parts in by_unit.items()]
        if _HONOURED_UNITS <= by_unit.keys():
            sets.append((_HONOURED_UNITS, sorted(by_unit["person"] + by_unit["collective"], key=lambda p: p.start)))
        for units, parts in sets:
            total_value = sum((Decimal(str(p.value)) for p in parts), Decimal(0))
            if len(parts) < 2 or not total_value or any(p.part_of for p in parts):
                continue  # (people and bodies: not when either unit alone found its total)
            totals = [g for g in figures if g.unit in units and g.start < parts[0].start and g not in parts
                      and g.kind == "amount" and _adds_up_to(g, total_value)]
            if totals:
                for p in parts:
                    p.part_of = totals[-1]  # the nearest before them


def _two_digits(f: Figure) -> bool:
    """3800多 names a hundred amounts (3800 to 3899), 逾百 a hundred hundreds: only a bound of two
    digits or more is close enough to say which of the body's figures a title rounds."""
    return len(Decimal(str(f.value)).normalize().as_tuple().digits) >= 2


def _adds_up_to(total: Figure, summed: Decimal) -> bool:
    """The parts' sum is what the total says: the same amount, or for a total written as a lower
    bound (超过百亿元, 3000多个) an amount from it up to the next step of its last digit said (the sum
    of 45.18亿元, 38.18亿元 … is 104.56亿元: over 100亿, and short of 200亿)."""
    value = Decimal(str(total.value))
    if total.approx == "exact":
        return value == summed
    if total.approx not in ("over", "more_than"):
        return False
    step = Decimal(1).scaleb(value.normalize().as_tuple().exponent)  # type: ignore[arg-type]
    return value <= summed < value + step


def _is_change(article: Article, f: Figure) -> bool:
    """较2016年增长28.78亿元, 比上年增加6亿元: the figure is a difference, part of no total."""
    return bool(_CHANGE.search(article.text, article.clause(f.start, f.end, f.sentence)[0], f.start))


def _qizhong_regions(article: Article, figures: list[Figure]) -> None:
    """A sentence that starts with 其中 breaks down the one before it: its figures that name no
    place are of the place of that sentence's last figure (…向甘肃投入70亿元。其中,实施项目1669个)."""
    before: Figure | None = None
    for f in figures:
        s = f.sentence
        if before and before.sentence is not s and f.region is None and not f.covers and \
                article.text[s.start:s.end].lstrip().startswith("其中") and \
                before.sentence.paragraph is s.paragraph and before.sentence.end <= s.start:
            f.region, f.region_basis = before.region, before.region_basis
        if not article.text[s.start:s.end].lstrip().startswith("其中"):
            before = f if f.region else before


def _link_asides(article: Article, figures: list[Figure], in_paragraph: dict[int, list[Figure]]) -> None:
    """A bracket right after a figure, a (含…) aside, 中有 and a 其中 clause break down the figure before them."""
    text = article.text
    ends = {g.end: g for g in figures}
    for f in figures:
        s = f.sentence
        bracket = max(text.rfind("(", s.start, f.start), text.rfind("（", s.start, f.start))
        if bracket > 0 and bracket in ends and not re.search(r"[)）]", text[bracket:f.start]):
            _link(f, [ends[bracket]])  # 村一级19人(村党支部书记10人,第一书记6人…): a breakdown of the figure before
            if f.part_of:
                continue
        among = text.rfind("中有", s.start, f.start)  # 投入的3.88亿元中有1.4亿元用在…，有1.1亿元用在…: of it
        if among > 0 and among in ends and ends[among].sentence is s:
            _link(f, [ends[among]])
            if f.part_of:
                continue
        aside = text.rfind("含", max(s.start, f.start - tx.REACH), f.start)
        if aside > 0 and text[aside - 1] in "(（" and ")" not in text[aside:f.start] and "）" not in text[aside:f.start]:
            _link(f, [g for g in in_paragraph[s.paragraph.index] if g.sentence == s and g.end <= aside - 1])
            continue
        which = text.rfind("其中", max(s.paragraph.start, f.start - tx.REACH), f.start)
        if _is_change(article, f):
            continue  # 较2016年增长28.78亿元: a change, no part of the total 其中 breaks down
        if which >= s.start and not tx.inside(article.quoted, which, which + 2) and \
                not _BESIDES.search(text, which, f.start):  # 其中 in this sentence, and no 另有 after it
            _link(f, [g for g in in_paragraph[s.paragraph.index] if g.end <= which])


_BESIDES = re.compile(r"另有|另外|此外")  # …其中，县级干部50人，另有技术人员30人: besides the total


_ARRIVED = re.compile(r"(?:已经|已|实际)?到位(?:资金)?$")


def _link_arrived(article: Article, figures: list[Figure]) -> None:
    """统筹3000万元帮扶资金，已经到位1650万元: what has arrived (到位) is part of the larger amount of the
    same unit said before it in its sentence (the money planned, pledged or contracted)."""
    for i, f in enumerate(figures):
        if f.part_of is None and _ARRIVED.search(article.text, article.clause(f.start, f.end, f.sentence)[0], f.start):
            _link(f, [g for g in figures[:i] if g.sentence is f.sentence])


def _link_listed_parts(article: Article, in_paragraph: dict[int, list[Figure]]) -> None:
    """A paragraph that ends in 其中： (or 具体如下：) and short lines under it, each `NAME VALUE`
    (普定县 4.1亿元; 小学 210所、中学 90所): each line's figures are parts of the total before the colon."""
    paragraphs = article.paragraphs
    for p in paragraphs:
        if not _BREAKDOWN.search(p.text) or not in_paragraph[p.index]:
            continue
        total = in_paragraph[p.index][-1]
        for line in paragraphs[p.index:]:  # the paragraphs after p (indexes count from 1)
            parts = in_paragraph[line.index]
            if len(line.text) > 40 or re.search("[。！？]", line.text) or not parts:
                break
            for f in parts:
                if f.part_of is None and f.unit == total.unit and f.value < total.value:
                    f.part_of = total
                    if f.region is None:  # 产业项目 8200万元: a category of the total's money, in its place
                        f.region, f.region_basis = total.region, total.region_basis


def _link_wholes(article: Article, figures: list[Figure]) -> None:
    """A figure said of a whole place (带动全镇形成占地6000余亩) holds what comes shortly before it in
    its sentence, of its metric, unit and place, measuring one thing in that place (建成占地1612亩的
    产业园: 的 after the figure): the park's land is part of the town's, not an earlier size of it."""
    text = article.text
    wholes = [m.start() for m in article.lex.whole_place.finditer(text)]  # 全镇 …, once: few in any text
    things = [f for f in figures if text.startswith("的", f.end)]  # in text order
    starts = [f.start for f in things]
    for whole in figures:
        i = bisect.bisect_left(wholes, whole.start) - 1  # the last 全镇 … before the figure
        if i < 0 or wholes[i] < whole.start - 2 * tx.REACH:
            continue  # none near it (a clause is at most 2 × REACH long): no clause to find
        if wholes[i] < article.clause(whole.start, whole.end, whole.sentence)[0]:
            continue  # in an earlier clause
        lo = max(whole.sentence.start, whole.start - tx.REACH)
        for f in things[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, whole.start)]:
            if f.part_of is None and (f.metric, f.unit, f.region) == (whole.metric, whole.unit, whole.region) \
                    and f.value < whole.value:
                f.part_of = whole


_COUNTY_LEVEL = {"county", "district"}  # 8个县…其中…4个区县: places of one level, counted by either word


def _link(f: Figure, candidates: list[Figure]) -> None:
    # 共受理3478个，比去年增加986个。其中…405个: a part is of the total, never of a change (计划投入2亿元，
    # 已到位1.2亿元: what arrived is of a plan, though)
    alike = [g for g in candidates if (g.unit == f.unit or {g.unit, f.unit} <= _COUNTY_LEVEL) and g.kind != "change"]
    # 60个候选单位…,其中…组织创新奖60个: a breakdown's item as large as its total is all of it
    larger = [g for g in alike if g.value > f.value] or [g for g in alike if g.value == f.value]
    same_metric = [g for g in larger if g.metric == f.metric]
    if same_metric or larger:
        f.part_of = (same_metric or larger)[-1]
