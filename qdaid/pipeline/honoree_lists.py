"""Honorees named in lists: a heading (先进个人, 先进集体, 楷模 …) on a line of its own with one
honoree a line under it, the post before or after the name; and sentences that list them
(先进个人分别是：主任张三、书记李四（追授）). Each is found as a Listed (offsets of its name
and post), which sections.py turns into an honoree.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import text as tx
from .numbers import parse_quantity
from .persons import PERSON, PLACE_LIKE, POSTHUMOUS, SEPARATORS, is_collective, is_name, person_in, post_at, unpadded
from .sections import Listed

if TYPE_CHECKING:
    from .article import Article

# 1. 1、 (1) 一、 • …, and a table's row number before a tab or a wide space (1\t张三\t主任)
_BULLET = re.compile(r"^(?:[（(]?\d{1,3}[)）.、．]|\d{1,3}(?=\t|　|\s{2})|[（(][一二三四五六七八九十]+[)）]"
                     r"|[一二三四五六七八九十]+[、.．]|[·•●○■□◆◇▲△\-—*])\s*")
# 序号\t姓名\t工作单位及职务: a table's header row, the names of its columns
_HEADER_ROW = re.compile(r"(?:序号|编号|姓名|性别|民族|(?:工作)?单位(?:名称)?(?:及职务)?|职务|名称|备注|奖项|类别)"
                         r"(?:[\t 　]+(?:序号|编号|姓名|性别|民族|(?:工作)?单位(?:名称)?(?:及职务)?|职务|名称|备注|奖项|类别))*")
# A heading line: decoration, the heading word, an optional count in brackets, an optional colon.
_HEAD_TAIL = re.compile(r"(?:荣誉称号|称号)?(?:拟?(?:表彰|推荐)对象)?(?:名单|获得者|人选)?\s*[】\]〕]?\s*"
                        r"(?:[（(][^（()）]{0,12}[)）])?\s*[：:]?$")
# 来源：新华网, 责任编辑：张三, 编辑 李四, （记者 王五）: who wrote or edited the page, or where it comes from
_CREDIT = re.compile(r"\s*[（(【\[]?\s*(?:(?:信息|文章|本文|稿件|新闻)?来源|稿源|出处|责任编辑|责编|编辑|编审|审核|审校|"
                     r"校对|[初复终]审|(?:本报|新华社|特约|见习|融媒体?)?(?:记者|通讯员)|实习生|作者|撰稿|撰文|文字|"
                     r"摄影|摄像|图片|制图|美编|监制|出品|供稿|编译|整理|"
                     r"(?:文|图|文图|图文)(?=\s*[：:/｜|]))\s*[：:/｜|\s]")
_LIST_VERBS = r"分别是|分别为|包括|名单为|名单是|是|为|有"


def listed_honorees(article: Article, heads: dict[str, str]) -> list[Listed]:
    """Every honoree named under a heading line or in a sentence that lists them, in text order."""
    found = _under_headings(article, heads) + _in_sentences(article, heads) + _profiles(article, heads) + \
        _first_of_many(article, heads) + _counted_names(article, heads) + _award_winners(article, heads) + \
        _listed_before_count(article, heads) + _award_lines(article, heads) + _titled(article, heads) + \
        _first_few_of(article)
    kept: dict[str, Listed] = {}  # one honoree named twice (授予毛相林等…, then 毛相林，男…): the telling with a post
    for listed in found:
        name = unpadded(article.text[listed.name[0]:listed.name[1]])
        if name not in kept or (kept[name].post is None and listed.post is not None):
            kept[name] = listed
    return sorted(kept.values(), key=lambda listed: listed.name[0])


_FIRST_OF = re.compile(r"(?:授予|表彰|命名)?([^，,；;。：:“”]{2,80}?)等(?:\d+|[一二两三四五六七八九十百]+)"
                       r"(名同志|名|人|个集体|个单位|个[\u4e00-\u9fff]{0,8}?(?:队|组)(?![长员]))")


def _first_of_many(article: Article, heads: dict[str, str]) -> list[Listed]:
    """授予毛相林等10名同志、河北省塞罕坝机械林场等10个集体“…楷模”荣誉称号: the first honorees of each
    group the decision names (授予A、B等10名同志), people (名同志) or collectives (个集体)."""
    text, found = article.text, []
    for s in article.sentences:
        award = text.find("授予", s.start, s.end)
        if award < 0 or "称号" not in text[award:s.end] or not (
                any(w in text[award:s.end] for w in heads) or re.search(r"“[^”]*(?:先进|优秀|模范|标兵)", text[award:s.end])):
            continue
        # 授予A等10名同志…称号; A等100个工作队、B等100名队长，分别被授予“…”称号: the names come after or before
        lo, hi = (s.start, award) if text[award - 1:award] == "被" else (award + 2, s.end)
        for m in _FIRST_OF.finditer(text, lo, hi):
            for name in _pieces(article, m.start(1), m.end(1)):
                if m[2].startswith("个"):
                    if is_collective(article, *name) or article.mentions_in(*name):
                        found.append(Listed(s.paragraph, "collective", name, None, name, owns=False))
                elif person := person_in(article, *name):
                    found.append(Listed(s.paragraph, "individual", person[0], person[1], name, owns=False))
    return found


# 主任张三、李四等10人获得…奋进奖, 甲县扶贫办等5个单位荣获…奖: the first few of those honoured, named before
# their number, then the verb of the honour (a clause's start to 等 holds the names)
_FEW_OF = re.compile(r"([^，,；;。：:！？“”\s]{2,120}?)等(\d+|[一二两三四五六七八九十百]+)"
                     r"(名同志|位同志|名个人|名|人|位|[个家][\u4e00-\u9fff]{0,6}?)(?:分别|先后|均|都)?"
                     r"(?:获得了?|荣获|获评|获|被授予|被评为|被命名为|入选)")
_HONOUR = re.compile(r"奖(?![学金补])|称号|荣誉|表彰|先进|模范|楷模|标兵")


def _first_few_of(article: Article) -> list[Listed]:
    """The people (名, 人, 位) or bodies (个单位, 个集体) a clause names before 等N… and a verb of an
    honour (获得, 荣获, 被授予 … an award or a title after it): each an honoree read as a winner is
    (a post before a person's name its post, 来自…的 before it no post). The number counts all of
    them, most unnamed: it is a figure."""
    text, found = article.text, []
    for s in article.sentences:
        for m in _FEW_OF.finditer(text, s.start, s.end):
            if not _HONOUR.search(text, m.end(), article.clause(m.end() - 1, m.end(), s)[1]):
                continue  # 张三等5人获得资助: help, no honour
            start = _LIST_OPENS.match(text, m.start(1), m.end(1)).end()  # type: ignore[union-attr]
            people = m[3][0] in "名人位"
            for a, b in _pieces(article, start, m.end(1)):
                winner = _winner(article, a, b)  # 主任张三, 来自山区的李四, 甲县扶贫办, 乙县
                if winner and (winner[0] == "individual") == people:
                    found.append(Listed(s.paragraph, winner[0], winner[1], winner[2], (a, b), owns=False))
    return found


def _named_place(article: Article, start: int, end: int) -> bool:
    """text[start:end] is a place (宁洱县) or a place and a village or township in it."""
    places = article.mentions_in(start, end)
    return bool(places) and places[0].start == start and bool(
        re.fullmatch(r"(?:[\u4e00-\u9fff]{2,6}[乡镇村])?", article.text[places[-1].end:end]))


# 张小娟、黄文秀、姜仕坤三位英烈: names joined by 、 和 及 (after a separator, 有, 是, 为 or 包括), then
# their number and a word for honoured people
_COUNTED = re.compile(rf"(?:(?<=[，,：:；;。\s有是为括])|^)((?:{PERSON})(?:[、和及](?:{PERSON}))+)"
                      r"(\d+|[两二三四五六七八九十])(?:位|名)(英烈|烈士|英模|楷模|同志|先进个人|获奖者)", re.M)
_HONOURED = re.compile(r"[^，,。；;！？]*?(?:获|表彰|授予|入选|当选)")  # 三名同志获得表彰: comrades honoured


def _counted_names(article: Article, heads: dict[str, str]) -> list[Listed]:
    """In an article about honours (a heading word in it), the people a sentence names before their
    number and a word for the honoured (在…楷模名单上，张小娟、黄文秀、姜仕坤三位英烈的名字…): each an
    individual, when there are as many names as the number says."""
    text, found = article.text, []
    if not any(word in text for word in heads):
        return []
    for m in _COUNTED.finditer(text):
        names, at = [], m.start(1)
        for part in re.split("[、和及]", m[1]):
            names.append((at, at + len(part)))
            at += len(part) + 1
        if m[3] == "同志" and not _HONOURED.match(text, m.end()):
            continue  # 李强、王芳两位同志作了发言: two comrades who spoke, not honourees
        if len(names) == int(parse_quantity(m[2]).value) and all(is_name(article, *name) for name in names):
            p = article.sentence_at(m.start()).paragraph
            found += [Listed(p, "individual", name, None, name, owns=False) for name in names]
    return found


# 我市A、B、C 3名先进个人和甲局、乙队2个先进集体受到表彰: a run of names or bodies, then their number
# and what they were honoured as
_COUNT_OF = re.compile(r"(\d+|[两二三四五六七八九十]+)(名|位|个|家)(先进个人|先进集体|先进单位|个人|集体|单位)")
_LIST_OPENS = re.compile(r"(?:其中|另有|还有|共有|此外|另外|同时|我市|我省|我县|我区|我州|全市|全省|全县|本市|"
                         r"以及|和|及|有|是|为|包括)*")


def _listed_before_count(article: Article, heads: dict[str, str]) -> list[Listed]:
    """In an article about honours, the honorees a clause lists before their number (我市张三、李四
    2名先进个人和甲局、乙队2个先进集体): people before 名/位, bodies before 个/家; as many as the
    number says, each a name (a person) or a body's name (a collective)."""
    text, found = article.text, []
    if not any(word in text for word in heads):
        return []
    for s in article.sentences:
        lo = s.start
        for m in _COUNT_OF.finditer(text, s.start, s.end):
            breaks = [text.rfind(c, lo, m.start()) for c in "，,：:；; 　"]  # 本报讯 我市A、B: after the space
            start, lo = max([lo, *[b + 1 for b in breaks]]), m.end()
            start = _LIST_OPENS.match(text, start, m.start()).end()  # type: ignore[union-attr]
            honoured = _HONOURED.match(text, m.end()) is not None  # …受到表彰, not who spoke or came
            if (bracket := _BRACKETED.match(text, m.end(), s.end)) is not None:
                # 3个先进集体（甲局、乙办、丙队），4个先进个人（张三、李四）受到表彰: the names in brackets
                start, end = bracket.start(1), bracket.end(1)
                honoured = _HONOURED.match(text, bracket.end()) is not None or \
                    _HONOURED.search(text, bracket.end(), s.end) is not None
            else:
                end = m.start()
            found += _counted_items(article, s, _listed_items(text, start, end), m, honoured)
    return found


_BRACKETED = re.compile(r"[（(]([^（()）]{2,400})[)）]")


def _counted_items(article: Article, s: tx.Sentence, items: list[tuple[int, int]], m: re.Match,
                   honoured: bool) -> list[Listed]:
    """The items a count of honorees names, when they are as many as it says, and are all names
    (名, 位, 个人) or all bodies' names (个, 家, 集体, 单位)."""
    people = m[2] in "名位" or m[3] == "先进个人" or m[3] == "个人"
    if len(items) != int(parse_quantity(m[1]).value) or len(items) < 2 or not honoured:
        return []
    if people and all(is_name(article, *item) for item in items):
        return [Listed(s.paragraph, "individual", item, None, item, owns=False) for item in items]
    if not people and all(is_collective(article, *item) for item in items):
        return [Listed(s.paragraph, "collective", item, None, item, owns=False) for item in items]
    return []


def _listed_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of text[start:end] joined by 、 (and a last one by 和 or 及), as offsets."""
    items, at = [], start
    for m in re.finditer(r"、|和|及", text[start:end]):
        if m[0] != "、" and start + m.start() == at:
            continue  # 、和建华: a 和 opening an item is a surname (the Naxi 和), not "and"
        items.append((at, start + m.start()))
        at = start + m.end()
    items.append((at, end))
    return items


# 平坝区委书记李明被授予“全国脱贫攻坚先进个人”称号: who a clause says is given a title
_TITLED = re.compile(r"(?:(?<=[，,。；;：:！？\s])|^)([^，,。；;：:！？“”\s\d]{2,40}?)(?:被|荣)?(?:授予|评为)"
                     r"[“「]([^”」]{2,30})[”」](?:荣誉)?称号", re.M)


def _titled(article: Article, heads: dict[str, str]) -> list[Listed]:
    """Who a clause says is given an honour's title (…被授予“全国脱贫攻坚先进个人”称号): a person
    (the post before the name) or a collective, when the title holds an honoree word."""
    found = []
    for p in article.paragraphs:
        for m in _TITLED.finditer(p.text):
            if not any(word in m[2] for word in heads):
                continue
            start, end = p.start + m.start(1), p.start + m.end(1)
            if (winner := _winner(article, start, end)) is not None:
                found.append(Listed(p, winner[0], winner[1], winner[2], (start, end), owns=False))
    return found


_PROFILE_HEAD = re.compile(rf"\s*({PERSON})\s*[，,]\s*[男女]\s*[，,]")


def _profiles(article: Article, heads: dict[str, str]) -> list[Listed]:
    """In an article about honours (a heading word in it), a paragraph that opens with a person's
    profile: 毛相林，男，汉族，党员，1959年1月生，重庆市巫山县…党支部书记。他… (the post is what the
    first sentence says after the profile; 生前系 marks the dead). The paragraph is the person's."""
    if not any(word in article.text for word in heads):
        return []
    found: list[Listed] = []
    for p in article.paragraphs:
        m = _PROFILE_HEAD.match(article.text, p.start, p.end)
        if not m or not is_name(article, m.start(1), m.end(1)):
            continue
        first = article.sentences_in[p.index][0]
        end = first.end - 1 if article.text[first.end - 1] in tx.SENTENCE_END else first.end
        post = post_at(article.text, m.end(), end)
        found.append(Listed(p, "individual", (m.start(1), m.end(1)), post, (m.start(1), end)))
    return found


def _heading_kind(article: Article, p: tx.Paragraph, heads: dict[str, str]) -> str | None:
    """The kind of honoree a heading line announces (全国脱贫攻坚先进个人（3名）：), or None."""
    line = _BULLET.sub("", p.text.lstrip("【[〔 "))
    said = [w for w in heads if w in line]
    if said and len(line) <= 120 and re.search(r"[，,。；;！？].*(?:名单|如下)[：:]$", line):
        # 表彰…先进个人。名单如下：a sentence says whom it honours, then opens the list under it
        return heads[max(said, key=lambda w: (line.rfind(w) + len(w), len(w)))]
    if len(line) > 40 or re.search(r"[，,。；;！？]", line):
        return None
    body = _HEAD_TAIL.sub("", line)
    if re.search(r"荣获|获得|喜获|获评|\d+\s*[名个人]", body):
        return None  # 我市13名个人7个集体荣获…先进集体: a title that tells of the honour, no list's heading
    word = next((w for w in sorted(heads, key=len, reverse=True) if body.endswith(w)), None)
    if word is None and re.fullmatch(r"[\u4e00-\u9fff“”]{1,12}奖", body) and not body.endswith("获奖"):
        # 奋进奖（共10人）, 组织创新奖（共1个）: an award's winners; 组织 or a count of 个/家 marks bodies
        return "collective" if "组织" in body or re.search(r"\d+\s*[个家]", line) else "individual"
    return heads[word] if word else None


def _under_headings(article: Article, heads: dict[str, str]) -> list[Listed]:
    found: list[Listed] = []
    kind = None
    for p in article.paragraphs:
        if (heading := _heading_kind(article, p, heads)) is not None:
            kind = heading
            continue
        if kind is None:
            continue
        if _CREDIT.match(p.text):
            kind = None  # 来源：湖北日报, 编辑 李四: the page's credits end any list, and name no honoree
            continue
        if any(word in p.text for word in heads) or _AWARD_LINE.match(article.text, p.start, p.end):
            kind = None  # 全国脱贫攻坚楷模（2名）：A、B, 贡献奖：A、B: a list of its own, read as a sentence
            continue
        if re.fullmatch(r"[（(]?共?\d+[名个人位项]?[)）]?", p.text) or _HEADER_ROW.fullmatch(p.text):
            continue  # （共4名）: the count of the list; 序号 姓名 职务: a table's header row
        listed = _line(article, p, kind) if len(p.text) <= 100 and not re.search(r"[。！？]", p.text) else None
        if listed is None:
            kind = None  # the list ends at the first line that is not an honoree
        else:
            found.append(listed)
    return found


def _line(article: Article, p: tx.Paragraph, kind: str) -> Listed | None:
    """One honoree on a line of its own: a collective's name, or a person's name with the post
    before it (主任张三, 主任：张三) or after it (张三 主任, 张三（主任）)."""
    text = article.text
    bullet = _BULLET.match(p.text)
    start, end = p.start + (bullet.end() if bullet else 0), p.end
    while end > start and text[end - 1] in "；;。,，":
        end -= 1
    if lead := re.compile(rf"(?:{POSTHUMOUS}|追授)[{SEPARATORS}]*").match(text, start, end):
        start = lead.end()  # 追授 贵州省…主任 杨光明: the mark before the post
    if is_collective(article, start, end) or (kind == "collective" and end - start >= 4):
        return Listed(p, "collective", (start, end), None, (start, end))
    if kind == "collective":
        return None
    person = person_in(article, start, end)
    return Listed(p, "individual", person[0], person[1], (start, end)) if person else None


def _in_sentences(article: Article, heads: dict[str, str]) -> list[Listed]:
    """Honorees in a sentence that lists them after a heading word: 先进个人3名，分别是：A、B和C。
    or 先进个人（3名）：A、B、C"""
    text = article.text
    pattern = re.compile(rf"({tx.alternation(heads)})(?:称号|荣誉称号)?[^。；;！？]{{0,30}}?(?:(?:{_LIST_VERBS})[：:]?|[：:])")
    found: list[Listed] = []
    for s in article.sentences:
        end = s.end - 1 if text[s.end - 1] in tx.SENTENCE_END else s.end
        lists = list(pattern.finditer(text, s.start, end))
        for i, m in enumerate(lists):
            after = lists[i + 1] if i + 1 < len(lists) else None
            # 先进单位…分别是A、B；获得“…先进个人”称号的分别是…: a list ends where the next one's clause begins
            hi = max(text.rfind("；", m.end(), after.start()), text.rfind(";", m.end(), after.start())) \
                if after else end
            hi = hi if hi > m.end() else (after.start() if after else end)
            found += [Listed(s.paragraph, k, name, post, places, owns=False) for k, name, post, places in
                      _items(article, m.end(), hi, heads[m[1]])]
    return found


# 奋进奖：张三（…村党支部书记）、李四（…）; 组织创新奖（2个）：甲县: an award, then its winners
_AWARD_LINE = re.compile(r"\s*(?:[·•●\-—*]|\d{1,2}[.、．]|[一二三四五六七八九十][、.．])?\s*"
                         r"([\u4e00-\u9fff“”]{1,12}?奖)(?:获得者|获奖者|获奖名单)?\s*(?:[（(][^（()）]{0,8}[)）])?\s*[：:]")


def _award_lines(article: Article, heads: dict[str, str]) -> list[Listed]:
    """In an article about honours (a heading word or an award in its title), a line that opens
    with an award and a colon lists its winners: people, or bodies for an award of 组织."""
    text = article.text
    title = article.paragraphs[0].text if article.paragraphs else ""
    if not any(word in text for word in heads) and "奖" not in title:
        return []
    found: list[Listed] = []
    for p in article.paragraphs[1:]:
        m = _AWARD_LINE.match(text, p.start, p.end)
        if not m or m[1].endswith("获奖"):
            continue
        kind = "collective" if "组织" in m[1] else "individual"
        end = p.end - 1 if text[p.end - 1] in tx.SENTENCE_END + "；;" else p.end
        found += [Listed(p, k, name, post, places, owns=False) for k, name, post, places in _items(article, m.end(), end, kind)]
    return found


# 扶贫干部周建平获贡献奖, 宁洱县获组织奖, “…”—主任邓启航，荣获创新奖: who wins an award, after a clause's start
_WINS = re.compile(r"(?:(?<=[，,。；;：:！？“”\"—\s])|^)([^，,。；;：:！？“”\"—\s\d]{2,160}?)[，,]?"
                   r"(?:荣获|获得了?|获)[“「\"]?[^，,。；;！？”」\"\d]{1,16}?奖(?![金励品])", re.M)


def _award_winners(article: Article, heads: dict[str, str]) -> list[Listed]:
    """In an article about honours (a heading word in it, or an honour in its title), who a clause says wins an award: a
    person (the name after a post, after 的, or alone) or a collective (a body's name, or a place:
    a county, a township). A count that wins (共有12人获得…) names no one."""
    text, found = article.text, []
    title = article.paragraphs[0].text if article.paragraphs else ""
    if not any(word in text for word in heads) and not _HONOUR.search(title):
        return []  # 2016年全国脱贫攻坚奖揭晓: a title of an honour also makes the article about honours
    for p in article.paragraphs:
        for m in _WINS.finditer(p.text):
            start, end = p.start + m.start(1), p.start + m.end(1)
            start += len(text[start:end]) - len(re.sub(r"^(?:其中|此外|另外|同时)", "", text[start:end]))
            end -= len(text[start:end]) - len(re.sub(r"(?:也|还|均|都)$", "", text[start:end]))
            run = [(w, piece) for piece in _pieces(article, start, end) if (w := _winner(article, *piece))] \
                if "、" in text[start:end] else []
            if len(run) > 1:  # 马小兰、王大明、李红梅获得奋进奖, 宁洱县、勐卡镇获组织奖: each of a run wins
                found += [Listed(p, w[0], w[1], w[2], piece, owns=False) for w, piece in run]
            elif (winner := _winner(article, start, end)) is not None:
                found.append(Listed(p, winner[0], winner[1], winner[2], (start, end), owns=False))
    return found


def _winner(article: Article, start: int, end: int) -> tuple[str, tuple[int, int], tuple[int, int] | None] | None:
    """(kind, name, post) of the one a clause's subject text[start:end] names, or None."""
    text = article.text
    if is_collective(article, start, end):
        return "collective", (start, end), None
    if person := person_in(article, start, end):
        return "individual", person[0], person[1]
    of = text.rfind("的", start, end)  # 来自山区的马春兰
    if of >= 0 and is_name(article, of + 1, end):
        return "individual", (of + 1, end), None
    if _named_place(article, start, end) or PLACE_LIKE.fullmatch(text[start:end]):
        return "collective", (start, end), None  # 宁洱县, 西盟县勐卡镇, 勐卡镇: a place wins for its work
    return None


def _items(article: Article, lo: int, hi: int, kind: str) -> list[tuple]:
    """The honorees of a list written as a run of items: 主任张三、书记李四（追授）和王五."""
    found: list[tuple] = []
    pending = None  # 华鲁集团派驻…扶贫督导员、…公司副总经理王恒冰: a post alone joins the next item's
    for start, end in _pieces(article, lo, hi):
        if is_collective(article, start, end):
            found.append(("collective", (start, end), None, (start, end)))
        elif kind == "individual" and (person := person_in(article, pending or start, end)):
            found.append(("individual", person[0], person[1], (pending or start, end)))
        elif kind == "individual" and pending is None and end - start <= 40:
            pending = start
            continue
        pending = None
    return found


def _pieces(article: Article, lo: int, hi: int) -> list[tuple[int, int]]:
    """The items between 、，；: a piece that ends in a title joins the next (党组书记、主任张三);
    a piece split at 和/及 where the words before it are a person (主任张三和书记李四)."""
    text, titles = article.text, tuple(article.lex.titles)
    pieces, at = [], lo
    for m in re.finditer(r"[、，,；;]", text[lo:hi]):
        inside = text[at:lo + m.start()]
        if inside.count("（") + inside.count("(") > inside.count("）") + inside.count(")"):
            continue  # 张三（女，宝坻区扶贫办主任）: a comma in the brackets is no item's end
        if re.sub(r"[（(][^（()）]*[)）]$", "", text[at:lo + m.start()]).endswith(titles):
            continue  # 党组书记、主任, 副县长（挂职）,总经理: one post
        pieces.append((at, lo + m.start()))
        at = lo + m.end()
    pieces.append((at, hi))
    found = []
    for start, end in pieces:
        text_piece = text[start:end].removeprefix("以及").removeprefix("和").removeprefix("及")
        start = end - len(text_piece)
        join = re.search(r"以及|和|及", text_piece)
        if join and person_in(article, start, start + join.start()):
            found += [(start, start + join.start()), (start + join.end(), end)]
        else:
            found.append((start, end))
    return [(a, b) for a, b in found if b - a >= 2]
