"""Who a stretch of text names: a person (a name of 2–4 characters, or two parts joined by ·,
and the post written before or after it) or a body (a name ending in an organisation's kind).
The honoree lists (honoree_lists.py) read their items with these.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import text as tx

if TYPE_CHECKING:
    from .article import Article

HAN = r"[\u4e00-\u9fff]"
# 张三, 阿依古丽·买买提; 方 荣, 方  荣, 李　明: a list pads a name of two with one or two spaces or a wide
# one (U+3000) to line up with names of three; a line spaced out a character at a time (相 关 阅 读) is none
PADDED = rf"(?<!{HAN})(?<![ 　]{HAN}[ 　])(?<!^{HAN}[ 　]){HAN}(?: {{1,2}}|　){HAN}(?!{HAN})(?![ 　]{{1,2}}{HAN}(?:[ 　]|$))"
PERSON = rf"{HAN}{{2,4}}|{HAN}{{1,6}}·{HAN}{{1,6}}|{PADDED}"
POSTHUMOUS = r"[（(](?:追授|生前)[)）]"
SEX_OR_PEOPLE = r"(?:[（(](?:男|女|[\u4e00-\u9fff]{1,3}族)(?:[，,、][^（()）]{1,6})?[)）])?"  # 李芳（女）, 马林（回族）
SEPARATORS = "\t 　，,：:、—"  # 张三——主任: a dash too
# What a 公示 line says of a person besides the post: 男, 汉族, 1972年3月生, 中共党员, 大学学历 …
PROFILE = re.compile(r"男|女|[\u4e00-\u9fff]{1,4}族|\d{4}年\d{1,2}月(?:出)?生|\d{4}\.\d{1,2}生?|中共党员|中共预备党员|"
                     r"党员|群众|无党派人士|[\u4e00-\u9fff]{0,4}(?:学历|学位)|大学|大专|本科|研究生|中专|高中|初中")
PLACE_LIKE = re.compile(rf"{HAN}{{2,5}}[镇乡村县市区州旗盟]")  # a name of three or more ending in a kind of place
_ENDS_POST = ("生前系", "生前任", "生前为", "生前是", "系")


def unpadded(name: str) -> str:
    """A person's name without the space a list pads it with (方 荣 → 方荣)."""
    return re.sub(rf"^({HAN})(?: {{1,2}}|　)({HAN})$", r"\1\2", name)


def person_in(article: Article, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """(name, post) offsets of one person written in text[start:end], or None."""
    text = article.text
    item = text[start:end]
    if m := re.fullmatch(rf"({PERSON})\s*{SEX_OR_PEOPLE}\s*(?:{POSTHUMOUS})?\s*(?:[{SEPARATORS}]+|[（(])(.+?)[)）]?", item):
        # 某村网格长 王强: four characters and then a name of two or three are a post and its holder
        swapped = len(m[1]) == 4 and re.fullmatch(rf"{HAN}{{2,3}}", m[2]) and is_name(article, start + m.start(2),
                                                                                      start + m.end(2))
        if m[2] != "追授" and not swapped and is_name(article, start + m.start(1), start + m.end(1)):  # 张三 主任
            post = post_at(text, start + m.start(2), start + m.end(2))
            return (start + m.start(1), start + m.end(1)), post
    if m := re.fullmatch(rf"(.*?)([{SEPARATORS}]*)({PERSON})\s*(?:{POSTHUMOUS})?", item):
        # 主任张三 is read as one run of up to four characters: the name starts where a title ends,
        # the last end of titles that overlap (党总支书记朱洪辉: 支书 and 书记, the name after 记)
        ends = (t.start() + len(t[1]) for t in re.finditer(f"(?=({tx.alternation(article.lex.titles)}))", item))
        titles = [e for e in ends if m.start(3) <= e <= m.end(3) - 2]
        name = (start + (max(titles) if titles else m.start(3)), start + m.end(3))
        # A name stands alone, after a separator, or right after a title: not the end of any phrase.
        if (titles or m[2] or not m[1]) and is_name(article, *name):
            post = post_at(text, start, name[0]) if name[0] > start else None
            return name, post
    return None


def post_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A post's offsets, without the profile before it (男，汉族，1972年3月生，), 生前系, or
    separators around it."""
    while (item := re.compile(rf"(?:{PROFILE.pattern})[{SEPARATORS}]+").match(text, start, end)):
        start = item.end()
    for word in _ENDS_POST:
        if text.startswith(word, start):
            start += len(word)
            break
    while start < end and text[start] in SEPARATORS:
        start += 1
    if re.match(r"[我本][市县省区州](?=[\u4e00-\u9fff]{2})", text[start:end]):
        start += 2  # 我县平利县扶贫开发局局长: "our county" says whose, the post begins after it
    while end > start and text[end - 1] in SEPARATORS + "（(":
        end -= 1
    return (start, end) if end - start >= 2 else None


def is_name(article: Article, start: int, end: int) -> bool:
    """2–4 characters (or two parts joined by ·) that are not a title, an organisation or a place."""
    word = article.text[start:end]
    lex = article.lex
    if not re.fullmatch(PERSON, word) or any(t in word for t in lex.titles) or word in ("同志", "等人") or \
            re.match(r"[我本][市县省区州]", word):  # 我市王强: "our city" says whose, no name begins so
        return False
    if word.endswith(tuple(w for w in [*lex.org_kinds, *lex.nouns, *lex.collective_ends] if len(w) > 1)):
        return False
    if PLACE_LIKE.fullmatch(word):
        return False  # 勐卡镇, 宁洱县: a place the gazetteer does not hold is still no person
    return not any(m.end - m.start >= 2 for m in article.mentions_in(start, end))


def is_collective(article: Article, start: int, end: int) -> bool:
    # 阜宁县农业农村局（县政府扶贫工作办公室）: the name before the bracket says what it is
    word, lex = re.sub(r"[（(][^（()）]*[)）]$", "", article.text[start:end]), article.lex
    # …农业农村局干部 ends in 部, but 干部 is a person's post: the line names a person
    return len(word) >= 4 and word.endswith(tuple(lex.org_kinds) + tuple(lex.collective_ends)) and \
        not word.endswith(tuple(t for t in lex.titles if len(t) > 1))
