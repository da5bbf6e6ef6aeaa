"""Which place a figure, event or program is about: a place named in its clause (a partner
before the home city it comes from), else the only place named in its segment or sentence,
else the honoree's single partner region or, for in-city work, its own area.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from typing import TYPE_CHECKING

from . import text as tx
from .aided import aided_place, opening_place
from .counted import holder_of_count, referred_parent
from .own_place import own_place, referred_place

if TYPE_CHECKING:
    from .article import Article
    from .sections import Section

# A count of places belongs to the place named before it (青岛8个区市), not to a partner.
_ADMIN_UNITS = {"town", "village", "county", "district", "city", "province"}
_DIVISIONS = {"county", "district", "city", "province"}  # counts of places that hold others (not towns, villages)
_RIGHT_AFTER = ("", "共", "有", "共有")  # 全国50…, 全国共有1200个: the figure is the nation's


# 在首届广东东西部扶贫协作产品交易博览会上,1200多家…企业参展: a place in the name of the fair a
# clause is set at names the fair, not the place of the figures after it
_EVENT_NAME = re.compile(r"[^，,。；;：:、]{0,30}?(?:博览会|交易会|展销会|对接会|推介会|洽谈会|展览会|论坛|峰会)"
                         r"(?:上|期间|中)[，,]")
# 甘肃省农业农村厅副厅长梁仲科介绍,…: the place of who speaks, not of what is said
_SPEAKER = re.compile(r"(?:介绍|表示|指出|透露|说)$")
_ASIDE = re.compile(r"[（(]含[^（()）]*$")  # 甘肃(含定西): the place in the aside is inside the one before it


# 大会在北京人民大会堂隆重举行, 昨日在北京召开的表彰大会: where a meeting met, not a place of its figures
_MEETING_AT = re.compile(r"[^，,。；;：:、“”]{0,20}?(?:隆重)?(?:举行|召开)")


# 浙江、上海、天津等省市, 西秀区扶贫办等20个工作队: a place in a list of examples (its body's name, the
# other items) that ends in 等
_EXAMPLE = re.compile(r"(?:[\u4e00-\u9fff]{0,8}?[办局委厅队组站所])?(?:[、和及][^，,。；;：:、等]{1,12})*等")
_AWARD_NAME = re.compile(r"[^\s，,。；;：:、“”获得授颁评设等]{2,8}?奖(?![金励品])")  # not 获得一等奖


def _aside(article: Article, m) -> bool:
    """A place that is no place of the figures around it, nor of the article: one given as an
    example of a group (甘肃等8个省区: one of the eight) or where a meeting was held (在昆明召开)."""
    text = article.text
    if _EXAMPLE.match(text, m.end) or _AWARD_NAME.match(text, m.end):
        return True  # 全国脱贫攻坚奖: the award's scope, not the place of what it counts
    at = text.rfind("在", max(0, m.start - 20), m.start + 1)
    return at >= 0 and not re.search(r"[，,。；;：:、]", text[at:m.start]) and bool(_MEETING_AT.match(text, m.end))


def _awarding(article: Article, m, end: int) -> bool:
    """A place right after 被 and before an award verb (被甘肃省授予…) is the awarding body; one right
    after 向 and before a verb of selling (定西向福州销售农产品) is the buyer; one where workers are
    sent or go to work (向青岛输送务工人员, 到青岛就业) is their workplace: none is the figure's."""
    text, lex = article.text, article.lex
    before = text[m.start - 1:m.start]
    return (before == "被" and bool(lex.award_verbs.match(text, m.end, min(end, m.end + 4)))) or \
        (before == "向" and bool(lex.buyer_verbs.match(text, m.end, min(end, m.end + 4)))) or \
        _workplace(article, m, end)


def _workplace(article: Article, m, end: int) -> bool:
    """到青岛就业3500人, 定西市向青岛输送务工人员860人: the jobs are the aid to the place the workers
    come from; where they work is not the figure's place."""
    text, lex = article.text, article.lex
    if text[max(0, m.start - 2):m.start].endswith(("到", "赴", "来", "在")) and text.startswith(lex.to_work, m.end):
        return True
    return text[m.start - 1:m.start] == "向" and bool(lex.labour_sent.match(text, m.end, min(end, m.end + 4))) and \
        bool(lex.labour.search(text, m.end, end + 2))


def _brought_from(article: Article, m, lo: int) -> bool:
    """广西引进广东企业113家: the place right after 引进 is where the firms come from, not whose they
    are, when another place is named before it (from lo)."""
    return article.text[m.start - 2:m.start] in ("引进", "引导", "吸引") and bool(article.mentions_in(lo, m.start - 2))


def _not_of_clause(article: Article, m) -> bool:
    """Within a figure's clause, a place right before a verb of buying (江苏省采购…农特产品) is the
    buyer, one in a (含…) aside (采购甘肃(含定西)农副产品) is inside the place before it, and one right
    after 争取 (陇南市争取青岛市…资金: obtained from it) is the giver: none is the figure's (the sentence
    around may still name them for its other figures). A place that is helped to buy or sell, or
    where or from which the buying is done (帮助陇南采购、销售…, 在陇南采购, 从陇南采购) is the seller's
    side, the figure's."""
    buys = article.text.startswith(article.lex.purchase_verbs, m.end) and \
        not article.text[max(0, m.start - 2):m.start].endswith(_SELLER_SIDE)
    return buys or _ASIDE.search(article.text, max(0, m.start - 12), m.start) is not None or \
        article.text[max(0, m.start - 3):m.start].endswith(("争取", "争取到"))


_SELLER_SIDE = ("帮助", "帮", "助", "在", "从", "自", "赴", "到")


def region_of(article: Article, start: int, end: int, s: tx.Sentence, sec: Section | None,
              unit: str | None, metric: str | None = None) -> tuple[str | None, str]:
    """(region id or None, basis): basis is explicit (named), context (named, but a name several
    places share, chosen by the places named beside it), section (the honoree's) or none."""
    if article.text[start - 1:start] == "等" and sec is None and unit in ("person", "collective"):
        return None, "none"  # 河北省塞罕坝机械林场等10个集体: one honoree's place, not the ten's
    if parent := referred_parent(article, start, end, s, unit):
        return parent, "explicit"  # 这5个县区: the place that holds the places just named
    region, basis = _region_of(article, start, end, s, sec, unit, metric)
    if basis == "explicit" and region in article.contextual_regions(s):
        basis = "context"
    return region, basis


def _recipient(article: Article, lo: int, start: int) -> list[str]:
    """The place that a place before a partner verb helps (苏州市对口帮扶贵州省铜仁市 → tongren)."""
    gaz = article.gaz
    for verb in reversed(list(article.lex.partner_verb_re.finditer(article.text, lo, start))):
        if not any(m.end <= verb.start() for m in article.mentions_in(lo, verb.start())):
            continue
        run, at = [], verb.end()
        for m in article.mentions_in(verb.end(), start):  # the places right after the verb: 贵州省铜仁市
            if m.start in (at, at + 1) and m.end <= start:
                run.append(m.region)
                at = m.end
        if run:
            return gaz.most_specific(run)[-1:]
    return []


def _destination(article: Article, clause: list, c_start: int, start: int, end: int) -> str | None:
    """平度还选派3批36名教师赴岷县支教: people sent (a dispatch verb before the figure) go to the place
    right after 赴, 到 … after it; the sender named first is not where they work."""
    verb = article.lex.dispatch_verbs.search(article.text, c_start, start)
    return _sent_to(article, clause, c_start, end) if verb else None


def _sent_to_before(article: Article, lo: int, start: int) -> list[str]:
    """福州引导127家企业到定西投资，实际到位资金46亿元…: the rest of the sentence is about where they went."""
    verb = article.lex.dispatch_verbs.search(article.text, lo, start)
    place = _sent_to(article, article.mentions_in(lo, start), lo, verb.end()) if verb else None
    return [place] if place else []


def _sent_to(article: Article, mentions: list, lo: int, after: int) -> str | None:
    """The most specific of the places right after 赴, 到 … past `after` (到甘肃省陇南市 → 陇南)."""
    text, lex = article.text, article.lex
    run, at = [], None
    for m in mentions:
        if at is None and m.start >= after and text[max(lo, m.start - 2):m.start].endswith(lex.dispatch_to):
            run, at = [m.region], m.end
        elif at is not None and m.start in (at, at + 1):
            run.append(m.region)
            at = m.end
    return article.gaz.most_specific(run)[-1] if run else None


def _toward(article: Article, lo: int, start: int) -> list[str]:
    """青岛市累计向陇南市投入资金…，带动贫困人口9.1万人脱贫: the place right after 向 before the figure
    (the last such run) receives the sentence's aid, and what follows in the sentence is its; a place
    after 向 and a verb of selling (定西向福州销售) buys, and gives nothing."""
    run: list[str] = []
    at = -1
    for m in article.mentions_in(lo, start):
        if article.text[m.start - 1:m.start] == "向" and not _awarding(article, m, start):
            run = [m.region]
        elif run and m.start == at:
            run.append(m.region)
        at = m.end
    return article.gaz.most_specific(run)[-1:] if run else []


def _located(article: Article, lo: int, start: int) -> list[str]:
    """平度企业在岷县新建冷库5座…，发运中药材46车: the place after 在, the last named before the figure,
    is where the sentence's work is done, whoever does it (在新疆有…、贵州…、甘肃…, 年产值…: not one place's)."""
    named = article.mentions_in(lo, start)
    first = len(named) - 1
    while first > 0 and named[first - 1].end == named[first].start:
        first -= 1  # 在重庆市巫山县: the run of places the last one ends
    if not named or article.text[named[first].start - 1:named[first].start] != "在" or \
            article.text.startswith(article.lex.venue_verbs, named[-1].end):
        return []  # 在兰州举办对接会，签约项目17个: where the fair was held, not whose projects
    return [named[-1].region]


def _region_of(article: Article, start: int, end: int, s: tx.Sentence, sec: Section | None,
               unit: str | None, metric: str | None) -> tuple[str | None, str]:
    gaz, text = article.gaz, article.text
    home = gaz.family(sec.home) if sec else set()
    c_start, c_end = article.clause(start, end, s)
    g_start, g_end = article.segment(start, end, s)
    clause = [m for m in article.mentions_in(c_start, c_end) if not _awarding(article, m, c_end)
              and not _not_of_clause(article, m) and not _aside(article, m)]
    if unit == "rank":  # 位居全国第三: the nation is what is ranked in; the place ranked is named elsewhere
        clause = [m for m in clause if not gaz.is_nation(m.region)]
        # 上海市…投入援疆资金…，在19个援疆省市中位列第一: the place the sentence is about, named first
        if subject := next((m for m in article.mentions_in(s.start, start) if not gaz.is_nation(m.region)), None):
            return subject.region, "explicit"
    if nation := next((m for m in clause if gaz.is_nation(m.region) and m.end <= start and text[m.end:start] in _RIGHT_AFTER),
                      None):  # 全国50典型案例: the nation's count (a list the honoree's work was chosen for), not the honoree's
        return nation.region, "explicit"
    if sec is None and not clause and article.lex.unnamed_partners.search(text, c_start, start):
        return None, "none"  # 江苏省采购销售对口帮扶地区农特产品8.34亿元: of the partners, none named
    if sec or any(not gaz.is_nation(m.region) for m in clause):
        # 全国 beside a place (青岛市有全国…先进个人1人) or in a section (全国挂牌督战的4个县) qualifies
        clause = [m for m in clause if not gaz.is_nation(m.region)]
    if unit in _DIVISIONS and (counted := holder_of_count(article, clause, start, end, s, unit)):
        return counted
    if unit not in _DIVISIONS and (aided := aided_place(article, s, start, [m.region for m in clause])):
        return aided, "explicit"  # 上海市累计投入援疆资金92亿元: Xinjiang's, neither the helper's nor the topic's
    if sec is None and (opening := opening_place(article, s, start, [m.region for m in clause])):
        return opening, "explicit"  # 在恩施州，杭州投入的3.88亿元中有1.4亿元…: 恩施's
    if clause and (found := _from_clause(article, clause, start, end, s, sec, unit, metric)):
        return found
    if sec is None and (own := own_place(article, c_start, c_end)):
        return own, "explicit"  # 全市41.85万低收入人口…, 我市4名先进个人: the city the article is of
    if sec is None and unit in _DIVISIONS:  # 东部4市通过搭建销售平台,帮助甘肃…: a place after the count holds none of them
        if found := _named_around(article, start, end, s, sec, metric, home, s.start, start):
            return found  # 定西市…成效显著,7个贫困县区全部摘帽: 定西's seven
        own = own_place(article, s.paragraph.start, start)
        return own, "explicit" if own else "none"
    if sec and sec.home and metric in article.lex.helper_metrics:
        return sec.home, "section"  # 动员92个镇街…参与携手奔小康行动: the helpers come from the honoree's home
    if sec and len(sec.partners) > 1 and sec.home and article.lex.home_words.search(text, c_start, c_end):
        return sec.home, "explicit"  # 1个市级展销平台, 每年组织2次大集: the honoree's own work at home
    for lo, hi in ((g_start, g_end), (s.start, s.end)):
        if found := _named_around(article, start, end, s, sec, metric, home, lo, hi):
            return found
    if sec and len(sec.partners) == 1:
        return sec.partners[0], "section"
    if sec and not sec.partners and sec.home:
        return sec.home, "section"
    if sec is None and not _AID.search(text, s.start, s.end) and (own := own_place(article, s.start, start)):
        return own, "explicit"  # 我市在浙江、上海等省市学习经验后，投入资金2亿元: no aid, the city's own
    if sec is None and (helped := _helped(article, s, start, metric, [])):
        return helped, "context"
    if sec is None and (own := own_place(article, s.paragraph.start, start)):
        return own, "explicit"  # “十三五”以来,全市上下…。…701个贫困村退出: the city its paragraph is of
    return None, "none"


def _from_clause(article: Article, clause: list, start: int, end: int, s: tx.Sentence, sec: Section | None,
                 unit: str | None, metric: str | None) -> tuple[str | None, str] | None:
    """The region the places of the figure's clause give (a partner before the home city the aid
    comes from, where people are sent, the place a count of places is in); None to look further."""
    gaz, text = article.gaz, article.text
    home = gaz.family(sec.home) if sec else set()
    c_start = article.clause(start, end, s)[0]
    preceding = [m for m in clause if m.start < end and m.start < start + 1][::-1]
    following = [m for m in clause if m not in preceding]
    preceding = [m for m in preceding if not _brought_from(article, m, c_start)]
    # …的甘肃省陇南市: after the figure, a place written with the one it holds is that inner place
    following = [m for i, m in enumerate(following) if not (i + 1 < len(following) and following[i + 1].start == m.end
                                                            and m.region in gaz.ancestors(following[i + 1].region))]
    ordered = preceding + following
    away = [m for m in ordered if m.region not in home]
    if unit not in _ADMIN_UNITS and (helped := _for_helper(article, s, start, sec, metric, [m.region for m in ordered])) \
            is not None:  # 青岛市统筹3000万元帮扶资金 in an article of 青岛's help to 陇南: 陇南's
        return (helped, "context") if helped else (None, "none")
    if sent_to := _destination(article, clause, c_start, start, end):
        return sent_to, "explicit"
    if unit in _ADMIN_UNITS and not preceding and (referred := referred_place(article, s, c_start, start)):
        return referred, "explicit"  # 东莞市…，该市11个镇: the city just named holds them
    if unit in _ADMIN_UNITS:  # 青岛8个区市: the place before the count holds them; 东部4市对甘肃…: none does
        holds = preceding and not _PARTNERED.search(text, preceding[0].end, start) and \
            not _BOUND_FOR.search(text, max(preceding[0].end, start - 5), start)
        return (preceding[0].region, "explicit") if holds else (None, "none")  # 江苏省与…的8个省份: its partners
    # 福建…累计援助7.74亿元帮扶宁夏各地: the place an aid verb right after the figure (no other figure
    # between: 五年投入18.6亿元助力甘南 is not the five years') names receives it
    if received := next((m for m in following if m.start > end and not re.search(r"\d", text[end:m.start])
                         and text[max(c_start, m.start - 2):m.start] in _AID_VERBS), None):
        return received.region, "explicit"
    if away:  # aid goes to the partner, not to the home city it comes from
        return away[0].region, "explicit"
    if not (sec and sec.partners and unit == "cny"):
        return _home_region(article, [m.region for m in ordered], sec), "explicit"
    return None


def _named_around(article: Article, start: int, end: int, s: tx.Sentence, sec: Section | None, metric: str | None,
                  home: set[str], lo: int, hi: int) -> tuple[str | None, str] | None:
    """The region the places named in text[lo:hi] (a segment, then the sentence) give a figure
    whose clause names none that decides; None to look further."""
    gaz = article.gaz
    # A place named far away in a long sentence is no evidence: look within tx.REACH.
    lo, hi = max(lo, start - tx.REACH), min(hi, end + tx.REACH)
    named = gaz.most_specific([m.region for m in article.mentions_in(lo, hi) if not gaz.is_nation(m.region)
                               and not _awarding(article, m, hi) and not _EVENT_NAME.match(article.text, m.end)
                               and not _aside(article, m) and not _brought_from(article, m, lo)
                               and not _SPEAKER.search(article.text, *article.clause(m.start, m.end, s))])
    partners_named = [r for r in named if r not in home]
    if len(partners_named) > 1:  # 烟台福山区帮扶巫山县…: the place right after the partner verb receives
        partners_named = _recipient(article, lo, start) or _sent_to_before(article, lo, start) or \
            _located(article, lo, start) or _toward(article, lo, start) or partners_named
    if len(partners_named) == 1:
        # only the helper named (青岛市统筹…,在九县区…18个贫困村): the helped place's
        if (helped := _for_helper(article, s, start, sec, metric, partners_named)) is not None:
            return (helped, "context") if helped else (None, "none")
        return partners_named[0], "explicit"
    if partners_named:
        helped = _helped(article, s, start, metric, partners_named) if sec is None else None
        return (helped, "context") if helped else (None, "none")
    if named and not (sec and sec.partners):
        return _home_region(article, named, sec), "explicit"
    return None


_HELPED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _for_helper(article: Article, s: tx.Sentence, start: int, sec: Section | None, metric: str | None,
                named: list[str]) -> str | None:
    """Outside an honoree's section, a figure whose places are all helpers' is the helped place's."""
    helpers = article.helper_provinces
    if sec is not None or not named or any(article.gaz.province(r) not in helpers for r in named) or \
            article.lex.home_words.search(article.text, s.start, s.end):
        return None  # 莱阳市累计培训本地农民: work at home (本地, 本市), not for the helped place
    if not _AID.search(article.text, s.start, s.end):
        return None  # 青岛全市6.5万名贫困人口全部脱贫: the helper's own, no aid to anyone
    helped = _helped(article, s, start, metric, [])
    if helped is None and metric != "honorees" and _HELPED[article][2]:
        return ""  # 杭州市帮助10506名… in an article of its help to 黔东南 and 恩施: of no one place, not 杭州's
    return helped


_AID_VERBS = ("帮扶", "援助", "支援", "助力", "资助")
# Words of the help a helper gives (帮扶资金, 援建, 扶贫协作, 捐款): a sentence naming only the helper
# is of the helped place when it speaks of one of them.
_AID = re.compile(r"帮扶|扶贫|协作|对口|结对|援|捐|帮助")


def _helped(article: Article, s: tx.Sentence, start: int, metric: str | None, named: list[str]) -> str | None:
    """福州…全市各级累计投入财政帮扶资金11.22亿元 in an article of 福州's help to 定西: the one place
    the helped places of the article lie in (定西市 and its counties: 定西), for a figure whose
    sentence names no place, or that place and helpers only; not a figure of both sides (两地, 双方
    in its segment: 两地互派干部40人次；引进企业5家 speaks of both for the 40 only, 两地9支服务队…，捐赠善款
    780万 for both figures) nor a count of honours. None in an article of several helped places or of no helper."""
    if article not in _HELPED:
        gaz, lex = article.gaz, article.lex
        mentions = [m for m in article.mentions if not _aside(article, m)]
        province = {m.region: gaz.province(m.region) for m in mentions}
        times = Counter(m.region for m in mentions)
        words = {m.region for m in mentions if article.text[m.start:m.end] in lex.common_place_words}
        helped = [r for r, p in province.items() if p in lex.helped_provinces]
        inner = [r for r in helped if gaz.regions[r].level != "province"] or helped
        if any(times[r] > 1 for r in inner):  # 真金白银投入 beside 定西 five times: 白银 once is no evidence
            # but a place named once by a name that is no word (安顺) is: the article is of two places
            inner = [r for r in inner if times[r] > 1 or r not in words]
        # 兰州市榆中县: 榆中, the one place helped; a city named only before its county is its prefix, and
        # one named less often than a county inside it is where the county is (定西 once, 临洮 throughout)
        at = {m.start: m.region for m in mentions}
        prefix = {r for r in inner if all(r in gaz.ancestors(at.get(m.end, r)) for m in mentions if m.region == r)
                  or any(r in gaz.ancestors(d) and times[d] > times[r] for d in inner)}
        inner = [r for r in inner if r not in prefix] or inner
        common = set.intersection(*({r, *gaz.ancestors(r)} for r in inner)) if inner else set()
        lowest = max(common, key=lambda r: len(gaz.ancestors(r)), default=None)
        has_helper = any(p in article.helper_provinces for p in province.values())
        one = lowest if has_helper and lowest and not gaz.is_nation(lowest) else None
        _HELPED[article] = (one, times, has_helper and one is None and len(inner) > 1)
    found, times, _ = _HELPED[article]
    both = article.lex.both_sides.search(article.text, *article.segment(start, start, s))
    if found is None or metric in ("honorees",) or both:
        return None
    province_of = article.gaz.ancestors
    others = [r for r in named if r != found and found not in province_of(r) and r not in province_of(found)
              and times[r] > 1]  # 真金白银: a place named once in passing
    if any(not set(province_of(r)) & article.helper_provinces and r not in article.helper_provinces
           for r in others):
        return None  # another place that is no helper's: the sentence is not only of the pair
    return _in_paragraph(article, s, found) or found


def _in_paragraph(article: Article, s: tx.Sentence, found: str) -> str | None:
    """…助力定西稳定脱贫…。2020年已引进企业41家: the one place inside the article's helped place (甘肃, of
    定西 and 兰州) that the sentences of the paragraph before this one name, the place it goes on about."""
    gaz = article.gaz
    named = gaz.most_specific([m.region for m in article.mentions_in(s.paragraph.start, s.start) if not _aside(article, m)])
    inside = [r for r in named if found in gaz.ancestors(r)]
    return inside[0] if len(inside) == 1 else None


# …选派825名挂职干部到东部4市交流学习: the places counted after 到, 赴, 前往 are where people went,
# not places of the one named before (达到9个, 增加到12个 are sizes, not destinations)
_BOUND_FOR = re.compile(r"(?:(?<![达加增升扩])到|赴|前往)[\u4e00-\u9fff]{0,2}$")
_PARTNERED = re.compile(r"与|和|同|跟|对|向|帮扶|支援|援助|结对")


def _home_region(article: Article, named: list[str], sec: Section | None) -> str:
    """Of places in the honoree's home family, the most specific; its own area if all are above it."""
    ids = article.gaz.most_specific(named)
    if sec and sec.home and all(r in article.gaz.ancestors(sec.home) for r in ids):
        return sec.home
    return ids[-1]


def pair_sides(article: Article, figures: list) -> None:
    """新增仓山区10个村与10个贫困村、12家企业与14个贫困村建立结对帮扶关系: in pairs that a sentence says
    are paired (与…结对), the count after 与 is of the helped side (the article's one helped place),
    the one before it of the helper the sentence names (or of none)."""
    text, gaz = article.text, article.gaz
    for f in figures:
        s = f.sentence
        if not _PAIRED.search(text, f.end, s.end) or article.section_of(s.paragraph.index) is not None:
            continue
        after_yu = text[f.start - 1:f.start] == "与"
        item = _PAIR_ITEM.match(text, f.end)
        if not after_yu and not (item and text.startswith("与", item.end())):
            continue
        helpers = [m.region for m in article.mentions_in(s.start, f.start)
                   if gaz.province(m.region) in article.helper_provinces]
        if after_yu:
            f.region, f.region_basis = _helped(article, s, f.start, f.metric, []), "context"
        else:
            f.region, f.region_basis = (helpers[-1], "explicit") if helpers else (None, "none")
        if f.region is None:
            f.region_basis = "none"


_PAIRED = re.compile(r"[^。；;]*?(?:建立|结成|开展)?结对")
_PAIR_ITEM = re.compile(r"[\u4e00-\u9fff]{0,6}?(?=与)")
