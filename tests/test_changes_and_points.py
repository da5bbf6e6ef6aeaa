"""Figures the held-out set D found read wrong, on sentences written for these tests: percentage points
(a difference of two percentages, no count of anything), a ratio's base year that dated what came
after the ratio, suppliers and products counted by their nouns, and a second change in a sentence
whose first change names both its years. Every expectation is read off the sentence by hand."""

from __future__ import annotations

from .test_extract_classes import dated, period


def test_percentage_points_are_a_ratio_unit_of_their_own(tmp_path):
    found = dated(tmp_path, "标题\n全县劳动力外出务工率较上月提高4.5个百分点，贫困发生率下降1.2百分点。\n", "2020-08-03")
    assert (found["4.5个百分点"]["value"], found["4.5个百分点"]["unit"]) == (4.5, "percentage_point")  # not 4.5个
    assert found["1.2百分点"]["unit"] == "percentage_point"
    assert {found[r]["kind"] for r in ("4.5个百分点", "1.2百分点")} == {"ratio"}  # never added up
    assert "4.5个" not in found


def test_a_ratio_s_base_year_dates_neither_the_ratio_nor_what_follows(tmp_path):
    # 去年 is what 118.4% compares with: the sentence says nothing of last year's 3.6 points or 48万人.
    # The report is of 2020 (截至今年6月底 opens it), so the figures it gives no year are 2020's.
    text = ("标题\n截至6月底，某省已外出务工贫困劳动力48万人，是去年外出务工人数的118.4%，较3月底提高3.6个百分点。"
            "东部两省吸纳12.5万人，是2019年吸纳人数（13.1万人）的95.4%。\n")
    found = dated(tmp_path, text, "2020-07-08")
    assert [period(found[r]) for r in ("48万人", "118.4%", "3.6个百分点", "12.5万人", "95.4%")] == [(2020, 2020)] * 5
    assert period(found["13.1万人"]) == (2019, 2019)  # between the year and its 的: that year's number


def test_suppliers_and_poverty_products_are_counted_as_such(tmp_path):
    found = dated(tmp_path, "标题\n全省共认定3120个扶贫产品，涉及46个县的870个供应商。建成2个产品展示中心。\n",
                  "2020-07-08")
    assert (found["3120个"]["unit"], found["870个"]["unit"]) == ("item", "enterprise")  # was their pinyin
    assert found["2个"]["unit"] == "chanpinzhanshizhongxin"  # 产品 alone is no head: the centre is counted


def test_a_second_change_takes_the_years_of_the_first(tmp_path):
    found = dated(tmp_path, "标题\n全州贫困人口从2014年底的31万人减少到2019年底的2.2万人，贫困发生率由21.5%降至1.6%。\n",
                  "2020-03-01")
    assert [period(found[r]) for r in ("31万人", "2.2万人", "21.5%", "1.6%")] == \
        [(2014, 2014), (2019, 2019), (2014, 2014), (2019, 2019)]
    # a change with no dated change before it keeps no period
    alone = dated(tmp_path, "标题\n贫困发生率由21.5%降至1.6%。\n", "2020-03-01")
    assert (period(alone["21.5%"]), period(alone["1.6%"])) == ((None, None), (None, None))
