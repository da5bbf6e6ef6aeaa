"""Places counted and referred to without a measure word or a name: 九县区 (a count with no 个),
这5个县区 (the places just named), the last item of 在A县、B县, 白银 (a city, or silver), and the
part of a total that has arrived (到位). Sentences written for these tests (report date 2021-02-25);
each expected value is read off the sentence by hand, the reasoning beside it."""

from __future__ import annotations

import json

import pytest

from qdaid.pipeline.records import extract

from .test_extract_classes import figures


def test_a_chinese_numeral_counts_places_of_several_kinds_without_a_measure_word(tmp_path):
    found = figures(tmp_path, "定西市七县区参加了劳务对接会。全省十四市州全部脱贫摘帽。")
    # 七县区: seven counties and districts, of 定西市 just before them
    assert (found["七县区"]["value"], found["七县区"]["unit"], found["七县区"]["region"]) == (7, "county", "dingxi")
    assert (found["十四市州"]["value"], found["十四市州"]["unit"]) == (14, "city")  # cities and prefectures


def test_places_counted_after_a_place_preposition_or_named_by_one_noun_are_no_count(tmp_path):
    # 在七县区: where the projects are, the seven counted just before; 两市, 两地: the two places named
    found = figures(tmp_path, "定西市七县区参加了对接会。在七县区确定的26个贫困村启动项目。两市人社部门签订协议。")
    assert list(found) == ["七县区", "26个"]


def test_a_count_that_refers_back_is_of_the_place_that_holds_the_places_just_named(tmp_path):
    # 这4个县区: the four of 陇南 named in the sentence before (武都区, 宕昌县, 礼县, 西和县 are all 陇南's);
    # the Qingdao districts after it are their helpers, not the four
    text = ("省里批准陇南市武都区、宕昌县、礼县和西和县退出贫困县序列。"
            "这4个县区分别由青岛市市南区、市北区、李沧区和崂山区结对帮扶。")
    assert figures(tmp_path, text)["4个"]["region"] == "longnan"
    # only two named before 这3个县: which three is not said, so no place holds them
    text = "省里批准陇南市武都区、宕昌县退出贫困县序列。这3个县分别由青岛市市南区、市北区、李沧区结对帮扶。"
    assert figures(tmp_path, text)["3个"]["region"] is None


def test_places_listed_after_zai_are_the_figures_together_and_a_short_name_in_the_list_is_a_place(tmp_path):
    # 在武都区、成县、西和县举办了3场: the three fairs were held in the three counties of 陇南, none alone;
    # 成县 (two characters, alone often a word) is a place here: listed beside 武都区 of the same prefecture
    found = figures(tmp_path, "县里在武都区、成县、西和县举办了3场招聘会。")["3场"]
    assert (found["region"], found["covers"]) == (None, ["wudu", "chengxian", "xihe-longnan"])  # 武都: wǔdū
    # 在甘肃省陇南市、定西市: a place with its province is one item; the figure is of 陇南 and 定西 together
    found = figures(tmp_path, "企业在甘肃省陇南市、定西市新建冷库12座。")["12座"]
    assert (found["region"], found["covers"]) == (None, ["longnan", "dingxi"])


def test_a_city_whose_short_name_is_a_word_needs_place_context(tmp_path):
    # 真金白银: real gold and silver (money spent in earnest), not 白银市 of 甘肃
    assert figures(tmp_path, "企业拿出真金白银，投入资金3亿元。")["3亿元"]["region"] is None
    # with its suffix, after 在, or after its province, 白银 is the city
    found = figures(tmp_path, "白银市新建车间5个。企业在白银投入资金3亿元。甘肃白银新增就业800人。")
    assert [found[raw]["region"] for raw in ("5个", "3亿元", "800人")] == ["baiyin"] * 3


def test_what_has_arrived_is_part_of_the_amount_before_it(tmp_path):
    # 计划投入2亿元，已到位1.2亿元: the 1.2亿 that arrived is of the 2亿 planned, not beside it
    found = figures(tmp_path, "全市计划投入帮扶资金2亿元，已到位1.2亿元。签约项目12个，实际到位资金3亿元。")
    assert found["1.2亿元"]["part_of"] == found["2亿元"]["id"]
    assert found["3亿元"]["part_of"] is None  # no amount of money before it in its sentence: a total of its own


def test_our_city_is_the_one_city_the_article_names_when_its_title_names_none(tmp_path):
    # a city paper's 我市 and 全市: the title (标题) names no city, the article one: 定西
    found = figures(tmp_path, "全国表彰大会召开，我市9名个人和3个集体受到表彰。\n"
                              "“十三五”以来，全市上下合力攻坚，定西面貌一新。312个贫困村全部退出，28.6万贫困人口全部脱贫。")
    assert (found["9名"]["region"], found["3个"]["region"]) == ("dingxi", "dingxi")
    # 312个, 28.6万: their sentence names no place; 全市 earlier in the paragraph says whose
    assert (found["312个"]["region"], found["28.6万"]["region"]) == ("dingxi", "dingxi")
    # two cities named and none in the title: which is 我市 is not said
    found = figures(tmp_path, "我市5名个人受到表彰。兰州市、定西市的代表参加了大会。")
    assert found["5名"]["region"] is None


def test_a_short_county_name_said_three_times_is_the_county_and_a_town_named_alike_is_not(tmp_path):
    # 巫山 (巫山县 of 重庆, never named in full nor with its province): four times, an article about it
    found = figures(tmp_path, "芝罘区援助巫山80万元。巫山已实现脱贫摘帽。希望加大对巫山的支持，帮助巫山引进企业5家。")
    assert (found["80万元"]["region"], found["5家"]["region"]) == ("wushan", "wushan")
    # 官渡镇 is a town of 巫山县, not 官渡区 of 昆明, however often it is named
    found = figures(tmp_path, "牟平区向巫山县官渡镇捐赠口罩2万只。官渡镇群众表示感谢。官渡镇将用好这批物资。")
    assert found["2万只"]["region"] == "wushan"


def test_a_count_of_cities_is_held_only_by_a_place_named_right_before_it(tmp_path):
    # 东部4市: four eastern cities, the helpers; 甘肃 after them is whom they help, not what holds them
    found = figures(tmp_path, "东部4市通过搭建销售平台，帮助甘肃销售扶贫产品约23亿元。")
    assert found["4市"]["region"] is None and found["4市"]["unit"] == "city"  # the raw holds 市 (issue 25)
    # 到东部4市: where the cadres of 甘肃 went, not four cities of 甘肃
    found = figures(tmp_path, "甘肃先后选派825名挂职干部到东部4市交流学习。陇南市达到9个县区全部摘帽。")
    assert found["4市"]["region"] is None
    assert found["9个"]["region"] == "longnan"  # 达到9个: a size of 陇南's, not a destination
    # a place named before the count in its sentence holds it; one of who speaks does not
    found = figures(tmp_path, "近年来，定西市脱贫攻坚成效显著，7个贫困县区全部摘帽。")
    assert found["7个"]["region"] == "dingxi"
    found = figures(tmp_path, "甘肃省商务厅负责人介绍，东部4市通过搭建销售平台，帮助甘肃销售扶贫产品约23亿元。")
    assert found["4市"]["region"] is None


def test_the_buyer_an_aside_and_unnamed_partners_are_not_the_figures_place(tmp_path):
    # 采购甘肃(含定西)农副产品: 甘肃's produce, 定西 among it: the figure is 甘肃's
    found = figures(tmp_path, "福州市累计投入帮扶资金11亿元，采购甘肃(含定西)农副产品约9.6亿元。")
    assert found["约9.6亿元"]["region"] == "gansu"
    # 浙江省采购…: 浙江 buys; what it buys is of its partners, none named: no one place
    found = figures(tmp_path, "今年以来，浙江省采购销售对口帮扶地区农特产品达6.2亿元。")
    assert found["6.2亿元"]["region"] is None


def test_a_place_in_the_name_of_a_fair_is_not_the_place_of_what_is_shown_there(tmp_path):
    # 在首届浙江…博览会上: the fair is named for 浙江; the 800 firms showing there come from the partners
    found = figures(tmp_path, "在首届浙江东西部扶贫协作产品博览会上，800多家扶贫企业参展。")
    assert found["800多家"]["region"] is None
    # a place that is where the work is done stays the figure's
    assert figures(tmp_path, "浙江企业在贵州新建车间12个。")["12个"]["region"] == "guizhou"


def test_where_a_meeting_is_held_and_a_place_given_as_an_example_are_no_figures_place(tmp_path):
    # 红河州 is the helped prefecture (named twice); the meeting held (召开) in 昆明 says where it met:
    # 2.6亿元 (only the helper 嘉定区 named) is 红河's, not 云南's, the province 红河 and 昆明 share
    found = figures(tmp_path, "嘉定区与红河州结对帮扶。\n两地协作推进会日前在云南省昆明市召开。"
                              "帮扶五年来，嘉定区累计投入财政帮扶资金2.6亿元。红河州群众的日子越过越好。")
    assert found["2.6亿元"]["region"] == "honghe"
    # the place a meeting was held in is no place of the count it announces
    found = figures(tmp_path, "昨日在上海召开的表彰大会公布名单，共有60个先进集体获奖。")
    assert found["60个"]["region"] is None
    # 甘肃等8个省区: 甘肃 is one of eight, given as an example; the money is of the eight, no one of them
    found = figures(tmp_path, "今年东部省市对口帮扶甘肃等8个西部省区，已拨付帮扶资金120亿元，比去年增加15亿元。")
    assert (found["8个"]["region"], found["120亿元"]["region"], found["15亿元"]["region"]) == (None, None, None)



def test_the_city_a_news_site_files_from_is_no_place_of_the_figures(tmp_path):
    # 齐鲁网济南10月19日讯: the site filed the item in 济南 (as 新华社兰州…电); the 139 honoured are no 济南's
    found = figures(tmp_path, "齐鲁网济南10月19日讯 日前，省扶贫办表彰了139名获奖者。")
    assert found["139名"]["region"] is None


def test_a_place_money_is_obtained_from_is_the_giver_not_the_figures_place(tmp_path):
    # 争取 (to obtain from): 巫山县 obtained the money from 烟台市, so it is 巫山's (the receiver's), as aid is
    found = figures(tmp_path, "烟台市与巫山县结对帮扶。\n巫山县累计争取烟台市帮扶资金2.3亿元。")
    assert found["2.3亿元"]["region"] == "wushan"
    found = figures(tmp_path, "福州市与定西市结对帮扶。\n去年争取到福州市援助资金8000万元支持定西产业发展。")
    assert found["8000万元"]["region"] == "dingxi"


def test_a_figure_after_the_list_of_places_its_sentence_helps_is_of_them_together(tmp_path):
    # 对巫山县、巫溪县的帮扶投入，…1.5亿元: for the two counties together, no one of them (nor 重庆, the
    # province that holds both): covers, no region
    found = figures(tmp_path, "烟台市持续加大对重庆市巫山县、巫溪县的帮扶投入，两年共投入资金1.5亿元。")["1.5亿元"]
    assert (found["region"], found["covers"]) == (None, ["wushan", "wuxi-chongqing"])
    # one place helped: its own; a clause that names its place: that place
    assert figures(tmp_path, "烟台市对巫山县的帮扶持续加大，投入资金9000万元。")["9000万元"]["region"] == "wushan"
    found = figures(tmp_path, "烟台市对巫山县、巫溪县开展帮扶，其中巫山县获得资金8000万元。")["8000万元"]
    assert (found["region"], found["covers"]) == ("wushan", [])


@pytest.mark.parametrize(("text", "raw", "region"), [
    # a place written after the figure with its province (甘肃省陇南市): the city, as before the figure
    ("共有1200名游客来自甘肃省陇南市。", "1200名", "longnan"),
    ("380余公里外的甘肃省定西市也在加快发展。", "380余公里", "dingxi"),
    ("帮扶资金3000万元全部用于甘肃省。", "3000万元", "gansu"),  # the province alone: the province
])
def test_a_place_after_the_figure_with_its_province_is_the_inner_place(tmp_path, text, raw, region):
    assert figures(tmp_path, text)[raw]["region"] == region


def test_a_figure_after_ge_is_each_of_the_places_listed(tmp_path):
    # 渭源县、临洮县各200万元: 200万 for each of the two counties: of both, no one of them
    found = figures(tmp_path, "另给渭源县、临洮县各200万元，用于修建村卫生室。")["200万元"]
    assert (found["region"], found["covers"]) == (None, ["weiyuan-dingxi", "lintao"])
    # one place before 各 (各乡镇: each of its towns): that place's
    assert figures(tmp_path, "渭源县各乡镇共投入资金500万元。")["500万元"]["region"] == "weiyuan-dingxi"


def test_a_count_of_places_that_restates_a_list_or_is_set_apart_is_no_one_places(tmp_path):
    # 济南、淄博、泰安3市: the three just listed, of no one place (the last listed was its region);
    # 甘肃省引进3市的企业: the cities are not 甘肃's (a verb between); 东部3市: one side of the country
    path = tmp_path / "c.txt"
    path.write_text("标题\n济南、淄博、泰安3市对口帮扶甘肃省陇南市。甘肃省引进3市企业150家，东部3市累计投入资金12亿元。\n",
                    "utf-8")  # an article of 甘肃's help: a figure of no place of its own would be 陇南's
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "c", "date": "2021-02-25"}), "utf-8")
    assert [f["region"] for f in extract([path])["figures"] if f["raw"] == "3市"] == [None, None, None]
    # …while the place right before a count holds it, 的/所辖/贫困 between
    found = figures(tmp_path, "陕西省56个贫困县全部摘帽，商洛市所辖7个县区退出贫困序列。")
    assert (found["56个"]["region"], found["7个"]["region"]) == ("shaanxi", "shangluo")


def test_a_list_of_helped_places_anywhere_in_the_sentence_is_of_them_together(tmp_path):
    # 宁波's help to two prefectures (凉山, 延边) named after the figure, or after 到: of both, no one place;
    # not 宁波's (the helper its clause names) and not the last named
    found = figures(tmp_path, "2020年以来，宁波市共安排8.6亿元财政资金，帮扶四川凉山彝族自治州和吉林延边朝鲜族自治州群众脱贫。"
                    "宁波市引导96家企业到凉山州和延边州投资。其中延边州获得资金2亿元。甘肃、定西两地销售农产品3亿元。")
    both = (None, ["liangshan-sichuan", "yanbian"])
    assert [(found[r]["region"], found[r]["covers"]) for r in ("8.6亿元", "96家")] == [both, both]
    assert found["2亿元"]["region"] == "yanbian"  # its clause names its place
    assert found["3亿元"]["covers"] != ["dingxi"]  # 甘肃、定西: one place written twice, no list of two


def test_a_helper_s_own_clause_in_an_article_of_several_helped_places_is_of_none(tmp_path):
    # 宁波 helps 凉山 and 延边: 宁波市帮助3200名…到浙江省就业 is aid to one of them or both, the text says not
    # which; it is no figure of 宁波's (到浙江省就业 is where they work). With one helped place it is that one's.
    text = ("2020年以来，宁波市共安排8.6亿元财政资金，帮扶四川凉山州和吉林延边州群众脱贫。"
            "为帮助两个贫困地区群众稳定脱贫，宁波市帮助3200名贫困人口到浙江省就业，接收640名贫困学生到宁波市就读。")
    found = figures(tmp_path, text)
    assert (found["3200名"]["region"], found["640名"]["region"]) == (None, None)
    one = figures(tmp_path, text.replace("和吉林延边州", "").replace("两个", "这个"))
    assert one["3200名"]["region"] == "liangshan-sichuan"


def test_a_sentence_that_opens_with_a_place_after_zai_is_about_it(tmp_path):
    # 在凉山州，宁波投入…: the sentence is about 凉山 (宁波 is the helper; 布拖县 a county of 凉山 where part went)
    text = ("2020年以来，宁波市共安排8.6亿元财政资金，帮扶四川凉山州和吉林延边州群众脱贫。"
            "在凉山州，宁波投入的4亿元中有1.5亿元用在了深度贫困县布拖和其他深度贫困地区。"
            "在凉山州，宁波还帮助延边州引进企业12家。")
    found = figures(tmp_path, text)
    assert [found[r]["region"] for r in ("4亿元", "1.5亿元")] == ["liangshan-sichuan"] * 2
    assert found["12家"]["region"] != "liangshan-sichuan"  # its clause names another helped place, 延边


def test_the_holder_of_a_count_after_its_remainder_or_examples_and_a_count_of_both(tmp_path):
    # 凉山州剩余的4个贫困县: 凉山's; 延边州安图县等5个县: 延边's (安图县 an example inside it); 两州已有…: both
    found = figures(tmp_path, "今年，凉山州剩余的4个贫困县全部摘帽。算上延边州安图县等5个贫困县，两州已有17个贫困县摘帽。")
    assert (found["4个"]["region"], found["5个"]["region"]) == ("liangshan-sichuan", "yanbian")
    assert found["17个"]["region"] is None


def test_pairs_the_helper_s_side_before_yu_and_the_helped_side_after_it(tmp_path):
    # 仓山区 helps 渭源县: 仓山区8个村与8个贫困村、6家企业与9个贫困村建立结对: the villages and firms before
    # 与 are 仓山's, the poor villages after it 渭源's
    found = figures(tmp_path, "三年来，仓山区累计向渭源县投入帮扶资金1.2亿元。渭源县贫困发生率降到0.5%。"
                              "同时，新增仓山区8个村与6个贫困村、9家企业与7个贫困村建立结对帮扶关系。")
    assert [found[r]["region"] for r in ("8个", "9家")] == ["cangshan"] * 2
    assert [found[r]["region"] for r in ("6个", "7个")] == ["weiyuan-dingxi"] * 2


def test_beijing_helps_where_the_article_says_so(tmp_path):
    # 京蒙协作: 北京市 is the helper here (elsewhere it is where meetings are held), so a sentence that
    # names only 北京 and its aid is Inner Mongolia's, the helped place; not 北京's
    text = ("京蒙协作结硕果。2019年以来，北京市累计向内蒙古自治区投入财政帮扶资金41亿元，支持赤峰市、乌兰察布市发展。"
            "北京市引导138家企业投资，帮助销售农畜产品52亿元。")
    found = figures(tmp_path, text)
    assert [found[r]["region"] for r in ("41亿元", "138家", "52亿元")] == ["neimenggu"] * 3
    # without a word that says 北京 helps, 北京 named alone keeps its figure (a meeting's, a visit's)
    plain = figures(tmp_path, "2019年，北京市接待游客3亿人次。内蒙古自治区举办展会。")
    assert plain["3亿人次"]["region"] == "beijing"
