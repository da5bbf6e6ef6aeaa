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


def test_a_year_s_sentence_goes_on_with_the_year_before_and_falls_in_the_running_total(tmp_path):
    # 2019年截至目前已投入: that year's money so far (an amount, not a stock), the same 投入 of the same
    # aid as 2018's sentence names, so of its metric and place, and part of the three years' 31.2亿元
    text = ("标题\n上海、江苏2省市对口帮扶云南省，3年来累计向云南省投入财政帮扶资金31.2亿元。"
            "2018年上海、江苏向云南省投入财政援助资金11.6亿元。2019年截至目前已投入13亿元，实施项目420个。\n")
    found = dated(tmp_path, text, "2019-11-20")
    total, last_year, this_year = found["31.2亿元"], found["11.6亿元"], found["13亿元"]
    assert this_year["kind"] == "amount" and this_year["metric"] == last_year["metric"] == total["metric"]
    assert this_year["region"] == "yunnan" and this_year["part_of"] == last_year["part_of"] == total["id"]
    # a sentence that names a metric of its own, or says another verb, is its own
    other = dated(tmp_path, text.replace("2019年截至目前已投入13亿元", "2019年截至目前已募集善款13亿元"), "2019-11-20")
    assert other["13亿元"]["part_of"] is None and other["13亿元"]["metric"] != last_year["metric"]
    other = dated(tmp_path, text.replace("2019年截至目前已投入13亿元", "2019年截至目前已争取13亿元"), "2019-11-20")
    assert other["13亿元"]["part_of"] is None and other["13亿元"]["metric"] != last_year["metric"]


def test_an_award_s_selection_report_is_of_the_year_its_title_names(tmp_path):
    # A report of the 2019 selection: what it counts with no year of its own is that selection's (2019);
    # the candidates are items (people or bodies), 候选组织 organizations, 省（区、市） provinces (the 市 in
    # brackets qualifies 省); the breakdown after 其中 is of the total, not of the change from last year.
    text = ("2019年全国某某奖120个初评候选人（组织）揭晓\n评选委员会从512个推荐人选（组织）中评选出120个初评候选人（组织）。"
            "各地共受理参评对象2650个，比去年增加410个。其中，推荐到省一级的参评对象330个。"
            "组织创新奖评出40个候选组织，覆盖省（区、市）24个。\n")
    found = dated(tmp_path, text, "2019-08-20")
    assert {period(found[r]) for r in ("512个", "2650个", "330个", "40个", "24个")} == {(2019, 2019)}
    assert [found[r]["unit"] for r in ("512个", "2650个", "40个", "24个")] == ["item", "item", "organization", "province"]
    assert found["330个"]["part_of"] == found["2650个"]["id"] and found["410个"]["kind"] == "change"
    # a noun in brackets qualifies the one before it: 车间（企业）12个 are workshops
    assert dated(tmp_path, "标题\n全县新建扶贫车间（企业）12个。\n", "2019-08-20")["12个"]["unit"] == "workshop"
    # a title of no selection (a profile of one winner) dates nothing by itself
    profile = dated(tmp_path, "2019年全国某某奖获得者王某的故事\n他带领村民种植苹果3000亩。\n", "2019-08-20")
    assert period(profile["3000亩"]) == (None, None)


def test_the_congress_since_which_and_a_since_year_said_again_in_years(tmp_path):
    # 党的十八大以来: since 2012 (the 18th congress), to the report; 2016年以来，…6年来 in a report of 2022:
    # the six years are 2016–2022 as said (counted back from 2022 they would start in 2016 or 2017)
    found = dated(tmp_path, "标题\n党的十八大以来，某省累计选派援藏干部4200名。2016年以来，6年来先后选派5批次约900名干部。\n",
                  "2022-08-20")
    assert period(found["4200名"]) == (2012, 2022)
    assert period(found["约900名"]) == (2016, 2022)
    found = dated(tmp_path, "标题\n2015年以来，8年来先后选派8批次约1500名干部。\n", "2022-08-20")
    assert period(found["约1500名"]) == (2015, 2022)  # not 2014 (8 back from 2022)


def test_a_since_year_said_in_the_paragraph_before_n_years(tmp_path):
    # 2015年以来 in one sentence, 8年来 in the next, a report of 2023: since 2015 (8 years back is 2015 too,
    # but 2014 in a report of 2022, where 2015年以来 is 7 years: either count agrees)
    text = "标题\n2015年以来，江苏共选派干部300名。8年来，8批次约1500名援藏医疗人才奔赴西藏。\n"
    assert period(dated(tmp_path, text, "2022-07-10")["约1500名"]) == (2015, 2022)
    # a since year that does not agree with the count (2010 is 12 years before 2022) is not what 8年来 says
    assert period(dated(tmp_path, text.replace("2015年", "2010年"), "2022-07-10")["约1500名"]) == (2014, 2022)


def test_since_a_year_said_as_after_it_and_teams_sent_into_a_place(tmp_path):
    # 自2012年…到达昌都后，目前已落实…: since 2012, to the report (2014); 派出了四批…工作队进入昌都地区: 昌都's
    found = dated(tmp_path, "标题\n天津市迄今已派出了四批援藏工作队进入昌都地区。领队说，自2012年第四批援藏人员到达昌都后，"
                            "目前已落实各种援藏资金1.8亿元。\n", "2014-03-11")
    assert period(found["1.8亿元"]) == (2012, 2014)
    assert found["四批"]["region"] == "changdu"
