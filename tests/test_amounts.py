"""Amounts as people write them: a golden table written by hand from the article
(/work/shared/seeds/000_0077034771fe7207.txt), each row's reasoning beside it. The rules are
qdaid/amounts.py's docstring and the README's "Amounts".
"""

from __future__ import annotations

import pytest

from qdaid.amounts import chinese_amount, interval

# (value in base units, unit, approx, the text's raw or None for a total, lang, expected)
GOLDEN = [
    # 扶贫产品8.58亿元 (¶21): 858,000,000 yuan; 亿 exact at two decimals; 858 million in English
    (858000000, "cny", "exact", "8.58亿元", "zh", "8.58亿元"),
    (858000000, "cny", "exact", "8.58亿元", "en", "858 million CNY"),
    # 消费扶贫额达到10.6亿元: 1,060,000,000 = 1.06 billion (not 1,060 million, not 106000万元)
    (1060000000, "cny", "exact", "10.6亿元", "zh", "10.6亿元"),
    (1060000000, "cny", "exact", "10.6亿元", "en", "1.06 billion CNY"),
    # 动员社会资金2473万元: 24,730,000
    (24730000, "cny", "exact", "2473万元", "zh", "2473万元"),
    (24730000, "cny", "exact", "2473万元", "en", "24.73 million CNY"),
    # 共捐款71600元: the text writes yuan, so the figure stays in yuan; in English grouped below a million
    (71600, "cny", "exact", "71600元", "zh", "71600元"),
    (71600, "cny", "exact", "71600元", "en", "71,600 CNY"),
    # the same sum as a total (no text wrote it): from 1万 on, 万 when exact
    (71600, "cny", "exact", None, "zh", "7.16万元"),
    # 捐款款物2300多万元: 多 after the round 2300, before the scale, as the text writes it
    (23000000, "cny", "more_than", "2300多万元", "zh", "2300多万元"),
    (23000000, "cny", "more_than", "2300多万元", "en", "more than 23 million CNY"),
    # 购买了近800万元: 近 leads
    (8000000, "cny", "nearly", "近800万元", "zh", "近800万元"),
    (8000000, "cny", "nearly", "近800万元", "en", "nearly 8 million CNY"),
    # 捐助物资价值620余万元
    (6200000, "cny", "over", "620余万元", "zh", "620余万元"),
    (6200000, "cny", "over", "620余万元", "en", "over 6.2 million CNY"),
    # 年产值30多亿元: 3,000,000,000, more than 3 billion
    (3000000000, "cny", "more_than", "30多亿元", "zh", "30多亿元"),
    (3000000000, "cny", "more_than", "30多亿元", "en", "more than 3 billion CNY"),
    # 带贫益贫7万多人: 7 is not round, so 多 follows the scale (7万多人, never 7多万人); every unit's word
    # follows its number (人; persons), as money's 元 does
    (70000, "person", "more_than", "7万多人", "zh", "7万多人"),
    (70000, "person", "more_than", "7万多人", "en", "more than 70,000 persons"),
    # 1.4万多名贫困人口就业: 名 and 人 are one unit, person, written 人
    (14000, "person", "more_than", "1.4万多名", "zh", "1.4万多人"),
    # 捐款捐物累计3901.5余万元: 3901.5 is not round: 余 after the scale, one way for every figure
    (39015000, "cny", "over", "3901.5余万元", "zh", "3901.5万余元"),
    # 占地6000余亩: no scale in the text, under 1万
    (6000, "mu", "over", "6000余亩", "zh", "6000余亩"),
    (6000, "mu", "over", "6000余亩", "en", "over 6,000 mu"),
    # 带动6.35万名贫困人口脱贫: 63,500 persons; English groups every unit but yuan
    (63500, "person", "exact", "6.35万名", "zh", "6.35万人"),
    (63500, "person", "exact", "6.35万名", "en", "63,500 persons"),
    # 捐助49.25万个口罩: the unit is the mask, counted 个
    (492500, "mask", "exact", "49.25万个", "zh", "49.25万个口罩"),
    (492500, "mask", "exact", "49.25万个", "en", "492,500 masks"),
    # 培训贫困人口8434人次: under 1万, digits as written (no comma in Chinese)
    (8434, "person_time", "exact", "8434人次", "zh", "8434人次"),
    (8434, "person_time", "exact", "8434人次", "en", "8,434 person-times"),
    # 驰援了一架直升机: one, singular in English; the number in digits
    (1, "helicopter", "exact", "一架", "zh", "1架直升机"),
    (1, "helicopter", "exact", "一架", "en", "1 helicopter"),
    # Longnan's cash donations, 1.25亿 + 7.16万 = 125,071,600 (a total): 1.250716亿 needs six decimals, so 万
    (125071600, "cny", "exact", None, "zh", "12507.16万元"),
    (125071600, "cny", "exact", None, "en", "125.0716 million CNY"),
    # 占青岛市一半以上: at least 50%; a percentage takes 以上 after its sign (not 50余%)
    (50, "percent", "over", "一半以上", "zh", "50%以上"),
    (50, "percent", "over", "一半以上", "en", "over 50%"),
    # 四年多来,挂职干部… (Longnan's group): 4 is not round and has no scale: 多 after the unit, as the text writes it
    (4, "year", "more_than", "四年多", "zh", "4年多"),
    (4, "year", "more_than", "四年多", "en", "more than 4 years"),
    # a fraction of a yuan stays as it is
    (0.5, "cny", "exact", None, "zh", "0.5元"),
    # a Traditional text's 募集社會資金2600萬元 and 1.25億元: its own scale, as 2600万元 and 1.25亿元 are
    (26000000, "cny", "exact", "2600萬元", "zh", "2600万元"),
    (125000000, "cny", "exact", "1.25億元", "zh", "1.25亿元"),
]


@pytest.mark.parametrize(("value", "unit", "approx", "raw", "lang", "expected"), GOLDEN)
def test_amounts_as_people_write_them(value, unit, approx, raw, lang, expected):
    assert chinese_amount(value, unit, lang, approx, raw) == expected


@pytest.mark.parametrize(("low", "high", "unit", "lang", "expected"), [
    # consumption aid, 10.6亿 proven to 17.49亿 at most (README): one scale for both ends, the unit once
    (1060000000, 1749000000, "cny", "zh", "10.6亿–17.49亿元"),
    (1060000000, 1749000000, "cny", "en", "1.06–1.749 billion CNY"),
    # Longnan's donations in cash and kind, 3901.5余万 to 6201.5万
    (39015000, 62015000, "cny", "zh", "3901.5万–6201.5万元"),
    (39015000, 62015000, "cny", "en", "39.015–62.015 million CNY"),
    # Longnan's people employed: 1.4万多 proven, 17,845 at most
    (14000, 17845, "person", "zh", "1.4万–1.7845万人"),
    (14000, 17845, "person", "en", "14,000–17,845 persons"),
])
def test_an_interval_is_on_one_scale(low, high, unit, lang, expected):
    assert interval(low, high, unit, lang) == expected


def test_a_column_is_not_forced_onto_one_scale():
    # 捐款57万元 beside 消费扶贫额10.6亿元 in one column: each as the text writes it (not 57万元 above
    # 106000万元, nor 0.0057亿元); 10.6亿元 in English is 1.06 billion
    for lang, expected in (("zh", ["57万元", "10.6亿元"]), ("en", ["570,000 CNY", "1.06 billion CNY"])):
        assert [chinese_amount(v, "cny", lang) for v in (570000, 1060000000)] == expected


def test_markdown_writes_amounts_as_people_do_and_csv_keeps_the_base_value(cli):
    # 扶贫产品8.58亿元 (qdrb-20210225-03457): Markdown is read by people, CSV by programs
    md = cli("figures", "--region", "longnan", "--unit", "cny", "-f", "md", "-F", "id,value").stdout
    assert "| qdrb-20210225-03457 | 8.58亿元 |" in md
    english = cli("figures", "--region", "longnan", "--unit", "cny", "-f", "md", "-F", "id,value", "--lang", "en").stdout
    assert "| qdrb-20210225-03457 | 858 million CNY |" in english
    for lang in ("zh", "en"):
        csv = cli("figures", "--region", "longnan", "--unit", "cny", "-f", "csv", "-F", "id,value", "--lang", lang).stdout
        assert "qdrb-20210225-03457,858000000" in csv


def test_a_chart_label_wider_than_the_terminal_wraps_on_lines_of_its_own():
    # --by honoree --chart at 40 columns: the Anshun team's name and its metric (47 cells) went past the
    # terminal; in English at 80, 94 and 103. Each line now keeps within the width, the amount whole.
    from rich.cells import cell_len

    from qdaid.amounts import bars

    rows = [{"honoree": "山东省青岛市赴安顺东西部扶贫协作工作队", "metric": "消费扶贫", "unit": "cny", "total": 405000000,
             "total_min": 405000000, "total_max": 405000000, "overlap_possible": False, "total_is_lower_bound": False,
             "total_is_approximate": False},
            {"honoree": "窦宗君", "metric": "消费扶贫", "unit": "cny", "total": 1060000000, "total_min": 1060000000,
             "total_max": 1060000000, "overlap_possible": False, "total_is_lower_bound": False,
             "total_is_approximate": False}]
    for columns in (30, 40):
        drawn = bars(rows, ["honoree", "metric"], "total", "unit", columns=columns)
        assert max(cell_len(line) for line in drawn.splitlines()) <= columns, drawn
        assert "4.05亿元" in drawn and "10.6亿元" in drawn
