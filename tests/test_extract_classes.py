"""Extraction fidelity, class by class, on sentences written for these tests. Each expectation
is read off the sentence by hand; the comment says why. Articles are dated 2021-02-25, so a
"since" period ends in 2021."""

from __future__ import annotations

import json

import pytest

from qdaid.pipeline.records import extract


def figures(tmp_path, text: str) -> dict[str, dict]:
    """raw → figure record, for an article of these paragraphs."""
    path = tmp_path / "t.txt"
    path.write_text("标题\n" + text + "\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "t", "date": "2021-02-25"}), "utf-8")
    found = extract([path])["figures"]
    by_raw = {f["raw"]: f for f in found}
    assert len(by_raw) == len(found), [f["raw"] for f in found]
    return by_raw


def dated(tmp_path, text: str, date: str) -> dict[str, dict]:
    """raw → figure record, for an article of these lines (the first is its title), of this date."""
    path = tmp_path / "d.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "t", "date": date}), "utf-8")
    return {f["raw"]: f for f in extract([path])["figures"]}


def period(f) -> tuple:
    return f["period_start"], f["period_end"]


# 1. a period does not stop at the sentence ---------------------------------------------------

def test_a_qizhong_sentence_takes_the_period_of_the_sentence_it_breaks_down(tmp_path):
    found = figures(tmp_path, "2015年以来,宁波累计向凉山投入帮扶资金6.2亿元。其中,用于产业项目3.4亿元,带动4200名群众增收。")
    assert period(found["6.2亿元"]) == (2015, 2021)  # "since 2015", to the report
    assert period(found["3.4亿元"]) == (2015, 2021) and found["3.4亿元"]["part_of"] == found["6.2亿元"]["id"]
    assert period(found["4200名"]) == (2015, 2021)  # the same 其中 breakdown
    found = figures(tmp_path, "2018年以来,苏州累计向铜仁捐款2.4亿元。其中,教育帮扶0.6亿元,资助学生3000名。")
    assert period(found["0.6亿元"]) == period(found["3000名"]) == (2018, 2021)


def test_an_anaphoric_since_refers_to_the_year_said_before(tmp_path):
    found = figures(tmp_path, "2012年,深圳与百色签订对口协作协议。\n自签订协议以来,深圳共援建学校37所。")
    assert period(found["37所"]) == (2012, 2021)  # since the signing, in 2012
    found = figures(tmp_path, "2016年,两市结成对子。自结对以来,共培训教师850人次。")
    assert period(found["850人次"]) == (2016, 2021)


def test_a_month_alone_takes_the_year_said_before(tmp_path):
    found = figures(tmp_path, "2019年,青岛向陇南派出医疗队。8月,医疗队义诊2000人次。")
    assert period(found["2000人次"]) == (2019, 2019)  # August of 2019


def test_this_year_and_last_year_count_back_from_the_report(tmp_path):
    # the article is of 2021-02-25: 今年以来 is 2021 to the report, 去年 is 2020, 前年 2019
    found = figures(tmp_path, "今年以来,苏州向铜仁采购农产品1.3亿元。去年,两地共建车间42个。前年,铜仁脱贫3.1万人。")
    assert period(found["1.3亿元"]) == (2021, 2021)
    assert period(found["42个"]) == (2020, 2020) and period(found["3.1万人"]) == (2019, 2019)
    # 比上年: the base of a comparison, not the figure's year; the sentence's 去年 dates it (links.py
    # already gives a change its sibling's period, so this guards the two rules together)
    found = figures(tmp_path, "去年,铜仁接收帮扶资金2.6亿元,比上年增加4000万元。")
    assert period(found["4000万元"]) == (2020, 2020)


def test_recent_years_a_pandemic_told_in_its_year_and_a_since_of_another_topic(tmp_path):
    """An article of 2020-10-20 (sentences of my own, in the layout of a real dispatch)."""
    found = dated(tmp_path, "标题\n近四年,苏州向铜仁投入帮扶资金超过40亿元。\n"
                            "受新冠肺炎疫情影响,两地通过线上平台销售农产品约9亿元。\n"
                            "2019年以来,铜仁引进东部企业210家。\n"
                            "过去三年里,苏州为铜仁培训教师1.2万人次,捐款1.2亿元。\n"
                            "自东西部扶贫协作开展以来,苏州累计选派干部480名。\n", "2020-10-20")
    # 近四年, (a clause of its own): the last four years, to the report (as 四年来), and no "nearly"
    assert period(found["超过40亿元"]) == (2016, 2020)
    assert (found["四年"]["value"], found["四年"]["approx"]) == (4, "exact")
    # 过去三年里 is the same as 近三年
    assert period(found["1.2亿元"]) == (2017, 2020)
    # 新冠肺炎疫情 told in October 2020: 2020, not 2020–2021 (the named period's end is after the report)
    assert period(found["约9亿元"]) == (2020, 2020)
    # 自…协作开展以来: no sentence tells when the cooperation began; 2019 is another paragraph's topic
    assert period(found["480名"]) == (None, None)


# 2. a sentence-initial date ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "raws", "year"), [
    ("2017年5月,他带队到恩施调研,连续二十天走访了46个村,筹集资金380万元。", ["二十天", "46个", "380万元"], 2017),
    ("2018年3月,工作组走访了60户贫困户,发放慰问金12万元。", ["60户", "12万元"], 2018),
])
def test_a_sentence_initial_date_dates_every_figure_after_it(tmp_path, text, raws, year):
    found = figures(tmp_path, text)
    for raw in raws:
        assert period(found[raw]) == (year, year), raw


# 3. figures of speech ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["大家迎来了又一个丰收年,一个个难题被攻克。", "两项工作同步推进。",
                                  "这一个目标终于实现,两项任务同时完成。",
                                  "又一个贫困村摘了帽,一个个贫困村变了样。"])  # 村 is a counted noun: the words decide
def test_figurative_one_and_two_are_not_counts(tmp_path, text):
    assert figures(tmp_path, text) == {}


# 4. measure words ----------------------------------------------------------------------------

def test_more_measure_words(tmp_path):
    found = figures(tmp_path, "医疗队发放问卷1800份,足迹覆盖5省区。村民步行40分钟才能到达卫生室,"
                              "五口人挤在60平方米的土房里,赶集要走两个多小时。")
    expected = {"1800份": (1800, "copy", "exact"), "5省区": (5, "province", "exact"),
                "40分钟": (40, "minute", "exact"), "五口人": (5, "person", "exact"),
                "60平方米": (60, "square_metre", "exact"), "两个多小时": (2, "hour", "more_than")}
    assert {raw: (f["value"], f["unit"], f["approx"]) for raw, f in found.items()} == expected
    found = figures(tmp_path, "年过七旬的老人也来了。")
    assert (found["年过七旬"]["value"], found["年过七旬"]["unit"], found["年过七旬"]["approx"]) == (70, "year_of_age", "over")
    found = figures(tmp_path, "义诊持续了3个多小时,共发放宣传册500份。")
    assert (found["3个多小时"]["value"], found["3个多小时"]["approx"], found["500份"]["unit"]) == (3, "more_than", "copy")


# 6. N年来: a duration, and the period of what follows -----------------------------------------

def test_years_since_are_durations_and_date_what_follows(tmp_path):
    found = figures(tmp_path, "六年来,工作组先后引进企业28家。")
    assert (found["六年"]["value"], found["六年"]["unit"], found["六年"]["kind"]) == (6, "year", "duration")
    assert period(found["28家"]) == (2015, 2021) and found["28家"]["unit"] == "enterprise"
    found = figures(tmp_path, "援藏4年多来,他累计走访农户900户。")
    assert (found["4年多"]["value"], found["4年多"]["approx"]) == (4, "more_than")
    assert period(found["900户"]) == (2017, 2021)


# 7. ranks ------------------------------------------------------------------------------------

def test_ranks_are_figures_that_never_add(tmp_path):
    found = figures(tmp_path, "考核连续三年位列全省第二名,并荣获二等奖。")
    assert (found["第二名"]["value"], found["第二名"]["unit"], found["第二名"]["kind"]) == (2, "rank", "rank")
    assert (found["二等奖"]["value"], found["二等奖"]["kind"]) == (2, "rank")
    assert found["三年"]["kind"] == "duration"


# 8. round numbers ----------------------------------------------------------------------------

def test_round_numbers_written_with_a_multiplier_alone(tmp_path):
    found = figures(tmp_path, "项目惠及近千户农户,带动逾千名群众就业,部分农户人均月收入不过千元。")
    assert {raw: (f["value"], f["unit"], f["approx"]) for raw, f in found.items()} == {
        "近千户": (1000, "household", "nearly"), "逾千名": (1000, "person", "over"),
        "不过千元": (1000, "cny", "nearly")}
    assert figures(tmp_path, "当地种植万寿菊,还有千亩良田。") == {}  # a flower; 千亩 with no approximation word


# 10. base years and comparisons --------------------------------------------------------------

def test_a_base_year_dates_its_own_figure_only(tmp_path):
    found = figures(tmp_path, "该县农民人均收入从2014年的3200元增加到9800元。")
    assert period(found["3200元"]) == (2014, 2014)
    assert period(found["9800元"]) == (None, None) and found["9800元"]["kind"] == "state"  # the size it grew to
    found = figures(tmp_path, "2019年完成销售额8.6亿元,较2015年增长5.1亿元,新建冷库12个。")
    assert period(found["8.6亿元"]) == period(found["12个"]) == (2019, 2019)  # 较2015年 is a comparison
    found = figures(tmp_path, "2020年消费扶贫额达到10.6亿元,是2018年的8倍。")
    assert period(found["8倍"]) == (2020, 2020) and found["8倍"]["kind"] == "ratio"


def test_a_year_with_qi_is_a_start(tmp_path):
    found = figures(tmp_path, "2017年起,每年组织2次培训。")
    assert period(found["2次"]) == (2017, 2021) and found["2次"]["kind"] == "per_year"


# 11. bare numbers before other nouns ---------------------------------------------------------

def test_bare_numbers_before_counted_nouns(tmp_path):
    found = figures(tmp_path, "全市8.3万余脱贫户实现增收,经验入选全省20优秀案例。")
    assert (found["8.3万余"]["value"], found["8.3万余"]["unit"], found["8.3万余"]["approx"]) == (83000, "household", "over")
    assert (found["20"]["value"], found["20"]["unit"]) == (20, "case")


def test_the_head_noun_not_a_noun_inside_a_word(tmp_path):
    found = figures(tmp_path, "建成156所乡村小学,成立64个技术小分队。")
    assert (found["156所"]["unit"], found["64个"]["unit"]) == ("school", "team")


# 12. approximation words ---------------------------------------------------------------------

def test_approximation_words(tmp_path):
    found = figures(tmp_path, "超500人参加培训,不到30户尚未脱贫,不足20%的村没有卫生室,逾80个村通了公交。")
    assert {raw: f["approx"] for raw, f in found.items()} == {
        "超500人": "over", "不到30户": "nearly", "不足20%": "nearly", "逾80个": "over"}


# kinds ---------------------------------------------------------------------------------------

def test_kinds(tmp_path):
    found = figures(tmp_path, "联村建设大棚36个,短短3年时间扩大到800个。每年选派9名教师支教,本科达线率达70%。"
                              "目前订单种植有4万多亩,年产值30多亿元。")
    assert {raw: f["kind"] for raw, f in found.items()} == {
        "36个": "amount", "3年": "duration", "800个": "state", "9名": "per_year", "70%": "ratio",
        "4万多亩": "state", "30多亿元": "per_year"}


def test_a_date_standing_alone_dates_its_segment_only(tmp_path):
    found = figures(tmp_path, "他先后29次到协作地,2020年1月,连续半月在两个协作城市工作;为帮助4个县脱贫,筹集资金300万元。")
    assert period(found["29次"]) == (None, None)  # before the date
    assert period(found["半月"]) == period(found["两个"]) == (2020, 2020)
    assert period(found["4个"]) == period(found["300万元"]) == (None, None)  # after the ；


def test_a_sentence_opened_by_a_state_word(tmp_path):
    found = figures(tmp_path, "目前,共结对帮扶35个贫困村、120户贫困户。")
    assert found["35个"]["kind"] == found["120户"]["kind"] == "state"


# programs and places -------------------------------------------------------------------------

def test_program_places_and_names_after_a_verb(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("标题\n全国脱贫攻坚先进集体、青岛赴陇南扶贫协作工作组:\n苦干实干\n"
                    "工作组在陇南打造“麻辣兔”品牌,涌现出“教育组团式帮扶模式”“五扶持”徽县模式等经验。\n", "utf-8")
    programs = {p["name"]: p["region"] for p in extract([path])["programs"]}
    assert programs["“麻辣兔”"] == "longnan"  # a quoted name right after 打造
    assert programs["“教育组团式帮扶模式”"] == "longnan"  # a model of the whole partnership, not of 徽县
    assert programs["“五扶持”徽县模式"] == "huixian"  # the place in its own name


def test_the_awarding_body_is_not_the_place(tmp_path):
    found = figures(tmp_path, "连续2年被甘肃省授予先进集体。")
    assert found["2年"]["region"] is None


def test_nationwide_figures(tmp_path):
    found = figures(tmp_path, "全国共有1200个集体拟获表彰,其中青岛市有先进集体4个。")
    assert found["1200个"]["region"] == "national" and found["4个"]["region"] == "qingdao"


# an article without a date -------------------------------------------------------------------

def undated(tmp_path, text: str) -> tuple[dict[str, dict], list[dict], list[str]]:
    """raw → figure, the containment records and the build's warnings, for an article of these
    paragraphs with no sidecar (so no date)."""
    path = tmp_path / "u.txt"
    path.write_text("标题\n" + text + "\n", "utf-8")
    warnings: list[str] = []
    tables = extract([path], warn=warnings.append)
    return {f["raw"]: f for f in tables["figures"]}, tables["containment"], warnings


def test_without_a_date_since_runs_to_the_latest_year_reported_as_past(tmp_path):
    found, links, warnings = undated(tmp_path, "2017年以来,乙市累计销售农产品5亿元。2019年,乙市销售农产品1.2亿元。"
                                               "2022年计划销售农产品8亿元。")
    # 2019 is the latest year told as done; 2022 is a plan (计划), not a year the article looks back on
    assert period(found["5亿元"]) == (2017, 2019)
    assert found["1.2亿元"]["part_of"] == found["5亿元"]["id"]  # 2019 lies inside 2017–2019: not added twice
    assert warnings == ["warning: u.txt has no date: taken as 2019, the latest year it reports as past; "
                        "give --date to set it"]


def test_without_a_date_a_dateline_before_the_last_month_reported_means_the_next_year(tmp_path):
    found, _, warnings = undated(tmp_path, "某报社3月8日讯 2019年12月,该县通过验收。2016年以来,该县累计脱贫1.5万人。")
    # December 2019 is told as past, and the dateline says 8 March: the 8 March after it is in 2020
    assert period(found["1.5万人"]) == (2016, 2020)
    assert len(warnings) == 1 and "taken as 2020" in warnings[0] and "3月8日" in warnings[0]


def test_without_a_date_days_take_the_year_the_build_took(tmp_path):
    """Dateline 3月8日讯 after 2019年12月 told as past: the build takes 2020 (and says so). 今天 is
    that 8 March; 3月2日 comes before it, in 2020; 12月20日 comes after 8 March, so it was told
    as past on 8 March 2020: 20 December 2019. Before, the undated article lost these events."""
    path = tmp_path / "u.txt"
    path.write_text("标题\n某报社3月8日讯 今天上午,乙县召开总结大会。2019年12月,该县通过验收。"
                    "3月2日,县里发布公示。12月20日,县里召开推进会。\n", "utf-8")
    dated = sorted(e["date"] for e in extract([path], warn=lambda _: None)["events"])
    assert dated == ["2019-12", "2019-12-20", "2020-03-02", "2020-03-08"]


@pytest.mark.parametrize(("stamp", "date"), [
    ("2019-11-08 09:30:12  来源：某日报", "2019-11-08"),  # a web page's time stamp under the title
    ("2019年11月08日 09:30 | 作者：某记者", "2019-11-08"),
    ("发布时间：2019年11月8日  阅读量：88", "2019-11-08"),  # labelled, without a time
])
def test_a_pages_time_stamp_under_the_title_is_its_date(tmp_path, stamp, date):
    """Before, such an article had no date (the build assumed a year from the text) and the stamp
    was an event of that day."""
    path = tmp_path / "u.txt"
    path.write_text(f"标题\n{stamp}\n新华社贵阳11月7日电 经过评审,2019年共有36个集体获奖。\n", "utf-8")
    warnings: list[str] = []
    tables = extract([path], warn=warnings.append)
    assert tables["sources"][0]["date"] == date and warnings == []
    # no event is the stamp or the dispatch's dateline (11月7日电)
    assert [e["date"] for e in tables["events"]] == []
    # 贵阳 is where the dispatch was sent from, not where the 36 collectives are (the text does not say)
    (figure,) = tables["figures"]
    assert figure["region"] is None


def test_without_a_date_or_a_year_since_stays_open_and_holds_the_years_after_it(tmp_path):
    found, links, warnings = undated(tmp_path, "十二五以来,丁县累计投入资金8亿元。十三五期间,丁县投入资金5亿元。")
    assert period(found["8亿元"]) == (2011, None)  # since 2011 (十二五), to a time the text does not give
    assert period(found["5亿元"]) == (2016, 2020)
    # 2016–2020 lies after 2011: the open period holds it, as surely as a closed one would
    assert [(link["figure"], link["within"], link["certain"]) for link in links] == [
        (found["5亿元"]["id"], found["8亿元"]["id"], True)]
    assert warnings == ["warning: u.txt has no date: it names no year, so periods since a year stay open; "
                        "give --date to set it"]


def test_a_dated_article_says_nothing_of_its_date(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("标题\n2017年以来,乙市累计销售农产品5亿元。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "d", "date": "2021-02-25"}), "utf-8")
    warnings: list[str] = []
    assert period(extract([path], warn=warnings.append)["figures"][0]) == (2017, 2021) and warnings == []


# containment across honorees, and the parts of one total -------------------------------------

TWO_TEAMS = ("全国脱贫攻坚先进集体、青岛赴安顺扶贫协作工作组:\n携手并进\n"
             "{a},工作组协调社会力量帮助安顺市500名贫困群众就业。\n"
             "全国脱贫攻坚先进集体、胶州市扶贫协作工作办公室:\n真抓实干\n"
             "{b},该办帮助贵州省镇宁县70名贫困群众就业,帮助甘肃省陇南市90名贫困群众就业。\n")


def test_another_honorees_figure_for_a_place_holding_its_own_may_hold_it(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("标题\n" + TWO_TEAMS.format(a="多年来", b="2016年以来") + "\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "c", "date": "2021-02-25"}), "utf-8")
    tables = extract([path])
    found = {f["raw"]: f for f in tables["figures"]}
    # 镇宁 is a county of 安顺: the Anshun team's 500 (undated) may count the 70 the Jiaozhou office
    # helped there (2016–2021); the text never says whose work each counts, so only possibly, and a
    # total must not add 570 as certain. 陇南 is not in 安顺: its 90 lies in nothing.
    assert [(link["figure"], link["within"], link["reason"], link["certain"]) for link in tables["containment"]] == [
        (found["70名"]["id"], found["500名"]["id"], "region", False)]
    path.write_text("标题\n" + TWO_TEAMS.format(a="2015年", b="2016年以来") + "\n", "utf-8")
    assert extract([path])["containment"] == []  # 2015 and 2016–2021 are apart: the 500 cannot hold the 70


def test_the_parts_of_one_total_are_siblings(tmp_path):
    found = figures(tmp_path, "2019年,该市向陇南市投入帮扶资金8.2亿元,其中:\n产业发展 3.6亿元\n基础设施 4.6亿元\n")
    # 3.6 + 4.6 = 8.2: two parts of the total, each of the total's year and place, so neither lies in
    # the other (the smaller was recorded as possibly inside the larger)
    assert found["3.6亿元"]["part_of"] == found["4.6亿元"]["part_of"] == found["8.2亿元"]["id"]
    assert extract([tmp_path / "t.txt"])["containment"] == []  # (the article figures() wrote)


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # 从…起, 从…开始: since that year, to the report (2021), for the clauses after it
    ("从2017年开始，青岛每年选派干部20名赴陇南挂职。", "20名", (2017, 2021)),
    ("从2019年起，该县新建车间8个。", "8个", (2019, 2021)),
    # 从2016年底的…降为零: the base of a change still dates its own clause only
    ("贫困发生率从2016年底的4.8%降为零；带动3000人就业。", "3000人", (None, None)),
])
def test_a_year_after_cong_is_since_that_year_when_qi_or_kaishi_follows(tmp_path, text, raw, expected):
    assert period(figures(tmp_path, text)[raw]) == expected


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # 2017年的A、B: each item of the list after 年的 is of that year
    ("该区援建资金从2017年的2000万元、6个项目，增加到2019年的1.2亿元和26个项目。", "6个", (2017, 2017)),
    ("该区援建资金从2017年的2000万元、6个项目，增加到2019年的1.2亿元和26个项目。", "26个", (2019, 2019)),
    # a change inside a range the text names: its start is of the first year, where it comes to of the last
    ("2015年至2019年，省里投入的专项资金从48亿元增加到127亿元。", "48亿元", (2015, 2015)),
    ("2015年至2019年，省里投入的专项资金从48亿元增加到127亿元。", "127亿元", (2019, 2019)),
    ("2016年至2020年，全县贫困人口从3.2万人下降到零。", "零", (2020, 2020)),
    # the range still dates the other figures of the sentence, and the total over it
    ("2015年至2019年，省里投入的专项资金从48亿元增加到127亿元，累计达400亿元。", "400亿元", (2015, 2019)),
])
def test_the_ends_of_a_change_and_the_items_of_a_dated_list_take_their_years(tmp_path, text, raw, expected):
    assert period(figures(tmp_path, text)[raw]) == expected


def test_shops_are_businesses_not_households(tmp_path):
    # 商户: a shop or trader, counted with 家 as firms are; the 户 in its name is no household
    found = figures(tmp_path, "目前,在该县经营的外地商户共有260多家。")
    assert found["260多家"]["unit"] == "enterprise"


def test_the_former_value_of_a_change_is_before_its_period(tmp_path):
    # 自2019年起 dates the new quota (12名) from 2019 to the report; the quota it replaced (由原…8名)
    # was before then: no period the text gives
    found = figures(tmp_path, "自2019年起,该县每年选派驻村干部由原每年8名增加到12名。")
    assert period(found["8名"]) == (None, None)
    assert period(found["12名"]) == (2019, 2021)


def test_a_former_body_is_no_former_value(tmp_path):
    # 由原扶贫办…组成: who the team is made of, no change from a former value: the period stands
    found = figures(tmp_path, "自2019年起,该县工作队由原扶贫办的8名干部组成。")
    assert period(found["8名"]) == (2019, 2021)
