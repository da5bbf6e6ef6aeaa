"""A dated article's own event: a sentence that dates its figures by the report's days (此次, 现场,
日前, 今(9)日, 开幕首日, a day of a month with no year) puts them in the article's year. Sentences written
for these tests, each expectation read off the text: the report is dated, and "now" is its year."""

from __future__ import annotations

import pytest

from .test_extract_classes import dated, period

N = (None, None)


@pytest.mark.parametrize(("text", "date", "raw", "expected"), [
    # 此次: this round of awards, announced in the article
    ("标题\n据名单,此次全省共有36人获得先进个人称号,12个单位获得先进集体称号。\n", "2019-11-02", "36人", (2019, 2019)),
    ("标题\n据名单,此次全省共有36人获得先进个人称号,12个单位获得先进集体称号。\n", "2019-11-02", "12个", (2019, 2019)),
    # 现场, opening a clause: at the fair the article reports
    ("标题\n展销会昨天在县城开幕。现场人头攒动,签约金额达到86万元。\n", "2022-07-03", "86万元", (2022, 2022)),
    # 开幕首日: the first day of it
    ("标题\n据介绍,开幕首日已有31家合作社与采购商签约。\n", "2020-10-12", "31家", (2020, 2020)),
    # 今(9)日: the newspaper's way of writing today
    ("标题\n帮扶签约仪式今(9)日在市政府举行,两地企业签约项目7个。\n", "2023-05-09", "7个", (2023, 2023)),
    # 日前 and 近日: a few days before the report
    ("标题\n日前,省慈善总会向山区学校捐赠图书4200册。\n", "2018-03-20", "4200册", (2018, 2018)),
    # a day of a month, the year left unsaid: the article's
    ("标题\n6月3日,威海市向对口县捐赠帮扶资金500万元。\n", "2016-06-05", "500万元", (2016, 2016)),
    # ... a month later than the report's: last year's (a January report looking back at December)
    ("标题\n12月28日,威海市向对口县捐赠帮扶资金300万元。\n", "2017-01-04", "300万元", (2016, 2016)),
])
def test_the_reported_event_is_of_the_articles_year(tmp_path, text, date, raw, expected):
    assert period(dated(tmp_path, text, date)[raw]) == expected


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # the word after the figure says nothing of it
    ("标题\n全县累计建成车间44个,此次新建的车间已投产。\n", "44个", N),
    # 现场观摩: a kind of visit, of no time the sentence says
    ("标题\n该县的做法被推介会现场观摩,带动农户900户。\n", "900户", N),
    # 节日前: before a festival (of any year), not 日前 (a few days ago)
    ("标题\n每逢春节日前,该县走访慰问困难群众300户。\n", "300户", N),
    # a duration is how long, not when
    ("标题\n此次培训为期5天。\n", "5天", N),
])
def test_what_the_reported_event_does_not_date(tmp_path, text, raw, expected):
    assert period(dated(tmp_path, text, "2021-04-01")[raw]) == expected


def test_a_day_of_a_year_said_before_is_not_the_reports(tmp_path):
    # 当天 is the day of 2015 the sentence names, in a clause before (which dates no period of its own)
    found = dated(tmp_path, "标题\n该县于2015年4月8日与邻县结对,当天签约项目5个。\n", "2021-04-01")
    assert period(found["5个"]) != (2021, 2021)


def test_an_undated_article_has_no_now(tmp_path):
    path = tmp_path / "u.txt"
    path.write_text("标题\n此次全省共有36人获得先进个人称号。\n", "utf-8")
    from qdaid.pipeline.records import extract
    (found,) = extract([path])["figures"]
    assert period(found) == N


@pytest.mark.parametrize(("title", "expected"), [
    ("某县2019年扶贫资金使用情况公示", (2019, 2019)),  # a notice of one year's money: that year's
    ("某县2019年、2020年扶贫资金使用情况公示", N),  # two years: the title says not which
    ("某县2019年扶贫资金使用情况综述", N),  # no notice: the title dates nothing by itself
])
def test_a_notice_is_of_the_year_its_title_names(tmp_path, title, expected):
    found = dated(tmp_path, title + "\n县财政安排资金300万元用于道路建设。\n", "2020-01-10")
    assert period(found["300万元"]) == expected


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # a count honoured, in a sentence after the one that dates the ceremony (大会 is that day's)
    ("标题\n2月25日，全国表彰大会在北京举行。大会表彰了先进个人和先进集体，某区6名个人和2个集体受到表彰。\n",
     "6名", (2021, 2021)),
    ("标题\n2月25日，全国表彰大会在北京举行。大会表彰了先进个人和先进集体，某区6名个人和2个集体受到表彰。\n",
     "2个", (2021, 2021)),
    # ... but not one gathered over the years, nor one no ceremony is told of (the bundled article's
    # 青岛市有…先进个人表彰对象1人 stays undated), nor a stock 目前 (as the bundled article's 目前,共结对…)
    ("标题\n大会举行。多年来，某区先后有14人受到国家表彰。\n", "14人", N),
    ("标题\n在脱贫攻坚中作出突出贡献，某区6名个人受到表彰。\n", "6名", N),
    ("标题\n目前，共结对联系贫困村25个。\n", "25个", N),
    # 截至目前: a stock now, of the report's year
    ("标题\n截至目前，全省已有17个县摘帽。\n", "17个", (2021, 2021)),
])
def test_honoured_now_and_as_of_now(tmp_path, text, raw, expected):
    assert period(dated(tmp_path, text, "2021-02-27")[raw]) == expected


def test_a_report_as_of_a_month_is_of_that_months_year_throughout(tmp_path):
    # The lead, after a line that is only the date, tells its news as of 9月30日 (no year): a report of
    # October 2020, so every figure below with no period of its own is of 2020; one the text dates
    # keeps its own (2019年; 三年来 is 2017–2020).
    text = ("稳就业最新进展\n2020-10-12\n某社北京10月11日电 记者从有关部门获悉：截至9月30日，各项工作稳步推进。\n"
            "一、产业。东部8省市在西部援建车间2600个，吸纳就业4.2万人。\n"
            "二、消费。2019年采购农产品300亿元，三年来共采购820亿元。\n")
    found = dated(tmp_path, text, "2020-10-12")
    assert [period(found[r]) for r in ("8省市", "2600个", "4.2万人")] == [(2020, 2020)] * 3
    assert (period(found["300亿元"]), period(found["820亿元"])) == ((2019, 2019), (2017, 2020))
    # no such lead: the same body, undated as before
    plain = dated(tmp_path, text.replace("截至9月30日，", ""), "2020-10-12")
    assert period(plain["2600个"]) == N
    # as of a month later than the report's: last year's (a January report as of December)
    january = dated(tmp_path, text.replace("9月30日", "12月31日"), "2021-01-05")
    assert period(january["2600个"]) == (2020, 2020)
