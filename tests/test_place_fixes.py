"""Places the outside review found wrong: a place where firms come from, 本地, 我市 as a clause's
subject before a list of places it learnt from, and the first example before 等 and a 其中 count.
Every expectation is read off the sentence by hand; the comment beside it says how."""

from __future__ import annotations

import json

from qdaid.pipeline.records import extract


def _figures(tmp_path, text: str) -> dict[str, dict]:
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": "2021-02-26"}), "utf-8")
    figures = extract([path])["figures"]
    by_id = {f["id"]: f["raw"] for f in figures}
    return {f["raw"]: {**f, "part_of": by_id.get(f["part_of"])} for f in figures}


def test_the_place_firms_come_from_is_not_the_place_of_the_next_clause(tmp_path):
    figures = _figures(tmp_path, "遵义市招商引资\n\n本报讯 2020年，遵义市新增就业3万人。\n\n"
                       "2020年，四川引进浙江企业57家，签约金额达88亿元。\n")
    assert figures["57家"]["region"] == "sichuan"  # 四川 brings in firms from 浙江
    assert figures["88亿元"]["region"] == "sichuan"  # the sum signed is 四川's, as the clause before


def test_local_firms_are_of_the_article_s_own_place(tmp_path):
    figures = _figures(tmp_path, "遵义市招商引资\n\n本报讯 2020年，遵义市新增就业3万人。\n\n"
                       "全年共引进企业90家。其中，引进江苏企业12家，引进本地企业40家。\n")
    assert figures["40家"]["region"] == "zunyi"  # 本地: the article's own city, not 江苏 of the clause before


def test_places_given_as_examples_before_deng_are_no_figure_s_place(tmp_path):
    figures = _figures(tmp_path, "厦门市扶贫协作\n\n"
                       "本报讯 2020年，我市在江苏、浙江、广东等省考察学习后，投入资金3亿元。\n")
    assert figures["3亿元"]["region"] == "xiamen"  # 我市 invests; 江苏、浙江、广东 are where it learnt


def test_a_body_before_deng_and_places_before_a_count_of_counties(tmp_path):
    figures = _figures(tmp_path, "铜仁市脱贫攻坚\n\n"
                       "本报讯 思南县扶贫办等15个工作组进驻各村。"
                       "全市10个县全部脱贫摘帽，其中碧江区、万山区等4个区县率先脱贫。\n")
    assert figures["15个"]["region"] != "sinan"  # 思南县扶贫办 is one of the fifteen, not where they are
    assert figures["4个"]["region"] == "tongren"  # 碧江区、万山区 are two of the four: 全市's, as the ten


def test_our_city_s_own_spending_after_a_paragraph_of_its_partners(tmp_path):
    figures = _figures(tmp_path, "厦门市东西部扶贫协作\n\n本报讯 我市对口帮扶甘肃临夏州、宁夏。\n\n"
                       "2020年，我市在江苏、浙江、广东等省考察学习后，投入资金3亿元。\n")
    assert figures["3亿元"]["region"] == "xiamen"  # 我市 is the subject, and no word of aid: not 临夏's


def test_where_workers_go_to_work_is_not_whose_the_jobs_are(tmp_path):
    # Jobs found for a poor place's workers are the aid to that place; the city they work in is the
    # helper (or a third place). Read off each sentence: the workers are 庆阳's, 天水's, 平凉's.
    figures = _figures(tmp_path, "劳务协作\n\n2020年，天津市帮助庆阳市农村劳动力转移就业8600人，其中赴天津就业2100人。"
                       "天水市全年向苏州输转劳动力3.1万人。平凉市向上海输出务工人员900余人。\n"
                       "天津市向庆阳市输送医疗人才45名。\n")
    assert figures["8600人"]["region"] == "qingyang-gansu"
    assert (figures["2100人"]["region"], figures["2100人"]["part_of"]) == ("qingyang-gansu", "8600人")  # not 天津's
    assert figures["3.1万人"]["region"] == "tianshui"  # sent to 苏州 to work: 天水's labour
    assert figures["900余人"]["region"] == "pingliang"
    assert figures["45名"]["region"] == "qingyang-gansu"  # doctors sent are aid to where they go: no labour here


def test_both_places_speak_only_for_their_segment_and_the_helped_place_is_the_most_specific(tmp_path):
    # An article of 北辰区's help to 兰州市永登县 (named 兰州市永登县: the county, not the city holding it).
    # 两地互派干部 goes each way: both places, no one's. After the semicolon the figures are of the aid
    # to 永登; 两地 in the same segment (两地6支服务队…, 捐款) still speaks for both.
    figures = _figures(tmp_path, "北辰永登结对三年\n\n2018年以来，天津市北辰区与兰州市永登县结成对口帮扶关系。\n\n"
                       "三年来，两地互派干部32人次；引进企业7家，援建车间11个，投入资金1800余万元。"
                       "两地6支服务队常年开展活动，累计捐款260万元。\n")
    assert figures["32人次"]["region"] is None
    assert [figures[r]["region"] for r in ("7家", "11个", "1800余万元")] == ["yongdeng"] * 3
    assert figures["260万元"]["region"] is None


def test_a_word_that_names_the_province_aided_places_the_figure(tmp_path):
    # A story of 深圳's aid to 喀什: 援疆资金 is aid to Xinjiang, 进疆 goes to Xinjiang; the article's topic
    # place (喀什, the helped place it names) does not override the clause's own word. 19个援疆省市 are the
    # helpers, no one place; a county named once (莎车县, where schools were built) is no topic.
    figures = _figures(tmp_path, "喀什展销周开幕\n\n五年来，深圳市累计投入援疆资金31.5亿元，选派干部212名进疆，"
                       "在19个援疆省市中名列前茅。深圳在喀什地区莎车县援建学校9所。\n\n今年以来，又选派教师86名进疆支教。"
                       "深圳企业向当地捐款800万元。\n")
    assert (figures["31.5亿元"]["region"], figures["212名"]["region"]) == ("xinjiang", "xinjiang")
    assert figures["86名"]["region"] == "xinjiang"  # no place in its sentence: still the word's, not 喀什
    assert figures["19个"]["region"] is None
    assert figures["9所"]["region"] == "shache"
    assert figures["800万元"]["region"] == "kashi"  # the article's helped place, not 莎车 named once


def test_a_sentence_of_no_place_goes_on_with_the_place_its_paragraph_is_about(tmp_path):
    # An article of 厦门's help to 临夏 that also names 兰州 once: the helped places lie in 甘肃 only, so a
    # sentence of no place was 甘肃's. The paragraph before it is about 临夏: its figures are 临夏's.
    figures = _figures(tmp_path, "厦门临夏协作\n\n厦门市累计向临夏州投入帮扶资金8亿元。兰州举办了推介会。\n\n"
                       "厦门市注重引导企业到临夏投资兴业。2020年已引进企业26家、实际投资额2.1亿元，带动贫困户6300人。\n\n"
                       "厦门企业今年捐款300万元。\n")
    assert [figures[r]["region"] for r in ("26家", "2.1亿元", "6300人")] == ["linxia"] * 3
    assert figures["300万元"]["region"] == "gansu"  # a paragraph that names no place: the article's, as before


def test_aid_words_give_the_aided_place_and_count_the_helpers(tmp_path):
    # 西藏昌都 named first: what the sentence's 援藏 clauses say is 昌都's; each helper province's own
    # segment (天津市对口援藏项目…) is aid to 西藏, not the helper's; 全国对口援藏 is 西藏's,
    # not the nation's; 援藏三省市 and 来自15个省市的…援藏干部 count the helpers; a region's GDP is no aid.
    figures = _figures(tmp_path, "援藏成效\n\n新华社拉萨电 1995年以来，西藏昌都累计接受三省市对口援藏项目2100个，"
                       "援藏资金超过60亿元，援藏干部达900名。天津市对口援藏项目600个、援藏资金18亿元；重庆市对口援藏项目500个、援藏资金15亿元。"
                       "2021年，全国对口援藏共实施援藏项目760个，完成投资350亿元。来自中央和15个省市的1800名援藏干部进藏。"
                       "在援藏三省市的帮助下，地区生产总值从1995年的6亿元增长到2020年的240亿元。\n")
    assert [figures[r]["region"] for r in ("2100个", "超过60亿元", "900名")] == ["changdu"] * 3
    assert [figures[r]["region"] for r in ("600个", "18亿元", "500个", "15亿元")] == ["xizang"] * 4
    assert (figures["760个"]["region"], figures["350亿元"]["region"]) == ("xizang", "xizang")
    assert figures["15个"]["region"] is None and figures["三省市"]["region"] is None
    assert (figures["6亿元"]["metric"], figures["6亿元"]["part_of"]) == ("gdp", None)  # not in the 援藏资金


def test_an_aid_word_in_an_earlier_clause_leaves_a_sentence_that_names_the_aided_province_alone(tmp_path):
    # 这里 is 达孜 (the sentence before); 西藏 in the sentence is where the park is famous, 江苏援藏 how it grew:
    # neither the province nor the helper is the 300 enterprises' place
    figures = _figures(tmp_path, "江苏援藏\n\n达孜工业园区位于拉萨市达孜区。20多年前这里几乎没有企业，在江苏援藏的有力支持下，"
                       "这里成为西藏有名的产业园区，入驻300多家企业。\n")
    assert figures["300多家"]["region"] == "dazi"


def test_the_helped_county_named_throughout_not_its_city_named_once(tmp_path):
    # 鼓楼区 helps 渭源县 (named four times); 定西市 once, as where 渭源 lies: a helper's sentence of no
    # place is 渭源's, not 定西's (the city holding it)
    figures = _figures(tmp_path, "鼓楼渭源协作\n\n渭源县位于甘肃省定西市。三年来，鼓楼区累计向渭源县投入帮扶资金1.2亿元。"
                       "渭源县贫困发生率降到0.5%。\n\n今年来，鼓楼区继续加大帮扶力度，目前到位帮扶资金3200万元。"
                       "渭源县新增车间8家。\n")
    assert figures["3200万元"]["region"] == "weiyuan-dingxi"
