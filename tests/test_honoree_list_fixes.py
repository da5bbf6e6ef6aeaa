"""Honoree lists the outside review found broken: a sex or a people in the brackets before the
post, a table under the sentence that introduces it, and 我市 before a run of names. Every
expectation is read off the sentence by hand; the comment beside it says how."""

from __future__ import annotations

import json

from qdaid.pipeline.records import extract


def _honorees(tmp_path, text: str) -> list[tuple]:
    path = tmp_path / "a.txt"
    path.write_text(text, "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "a", "date": "2021-02-26"}), "utf-8")
    return [(h["name"], h["kind"], h["post"]) for h in extract([path])["honorees"]]


def test_a_sex_or_a_people_in_the_brackets_before_the_post(tmp_path):
    found = _honorees(tmp_path, "河北省脱贫攻坚奖评选结果揭晓\n\n"
                      "贡献奖：周梅（女，阜平县扶贫办副主任）、马林（回族，涞源县某村党支部书记）、"
                      "孙强（威县农业农村局局长）\n")
    assert found == [
        ("周梅", "individual", "阜平县扶贫办副主任"),  # 女， is her sex, the post follows it
        ("马林", "individual", "涞源县某村党支部书记"),  # 回族， his people
        ("孙强", "individual", "威县农业农村局局长"),  # the brackets hold the post alone
    ]


def test_a_table_under_the_sentence_that_introduces_it(tmp_path):
    found = _honorees(tmp_path, "甘肃省表彰脱贫攻坚先进\n\n"
                      "本报讯 近日，甘肃省召开会议，表彰一批脱贫攻坚先进个人。获表彰人员名单如下：\n\n"
                      "序号\t姓名\t工作单位及职务\n"
                      "1\t郭平\t甘肃省乡村振兴局副局长\n"
                      "2\t冯兰（女）\t临夏州东乡县扶贫办主任\n")
    assert found == [
        ("郭平", "individual", "甘肃省乡村振兴局副局长"),  # the table's first row: number, name, post
        ("冯兰", "individual", "临夏州东乡县扶贫办主任"),  # （女） is her sex, not her post
    ]  # 先进个人 in the sentence above says they are people; the header row names no one


def test_our_county_before_a_run_of_names_is_no_part_of_the_first(tmp_path):
    found = _honorees(tmp_path, "紫云县表彰大会召开\n\n"
                      "本报讯 我县罗勇、杨梅2名先进个人和县教育局、县卫健局2个先进集体受到表彰。\n")
    assert found == [
        ("罗勇", "individual", None),  # 我县 says whose they are: the first name is 罗勇
        ("杨梅", "individual", None),
        ("县教育局", "collective", None),  # 2个先进集体: the two bodies before it
        ("县卫健局", "collective", None),
    ]


def test_who_is_given_an_honour_s_title(tmp_path):
    found = _honorees(tmp_path, "黔南州表彰大会召开\n\n"
                      "本报讯 荔波县扶贫办主任吴刚被授予“全国脱贫攻坚先进个人”称号。"
                      "会上，张华作了发言。\n")
    assert found == [("吴刚", "individual", "荔波县扶贫办主任")]  # post, name, 被授予“…先进个人”称号


def test_award_lines_under_a_heading_of_the_awards(tmp_path):
    found = _honorees(tmp_path, "山西省脱贫攻坚奖名单\n\n"
                      "奉献奖：高峰（岢岚县扶贫办主任）、白雪（女，静乐县某村驻村第一书记）\n\n"
                      "创新奖：曹阳（临县农业农村局局长）\n")
    assert found == [
        ("高峰", "individual", "岢岚县扶贫办主任"),  # the award, a colon, then its winners
        ("白雪", "individual", "静乐县某村驻村第一书记"),
        ("曹阳", "individual", "临县农业农村局局长"),
    ]  # 奉献奖 and 创新奖 are awards, no one's name, though the title above is a heading
