"""Classes of figures met in real articles of the genre that the project had not read, each on
sentences written for these tests (report date 2021-02-25). Every expectation is read off the
sentence by hand; the comment says why."""

from __future__ import annotations

import pytest

from .test_extract_classes import dated, figures


@pytest.mark.parametrize(("text", "raw", "value"), [
    ("该市的扶贫协作成效位列第一，受到通报表扬。", "第一", 1),  # first place, written without 名
    ("全年引进企业数量位居全省第二。", "第二", 2),  # a scope word between the verb and the place
    ("考核结果排名西部第四，比上年前进两位。", "第四", 4),
])
def test_a_place_in_a_ranking_is_a_rank(tmp_path, text, raw, value):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"], found["kind"]) == (value, "rank", "rank")


@pytest.mark.parametrize("text", [
    "他位居第一方阵的前列。",  # 第一方阵: a noun after the ordinal, which names a group, not a place
    "这是该县第三次获此殊荣。",  # an ordinal of occasions, no ranking verb
    "该县的工作稳居全省第一。",  # praise, as the bundled article's golden reading has it: no figure
])
def test_an_ordinal_that_is_no_place_in_a_ranking_is_not_a_figure(tmp_path, text):
    assert not [raw for raw in figures(tmp_path, text) if raw.startswith("第")]


def test_a_hundred_and_a_thousand_people_written_as_bai_ming_and_qian_ming(tmp_path):
    # 百名…、千名…: the multiplier alone before 名 says a hundred and a thousand people
    found = figures(tmp_path, "两地每年选派百名教师、千名医生到对口县开展帮扶。")
    assert (found["百名"]["value"], found["百名"]["unit"]) == (100, "person")
    assert (found["千名"]["value"], found["千名"]["unit"]) == (1000, "person")


@pytest.mark.parametrize("text", [
    "数百名群众自发前来送行。",  # 数百: some hundreds, no number
    "她被评为全省百名优秀乡村教师。",  # 全省百名…: an honour's name (the second review: 全国百名优秀村医 was 100 people)
    # (上千名: a thousand or more, a figure of at least 1000: tests/test_review_four.py)
    "园中种满了万寿菊。",  # a flower, no number
])
def test_a_loose_hundred_or_thousand_is_not_a_figure(tmp_path, text):
    assert not figures(tmp_path, text)


def test_a_rank_in_the_nation_is_the_ranked_places_not_the_nations(tmp_path):
    # 贵州…居全国第二: 贵州 is ranked; 全国 is only the field it is ranked in
    found = figures(tmp_path, "2020年，贵州易地扶贫搬迁规模位居全国第二。")
    assert found["第二"]["region"] == "guizhou"


N = (None, None)


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # paragraphs of the same report, one aspect each (在…方面): the year the first one opens with
    ("2020年，两省协作成效明显，共投入资金8亿元。\n在教育帮扶方面，援建学校14所。\n在医疗帮扶方面，派出医生230名。",
     "230名", (2020, 2020)),
    # the items of a list announced with a colon (二是, 三是): the period of the announcing paragraph
    ("去年，该市主要做了三件事：\n一是修路120公里。\n二是新建车间45个，吸纳1800人就业。", "1800人", (2020, 2020)),
    # a news lead (…消息：记者从…获悉，) before the year: who tells it, not when
    ("新华网消息：记者从省民政厅获悉，2019年，全省救助困难群众6万人。\n在住房保障方面，改造危房3200户。",
     "3200户", (2019, 2019)),
])
def test_a_paragraph_that_goes_on_with_the_one_before_keeps_its_period(tmp_path, text, raw, expected):
    found = figures(tmp_path, text)[raw]
    assert (found["period_start"], found["period_end"]) == expected


@pytest.mark.parametrize(("text", "raw"), [
    ("两省协作成效明显，共投入资金8亿元。\n在教育帮扶方面，援建学校14所。", "14所"),  # nothing said when
    ("2020年，两省协作成效明显。\n援建学校14所。", "14所"),  # a new paragraph that goes on with nothing
])
def test_a_paragraph_that_opens_no_aspect_takes_no_period_from_the_one_before(tmp_path, text, raw):
    found = figures(tmp_path, text)[raw]
    assert (found["period_start"], found["period_end"]) == N


@pytest.mark.parametrize("text", [
    "全县实施一批道路硬化、安全饮水、危房改造工程。",  # 一批 before a list: "a number of" works
    "产业帮扶、就业帮扶、教育帮扶等一批举措落地见效。",  # …等一批: the ones just listed
    "县医院选派内科、外科等科室的骨干医生一批。",  # 一批 ending its clause: "a number of" doctors (review)
])
def test_yi_pi_before_or_after_a_list_is_no_batch(tmp_path, text):
    assert "一批" not in figures(tmp_path, text)


def test_yi_pi_of_goods_sent_is_one_batch(tmp_path):
    assert figures(tmp_path, "疫情发生后，该市连夜向协作地运送一批防疫物资。")["一批"]["unit"] == "batch"


def test_a_measure_word_that_begins_the_noun_counted_measures_nothing(tmp_path):
    # 6部门: 部 is a measure word (of films, phones), but here it begins 部门: six departments
    found = figures(tmp_path, "省发改委等6部门联合出台扶持办法。")
    assert (found["6"]["value"], found["6"]["unit"]) == (6, "organization")


@pytest.mark.parametrize("text", [
    "当地群众年务工收入数十亿元。",  # 数十亿: some billions, tens of them, no number said
    "几十万名游客涌入景区。",
])
def test_tens_of_or_some_hundreds_is_no_number(tmp_path, text):
    assert not figures(tmp_path, text)


def honorees(tmp_path, text: str) -> list[tuple[str, str]]:
    """(name, kind) of every honoree of an article of these lines (the first is its title)."""
    import json

    from qdaid.pipeline.records import extract

    path = tmp_path / "h.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "h", "date": "2021-02-25"}), "utf-8")
    return sorted((h["name"], h["kind"]) for h in extract([path])["honorees"])


def test_names_and_bodies_listed_before_their_number_are_honorees(tmp_path):
    # 我县A、B和C 3名先进个人和甲、乙 2个先进集体: the names before 3名, the bodies before 2个
    found = honorees(tmp_path, "标题\n大会表彰了全国脱贫攻坚先进个人、先进集体，我县王小明、李芳和赵强3名先进个人和"
                               "县农业农村局、大河镇驻村工作队2个先进集体受到表彰。\n")
    assert found == sorted([("王小明", "individual"), ("李芳", "individual"), ("赵强", "individual"),
                            ("县农业农村局", "collective"), ("大河镇驻村工作队", "collective")])


def test_a_list_whose_count_does_not_match_gives_no_honorees(tmp_path):
    # two names, but 3名: not a list of those three (a name may be hidden in a word), so none
    found = honorees(tmp_path, "标题\n在全国脱贫攻坚先进个人中，我县王小明、李芳3名先进个人受到表彰。\n")
    assert found == []


def test_a_title_that_tells_of_the_honour_is_no_list_heading(tmp_path):
    # the title ends in 先进集体 but tells who won: the stamp line under it is no collective
    found = honorees(tmp_path, "我县3名个人2个集体荣获全国脱贫攻坚先进个人先进集体\n时间：2021-02-26 来源：县融媒体中心\n"
                               "大会对全国脱贫攻坚先进个人、先进集体进行表彰。\n")
    assert found == []


def test_bodies_listed_before_their_number_but_not_honoured_are_no_honorees(tmp_path):
    # the two bodies before 2个单位 organised the meeting: nothing honours them
    found = honorees(tmp_path, "标题\n全国脱贫攻坚先进集体表彰会前，县农业农村局、县扶贫开发办公室2个单位作了准备。\n")
    assert found == []


@pytest.mark.parametrize(("text", "raw", "unit"), [
    ("东部6个省市与西部结对。", "6个", "province"),  # 省市: provinces and the cities ranked as them
    ("在12个援藏省市中位列第一。", "12个", "province"),  # the noun's head is 省市
    ("该市9个县(市、区)全部脱贫。", "9个", "county"),  # counties, with the cities and districts of their rank
])
def test_counts_of_provinces_and_counties_by_their_nouns(tmp_path, text, raw, unit):
    assert figures(tmp_path, text)[raw]["unit"] == unit


def test_our_city_in_a_municipality_paper_is_the_municipality(tmp_path):
    # the title names 天津 (a municipality, of a province's rank); 我市 is 天津, not the 厦门 of an example
    found = dated(tmp_path, "天津去年消费帮扶再创新高\n去年，我市消费帮扶完成18.6亿元。"
                            "我市还争取浙江、厦门等地采购天津农产品。\n", "2022-01-10")
    assert found["18.6亿元"]["region"] == "tianjin"


@pytest.mark.parametrize("text", [
    "合作社一头连着农户，一头连着市场。",  # the two ends of one thing: a figure of speech
    "一方水土养一方人，一方发展靠一方人。",  # a saying
])
def test_one_measure_opening_two_clauses_is_a_figure_of_speech(tmp_path, text):
    assert not [raw for raw in figures(tmp_path, text) if raw.startswith("一")]


def test_one_of_a_kind_in_a_single_clause_still_counts(tmp_path):
    assert figures(tmp_path, "全县建成一个扶贫车间，一年带动农户增收。")["一个"]["value"] == 1


def test_a_rank_is_of_the_place_the_sentence_is_about(tmp_path):
    # 福建 gives to 宁夏 and is the one ranked first: not the partner the aid went to
    found = figures(tmp_path, "五年来，福建省累计向宁夏投入帮扶资金30亿元，在各援助省份中位列第一。")
    assert found["第一"]["region"] == "fujian"


def test_a_title_count_with_no_noun_takes_the_unit_of_the_body_figure_it_repeats(tmp_path):
    # 320个…… in the title says nothing of what it counts; the body's 320个 are villages, and the title
    # repeats them
    import json

    from qdaid.pipeline.records import extract

    path = tmp_path / "r.txt"
    path.write_text("8.6亿元、320个……看两地协作成果\n2020年，两地投入协作资金8.6亿元，建成示范村320个。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "r", "date": "2021-01-05"}), "utf-8")
    title, body = sorted((f for f in extract([path])["figures"] if f["raw"] == "320个"), key=lambda f: f["start"])
    assert (title["unit"], title["part_of"]) == ("village", body["id"])


@pytest.mark.parametrize(("text", "raw", "value"), [
    ("全县目前有2万左右农民工在外务工。", "2万左右", 20000),  # 农民工: migrant workers, people
    ("5.6万务工人员返岗复工。", "5.6万", 56000),
])
def test_a_bare_number_before_workers_counts_people(tmp_path, text, raw, value):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"]) == (value, "person")


@pytest.mark.parametrize(("text", "unit"), [
    ("全省有3名个人、2个单位受到表彰。", "collective"),  # bodies honoured
    ("共有12个单位获得组织创新奖。", "collective"),
    ("全县12个单位参与结对帮扶。", "organization"),  # bodies at work, no honour
])
def test_bodies_honoured_are_collectives(tmp_path, text, unit):
    found = [f for raw, f in figures(tmp_path, text).items() if raw.endswith("个")]
    assert [f["unit"] for f in found] == [unit]


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # a calendar year before 以来 is that year, not a count of years back (no period starting in year 0)
    ("2015年至2020年以来，全县累计投入资金3亿元。", "3亿元", (2015, 2020)),
    # N年 after a range of N years in the sentence: those years, not the N years before the report
    ("2010年到2019年，两地10年累计投入资金8亿元。", "8亿元", (2010, 2019)),
    # …and in the sentences after it
    ("2010年到2019年，两地合作不断深化。10年来共建园区6个。", "6个", (2010, 2019)),
])
def test_n_years_are_the_range_of_n_years_named(tmp_path, text, raw, expected):
    found = figures(tmp_path, text)[raw]
    assert (found["period_start"], found["period_end"]) == expected


@pytest.mark.parametrize("text", [
    "闽宁两省区坚持联席会议制度。",  # both places of the story, not a count
    "两省市联合举办培训班。",
    "上半年已实施扶贫项目。",  # the first half of the year: when, not how long
])
def test_both_places_and_half_years_are_no_figures(tmp_path, text):
    assert not figures(tmp_path, text)


@pytest.mark.parametrize(("text", "raw", "value", "unit"), [
    ("开通返岗专列30车次。", "30车次", 30, "vehicle_trip"),  # 车次: runs of a train or bus, not truckloads
    ("救援直升机飞行12架次。", "12架次", 12, "flight"),
    ("援藏资金超过百亿元。", "超过百亿元", 10**10, "cny"),  # 百亿: ten billion, a round number after 超过
])
def test_trips_flights_and_round_billions(tmp_path, text, raw, value, unit):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"]) == (value, unit)


def test_a_plan_for_a_named_period_takes_the_whole_period(tmp_path):
    # told in 2021: “十四五”期间 of what was done is to the report; of what is planned (拟), all of it
    found = dated(tmp_path, "标题\n“十四五”期间，该省拟安排援助项目120个。\n", "2021-11-03")
    assert (found["120个"]["period_start"], found["120个"]["period_end"]) == (2021, 2025)


def all_figures(tmp_path, text: str, date: str = "2021-02-25") -> list[dict]:
    """Every figure record of an article of these lines (the first is its title), in text order."""
    import json

    from qdaid.pipeline.records import extract

    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": date}), "utf-8")
    return sorted(extract([path])["figures"], key=lambda f: f["start"])


def test_figures_that_add_up_to_a_total_said_before_are_its_parts(tmp_path):
    # 640 = 300 + 220 + 120: each city's schools are part of the 640; the 41 teachers add up to nothing
    found = all_figures(tmp_path, "标题\n三年来，三市共援建学校640所。\n"
                                  "甲市援建学校300所、派出教师20名；乙市援建学校220所、派出教师12名；"
                                  "丙市援建学校120所、派出教师9名。\n")
    by_raw = {f["raw"]: f for f in found}
    assert [by_raw[r]["part_of"] for r in ("300所", "220所", "120所")] == [by_raw["640所"]["id"]] * 3
    assert [by_raw[r]["part_of"] for r in ("20名", "12名", "9名")] == [None] * 3


def test_figures_that_do_not_add_up_are_no_parts(tmp_path):
    found = all_figures(tmp_path, "标题\n全省共援建学校640所。\n甲市新建学校300所，乙市新建学校200所。\n")
    assert [f["part_of"] for f in found] == [None, None, None]


def test_an_average_is_no_part_of_the_total_before_it(tmp_path):
    # 县均 (per county): an average of the 56亿元, not a share of it
    found = all_figures(tmp_path, "标题\n2016年以来，累计投入援助资金56亿元，其中，2020年投入19亿元，"
                                  "县均援助资金从1000万元提高至5800万元。\n")
    by_raw = {f["raw"]: f for f in found}
    assert by_raw["19亿元"]["part_of"] == by_raw["56亿元"]["id"]
    assert by_raw["1000万元"]["part_of"] is None and by_raw["5800万元"]["part_of"] is None


def test_the_place_an_aid_verb_names_after_the_figure_receives_it(tmp_path):
    # 浙江 gives, 四川 receives: 帮扶 after the amount names where it goes
    found = figures(tmp_path, "十年来，浙江累计投入资金5亿元帮扶四川各地发展。")
    assert found["5亿元"]["region"] == "sichuan"
    # the verb names where the amount goes, not where the duration before the amount went
    found = figures(tmp_path, "浙江五年投入5亿元助力四川。")
    assert (found["五年"]["region"], found["5亿元"]["region"]) == ("zhejiang", "sichuan")


def test_the_province_s_own_office_opening_a_clause_is_the_article_s_province(tmp_path):
    # the title names 河南; 省扶贫办 (the province's office) is 河南's, so are the people it put forward
    found = dated(tmp_path, "全国脱贫攻坚奖揭晓 河南获奖者名单\n经评审，省扶贫办推荐的3名个人全部入选。\n", "2019-10-17")
    assert found["3名"]["region"] == "henan"


def test_a_bare_sheng_inside_a_word_is_no_province(tmp_path):
    # 节省 ends in 省 but names no province: the 200万元 saved is nobody's
    found = dated(tmp_path, "河南扶贫新举措\n通过集中采购，节省办公经费200万元。\n", "2019-10-17")
    assert found["200万元"]["region"] is None


def test_a_table_of_honorees_row_by_row(tmp_path):
    # a notice's table: a header row of column names, then a row number, the name and the post, each
    # after a tab; neither the header nor the row numbers are honorees or figures
    text = ("公示名单\n先进个人名单\n序号\t姓名\t工作单位及职务\n1\t周志强\t岚皋县扶贫开发局局长\n"
            "2\t吴小燕\t紫阳县某村党支部书记\n先进集体名单\n序号\t单位名称\n1\t岚皋县扶贫开发局\n2\t紫阳县驻村工作队\n")
    assert honorees(tmp_path, text) == sorted([("周志强", "individual"), ("吴小燕", "individual"),
                                               ("岚皋县扶贫开发局", "collective"), ("紫阳县驻村工作队", "collective")])
    assert not all_figures(tmp_path, text)


def test_a_sex_in_brackets_after_the_name_is_no_part_of_the_post(tmp_path):
    import json

    from qdaid.pipeline.records import extract

    path = tmp_path / "s.txt"
    path.write_text("先进个人名单\n先进个人\n1.吴小燕（女），紫阳县某村党支部书记\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "s", "date": "2021-02-25"}), "utf-8")
    (found,) = extract([path])["honorees"]
    assert (found["name"], found["post"]) == ("吴小燕", "紫阳县某村党支部书记")


def posts(tmp_path, text: str) -> list[tuple[str, str, str | None]]:
    import json

    from qdaid.pipeline.records import extract

    path = tmp_path / "p.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "p", "date": "2021-02-25"}), "utf-8")
    return [(h["name"], h["kind"], h["post"]) for h in extract([path])["honorees"]]


def test_a_name_and_its_post_after_a_dash(tmp_path):
    assert posts(tmp_path, "先进个人名单\n全国脱贫攻坚先进个人\n周志强——岚皋县扶贫开发局局长\n") == \
        [("周志强", "individual", "岚皋县扶贫开发局局长")]


@pytest.mark.parametrize("text", [
    "标题\n大会表彰了先进个人。我县岚皋县扶贫开发局局长周志强被授予全国脱贫攻坚先进个人称号。\n",
    "标题\n我县获得全国脱贫攻坚先进个人称号的分别是：我县岚皋县扶贫开发局局长周志强。\n",
])
def test_our_county_before_a_post_is_no_part_of_it(tmp_path, text):
    assert posts(tmp_path, text) == [("周志强", "individual", "岚皋县扶贫开发局局长")]


def test_an_award_and_a_colon_open_a_line_of_its_winners(tmp_path):
    # 奋进奖：NAME（post）、NAME（post）; 组织创新奖：a body
    text = ("全国脱贫攻坚奖本省获奖者\n奋进奖：周志强（岚皋县某村党支部书记）、吴小燕（紫阳县某村村民）\n"
            "贡献奖（1人）：镇坪县扶贫开发局局长刘明\n组织创新奖：紫阳县扶贫开发局。\n")
    assert posts(tmp_path, text) == [("周志强", "individual", "岚皋县某村党支部书记"),
                                     ("吴小燕", "individual", "紫阳县某村村民"),
                                     ("刘明", "individual", "镇坪县扶贫开发局局长"),
                                     ("紫阳县扶贫开发局", "collective", None)]


def test_a_line_about_an_award_that_lists_no_winners_names_none(tmp_path):
    assert posts(tmp_path, "脱贫攻坚奖揭晓\n贡献奖：今年共评出25人，较上年增加15人。\n") == []


@pytest.mark.parametrize(("text", "raw", "expected"), [
    # 是去年…的N%, 是2019年…的N%: the year compared with is no period of the ratio
    ("今年全县外出务工1.2万人，是去年外出务工人数的108.5%。", "108.5%", (2021, 2021)),
    ("2020年，全市吸纳就业3万人，是2019年吸纳人数的96.9%。", "96.9%", (2020, 2020)),
])
def test_the_year_a_ratio_compares_with_is_not_its_period(tmp_path, text, raw, expected):
    found = figures(tmp_path, text)[raw]
    assert (found["period_start"], found["period_end"]) == expected


def test_a_breakdown_takes_the_period_of_its_total_not_of_the_year_compared_with(tmp_path):
    # 其中 breaks down the 2.4万人 (no year said); 去年 is only what the ratio compares with
    found = figures(tmp_path, "全县外出务工2.4万人，是去年外出务工人数的107%。其中，省外务工1.5万人，县内务工0.9万人。")
    assert (found["1.5万人"]["period_start"], found["1.5万人"]["period_end"]) == (None, None)


def test_the_first_of_many_named_before_they_are_awarded(tmp_path):
    # A等50个工作队、B等80名队员，分别被授予“…”称号: the names come before 被授予; each stands for its group
    found = honorees(tmp_path, "全省表彰驻村帮扶先进\n大会上，省农业厅驻平利县某村帮扶工作队等50个帮扶工作队，"
                               "周志强等80名驻村队员，分别被授予“先进帮扶工作队”“优秀驻村队员”荣誉称号。\n")
    assert found == sorted([("省农业厅驻平利县某村帮扶工作队", "collective"), ("周志强", "individual")])


def test_n_years_in_a_title_are_the_body_s_range_of_n_years(tmp_path):
    # the title's 10年累计 are the 2010–2019 the body names, not the ten years before the report (the
    # title rounds the body's amount, so it is no repetition that would take the body's years)
    found = all_figures(tmp_path, "浙江10年累计援助8亿多元\n2010年到2019年，浙江累计援助四川8.2亿元。\n", "2020-05-01")
    title = next(f for f in found if f["raw"] == "8亿多元")
    assert (title["period_start"], title["period_end"], title["part_of"]) == (2010, 2019, None)


@pytest.mark.parametrize(("text", "raw", "value", "unit"), [
    ("新建产业路12千米，海拔2400多米。", "2400多米", 2400, "metre"),
    ("新建产业路12千米，海拔2400多米。", "12千米", 12, "km"),
    ("建成冷库容量3000立方米。", "3000立方米", 3000, "cubic_metre"),
    ("帮助销售花椒5万斤、核桃8000公斤。", "5万斤", 50000, "jin"),
    ("帮助销售花椒5万斤、核桃8000公斤。", "8000公斤", 8000, "kg"),
    ("光伏电站装机容量600千瓦。", "600千瓦", 600, "kilowatt"),
    ("全县面积2400平方公里。", "2400平方公里", 2400, "square_km"),
])
def test_measures_of_length_weight_volume_and_power(tmp_path, text, raw, value, unit):
    found = figures(tmp_path, text)[raw]
    assert (found["value"], found["unit"]) == (value, unit)


@pytest.mark.parametrize(("text", "raw", "value"), [
    ("援疆干部开展为期一年半的援疆工作。", "一年半", 1.5),  # one year and a half
    ("专家组在村里驻扎了三天半。", "三天半", 3.5),
])
def test_and_a_half(tmp_path, text, raw, value):
    assert figures(tmp_path, text)[raw]["value"] == value


def test_a_rate_of_a_base_year_is_of_that_year(tmp_path):
    # 由2014年的23.5%下降至0.32%: the 23.5% is 2014's (是2014年的…倍 would only compare)
    found = figures(tmp_path, "贫困发生率由2014年的23.5%下降至0.32%。")
    assert (found["23.5%"]["period_start"], found["23.5%"]["period_end"]) == (2014, 2014)


def test_village_clinics_are_counted_as_clinics(tmp_path):
    assert figures(tmp_path, "新建学校18所、卫生室46个。")["46个"]["unit"] == "clinic"


def test_that_city_is_the_city_its_sentence_is_about(tmp_path):
    # 该市 (that city) is 苏州, the subject named first, not 铜仁 named last; the 12 towns are 苏州's
    found = figures(tmp_path, "苏州市对口帮扶铜仁市，该市12个镇与铜仁10个县结成对子。")
    assert found["12个"]["region"] == "suzhou"


def test_the_place_firms_are_brought_from_is_not_theirs(tmp_path):
    # 四川引进浙江企业 …: the firms settle in 四川; 浙江 is where they come from
    found = figures(tmp_path, "2020年，四川引进浙江企业86家，实际投资额52亿元。")
    assert found["86家"]["region"] == "sichuan"


@pytest.mark.parametrize(("text", "dated_to"), [
    # 同年/是年: the year the sentence before gave (the outside review: 同年…捐款1500万元 was
    # undated, then linked to an undated 71600元 of the bundled article as one fact that disagrees)
    # a paragraph that opens with a span (its frame) and names a year later: 同年 is that year
    ("2017年以来,甲县累计获得帮扶资金5亿元。2019年,新建扶贫车间12个。同年,乙公司向甲县捐款300万元。",
     {"5亿元": (2017, 2021), "12个": (2019, 2019), "300万元": (2019, 2019)}),
    ("记者获悉,2016年以来两地互派干部40名。2018年,协作资金达到1.6亿元。是年,乙县引进企业9家。",
     {"1.6亿元": (2018, 2018), "9家": (2018, 2018)}),
    ("同年,乙公司向甲县捐款300万元。", {"300万元": (None, None)}),  # no year before: nothing to refer to
    # a year of comparison after 同年 (比2018年) is no period: 同年 still dates the figure
    ("2017年以来,甲县累计获得帮扶资金5亿元。2019年,新建扶贫车间12个。同年,乙公司比2018年多向甲县捐款300万元。",
     {"300万元": (2019, 2019)}),
])
def test_the_same_year_is_the_year_said_before(tmp_path, text, dated_to):
    found = figures(tmp_path, text)
    assert {raw: (found[raw]["period_start"], found[raw]["period_end"]) for raw in dated_to} == dated_to
