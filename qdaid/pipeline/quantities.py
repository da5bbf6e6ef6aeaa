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

from ..model import DataError
from . import text as tx
from .article import PLACE_PREPOSITIONS
from .numbers import NUMBER_PATTERN, NumberError, normalise, parse_quantity

if TYPE_CHECKING:
    from .article import Article
    from .sections import Section

_ZERO_RE = re.compile(r"(?:下降|降低|减少|降|减)(?:到|至|为)(零)|[清归](零)")
_NEGATION = "未没不无"
_NOT_ONE = re.compile(r"[^，,。；;]{0,6}?[也都][没不未]")
_PLACE_ITEM = re.compile(r"(?:(?<=[。！？\n])|[、，,；;：:])(?:其中)?([\u4e00-\u9fff]{2,8}?[县市区镇乡村])(?=[ \t　]?\d)")


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
    kind: str = "amount"
    metric: str = ""
    label: str = ""
    period: tuple[int | None, int | None] = (None, None)
    framed: bool = False  # the period is the paragraph's (classify._frame), not said in the figure's sentence
    section: Section | None = None
    region: str | None = None
    covers: list[str] = field(default_factory=list)  # the places a figure of several speaks for
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
            at = m.start(1) if m[1] else m.start(2)
            unit = _unit_of_zero(article, s, at, [f for f in in_sentence if f.end <= at], cleared=not m[1])
            if unit and not tx.inside(article.quoted, at, at + 1):
                in_sentence.append(Figure(at, at + 1, article.original[at:at + 1], unit, s))
        figures += in_sentence
    figures.sort(key=lambda f: f.start)
    for f in figures:
        try:
            q = parse_quantity(f.raw)
        except NumberError as exc:  # 一千…亿亿: the grammar took it, the numeral does not read
            raise DataError(f"{article.source_id}: {f.raw!r} at character {f.start} does not read as a number "
                            f"({exc}); write it in digits") from None
        f.value, f.approx = normalise(q.value), q.approx
    return figures


def _said_loosely(article: Article, m: re.Match, s: tx.Sentence, cls: str | None, end: int) -> bool:
    """Numbers that count nothing: a round multiplier alone (万寿菊) or after 数, 上 (数百名, 上千名,
    数十亿元: no number said), 一批 of a list ("a number of"), 一头…一头, 上半年, 两省区 of the story."""
    text, start = article.text, m.start()
    prev, number = (text[start - 1] if start else ""), m["arabic"] or m["chinese"] or m["round"]
    if m["round"] and not m["before"] and _ROUND_PEOPLE.match(text, start, end + 2) and \
            text[max(0, start - 2):start] in _HONOUR_SCOPES:
        return True  # 全国百名优秀村医: the name of an honour (a hundred chosen nationwide), not people counted here
    if m["round"] and not m["before"] and not _ROUND_PEOPLE.match(text, start, end + 2) and (
            not m["after_mult"] or re.match(r"[\d零〇一二两三四五六七八九十]", prev)):
        return True  # 万寿菊: a multiplier alone is a number after 近, 逾 …, before 余 (百余人; not 5百余), or as 百名
    if not m["before"] and ((m["round"] and tx.char_in(prev, "数上成几")) or (m["chinese"] and tx.char_in(prev, "数几"))):
        return True
    if m["chinese"] == "一" and cls and _paired(article, s, start, end, cls):
        return True  # 一头连着…，一头连着…: the two ends of a figure of speech
    if m["chinese"] == "一" and cls == "批" and (prev == "等" or re.search("[的、]", text[end:article.clause(start, end, s)[1]])
                                                or end == article.clause(start, end, s)[1]):
        return True  # 表彰一批…的先进个人, 实施一批修路、饮水…工程, …等一批工作, 选派…人才一批。: "a number of"
    if number == "半" and cls == "年" and tx.char_in(prev, "上下"):
        return True  # 上半年, 下半年: the halves of a year, when things were done, not how long
    # 闽宁两省区, 两省区坚持…: both places of the story, not a count (东部两省市 counts two)
    return m["chinese"] in ("两", "二") and cls in ("省区", "省市", "省区市") and (
        all(c in _PROVINCE_ABBREVIATIONS for c in text[max(0, start - 2):start])
        or not text[article.clause(start, end, s)[0]:start].strip())


def _paired(article: Article, s: tx.Sentence, start: int, end: int, cls: str) -> bool:
    """一头…，一头…: 一 and its measure word here, and opening another clause of the sentence (after
    this one, or before it when this one opens its clause): the ends of a figure of speech."""
    text = article.text
    again = re.compile(rf"[，,；;]\s*一{re.escape(cls)}")
    if again.search(text, end, s.end):
        return True
    opens_clause = not text[article.clause(start, end, s)[0]:start].strip()
    return opens_clause and f"一{cls}" in text[s.start:start]


def _unit_of_zero(article: Article, s: tx.Sentence, at: int, before: list[Figure], cleared: bool) -> str | None:
    """下降到零: zero in the unit of the figure it falls from (20.84% → 0%); 清零, 归零 with no figure
    before: a rate (…率归零) is 0 percent, people (贫困人口清零) 0 persons."""
    lo = article.clause(at, at + 1, s)[0]
    if cleared:  # 清零 is said of its own clause: the figure before it must be there
        before = [f for f in before if f.start >= lo]
    if before:
        return before[-1].unit
    if not cleared:
        return None
    clause = article.text[lo:at]
    if "率" in clause:
        return "percent"
    return "person" if article.lex.people_noun_at(clause, 0, len(clause)) else None


def _figure(article: Article, m: re.Match, s: tx.Sentence) -> Figure | None:
    text, start, end, lex = article.text, m.start(), m.end(), article.lex
    number = m["arabic"] or m["chinese"] or m["round"]
    prev = text[start - 1] if start else ""
    if tx.inside(article.quoted, start, end) or article.idioms.holds(start, start + 1) or \
            article.places.holds(start, start + 1) or article.body_names.holds(start, start + 1):
        return None
    if start == s.paragraph.start and m["arabic"] and not m["mult"] and (
            tx.char_in(text[end:end + 1], ".、．)）") or re.match(r"\t|　|\s{2}", text[m.end("arabic"):])):
        return None  # 2.平度市…, 1\t张三\t主任: the number of an item in a list, a table's row number
    cls = m["cls"]
    if (cls in lex.borrowed or (cls in lex.measure_words and cls not in lex.core_classifiers)) and \
            (noun := lex.noun_right_after(text, m.start("cls"))) and noun.start == m.start("cls"):
        cls, end = None, m.start("cls")  # 5车间, 4部门: 车 and 部 begin the noun counted, they measure nothing
    if m["ordinal"]:  # 第二名 is a rank; 第一书记, 第一个 are not figures
        ranked = cls in ("名", "位") or (not cls and not re.match(r"[\u4e00-\u9fff]", text[end:end + 1])
                                         and _PLACED.search(text, max(s.start, start - 12), start))
        return Figure(start, end, article.original[start:end], "rank", s) if ranked else None
    if prev in ("第", "初", "之") or tx.char_in(prev, "+>=<＋") or tx.char_in(text[end:end + 1], "+>=<＋"):
        return None  # 第一, 初四, 之一 are not counts; 1+1>2 is a slogan
    if m["chinese"] and number.startswith("一") and (any(c in text[max(0, start - 3):start] for c in _NEGATION)
                                                    or _NOT_ONE.match(text, end)):
        return None  # 未休过一天假, 一户也没有落下: "not a single one", not a count
    small = m["chinese"] in ("一", "两", "二")
    if small and cls and (text.endswith(lex.figurative_before, max(0, start - 2), start) or text.startswith(cls, end)
                          or "另一" + cls in text[end:s.end]):
        return None  # 又一个丰收年, 一个个难题, 一家…另一家…: figures of speech
    if m["chinese"] == "一" and cls and (text.startswith(f"比一{cls}", end) or text.endswith(f"一{cls}比", 0, start)):
        return None  # 一年比一年好, 一天比一天: better each year, no count of years
    if m["chinese"] == "一" and cls in ("位", "名") and lex.speaker_re.match(text, end):
        return None  # 当地一位老人说: "an old man said", no count
    if (cls and text[end:end + 1] == "性") or (cls == "届" and _CONGRESS.match(text, end)) or \
            (m["chinese"] and cls and cls not in ("个", "家", "户") and _COMPANY.match(text, end)):
        return None  # 一次性 is an adjective; 十九届五中全会: a congress; 三叶药业: a company's name
    if _said_loosely(article, m, s, cls, end):
        return None
    if number == "半" and not cls and text.startswith("日", end) and not m["before"]:
        return Figure(start, end + 1, article.original[start:end + 1], "day", s)  # 半日售空: half a day
    if not cls and number != "半" and text[end:end + 1] in ("日", "号", "月") or cls == "年" and text[end:end + 1] == "代":
        return None  # 记者7日从…了解到, 8月份: a date; 上世纪80年代: a decade
    if m["chinese"] and _restates_places(article, m, s):
        return None  # 上海、广东两省市, 武都区、成县两个县区: the places just named, not a count of them
    if not cls and tx.char_in(prev, "（(") and re.match(r"[)）][日号]", text[end:end + 2]):
        return None  # 今（28）日, 昨(27)日: the day of the month, in brackets after 今 or 昨
    if cls in ("年", "天") and text.startswith("半", end) and not text.startswith("半年", end):
        end += 1  # 为期一年半, 三天半: and a half (the value reads it: numbers.parse_quantity)
    if cls == "年":
        if text.startswith("近", start) and tx.char_in(text[end:end + 1], "，,"):
            start += 1  # 近三年，…: the last three years (a period), not "nearly three years"
        if m["arabic"] and re.fullmatch(tx.YEAR, m["arabic"]) and not m["mult"]:
            return None  # a calendar year
        if text.startswith("多", end) and re.match(r"多(来|以来)", text[end:end + 3]):
            end += 1  # 四年多来: a duration of more than four years (its period is read by classify)
    if (counted := _unit(article, m, s, cls, small, start, end)) is None:
        return None
    end, unit = counted
    if unit == "organization" and text.startswith("单位", end) and \
            _HONOURED.search(text, end, article.clause(start, end, s)[1]):
        unit = "collective"  # 4名个人、1个单位受到表彰: a body honoured is a collective, as 先进单位 is
    return Figure(start, end, article.original[start:end], unit, s)


def _unit(article: Article, m: re.Match, s: tx.Sentence, cls: str | None, small: bool, start: int,
          end: int) -> tuple[int, str] | None:
    """(where the figure ends, what it counts): by its measure word, else by the word after it;
    None when nothing says what it counts."""
    text, lex = article.text, article.lex
    if cls:
        unit = lex.unit_of_classifier(cls) or _unit_from_noun(article, m, s, cls, after_only=small)
        if cls in lex.noun_decides and (counted := _unit_from_noun(article, m, s, cls, after_only=True)) and \
                counted not in lex.noun_decides[cls]:
            unit = counted  # 17户企业: 户 is the measure word, 企业 what is counted
        return None if unit is None else (end, unit)  # 两项工作: 一/两 with no counted noun after it
    if m["chinese"] == "半" and text[end:end + 1] == "月":
        return end + 1, "month"
    if m["chinese"] == "一半":
        return end, "percent"
    if m["chinese"] and (places := _places_counted(article, start, end)):
        return end + len(places), lex.nouns[places]  # 陇南市九县区: counties and districts, no measure word
    if m["arabic"] and not m["mult"] and (place := lex.digit_place_re.match(text, end)):
        return place.end(), lex.digit_place_units[place[0]]  # 东部4市, 帮扶9省: the number and the places it counts
    if m["arabic"] and lex.people_noun_at(text, end):
        return end, "person"
    if (m["arabic"] or m["round"]) and (noun := lex.noun_right_after(text, end)):
        return end, lex.nouns[noun.word]  # 8.3万余脱贫户, 20优秀案例: a bare number before a counted noun
    if (m["mult"] or m["round"]) and (people := _PEOPLE_BEFORE.search(text, max(s.start, start - 6), start)):
        return end, "person_time" if people[1] == "人次" else "person"  # 惠及贫困人口16万, 游客人次超过80万
    if _bare_money(article, m, s):
        return end, "cny"  # 省财政共拨付12.6亿: a round amount in a clause about money
    return None


_PLACE_WORD = re.compile(r"个?(?:省区市|省市区|省市|省份|市州|县市区|县市|市县|县区|区县|区市|省|市|县|区|州)")


def _restates_places(article: Article, m: re.Match, s: tx.Sentence) -> bool:
    """A Chinese numeral and a word for places right after as many places named in a list (上海、广东
    两省市): it names them again, as 两市 or 两地 would."""
    text, start = article.text, m.start()
    if not _PLACE_WORD.match(text, m.end("chinese")):
        return False
    named = article.mentions_in(s.start, start)
    if not named or named[-1].end != start:
        return False
    items, at = 1, named[-1].start
    for prev in reversed(named[:-1]):
        if prev.end == at:  # 甘肃省陇南市: one item
            at = prev.start
        elif text[prev.end:at] in ("、", "和", "与", "及", "以及"):
            items, at = items + 1, prev.start
        else:
            break
    return items > 1 and items == parse_quantity(m["chinese"]).value


def _places_counted(article: Article, start: int, end: int) -> str | None:
    """The noun of several kinds of place right after a Chinese numeral (九县区, 十四市州), not after a
    place preposition (在九县区确定的18个村: where, the nine just counted, not a count again)."""
    text = article.text
    if text[max(0, start - 2):start].endswith(PLACE_PREPOSITIONS):
        return None
    return next((n for n in article.lex.bare_place_counts if text.startswith(n, end)), None)


_PEOPLE_BEFORE = re.compile(r"(人口|群众|劳动力|农牧民|农民|人次)(?:超过|超|近|逾|约|达到|达)?$")
_COMPANY = re.compile(r"(?:药业|集团|公司|实业|股份|控股|酒业|茶业)")


def _bare_money(article: Article, m: re.Match, s: tx.Sentence) -> bool:
    """A number with 万 or 亿 and no classifier, not before a counted noun, in a clause that names
    money (投入21.6亿助力…, 认捐善款560万，)."""
    multiplied = m["mult"] or (m["chinese"] and re.search("[万亿]", m["chinese"]))
    if not multiplied or article.lex.noun_right_after(article.text, m.end()):
        return False  # 3万贫困户 counts households, not yuan
    lo, hi = article.clause(m.start(), m.end(), s)
    return bool(article.lex.money_words.search(article.text, lo, hi))


def _unit_from_noun(article: Article, m: re.Match, s: tx.Sentence, cls: str, after_only: bool = False) -> str | None:
    """The unit a general classifier takes from its noun: the head of the phrase after it, else
    the nearest noun before it in the sentence, else the classifier's own fallback. after_only
    (for 一/两): the noun after it or right before it, or None."""
    text, lex = article.text, article.lex
    clause_end = article.clause(m.start(), m.end(), s)[1]
    nxt = re.search(r"\d|[一二两三四五六七八九十]", text[m.end():clause_end])
    stop = m.end() + nxt.start() if nxt else clause_end
    places = [(p.start, p.end) for p in article.gaz.mentions(text, max(s.start, m.start() - tx.REACH), stop)]

    def in_place(hit) -> bool:  # 11种陇县特色农产品, 从陇县出发: the 县 of a place's name counts nothing
        return any(a <= hit.start and hit.end <= b and b - a > hit.end - hit.start for a, b in places)

    if after := lex.head_noun(text, m.end(), stop, in_place):
        return lex.nouns[after.word]
    if after_only:  # 卫生室两所: but only the noun right before it, as in a list of items built
        right_before = [n for n in lex.nouns_in(text, max(s.start, m.start() - tx.REACH), m.start())
                        if n.end == m.start() and not in_place(n)]
        return lex.nouns[right_before[-1].word] if right_before else None
    if (of := text.find("的", m.end(), stop)) > 0 and (after := lex.head_noun(text, of + 1, stop, in_place)):
        return lex.nouns[after.word]  # 1200多家贫困地区的扶贫企业: the noun after 的 is the head
    if cls in lex.measure_words:
        return lex.general[cls]  # 冷藏车18辆, 9支巡护队: the measure word names what it counts
    if unknown := _unknown_noun(text[m.end():stop]):
        return unknown  # 建成12个光伏电站: the noun no list knows is what 个 counts, not the 村 before it
    lo = _breakdown_head(article, s) or max(s.start, m.start() - tx.REACH)
    # 其中镇宁县25个、紫云县15个: an item named for a place; its 县 is not what 个 counts
    named = [range(n.start(1), n.end(1)) for n in _PLACE_ITEM.finditer(text, lo, m.start() + 1)
             if any(p.start == n.start(1) for p in article.gaz.mentions(text, n.start(1), n.end(1)))]
    # 全县新增就业岗位2300个: 全县 is where, not what is counted
    before = [n for n in lex.nouns_in(text, lo, m.start()) if not any(n.start in r for r in named)
              and text[n.start - 1:n.start] not in ("全", "该", "本", "我") and not in_place(n)
              and not _bracketed(text, lo, n.start)]  # 省（区、市）22个: the 市 in brackets qualifies 省
    if before:
        return lex.nouns[before[-1].word]
    if cls == "家" and _BROUGHT_IN.search(text, max(s.start, m.start() - 6), m.start()):
        return "enterprise"  # 目前已引进3家: the firms brought in, the noun said in the sentence before
    return lex.general[cls]


def _bracketed(text: str, lo: int, at: int) -> bool:
    """text[at] lies inside brackets opened after lo."""
    opened = max(text.rfind("（", lo, at), text.rfind("(", lo, at))
    return opened >= 0 and max(text.rfind("）", lo, at), text.rfind(")", lo, at)) < opened


_BROUGHT_IN = re.compile(r"引进|招引|落户|入驻|签约")


def _breakdown_head(article: Article, s: tx.Sentence) -> int | None:
    """For a line under 其中： (东乡县 130个), the start of the total's sentence: what the line's 个
    counts is what the total counts (结对帮扶村共240个，其中：)."""
    index = s.paragraph.index - 1
    while index >= 1:
        p = article.paragraphs[index - 1]
        if _BREAKDOWN_END.search(p.text):
            return article.sentences_in[p.index][-1].start if article.sentences_in.get(p.index) else None
        if len(p.text) > 40 or re.search("[。！？]", p.text):
            return None
        index -= 1
    return None


# 百名干部、千名专家: a hundred, a thousand people, the round multiplier alone before 名
_ROUND_PEOPLE = re.compile(r"[百千万]名(?=[\u4e00-\u9fff])")
_HONOUR_SCOPES = ("全国", "全省", "全市", "全区", "全州")  # before 百名/千名: an honour's name (全国百名优秀村医)
# 位列第一, 位居全国第三, 排名全省第二: a place in a ranking, written without 名 (a verb of ranking
# and a word or two of the scope it is ranked in before the ordinal; nothing after it that it would
# count). 稳居全省第一 and 居全国第三 stay words of praise: the bundled article's reading.
_SCOPE = "(?:全国|全省|全市|全州|全区|西部|东部|中西部)"
_PLACED = re.compile(rf"(?:位列|位居|排名|名列|排在){_SCOPE}?(?:各省区市|各省份)?$")
# 闽, 宁, 粤, 桂 …: the one-character names of the provinces (闽宁两省区: 福建 and 宁夏)
_PROVINCE_ABBREVIATIONS = frozenset("京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕秦吉闽贵黔粤青藏川蜀宁琼")
_HONOURED = re.compile(r"表彰|荣获|获得|获评|授予|入选")
_CONGRESS = re.compile(r"[一二三四五六七八九]中全会|全国人大|全国政协|人大|政协|中央委员会|党代会|全会")
_BREAKDOWN_END = re.compile(r"(?:其中|具体如下|分别是|分别为)[：:]$")
_PHRASE_END = re.compile(r"[、，,；;。：:的和与及\s“”\"（(《]")
# Characters that make the words after a classifier a predicate, not a noun (12个已建成, 3个全部脱贫).
_PREDICATE = re.compile(r"[了着过是在为将已被把从向对给让使并也都还又就全共均实达获得到]")
# 8家参加, 12个开展活动: a verb right after the classifier; what is counted was named before
_VERB_FIRST = re.compile(r"参加|参与|参展|参观|开展|实现|带动|帮助|帮扶|吸纳|提供|完成|组织|签订|签约|入驻|落户|投产|开工|建成")


def _unknown_noun(after: str) -> str | None:
    """The unit a noun phrase right after a classifier gives when no list knows it: its pinyin
    (光伏电站 → guangfudianzhan), a valid unit id and, as English, a name with no Han in it."""
    phrase = _PHRASE_END.split(after, maxsplit=1)[0]
    if not 2 <= len(phrase) <= 6 or not re.fullmatch(r"[\u4e00-\u9fff]+", phrase) or _PREDICATE.search(phrase) \
            or _VERB_FIRST.match(phrase):
        return None
    from pypinyin import lazy_pinyin  # only the build reads Chinese

    return re.sub(r"[^a-z]", "", "".join(lazy_pinyin(phrase)).lower()) or None
