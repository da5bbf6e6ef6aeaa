"""Parts and totals the outside review found wrong: a 其中 count of places said by another word
for their level, a total written after its parts (共计), and what 另有 adds besides a total.
Every expectation is read off the sentence by hand; the comment beside it says how."""

from __future__ import annotations

from qdaid.pipeline.records import extract

from .test_place_fixes import _figures  # raw → figure record, part_of as the raw of its total


def test_a_qizhong_count_of_districts_and_counties_is_part_of_the_counties(tmp_path):
    figures = _figures(tmp_path, "毕节市脱贫攻坚\n\n"
                       "本报讯 全市10个县全部脱贫摘帽，其中七星关区、大方县等6个区县提前一年脱贫。\n")
    assert figures["6个"]["part_of"] == "10个"  # 其中: six of the ten, 区县 and 县 one level



def test_what_lingyou_adds_is_no_part_of_the_total_before_qizhong(tmp_path):
    figures = _figures(tmp_path, "成都扶贫\n\n"
                       "本报讯 2020年，成都市累计培训农民500人，其中，种植能手120人，养殖能手380人，"
                       "另有返乡青年45人。\n")
    assert figures["120人"]["part_of"] == "500人"  # 其中: 120 + 380 = 500
    assert figures["380人"]["part_of"] == "500人"
    assert figures["45人"]["part_of"] is None  # 另有: besides the 500, so 545 in all


def test_a_total_written_after_its_parts_holds_them(tmp_path):
    figures = _figures(tmp_path, "厦门临夏协作\n\n"
                       "本报讯 2020年，厦门市为临夏州培训村医45名、教师75名，合计120名。"
                       "当年又培训护士40名、厨师20名，共计60名技术人员。\n")
    assert figures["45名"]["part_of"] == "120名"  # 45 + 75 = 120, said after them with 合计
    assert figures["75名"]["part_of"] == "120名"
    assert figures["40名"]["part_of"] == "60名"  # 40 + 20 = 60, 共计 opening its clause
    assert figures["20名"]["part_of"] == "60名"
    assert figures["120名"]["part_of"] is None  # another sentence's total: not the sum of these


def test_a_figure_after_gong_that_is_not_the_sum_holds_nothing(tmp_path):
    figures = _figures(tmp_path, "厦门临夏协作\n\n"
                       "本报讯 2020年，厦门市为临夏州培训村医45名、教师75名，共计培训8期。\n")
    assert figures["45名"]["part_of"] is None  # 8期 counts sessions, not people
    assert figures["75名"]["part_of"] is None




def test_a_breakdowns_item_as_large_as_its_total_is_all_of_it(tmp_path):
    # written for this test: every one of the 30 cooperatives is a model one; counted once, they are
    # part of the 30 (a total would count 60 otherwise)
    import json

    from qdaid.pipeline.records import extract
    path = tmp_path / "t.txt"
    path.write_text("标题\n全县共建成车间12个、合作社30个,其中,省级示范合作社30个,均已投产。\n", "utf-8")
    path.with_suffix(".meta.json").write_text(json.dumps({"id": "t", "date": "2021-02-25"}), "utf-8")
    found = sorted(extract([path])["figures"], key=lambda f: f["start"])
    assert [(f["raw"], f["unit"]) for f in found] == [("12个", "workshop"), ("30个", "cooperative"), ("30个", "cooperative")]
    assert found[2]["part_of"] == found[1]["id"]


def test_what_zhongyou_says_of_an_amount_is_part_of_it(tmp_path):
    # 投入的2.6亿元中有0.9亿元…，有0.7亿元…: both are of the 2.6亿 (中有: "of which there is"); 另投入 is not
    found = _figures(tmp_path, "标题\n\n在凉山州，宁波投入的2.6亿元中有0.9亿元用在了布拖县，有0.7亿元用在了医疗。"
                               "另投入资金0.5亿元。\n")
    assert [found[r]["part_of"] for r in ("0.9亿元", "0.7亿元", "0.5亿元")] == ["2.6亿元", "2.6亿元", None]


def test_an_exact_amount_written_again_is_of_the_period_first_told(tmp_path):
    # 去年宁波…提供…6.2亿元，其中凉山4.1亿元: 2019's (a report of 2020); …宁波投入的4.1亿元中有1.5亿元…: the same
    # money, 2019's, and so its part; a different amount written once stays undated
    path = tmp_path / "a.txt"
    path.write_text("标题\n去年宁波向两州提供财政援助资金6.2亿元，其中凉山4.1亿元、延边2.1亿元。\n"
                    "在凉山州，宁波投入的4.1亿元中有1.5亿元用在了深度贫困县。宁波企业捐赠3000万元。\n", "utf-8")
    path.with_suffix(".meta.json").write_text('{"id": "a", "date": "2020-04-20"}', "utf-8")
    later = {f["raw"]: f for f in extract([path])["figures"] if f["paragraph"] == 3}
    again, part, other = later["4.1亿元"], later["1.5亿元"], later["3000万元"]
    assert [(f["period_start"], f["period_end"]) for f in (again, part, other)] == [(2019, 2019), (2019, 2019), (None, None)]


def test_a_subheading_that_repeats_a_body_figure_points_to_it(tmp_path):
    # The title and a subheading (a short line of no punctuation) both repeat the body's 420个 of 2019:
    # both point to the body's figure (not the title to the subheading) and take its year
    path = tmp_path / "h.txt"
    path.write_text("帮助9个贫困县摘帽 实施扶贫项目420个\n两州脱贫攻坚成效明显。\n420个扶贫项目惠及群众12万\n"
                    "去年，两州共安排扶贫项目420个，惠及贫困人口超12万人。\n", "utf-8")
    path.with_suffix(".meta.json").write_text('{"id": "h", "date": "2020-04-20"}', "utf-8")
    found = extract([path])["figures"]
    title, heading, body = (next(f for f in found if f["raw"] == "420个" and f["paragraph"] == n) for n in (1, 3, 4))
    assert (title["part_of"], heading["part_of"], body["part_of"]) == (body["id"], body["id"], None)
    assert (heading["period_start"], heading["period_end"]) == (2019, 2019)
