"""Rules for articles of the genre beyond the bundled one: measure words from CC-CEDICT's CL:
tags, money written without 元, lower bounds (突破/过/破), and what is not a figure (idioms
with numerals, numerals inside place names). Sentences written for these tests; each expected
value is read off the sentence by hand, the reasoning beside it."""

from __future__ import annotations

import json
import re

import pytest

from qdaid.model import NAME_RE
from qdaid.pipeline.records import extract

from .test_extract_classes import dated, figures, period  # raw → figure record, for an article of these paragraphs

HAN = re.compile(r"[\u3400-\u9fff]")

# 1. measure words: the dictionary's classifiers, each with its unit --------------------------

@pytest.mark.parametrize(("text", "raw", "value", "unit"), [
    ("合作社新购置收割机6台。", "6台", 6, "machine"),  # 台 counts machines
    ("当天共发出保鲜运输车15辆。", "15辆", 15, "vehicle"),  # 辆 counts vehicles
    ("开挖蓄水池土方1.2万方。", "1.2万方", 12000, "cubic_metre"),  # 方 of earth: cubic metres
    ("村里新组建了7支护林队。", "7支", 7, "team"),  # 支 + an unknown noun (护林队): the measure word's unit
    ("展会展出农产品180种。", "180种", 180, "kind"),  # 种: kinds
    ("东部企业在当地新建冷库4座。", "4座", 4, "building"),  # 座: a building
    ("改造危房230間。", "230間", 230, "room"),  # Traditional 間 is 间: rooms
])
def test_measure_words_give_units(tmp_path, text, raw, value, unit):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"]) == (value, unit)


@pytest.mark.parametrize(("text", "raw", "unit"), [
    # 县 of 岷县 names a place: the 12 trucks are vehicles (辆), going from 岷县, not 12 counties
    ("清晨，12辆冷链车陆续从岷县发车。", "12辆", "vehicle"),
    ("车上装着8种岷县土特产。", "8种", "kind"),  # 8 kinds of produce of 岷县, not 8 counties
    ("县里开设了15个东西部协作农产品专区。", "15个", "zone"),  # …专区: sales zones (区 of 专区 is no county)
    ("两天内收到4200个爱心订单。", "4200个", "order"),  # …订单: orders
    ("覆盖了西部12个省份。", "12个", "province"),  # 省份: provinces
    ("全市20多个市直部门参与结对。", "20多个", "organization"),  # 市直部门: departments, not cities
    ("西部6省区市参展。", "6省区市", "province"),  # 省区市: provinces, regions and municipalities
    ("东部8省市参与协作。", "8省市", "province"),  # 省市: provinces and municipalities, not cities
    ("共有300多家山区的农业企业参展。", "300多家", "enterprise"),  # the noun after 的 heads the phrase
    ("为卫生院捐赠了30支体温枪。", "30支", "item"),  # 支 of instruments: items, not teams
    ("乡里成立了6支应急救援队。", "6支", "team"),  # 支 before …队: teams
])
def test_the_noun_a_number_counts_is_not_a_place_or_a_word_after_it(tmp_path, text, raw, unit):
    assert figures(tmp_path, text)[raw]["unit"] == unit


def test_a_measure_word_does_not_take_the_noun_before_it(tmp_path):
    # 村 before 9支 is where the teams are, not what 支 counts (the old rule took the noun before)
    assert figures(tmp_path, "村里组建了9支志愿服务队。")["9支"]["unit"] == "team"


# 2. money without 元, lower bounds -----------------------------------------------------------

@pytest.mark.parametrize(("text", "raw", "value"), [
    ("五年间市财政共拨付9.8亿，用于修建道路。", "9.8亿", 980_000_000),  # 拨付: money; 9.8 × 10⁸
    ("爱心企业认捐善款560万，全部用于助学。", "560万", 5_600_000),  # 善款: money; 560 × 10⁴
])
def test_a_round_amount_in_a_clause_about_money_is_cny(tmp_path, text, raw, value):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"]) == (value, "cny")
    assert found["metric"] == {"9.8亿": "funds", "560万": "donations_cash"}[raw]  # 善款: money given, in cash


def test_a_round_amount_elsewhere_is_not_money(tmp_path):
    # 3万 here counts nothing the text names (no classifier, no money word): no figure at all
    assert "3万" not in figures(tmp_path, "全县3万，比上年多。")


@pytest.mark.parametrize(("text", "raw", "value"), [
    ("合作社电商年销售额突破600万元。", "突破600万元", 6_000_000),  # 突破: at least
    ("全县游客人数过百万人次。", "过百万人次", 1_000_000),  # 过百万: at least a million
    ("茶叶产值首次破亿元。", "破亿元", 100_000_000),  # 破亿: at least 10⁸
])
def test_breaking_through_a_number_is_a_lower_bound(tmp_path, text, raw, value):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["approx"]) == (value, "over")


def test_verbs_ending_in_guo_or_po_are_not_bounds(tmp_path):
    found = figures(tmp_path, "经过3年努力，全村通过5项验收，打破2项纪录。")
    assert found["3年"]["approx"] == "exact"  # 经过: "after", not "more than"
    assert found["5项"]["approx"] == found["2项"]["approx"] == "exact"  # 通过, 打破 are verbs


# 3. not figures ------------------------------------------------------------------------------

def test_idioms_with_numerals_are_not_figures(tmp_path):
    # 一年之计在于春 and 三天打鱼，两天晒网 are CC-CEDICT idioms: 一年, 三天, 两天 are no durations
    found = figures(tmp_path, "老乡们说一年之计在于春，干活不能三天打鱼，两天晒网，今年春播面积3200亩。")
    assert list(found) == ["3200亩"]


@pytest.mark.parametrize(("text", "kept"), [
    # a couplet no dictionary lists: two clauses of 7 characters, 根/筷/子 in the same places; the
    # 236 households after it are a figure (Arabic digits, another length)
    ("村支书常说，一根筷子容易折，十根筷子抱成团，全村236户拧成一股绳。", ["236户"]),
    ("两村干部都懂得，一人挑柴难成捆，众人挑柴堆满山。", []),  # 人/挑/柴 in the same places: a saying
    # two clauses of one length in plain prose share no characters in place: figures, not a couplet
    ("村里建成车间三十个，县里培训农民五百人。", ["三十个", "五百人"]),
    # after a cue (正所谓, 常言道) the short clause is a saying, and the next one of its length its other half
    ("正所谓一块砖头三分力，一群人手百分功，两地携手建成车间30个。", ["30个"]),
    ("常言道，三人同心土变金，青岛援建学校12所。", ["12所"]),
    # a clause after the saying that is not its other half keeps its figure, in Chinese numerals too
    ("常言道：“一人拾草不成垛”，两地合作社吸纳三百人就业。", ["三百人"]),
])
def test_a_saying_by_its_shape_is_not_a_figure(tmp_path, text, kept):
    assert list(figures(tmp_path, text)) == kept


def test_a_congress_and_a_described_group_are_not_counts(tmp_path):
    # 十八届三中全会 names a party congress; 涌现出一批…的干部 is "a number of cadres who…"; the batch
    # of goods sent (送去一批过冬物资) and the 4 fairs held are counts
    found = figures(tmp_path, "学习十八届三中全会精神，涌现出一批扎根基层的扶贫干部，"
                              "送去一批过冬物资，累计举办4届消费扶贫展销会。")
    assert list(found) == ["一批", "4届"]
    assert found["一批"]["start"] > 20  # the batch of goods, not the group of cadres


def test_a_numeral_inside_a_place_name_is_not_a_figure(tmp_path):
    # 六盘水 and 七台河 are cities: 六盘 is not six dishes, 七台 not seven machines
    found = figures(tmp_path, "大连与六盘水市、七台河市结对，引进企业12家。")
    assert list(found) == ["12家"]


@pytest.mark.parametrize("text", [
    "通讯员9日从市乡村振兴局获悉，全市新增就业岗位1200个。",  # 9日: the day the news was had
    "本报北京3月2日电 两地签约农产品采购协议。",  # 2日电: a dateline
    "早在上世纪90年代，两地就开始结对。",  # 90年代: a decade, not 90 years
    "八十年代末，老支书带领村民修路。",  # 八十年代: a decade
])
def test_dates_and_decades_are_not_figures(tmp_path, text):
    assert [raw for raw in figures(tmp_path, text) if raw not in ("1200个",)] == []


def test_ordinals_are_not_figures_but_ranks_are(tmp_path):
    found = figures(tmp_path, "第五届农民丰收节期间，全县第三次举办展销会，销售农产品80吨，评比获第二名。")
    assert sorted(found) == ["80吨", "第二名"]  # 第五届, 第三次 say which one; 第二名 is a rank
    assert found["第二名"]["unit"] == "rank"


# 4. comparisons bind their own clause; a rate fallen to zero ---------------------------------

def test_a_base_year_after_cong_dates_its_own_clause_only(tmp_path):
    found = figures(tmp_path, "辍学率从2016年底的4.8%降为零；同时带动乙村2000余人就业。")
    assert (found["4.8%"]["period_start"], found["4.8%"]["period_end"]) == (2016, 2016)  # the base: end of 2016
    assert found["2000余人"]["period_start"] is None  # another clause, after the semicolon: no year
    zero = found["零"]
    assert (zero["value"], zero["unit"]) == (0, "percent")  # 降为零: 0 in the unit of the 4.8% it fell from


def test_cleared_to_zero_is_a_figure_of_zero(tmp_path):
    text = "目前全镇贫困人口已全部清零，贫困发生率归零。"
    zeros = [f for f in extract_all(tmp_path, text) if f["raw"] == "零"]
    # 贫困人口清零: no people left, 0 persons; 发生率归零: a rate of 0 percent
    assert [(f["value"], f["unit"]) for f in zeros] == [(0, "person"), (0, "percent")]


def extract_all(tmp_path, text: str) -> list[dict]:
    """Every figure of an article of this paragraph, in text order (raws may repeat)."""
    path = tmp_path / "z.txt"
    path.write_text("标题\n" + text + "\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "z", "date": "2021-02-25"}), "utf-8")
    return extract([path])["figures"]


# 5. breakdowns: lines under 其中： are parts of the total ---------------------------------------

BREAKDOWN = ("2020年，市里累计向安顺市拨付东西部协作资金9.6亿元，其中：\n"
             "普定县 4.1亿元\n"
             "西秀区 5.5亿元\n"
             "结对帮扶学校300所，其中：\n"
             "小学 210所、中学 90所\n"
             "两地共建扶贫车间40个，其中平坝区25个、关岭县15个。\n")


def test_lines_under_qizhong_are_parts_of_the_total(tmp_path):
    found = figures(tmp_path, BREAKDOWN)
    total = found["9.6亿元"]
    for raw, region in (("4.1亿元", "puding"), ("5.5亿元", "xixiu")):  # 4.1 + 5.5 = 9.6: the two counties
        part = found[raw]
        assert part["part_of"] == total["id"]
        assert (part["metric"], part["region"]) == (total["metric"], region)  # the total's metric, the line's place
        assert (part["period_start"], part["period_end"]) == (2020, 2020)  # the total's year
    assert found["210所"]["part_of"] == found["90所"]["part_of"] == found["300所"]["id"]  # 210 + 90 = 300


def test_items_named_for_places_count_what_their_total_counts(tmp_path):
    found = figures(tmp_path, BREAKDOWN)
    # 平坝区25个: 区 ends a place's name; 个 counts workshops, as the 40个 before (25 + 15 = 40)
    for raw in ("25个", "15个"):
        assert (found[raw]["unit"], found[raw]["part_of"]) == ("workshop", found["40个"]["id"])


# 6. a county name that is also a word needs a place's context --------------------------------

def test_a_place_name_that_is_a_word_needs_place_context(tmp_path):
    found = figures(tmp_path, "据青海省介绍，互助县新建扶贫车间8个。\n"
                              "工作队赴互助开展调研，走访农户60户。\n"
                              "同心协力，互助互爱，乡亲们引进企业9家。\n")
    assert found["8个"]["region"] == "huzhu"  # 互助县: with the suffix, in a sentence that names its province
    assert found["60户"]["region"] == "huzhu"  # 赴互助: a place after 赴
    # 互助互爱 is "helping each other": the county named in another sentence does not make it one
    # (no 全县 here: that would be the one county the article names, 互助县)
    assert found["9家"]["region"] is None


# 7. units of places ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "raw", "unit"), [
    ("街道下辖12个社区。", "12个", "community"),  # 社区: an urban community, not a village
    ("全市5个开发区参与结对。", "5个", "zone"),  # 开发区: a development zone
    ("新区3个功能区各结对一个乡镇。", "3个", "zone"),  # 功能区: a functional zone, not a pair (结对)
    ("两地共建产业园区2个。", "2个", "industrial_park"),  # 产业园区 stays an industrial park
])
def test_communities_and_zones_have_their_own_units(tmp_path, text, raw, unit):
    assert figures(tmp_path, text)[raw]["unit"] == unit


# 8. a title's figure repeated in the body ----------------------------------------------------

def test_a_title_repeating_a_body_figure_is_its_headline(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("烟台五年投入3.8亿助力巫山脱贫\n"
                    "本报讯 2016年以来，烟台市累计向巫山县拨付财政帮扶资金3.8亿元，援建扶贫车间64个。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "h", "date": "2021-02-25"}), "utf-8")
    found = {f["raw"]: f for f in extract([path])["figures"]}
    title, body = found["3.8亿"], found["3.8亿元"]  # 3.8亿 with no 元: money, 投入 in a title about aid
    # the title's words (投入) and the body's (财政帮扶资金) name the money differently; it is one amount
    assert title["part_of"] == body["id"] and title["metric"] == body["metric"]
    assert body["part_of"] is None


def test_a_county_of_two_characters_an_article_is_about_is_a_place(tmp_path):
    # 礼县 three times, its city and province never: the article is about it (礼县 is no word)
    found = figures(tmp_path, "礼县苹果进京。\n礼县果农今年新栽果树3000亩。东部企业在礼县收购苹果1.2万吨。\n")
    assert found["3000亩"]["region"] == found["1.2万吨"]["region"] == "lixian-longnan"
    # named once, with nothing around it, it stays no place (it could be a word's two characters)
    assert figures(tmp_path, "礼县新栽果树3000亩。")["3000亩"]["region"] is None


def test_a_place_renamed_after_the_gazetteers_data_is_found_by_its_new_name(tmp_path):
    # 即墨市 became 即墨区 in 2017; the new name, with its suffix, needs no province beside it
    found = figures(tmp_path, "即墨区新建扶贫车间5个。")
    assert found["5个"]["region"] == "jimo"


# 9. whose and when: the nation's list, several places, the city's own units, campaigns, 先后 ---

def section(tmp_path, heading: str, body: str) -> dict[str, dict]:
    """raw → figure, for an article of one honoree's section (heading, motto, body)."""
    return figures(tmp_path, f"{heading}\n实干担当\n{body}")


def test_a_count_right_after_quanguo_is_the_nations(tmp_path):
    found = section(tmp_path, "全国脱贫攻坚先进集体、莱西市扶贫开发领导小组办公室:",
                    "该办的经验入选全国100个典型案例,帮助全市3200户贫困户脱贫。")
    assert found["100个"]["region"] == "national"  # the country's 100 cases, of which the office's is one
    assert found["3200户"]["region"] == "laixi"  # the office's own work, at home


def test_a_count_of_places_before_a_figure_covers_the_places_named(tmp_path):
    found = figures(tmp_path, "多年来,烟台与重庆市巫山县、甘肃省定西市结对协作,助力两地8.6万贫困人口脱贫。")
    # 两地: the two places Yantai works with, named before it; the figure is theirs together, no one's alone
    assert (found["8.6万"]["covers"], found["8.6万"]["region"]) == (["wushan", "dingxi"], None)
    found = figures(tmp_path, "烟台与甘肃省定西市携手,助力三市9.1万人增收。")
    assert found["9.1万人"]["covers"] == []  # three cities, two named: which three the text does not say


def test_the_towns_and_poorer_villages_of_an_eastern_city_are_its_own(tmp_path):
    found = section(tmp_path, "全国脱贫攻坚先进个人,烟台市扶贫协作工作办公室主任李明:",
                    "李明牵头帮扶重庆巫山、甘肃定西和省内临沂,走访了有帮扶任务的45个镇街、230个贫弱村。")
    # three partners, but 镇街 and 贫弱村 are the words of Yantai's own towns and villages (the partners
    # have 乡镇 and 贫困村): the office head's visits at home
    assert found["45个"]["region"] == found["230个"]["region"] == "yantai"


def test_what_a_team_mobilises_comes_from_its_home(tmp_path):
    found = section(tmp_path, "全国脱贫攻坚先进集体、烟台市赴定西扶贫协作工作组:",
                    "工作组组织烟台6个区市与定西7个县区结对,动员40个镇街、75家企业参与携手奔小康行动,援助资金3000万元。")
    # the team, from Yantai, mobilised towns and enterprises to pair with Dingxi's: Yantai's; the aid is Dingxi's
    assert found["40个"]["region"] == found["75家"]["region"] == "yantai"
    assert found["3000万元"]["region"] == "dingxi"


def test_a_named_campaign_dates_what_was_done_for_it(tmp_path):
    found = figures(tmp_path, "工作组多次赴陇南调研。为支持挂牌督战,工作组筹集帮扶资金860万元。")
    assert period(found["860万元"]) == (2020, 2020)  # 挂牌督战: the national campaign of 2020


def test_xianhou_gathers_a_count_over_time(tmp_path):
    found = figures(tmp_path, "2018年该县在全省考核中获评优秀,先后获得上级通报表扬12次。2016年以来,该县先后派出教师45名。")
    assert period(found["12次"]) == (None, None)  # 2018 is the year of the rating; the 12 came one after another
    assert period(found["45名"]) == (2016, 2021)  # since 2016: the period holds what came one after another


def test_one_thing_in_a_place_is_part_of_the_whole_places_figure(tmp_path):
    found = figures(tmp_path, "2019年,该镇新建占地450亩的茶叶示范园,带动全镇形成占地3000余亩的茶产业。")
    # the garden's 450 mu lie in the whole town's 3000余亩 (全镇): a part, not what the town's grew from
    assert found["450亩"]["part_of"] == found["3000余亩"]["id"]


# 10. nouns as measure words, unknown nouns, people sent somewhere -----------------------------

@pytest.mark.parametrize(("text", "raw", "unit"), [
    ("合作社当月向东部城市运出蔬菜28车。", "28车", "truckload"),  # 车 after a number: a truck's load
    ("村民当天装运苹果600箱。", "600箱", "box"),  # 箱 after a number: boxes of apples
    ("抗旱期间新打机井15眼。", "15眼", "well"),  # 眼: CC-CEDICT's classifier for wells
])
def test_a_noun_after_a_number_measures_its_load(tmp_path, text, raw, unit):
    assert figures(tmp_path, text)[raw]["unit"] == unit


def test_a_noun_that_begins_with_a_borrowed_measure_word_is_the_noun(tmp_path):
    # 2车间: two workshops; the 车 begins 车间, it measures no truckload
    found = figures(tmp_path, "合作社今年又建成2车间。")
    assert found["2"]["unit"] == "workshop"


def test_an_unknown_noun_after_a_classifier_is_the_unit(tmp_path):
    # 8个蓄水塘坝: eight ponds; no list knows 蓄水塘坝, and the 镇 before it is not what 个 counts
    unit = figures(tmp_path, "镇里新修了8个蓄水塘坝。")["8个"]["unit"]
    assert unit == "xushuitangba"  # the noun kept, as pinyin: a valid unit id, readable without Chinese
    assert NAME_RE.fullmatch(unit)


def test_people_sent_to_a_place_are_the_destinations(tmp_path):
    # 莱西市 sends, 定西市安定区 receives: the 11 doctors work in 安定区, the most specific place after 前往
    found = figures(tmp_path, "莱西市今年抽调11名医生前往甘肃省定西市安定区巡诊。")
    assert found["11名"]["region"] == "anding"
    # no dispatch verb: 青岛 organises, the workers of 岷县 are employed; 到 alone moves no figure
    found = figures(tmp_path, "青岛市组织甘肃省岷县1500名劳动力到胶州务工。")
    assert found["1500名"]["region"] == "minxian"


def test_the_place_after_zai_holds_the_sentences_work(tmp_path):
    # 烟台企业在巫山县…: the fruit was shipped from 巫山, whose orchards the enterprise works in
    found = figures(tmp_path, "烟台企业在重庆市巫山县建成分拣中心3处，外运脆李60车。")
    assert found["60车"]["region"] == "wushan"
    # three provinces named, the first after 在: the sentence's total is none of them alone
    found = figures(tmp_path, "企业订单种植在新疆有20万亩、贵州3万亩、甘肃5万亩，年产值12亿元。")
    assert found["12亿元"]["region"] is None
    # 在兰州举办: where the fair was held; the 17 projects are not 兰州's
    found = figures(tmp_path, "甘肃省甘南州在兰州举办经贸合作对接会，现场签约项目17个。")
    assert found["17个"]["region"] != "lanzhou"


@pytest.mark.parametrize(("text", "raw"), [
    # 烟台 gives, 巫山 (after 向, in 重庆市) receives: the 2600 people of the next clause are 巫山's
    ("烟台市五年来向重庆市巫山县倾斜帮扶资源，助推2600名群众稳定增收。", "2600名"),
    # 向 and a verb of selling: 烟台 buys what 巫山 sells, and 巫山's 2600 growers are still the sentence's
    ("巫山县向烟台市销售脆李，助推2600名果农增收。", "2600名"),
    # the place after 在 just before the figure holds the work (here the same county as after 向)
    ("烟台市向巫山县倾斜资源，在巫山县建成扶贫车间12个。", "12个"),
])
def test_the_place_after_xiang_receives_the_rest_of_its_sentence(tmp_path, text, raw):
    assert figures(tmp_path, text)[raw]["region"] == "wushan"


def test_figures_in_brackets_after_a_figure_break_it_down(tmp_path):
    # 18人 of the 30 are from villages, and the bracket after 18人 says who they are: parts of 18, not of 30
    found = figures(tmp_path, "受表彰的30人中，其中村一级18人（村支书11人，驻村队员7人），县直单位12人。")
    assert found["18人"]["part_of"] == found["30人"]["id"]
    assert found["11人"]["part_of"] == found["7人"]["part_of"] == found["18人"]["id"]


def test_our_city_is_the_city_the_article_is_of(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("铜仁市多人受表彰\n我市6名先进个人获得表彰。全市23.5万贫困人口如期脱贫。合作社吸纳300人就业。\n"
                    "合作社按完全市场化方式吸纳120人就业。\n", "utf-8")
    found = {f["raw"]: f for f in extract([path])["figures"]}
    # 我市, 全市 with no place in the clause: 铜仁, the one city the title names; and the 300 of the
    # paragraph they open, whose sentence names no place
    assert found["6名"]["region"] == found["23.5万"]["region"] == found["300人"]["region"] == "tongren"
    # 完全市场化: 全市 of 市场 is no city; nothing in its paragraph names where the 120 work
    assert found["120人"]["region"] is None


def test_a_breakdown_sentence_is_of_the_place_and_a_change_is_no_part(tmp_path):
    # invented, in the layout of a real dispatch: a total for 贵州, then a 其中 sentence naming no place
    found = figures(tmp_path, "三年来,东部3市累计向贵州投入资金超过50亿元。"
                              "其中,2020年投入21亿元,较2018年增加6亿元,实施项目900个。")
    assert found["21亿元"]["part_of"] == found["超过50亿元"]["id"]  # 其中: a part of the total
    assert found["6亿元"]["part_of"] is None  # 较2018年增加: a change, not a part of the 50亿
    # the 其中 sentence names no place: its figures are 贵州's, as the total is
    assert found["21亿元"]["region"] == found["6亿元"]["region"] == found["900个"]["region"] == "guizhou"
    # 东部3市 counts eastern cities: 贵州, named after the count, does not hold them
    assert found["3市"]["region"] is None  # the raw holds the noun it counts (issue 25: 4市, not 4)
    # a place before a count of places holds them (铜仁市10个区县), unless it is their partner (与…的)
    found = figures(tmp_path, "浙江省与结对帮扶的6个省份签署协议。铜仁市10个区县全部脱贫摘帽。")
    assert (found["6个"]["region"], found["10个"]["region"]) == (None, "tongren")


def test_in_an_article_of_one_helper_and_one_helped_place_the_aid_is_the_helped_places(tmp_path):
    """An eastern city's paper on its help to 铜仁 (sentences of my own, in the layout of real ones):
    我市 and 苏州 are the helper; 铜仁 and its counties are helped."""
    found = dated(tmp_path, "苏州·铜仁携手奔小康\n"
                            "2017年苏州市与贵州铜仁市签署东西部协作协议以来,全市累计投入财政帮扶资金9.6亿元。\n"
                            "苏州市统筹社会帮扶资金1.3亿元,援建扶贫车间55个。石阡县、思南县两县农产品销往苏州。\n"
                            "我市累计输转铜仁贫困劳动力2.1万人,真金白银投入协作,带动1.6万名群众增收。\n"
                            "两地共同组建了12支志愿服务队。苏州市8名干部受到表彰。苏州市培训本地农民900人次。\n",
                  "2021-03-01")
    # the sentence names the pair, or only the helper (苏州, 全市, 我市): the aid is 铜仁's
    for raw in ("9.6亿元", "1.3亿元", "2.1万人", "1.6万名"):
        assert found[raw]["region"] == "tongren", raw  # 真金白银 names no 白银市
    assert found["55个"]["region"] == "tongren"  # its sentence names only 苏州
    assert found["12支"]["region"] is None  # 两地: both sides
    assert found["8名"]["region"] == "suzhou"  # a count of honours: the helper's own (苏州市 of 江苏)
    assert found["900人次"]["region"] == "suzhou"  # 本地: work at home


def test_n_years_between_refers_to_the_range_just_named(tmp_path):
    found = figures(tmp_path, "2018年至2020年，两地合作成效明显。\n三年间，东部企业在当地投资兴业，共落地项目14个。\n")
    assert period(found["14个"]) == (2018, 2020)  # 三年间: the three years 2018–2020 (both ends counted)


def test_every_unit_the_dictionary_can_give_has_an_english_name():
    from qdaid.english import vocabulary
    from qdaid.pipeline.lexicon import Lexicon

    lex = Lexicon.load()
    units = {*lex.specific.values(), *lex.general.values(), *lex.nouns.values()}
    assert lex.general["车"] == "truckload" and "truckload" in units  # the measure nouns are among them
    assert units - set(vocabulary()["units"]) == set()
    assert not any(HAN.search(u["one"] + u["many"]) for u in vocabulary()["units"].values())


def test_the_buyer_after_xiang_is_not_the_figures_place(tmp_path):
    # 甘肃省岷县向青岛市销售: 青岛 buys; the 2.1万吨 of potatoes are 岷县's sales
    found = figures(tmp_path, "2020年，甘肃省岷县向青岛市销售马铃薯2.1万吨。")
    assert found["2.1万吨"]["region"] == "minxian"


def test_the_rest_of_a_sentence_is_about_where_the_firms_were_sent(tmp_path):
    # 引导…企业到甘肃省临夏州投资: the money and the workshops of the clauses after are 临夏's
    found = figures(tmp_path, "济南市引导46家企业到甘肃省临夏州投资，实际到位资金8亿元，建成扶贫车间31个。")
    assert found["46家"]["region"] == found["8亿元"]["region"] == found["31个"]["region"] == "linxia"


def test_a_title_restating_a_body_figure_takes_its_place_and_years(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text("杭州四年投入9.2亿元助力恩施\n"
                    "本报讯 2017年至2020年，杭州市累计向湖北省恩施州拨付帮扶资金9.2亿元。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "h", "date": "2021-03-01"}), "utf-8")
    title, body = (f for f in extract([path])["figures"] if f["raw"] == "9.2亿元")
    # one amount said twice: the title's is the body's, given to 恩施 over 2017–2020
    assert (title["region"], period(title)) == (body["region"], period(body)) == ("enshi", (2017, 2020))


def test_one_person_who_speaks_is_no_count(tmp_path):
    # 一位老人说: "an old man said"; the 1200 mu are the only figure
    assert list(figures(tmp_path, "当地一位老人说，今年全村新种花椒1200亩。")) == ["1200亩"]


def test_a_place_before_a_spaced_value_is_the_items_name_not_its_unit(tmp_path):
    # 东乡县 130个: 130 of the villages counted above, in 东乡县; 县 names the line, it is not what 个 counts
    found = figures(tmp_path, "2020年，甘肃省临夏州结对帮扶村共240个，其中：\n东乡县 130个、积石山县 110个\n")
    assert found["130个"]["unit"] != "county" and found["110个"]["unit"] != "county"
    # …and what they count is the 村 of the total's line (130 + 110 = 240): villages, parts of it
    for raw, region in (("130个", "dongxiang"), ("110个", "jishishan")):
        assert (found[raw]["unit"], found[raw]["part_of"], found[raw]["region"]) == ("village", found["240个"]["id"], region)


def test_an_autonomous_county_named_short_with_its_suffix_is_a_place(tmp_path):
    # 积石山县 is how the news names 积石山保安族东乡族撒拉族自治县: a full name, as 临夏州 is of 临夏回族自治州
    found = figures(tmp_path, "积石山县新建扶贫车间12个。")
    assert found["12个"]["region"] == "jishishan"


def test_a_year_after_dao_with_no_year_before_it_dates_its_figure(tmp_path):
    # 由2015年的5200元增加到2020年的1.1万元: each amount has its own year; 到2020年 ends no range here
    found = figures(tmp_path, "农村居民人均可支配收入由2015年的5200元增加到2020年的1.1万元。")
    assert (period(found["5200元"]), period(found["1.1万元"])) == ((2015, 2015), (2020, 2020))


def test_the_place_of_quanxian_is_not_what_is_counted(tmp_path):
    # 全县…岗位2300个: jobs counted in the whole county, not 2300 counties
    assert figures(tmp_path, "全县新增就业岗位2300个。")["2300个"]["unit"] == "job"
    assert figures(tmp_path, "今年全县新修了水窖一百二十个。")["一百二十个"]["unit"] != "county"


def test_one_and_the_other_are_no_counts_and_orders_are(tmp_path):
    # 一家…另一家: "one firm … the other"; 过百万单: over a million orders, a lower bound
    found = figures(tmp_path, "一家电商企业的年交易额破千万元，另一家的销量过百万单。")
    assert sorted(found) == ["破千万元", "过百万单"]
    assert (found["过百万单"]["value"], found["过百万单"]["unit"], found["过百万单"]["approx"]) == (1_000_000, "order", "over")


def test_in_english_no_unit_is_shown_in_chinese(tmp_path, cli):
    # 28车, 600箱, 15眼 and a noun no list knows (8个蓄水塘坝): every unit has a name without Han
    path = tmp_path / "e.txt"
    path.write_text("标题\n合作社运出蔬菜28车、苹果600箱，新打机井15眼，镇里新修了8个蓄水塘坝。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "e", "date": "2021-02-25"}), "utf-8")
    db = tmp_path / "e.json"
    assert cli("build", "-o", db, path).exit_code == 0
    rows = json.loads(cli("stats", "--db", db, "--by", "unit", "--lang", "en", "-f", "json").stdout)
    units = sorted(row["unit"] for row in rows)
    assert units == ["box", "truckload", "well", "xushuitangba"]  # read off the sentence: what each number counts
    assert not any(HAN.search(row["unit"] + row["metric"]) for row in rows)


def test_a_title_keeps_its_own_place_when_the_body_names_none(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("济南市6人获表彰\n本报讯 我市共有6人受到表彰。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "t", "date": "2021-03-01"}), "utf-8")
    title = next(f for f in extract([path])["figures"] if f["raw"] == "6人")
    assert title["region"] == "jinan-shandong"  # 我市 names no city; the title's 济南市 still does


def test_not_a_single_one_is_no_count(tmp_path):
    # 一户也没有落下: "not one household left behind"; 两名干部 is a count
    assert list(figures(tmp_path, "全村一户也没有落下，共有两名干部驻村。")) == ["两名"]


def test_the_years_of_a_title_are_the_bodys_range_of_as_many_years(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("三年引进企业逾50家\n本报讯 2018年至2020年，东部企业在当地投资兴业，共落地项目14个。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "t", "date": "2021-03-01"}), "utf-8")
    title = next(f for f in extract([path])["figures"] if f["raw"] == "逾50家")
    assert period(title) == (2018, 2020)  # 三年 in the title: the three years the body names


def test_a_figure_at_the_very_start_of_the_text_is_a_figure(tmp_path):
    # a title that opens with its number (40人获…奖): the empty text before it is no sign like + or >
    path = tmp_path / "t.txt"
    path.write_text("40人获脱贫攻坚奖\n本报讯 今年共有40名人士获奖。\n", "utf-8")
    found = {f["raw"]: f for f in extract([path])["figures"]}
    assert set(found) == {"40人", "40名"} and found["40人"]["part_of"] == found["40名"]["id"]  # the title restates it


@pytest.mark.parametrize(("text", "raw", "unit"), [
    ("全省共表彰32个先进个人和15个先进单位。", "32个", "person"),  # 先进个人: honoured persons
    ("全省共表彰32个先进个人和15个先进单位。", "15个", "collective"),  # 先进单位: honoured bodies, as 先进集体
    ("共有48个候选单位通过初评。", "48个", "collective"),  # the candidates for a collective award
    ("全市共有120个单位参与结对帮扶。", "120个", "organization"),  # 单位 alone: bodies taking part, none honoured
    ("宣讲团将分赴中西部22个省区市。", "22个", "province"),  # 省区市: provinces, regions and municipalities
])
def test_units_and_persons_of_an_honours_list_are_counted_as_such(tmp_path, text, raw, unit):
    assert figures(tmp_path, text)[raw]["unit"] == unit


def test_figures_in_quoted_speech_are_read_and_quoted_names_are_not(tmp_path):
    # a quoted sentence is what someone said, not a name: its figures are figures; “四个一” and
    # “1+3+N” are names of a method and a model, no counts
    found = figures(tmp_path, "站长说：“今年展销产品的销售目标为450万元，可带动农户增收。”"
                              "镇里推行“四个一”工作法和“1+3+N”帮扶模式，帮扶贫困户30户。"
                              "“我们已经采购了18.5万元的山货。”村民代表说。")
    assert sorted(found) == ["18.5万元", "30户", "450万元"]


def test_a_day_of_the_month_in_brackets_is_a_date(tmp_path):
    # 今（15）日, 昨(14)日: today the 15th, yesterday the 14th; the 6 projects are the one figure
    found = figures(tmp_path, "今（15）日在县里召开对接会，签约项目6个。昨(14)日在市里完成筹备。")
    assert list(found) == ["6个"]


@pytest.mark.parametrize(("text", "kept"), [
    # 上海、广东两省市, 武都区、成县两个县区: the places just named, said again, no count of them
    ("上海、广东两省市扶贫协作累计到位资金93亿元。", ["93亿元"]),
    ("武都区、成县两个县区新建车间12个。", ["12个"]),
    # no list before it: 东部两省市 counts the two; a list of three and 两个: not the same places
    ("东部两省市投入资金10亿元。", ["两省市", "10亿元"]),
    ("武都区、成县、礼县中有两个县区新建车间12个。", ["两个", "12个"]),
])
def test_a_count_of_the_places_just_listed_is_no_figure(tmp_path, text, kept):
    assert list(figures(tmp_path, text)) == kept


def test_half_a_day_is_a_duration(tmp_path):
    # 半日 (half a day), as 半天 and 半月: a duration of 0.5 days; 日 alone after a number stays a date
    found = figures(tmp_path, "展销的山货半日售空，5日起再补货800箱。")
    assert (found["半日"]["value"], found["半日"]["unit"], found["半日"]["kind"]) == (0.5, "day", "duration")
    assert list(found) == ["半日", "800箱"]
