"""Chinese quantities → exact numbers.

Owns the grammar of a number as Chinese news text writes it: Arabic or Chinese numerals,
decimals, the multipliers 千/万/亿 (and their Traditional forms), and the approximation words
that may stand before the number (近, 约, 超过, 逾), between number and multiplier (620余万),
or after the classifier (以上, 左右). Values are `Decimal`, so 11.0436亿 is exactly 1104360000.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .text import alternation

# Traditional → Simplified for the characters that matter to numbers.
TRADITIONAL = str.maketrans({"萬": "万", "億": "亿", "兩": "两", "〇": "零", "佰": "百", "仟": "千",
                             "餘": "余", "約": "约", "過": "过", "將": "将"})

MULTIPLIERS = {"千": 10**3, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8, "万亿": 10**12}

APPROX_BEFORE = {"近": "nearly", "将近": "nearly", "约": "about", "大约": "about", "年过": "over",
                 "超过": "over", "超": "over", "逾": "over", "不到": "nearly", "不足": "nearly", "不过": "nearly",
                 "突破": "over", "过": "over", "破": "over", "上": "over"}
# 过 and 破 alone mark a lower bound (销量过百万, 破千万) unless a verb ends in them: 经过3年,
# 通过5项, 休过一天, 打破3项纪录 are no bounds.
_BOUND_WORDS = {"过": r"(?<![经通度越跨走看办做参超不年错放难休到去来])过", "破": r"(?<![打突攻击冲])破",
                "上": r"(?<![马线网会晚早路身手北南以之向往而世台面街山地天桌])上(?=[十百千万亿])"}
# 上万册, 上百人: 上 marks "as many or more" only before a round multiplier, and not as the end of a word
# (马上, 线上, 会上)
APPROX_INSIDE = {"多": "more_than", "余": "over"}
APPROX_AFTER = {"以上": "over", "左右": "about", "余": "over", "多": "more_than"}

ARABIC = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"  # 12,345; not 12345,2017年 (a number, then a year)
# A Chinese numeral may not start with a bare multiplier (万寿菊 is a flower, not 10⁴).
CHINESE = r"(?:一半|半|[零〇一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十拾百佰千仟万萬亿億]*)"

_BEFORE = "|".join(_BOUND_WORDS.get(w, re.escape(w)) for w in sorted(APPROX_BEFORE, key=len, reverse=True))
_MULT = "万亿|千万|百万|亿|億|万|萬|千(?![米瓦克])"  # 12千米, 600千瓦: 千 begins the measure word (3.5千米 is 3.5 km)
# 万 and 亿 may follow a multiplier (5万万亿 = 5 × 10⁴ × 10¹²); 千 may not (500万千瓦 is kilowatts).
_MULTS = rf"(?:{_MULT})(?:万|萬|亿|億)*"
_ONE_MULT = re.compile(_MULT)
# A round number written with its multiplier alone (近千户, 逾千名, 百余人): only after an
# approximation word, before 余/多, or before 名 (百名干部: a hundred people), so that 万寿菊 stays a flower.
ROUND = {"百": 100, "千": 10**3, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7, "亿": 10**8,
         "百亿": 10**10, "千亿": 10**11}
# The number itself, from the ordinal mark or approximation word before it to its multiplier.
NUMBER_PATTERN = (
    rf"(?P<ordinal>第)?(?P<before>{_BEFORE})?"
    rf"(?:(?P<arabic>{ARABIC})\s?(?P<inside>[多余])?(?P<mult>{_MULTS})?"
    rf"|(?P<chinese>{CHINESE})"
    rf"|(?P<round>{alternation(ROUND)}))"
    rf"(?P<after_mult>[多余])?"
)
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_TRAILING_APPROX_RE = re.compile(r"(以上|左右)$")
# 多/余 after a classifier: 两个多小时, 四年多.
AFTER_CLASSIFIER_RE = re.compile(r"(?:个|年|月|天|周)([多余])")


class Quantity(NamedTuple):
    value: Decimal
    approx: str


class NumberError(ValueError):
    """Text that does not read as a quantity."""


def chinese_to_decimal(numeral: str) -> Decimal:
    """一百零五 → 105, 两万五千 → 25000, 半 → 0.5; Traditional forms accepted."""
    numeral = numeral.translate(TRADITIONAL).replace("拾", "十")
    if numeral == "半":
        return Decimal("0.5")
    if numeral == "一半":
        # "一半" is a share: half of the whole, written as a percentage.
        return Decimal(50)
    import cn2an  # imported here: only extraction and validation read Chinese numerals

    try:
        return Decimal(int(cn2an.cn2an(numeral, "normal")))
    except (ValueError, KeyError) as exc:
        raise NumberError(f"not a Chinese numeral: {numeral!r}") from exc


def arabic_to_decimal(numeral: str) -> Decimal:
    try:
        return Decimal(numeral.replace(",", ""))
    except InvalidOperation as exc:
        raise NumberError(f"not a number: {numeral!r}") from exc


def normalise(value: Decimal) -> int | Decimal:
    """An integral value as int (858000000, not 8.58E+8); a fraction stays Decimal."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def parse_quantity(raw: str) -> Quantity:
    """Read the value and approximation of a quantity's raw text.

    >>> parse_quantity("近800万元")
    Quantity(value=Decimal('8000000'), approx='nearly')
    >>> parse_quantity("3万余户(次)").approx
    'over'
    """
    text = raw.strip().translate(TRADITIONAL)
    from .ranges import read_range  # here, not above: ranges reads a range's two ends with this function

    if (ranged := read_range(text)) is not None:
        return ranged  # 3至5万元, 两三千人: at least the lower end
    match = _NUMBER_RE.match(text)
    alone = match is not None and match["round"] in ("百", "千", "万") and text.startswith("名", match.end())
    if not match or match.end() == 0 or (match["round"] and not (match["before"] or match["after_mult"]) and not alone):
        raise NumberError(f"no number in {raw!r}")  # 百余人 is over 100; 万 alone no number
    if match["round"]:
        value = Decimal(ROUND[match["round"]])
    elif match["arabic"]:
        value = arabic_to_decimal(match["arabic"])
        for mult in _ONE_MULT.findall(match["mult"] or ""):
            value *= MULTIPLIERS[mult.translate(TRADITIONAL)]
    else:
        value = chinese_to_decimal(match["chinese"])
    approx = "exact"
    for word, table in ((match["before"], APPROX_BEFORE), (match["inside"], APPROX_INSIDE),
                        (match["after_mult"], APPROX_INSIDE)):
        if word:
            approx = table[word]
    rest = text[match.end():]
    if rest.startswith("旬"):  # 七旬: seven decades of age
        value *= 10
    if rest.startswith(("年半", "天半")):  # 一年半: one year and a half
        value += Decimal("0.5")
    if after := AFTER_CLASSIFIER_RE.match(rest):
        approx = APPROX_INSIDE[after[1]]
    trailing = _TRAILING_APPROX_RE.search(rest)
    if trailing:
        approx = APPROX_AFTER[trailing[1]]
    return Quantity(value, approx)
