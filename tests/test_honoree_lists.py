"""Honorees named in lists, as the genre writes them: a heading line with one honoree a line
under it (the post before or after the name, after spaces, a colon, 、 or in brackets), and
sentences that list them (分别是/分别为/包括 A、B和C), with 追授 in brackets. Every expectation
is read off the text by hand; the comment beside it says how."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qdaid.pipeline.records import extract

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def qingdao():
    return extract([ARTICLES / "qingdao_honoree_list.txt"])


# name, kind, post (as written), home region (the most specific place its post or name names)
QINGDAO = [
    ("孙海涛", "individual", "青岛市扶贫协作工作办公室副主任", "qingdao"),  # name, two spaces, post
    ("周丽", "individual", "平度市扶贫开发领导小组办公室主任", "pingdu"),  # post, a space, name
    ("钱国富", "individual", "黄岛区宝山镇某村党支部书记", "huangdao"),  # post：name（追授）
    ("马晓东", "individual", "莱西市农业农村局副局长", "laixi"),  # name、post
    ("韩雪", "individual", "胶州市第一中学教师", "jiaozhou"),  # name（post）
    ("青岛市赴重庆市巫山县扶贫协作工作组", "collective", None, "qingdao"),  # sent from 青岛 to 巫山
    ("甘肃省定西市安定区扶贫开发办公室", "collective", None, "anding"),  # a district of 定西, 甘肃
    ("山东省莱阳市扶贫开发领导小组办公室", "collective", None, "laiyang"),  # a county-level city of 烟台
    ("吴建华", "individual", "市农业农村局党组书记、局长", None),  # 分别是: a post of two titles, no place
    ("郑红", "individual", "莱西市某合作社理事长", "laixi"),  # 和 between two people
    ("冯小军", "individual", "平度市南村镇农民", "pingdu"),  # 和平度市: 平度市, not the word 和平
]


def test_every_honoree_of_the_lists_and_nothing_else(qingdao):
    found = [(h["name"], h["kind"], h["post"], h["home_region"]) for h in qingdao["honorees"]]
    assert found == QINGDAO  # 5 people and 3 collectives under the headings, 3 people in the sentence


def test_places_named_in_honoree_names_sit_under_their_parents(qingdao):
    parent = {r["id"]: r["parent"] for r in qingdao["regions"]}
    assert (parent["wushan"], parent["chongqing"]) == ("chongqing", "national")  # a county of 重庆
    assert (parent["anding"], parent["dingxi"], parent["gansu"]) == ("dingxi", "gansu", "national")
    assert (parent["laiyang"], parent["yantai"]) == ("yantai", "shandong")  # 莱阳 is in 烟台, 山东
    team = next(h for h in qingdao["honorees"] if h["name"].endswith("工作组"))
    assert team["partner_regions"] == ["wushan"]  # 赴重庆市巫山县: the county, the most specific


def test_list_numbers_and_counts_are_not_honoree_figures(qingdao):
    figures = qingdao["figures"]
    assert not [f for f in figures if f["raw"] in ("1", "2", "3", "4", "5")]  # "2.平度市…" numbers an item
    # 3位同志 in the sentence that lists three people counts them; it is the article's, not 吴建华's
    assert all(f["honoree"] is None for f in figures)


def _article(tmp_path, text: str) -> dict:
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": "2021-02-26"}), "utf-8")
    return extract([path])


def test_traditional_sentences_that_list_honorees(tmp_path):
    tables = _article(tmp_path, "大連市表彰名單公布\n"
                      "榮獲全國脫貧攻堅先進集體稱號的單位分別為：大連市扶貧協作工作領導小組辦公室、"
                      "遼寧省莊河市扶貧開發辦公室。\n"
                      "先進個人包括：旅順口區扶貧辦主任錢偉和大連市普蘭店區某村黨支部書記孫莉（追授）。\n")
    found = [(h["name"], h["kind"], h["post"], h["home_region"]) for h in tables["honorees"]]
    assert found == [
        ("大連市扶貧協作工作領導小組辦公室", "collective", None, "dalian"),  # 分別為, the first of two
        ("遼寧省莊河市扶貧開發辦公室", "collective", None, "zhuanghe"),  # 莊河 is a city under 大連
        ("錢偉", "individual", "旅順口區扶貧辦主任", "lvshunkou"),  # 包括, quoted as written
        ("孫莉", "individual", "大連市普蘭店區某村黨支部書記", "pulandian"),  # （追授） is not in the name
    ]


def test_a_heading_list_with_posthumous_honorees_and_the_post_first(tmp_path):
    tables = _article(tmp_path, "名单\n全国脱贫攻坚楷模：\n（共2名）\n"  # a line that only counts the list
                      "（一）追授 贵州省某县扶贫办原主任 杨光明\n"
                      "（二）刘晓红（追授），生前系湖南省某村驻村第一书记\n"
                      "全国脱贫攻坚先进集体：\n"
                      "·中国农业银行青岛分行\n"
                      "这些同志和集体是全市学习的榜样。\n")
    found = [(h["name"], h["kind"], h["post"]) for h in tables["honorees"]]
    assert found == [
        ("杨光明", "individual", "贵州省某县扶贫办原主任"),  # 追授 before the post, the name last
        ("刘晓红", "individual", "湖南省某村驻村第一书记"),  # 生前系 is not part of the post
        ("中国农业银行青岛分行", "collective", None),  # a bank's branch, under the collectives' heading
    ]  # the closing sentence ends the list: it is no honoree


# A public notice (公示): numbered lines with each person's profile before the post, heading lines
# that hold their own list after a colon, and a sentence with one collective.
NOTICE = [
    ("王建军", "individual", "青岛市西海岸新区扶贫协作办公室主任", "qingdao"),  # 男，汉族，1972年3月生，中共党员 dropped
    ("阿依古丽·买买提", "individual", "新疆喀什地区疏附县某村驻村第一书记", "shufu"),  # a name in two parts
    ("李卫东", "individual", "莱西市某镇扶贫办副主任", "laixi"),  # （追授） and 生前系 are marks
    ("赵敏", "individual", "青岛市城阳区人民医院医生", "chengyang"),  # 女， then the post
    ("青岛市赴贵州省安顺市扶贫协作工作队", "collective", None, "qingdao"),  # sent 赴安顺 from 青岛
    ("即墨区扶贫开发领导小组办公室", "collective", None, "jimo"),  # 即墨区: 即墨市 in the 2020 adcodes
    ("刘长河", "individual", None, None),  # 楷模（2名）：A、B — names alone, no post
    ("孙秀英", "individual", None, None),
    ("山东省莱西市扶贫开发办公室", "collective", None, "laixi"),  # 另有先进集体1个：…
]


def test_a_public_notice_gives_every_honoree_and_nothing_else():
    tables = extract([ARTICLES / "honoree_public_notice.txt"])
    found = [(h["name"], h["kind"], h["post"], h["home_region"]) for h in tables["honorees"]]
    assert found == NOTICE  # 4 + 2 under the headings, 2 after a colon, 1 in a sentence: 9
    ids = [h["id"] for h in tables["honorees"]]
    assert ids[1] == "ayiguli-maimaiti"  # the two parts of the name, each romanised


# A province's list under numbered headings (一、先进个人（6名）), the name before or after the post,
# a full-width space, a colon or 、 between; collectives that name their places. Read by hand.
PROVINCE = [
    ("张建国", "individual", "重庆市城口县坪坝镇党委书记", "chengkou"),  # name　post; 坪坝镇 is no division: 城口县
    ("王秀英", "individual", "甘肃省临夏回族自治州东乡族自治县扶贫办主任", "dongxiangzu"),  # a county of 临夏州
    ("刘强", "individual", "青州市王府街道办事处副主任", "qingzhou"),  # post　name
    ("李卫东", "individual", "山东省潍坊市青州市农业农村局干部", "qingzhou"),  # name（追授）　post: 干部 is a post, not a 部
    ("陈芳", "individual", "四川省凉山彝族自治州昭觉县某村第一书记", "zhaojue"),  # name：post
    ("赵志刚", "individual", "威海市文登区人力资源和社会保障局科员", "wendeng"),  # name、post
    ("山东省青州市扶贫开发领导小组办公室", "collective", None, "qingzhou"),
    ("重庆市城口县乡村振兴局", "collective", None, "chengkou"),
    ("甘肃省临夏回族自治州东乡族自治县教育局", "collective", None, "dongxiangzu"),
]


def test_a_provinces_list_gives_every_honoree_and_its_places():
    found = extract([ARTICLES / "province_honoree_list.txt"])
    assert [(h["name"], h["kind"], h["post"], h["home_region"]) for h in found["honorees"]] == PROVINCE
    parent = {r["id"]: r["parent"] for r in found["regions"]}
    assert (parent["chengkou"], parent["chongqing"]) == ("chongqing", "national")  # a county of 重庆
    assert (parent["dongxiangzu"], parent["linxia"], parent["gansu"]) == ("linxia", "gansu", "national")
    assert (parent["qingzhou"], parent["weifang"]) == ("weifang", "shandong")  # a county-level city of 潍坊
    assert (parent["zhaojue"], parent["wendeng"]) == ("liangshan-sichuan", "weihai")
    # the heading counts: 6 people and 3 collectives honoured, of the province (not named: no place)
    assert sorted((f["raw"], f["value"], f["metric"]) for f in found["figures"]) == [("3个", 3, "honorees"),
                                                                                    ("6名", 6, "honorees")]


def test_a_sentence_list_with_a_person_honoured_after_death(tmp_path):
    tables = _article(tmp_path, "我市集体和个人受表彰\n"
                      "我市3名同志获得全国脱贫攻坚先进个人称号，分别是：市扶贫办副主任孙立新、"
                      "西宁市湟中区某村党支部书记马福（生前）、市农业农村局干部韩梅梅。\n"
                      "荣获全国脱贫攻坚先进集体的有：青海省海东市互助土族自治县扶贫开发局。\n")
    found = [(h["name"], h["kind"], h["post"], h["home_region"]) for h in tables["honorees"]]
    assert found == [
        ("孙立新", "individual", "市扶贫办副主任", None),  # 市: which city the text does not say
        ("马福", "individual", "西宁市湟中区某村党支部书记", "huangzhong"),  # （生前） marks the dead, not the name
        ("韩梅梅", "individual", "市农业农村局干部", None),
        ("青海省海东市互助土族自治县扶贫开发局", "collective", None, "huzhu"),  # 有：, a county of 海东
    ]


def test_a_post_of_two_employers_is_one_post_in_a_sentence_list(tmp_path):
    # 贵州某集团派驻…联络员 ends in no title the lexicon knows: alone it names nobody, and with the
    # next item it is one person's two posts (a real list wrote 某集团派驻…督导员、…公司副总经理NAME)
    tables = _article(tmp_path, "我县受表彰名单\n"
                      "我县2名先进个人分别是平坝区扶贫办主任李明,贵州某集团派驻关岭县某镇联络员、"
                      "某农业科技有限公司副经理赵刚。\n")
    found = [(h["name"], h["post"], h["home_region"]) for h in tables["honorees"]]
    assert found == [
        ("李明", "平坝区扶贫办主任", "pingba"),
        ("赵刚", "贵州某集团派驻关岭县某镇联络员、某农业科技有限公司副经理", "guanling"),  # 派驻关岭县
    ]


def test_posts_held_in_turn_and_a_collective_with_its_other_name(tmp_path):
    """Invented, in the layout of a real city's list: one person's three posts between commas (…副秘书长,
    …县委常委、副县长（挂职）,…总经理NAME), and a bureau named again in brackets."""
    tables = _article(tmp_path, "我市2名个人2个集体受表彰\n"
                      "获得表彰的2名先进个人分别是:平坝区某村党支部书记王林,"
                      "贵州省安顺市行署原副秘书长,关岭县原县委常委、副县长（挂职）,某银行分行行长周海。\n"
                      "获得表彰的2个先进集体分别是:镇宁县农业农村局（县扶贫办）、某市对口支援关岭县工作组。\n")
    found = [(h["name"], h["kind"], h["post"]) for h in tables["honorees"]]
    assert found == [
        ("王林", "individual", "平坝区某村党支部书记"),
        # 县委常委 is a post (常委), not a committee: the three posts are one person's
        ("周海", "individual", "贵州省安顺市行署原副秘书长,关岭县原县委常委、副县长（挂职）,某银行分行行长"),
        ("镇宁县农业农村局（县扶贫办）", "collective", None),  # …局 before its other name in brackets
        ("某市对口支援关岭县工作组", "collective", None),
    ]


def test_profiles_of_honorees_one_a_paragraph(tmp_path):
    """The layout of a decision on 楷模 and of a paper's pages on them: each paragraph opens with a
    profile (name, sex, nation, party, birth) and the post, then the story (sentences of my own)."""
    tables = _article(tmp_path, "授予脱贫攻坚楷模称号\n"
                      "新华网讯 授予李桂兰等5名同志、贵州省某林场等5个集体“脱贫攻坚楷模”荣誉称号。\n"
                      "李桂兰,女,苗族,党员,1968年5月生,贵州省关岭县某村党支部书记。她带领村民修路12公里。\n"
                      "王德厚 ,男,汉族,中共党员,1972年9月生,生前系甘肃省岷县扶贫办副主任。他走访农户3000余户。\n"
                      "据新华网报道,受表彰的集体有36个,河北省也在其中。\n")
    found = [(h["name"], h["kind"], h["post"], h["home_region"]) for h in tables["honorees"]]
    assert found == [("贵州省某林场", "collective", None, "guizhou"),  # 授予…某林场等5个集体: the one named
                     ("李桂兰", "individual", "贵州省关岭县某村党支部书记", "guanling"),  # once, with her post
                     ("王德厚", "individual", "甘肃省岷县扶贫办副主任", "minxian")]  # 生前系: a mark, not the post
    figures = {f["raw"]: f for f in tables["figures"]}
    # each story's figures are its honoree's, in the honoree's county
    assert (figures["12公里"]["honoree"], figures["12公里"]["region"]) == ("li-guilan", "guanling")
    assert figures["3000余户"]["region"] == "minxian"
    # 新华网 is a site, not 新华区; 李桂兰等5名, 某林场等5个: the place is one example's, not the five's
    assert figures["5名"]["region"] is None and figures["5个"]["region"] is None
    assert not figures["36个"]["region"].startswith("xinhua")  # 新华网: a site, not 新华区 of 河北
    # a birth date is no event
    assert [e["date"] for e in tables["events"]] == []


def test_people_named_before_their_number_and_a_word_for_the_honoured(tmp_path):
    """Running text that names the honoured before their number (sentences of my own): each name is
    an individual honoree when the names are as many as the number; a count that names fewer, or
    words that are no names, gives none."""
    tables = _article(tmp_path, "脱贫攻坚楷模名单公布\n"
                      "在全国脱贫攻坚楷模名单上，李桂兰、王德厚两位英烈的名字赫然在列。\n"
                      "本县还有刘成、赵玉梅和孙志强三名同志获得表彰。\n"
                      "会上，扶贫、教育四位代表发言。张平、马林五位同志参会。李强、王芳两位同志作了发言。\n")
    found = [(h["name"], h["kind"]) for h in tables["honorees"]]
    assert found == [("李桂兰", "individual"), ("王德厚", "individual"),  # 两位英烈: two names, two heroes
                     ("刘成", "individual"), ("赵玉梅", "individual"), ("孙志强", "individual")]  # 和 joins the last
    # 扶贫、教育四位代表: no names, no honoured word; 张平、马林五位: two names for five, so no list of them;
    # 李强、王芳两位同志作了发言: 同志 (comrades) who spoke, not who were honoured (获, 表彰, 授予 …)


def test_two_lists_in_one_sentence_each_of_its_kind(tmp_path):
    # 先进单位…分别是 A、B；先进个人…分别是 post name，post name: the second list is read too, and the
    # words before it (；获得“…) are no collective of the first
    tables = _article(tmp_path, "全省扶贫系统表彰会召开\n"
                      "本市获得“全省扶贫系统先进单位”称号的分别是长乐区扶贫开发办公室、闽清县农业农村局；"
                      "获得“全省扶贫系统先进个人”称号的分别是连江县扶贫开发办公室主任陈立新，"
                      "永泰县某村党支部书记林秀梅。\n")
    found = [(h["name"], h["kind"], h["post"]) for h in tables["honorees"]]
    assert found == [("长乐区扶贫开发办公室", "collective", None), ("闽清县农业农村局", "collective", None),
                     ("陈立新", "individual", "连江县扶贫开发办公室主任"),
                     ("林秀梅", "individual", "永泰县某村党支部书记")]


def test_who_wins_an_award_in_running_text(tmp_path):
    # NAME获/荣获/获得了 …奖 in an article about honours: the one who wins is an honoree, a person (after
    # a post, after 的, or after a dash and a tagline, a comma before 荣获) or a collective (a body's
    # name, or a county or a township); a count that wins (共有12人获得…) names no one, nor does 获奖
    # (winning, no award named: 根据获奖名单)
    tables = _article(tmp_path, "本省先进个人和先进单位获全国扶贫奖\n"
                      "根据获奖名单，今年全国共有12人获得奋斗奖，9个单位获得组织奖。其中本市扶贫干部周建平获贡献奖，宁洱县获组织奖。"
                      "此外，来自山区的马春兰获奋斗奖，某职业学院副院长何志远获奉献奖，西盟县勐卡镇也获得了组织奖。\n"
                      "“山里的追梦人”—某县农业服务中心主任邓启航，荣获创新奖；\n"
                      "“产业先锋”—普洱市扶贫开发领导小组办公室，荣获组织奖。\n")
    found = [(h["name"], h["kind"]) for h in tables["honorees"]]
    assert found == [("周建平", "individual"), ("宁洱县", "collective"), ("马春兰", "individual"),
                     ("何志远", "individual"), ("西盟县勐卡镇", "collective"), ("邓启航", "individual"),
                     ("普洱市扶贫开发领导小组办公室", "collective")]


def test_an_award_won_in_an_article_of_no_honours_names_no_honoree(tmp_path):
    # no heading word (先进个人, 先进单位 …) anywhere: 获…奖 here is no list of honorees
    tables = _article(tmp_path, "县里举办农产品展销\n"
                      "展销会上，合作社社长李明华介绍，该社的蜂蜜曾获金奖，今年销售额达到80万元。\n")
    assert tables["honorees"] == []


def test_a_county_of_two_characters_opening_a_body_s_name_is_its_home(tmp_path):
    # 漳县 (定西) and 康县 (陇南), named by their two characters alone, open the names of the bodies the
    # honorees work for: their home counties; 市扶贫开发办公室和县扶贫开发办公室 is the city's office and the county's
    # (和 joins them), no 和县
    tables = _article(tmp_path, "全省扶贫系统表彰会召开\n"
                      "获得“全省扶贫系统先进个人”称号的分别是漳县扶贫开发办公室主任王建军，康县人民政府副县长赵丽。\n"
                      "会后，市扶贫开发办公室和县扶贫开发办公室共同举办培训班3期。\n")
    found = [(h["name"], h["home_region"]) for h in tables["honorees"]]
    assert found == [("王建军", "zhangxian"), ("赵丽", "kangxian")]
    assert [f["region"] for f in tables["figures"] if f["raw"] == "3期"] == [None]


def test_a_numeral_in_a_collective_honorees_name_is_no_figure(tmp_path):
    # 综合三处 (the third division) and 第三工作队 name the bodies honoured: no counts; 12个 counts them
    tables = _article(tmp_path, "全省扶贫系统表彰会召开\n"
                      "授予省扶贫开发办公室综合三处等12个集体“全省扶贫系统先进集体”称号。\n"
                      "获得“全省扶贫系统先进集体”称号的分别是：某市驻村帮扶第三工作队、某县扶贫开发办公室。\n")
    assert [h["name"] for h in tables["honorees"]] == ["省扶贫开发办公室综合三处", "某市驻村帮扶第三工作队",
                                                      "某县扶贫开发办公室"]
    assert [f["raw"] for f in tables["figures"]] == ["12个"]


def test_a_list_under_the_headings_of_awards(tmp_path):
    # award lists head each list by the award's name (奋进奖（共2人）, 组织创新奖（共1个）): the lines
    # under it are its winners, persons (name, then post) or bodies; 组织…奖 and 个 mark collectives
    tables = _article(tmp_path, "2019年全省扶贫奖获奖名单\n"
                      "奋进奖（共2人）\n"
                      "王德明  某县某村党支部书记\n"
                      "李秀云  某县某镇农民\n"
                      "组织创新奖（共1个）\n"
                      "某县扶贫开发办公室\n"
                      "各地要以获奖者为榜样，扎实做好扶贫工作。\n")
    found = [(h["name"], h["kind"], h["post"]) for h in tables["honorees"]]
    assert found == [("王德明", "individual", "某县某村党支部书记"), ("李秀云", "individual", "某县某镇农民"),
                     ("某县扶贫开发办公室", "collective", None)]
